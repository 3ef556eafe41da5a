// Writing YAML: go-cty-yaml's emitter (libyaml's as yaml.v2 ports it: 2-space indent, line width 80) for the event
// shapes yamlencode produces, and yamlmerge (Atlas's deep merge, re-encoded in yaml.v3's layout).

extension YAML {
  struct Emitter {
    private var out: [UInt8] = []
    private var column = 0
    private var indent = -1
    private var indents: [Int] = []
    private var whitespace = true
    private var indention = true
    private var openEnded = false
    private var flowLevel = 0
    private let bestIndent = 2
    private let bestWidth = 80

    /// go-cty-yaml's Marshal: strings double-quoted (literal `|` when they hold a line break), numbers, bools and
    /// null plain, mappings and sequences in block style with keys sorted, empty ones as `{}` and `[]`.
    static func encode(_ value: Value) -> String {
      var e = Emitter()
      e.node(value, root: true, sequence: false, mapping: false, simpleKey: false)
      e.writeIndent()  // document end
      if e.openEnded {
        e.writeIndicator("...", needWhitespace: true, isWhitespace: false, isIndention: false)
        e.writeIndent()
      }
      return String(decoding: e.out, as: UTF8.self)
    }

    // MARK: Output primitives (libyaml's put, write, write_indent, write_indicator)

    private mutating func put(_ byte: UInt8) {
      out.append(byte)
      column += 1
    }

    private mutating func putBreak() {
      out.append(10)
      column = 0
    }

    /// Copies one character (all its UTF-8 bytes) and counts one column.
    private mutating func write(_ value: [UInt8], _ i: inout Int) {
      let w = Emitter.width(value[i])
      out.append(contentsOf: value[i..<min(value.count, i + w)])
      column += 1
      i += w
    }

    private mutating func writeBreak(_ value: [UInt8], _ i: inout Int) {
      if value[i] == 10 {
        putBreak()
        i += 1
      } else {
        write(value, &i)
        column = 0
      }
    }

    private mutating func increaseIndent(flow: Bool, indentless: Bool) {
      indents.append(indent)
      if indent < 0 {
        indent = flow ? bestIndent : 0
      } else if !indentless {
        indent += bestIndent
      }
    }

    private mutating func popIndent() { indent = indents.popLast() ?? -1 }

    private mutating func writeIndent() {
      let target = max(indent, 0)
      if !indention || column > target || (column == target && !whitespace) { putBreak() }
      while column < target { put(32) }
      whitespace = true
      indention = true
    }

    private mutating func writeIndicator(_ indicator: String, needWhitespace: Bool, isWhitespace: Bool, isIndention: Bool) {
      if needWhitespace && !whitespace { put(32) }
      let bytes = Array(indicator.utf8)
      var i = 0
      while i < bytes.count { write(bytes, &i) }
      whitespace = isWhitespace
      indention = indention && isIndention
      openEnded = false
    }

    // MARK: Nodes

    private mutating func node(_ value: Value, root: Bool, sequence: Bool, mapping: Bool, simpleKey: Bool) {
      switch value.content {
      case .null, .unknown:
        plainScalar("null", root: root)
      case .bool(let b):
        plainScalar(b ? "true" : "false", root: root)
      case .number(let n):
        plainScalar(NumberFormat.format(n), root: root)
      case .string(let s):
        stringScalar(Array(s.utf8), simpleKey: simpleKey)
      case .elements(let items):
        if items.isEmpty {
          emptyFlow("[", "]")
          return
        }
        increaseIndent(flow: false, indentless: mapping && !indention)
        for item in items {
          writeIndent()
          writeIndicator("-", needWhitespace: true, isWhitespace: false, isIndention: true)
          node(item, root: false, sequence: true, mapping: false, simpleKey: false)
        }
        popIndent()
      case .attributes(let attributes):
        if attributes.isEmpty {
          emptyFlow("{", "}")
          return
        }
        increaseIndent(flow: false, indentless: false)
        for key in attributes.keys.sorted(by: Value.keyOrder) {
          writeIndent()
          let bytes = Array(key.utf8)
          let analysis = Analysis(bytes)
          if !analysis.multiline && bytes.count <= 128 {
            stringScalar(bytes, simpleKey: true)
            writeIndicator(":", needWhitespace: false, isWhitespace: false, isIndention: false)
          } else {
            writeIndicator("?", needWhitespace: true, isWhitespace: false, isIndention: true)
            stringScalar(bytes, simpleKey: false)
            writeIndent()
            writeIndicator(":", needWhitespace: true, isWhitespace: false, isIndention: true)
          }
          if let v = attributes[key] { node(v, root: false, sequence: false, mapping: true, simpleKey: false) }
        }
        popIndent()
      }
    }

    private mutating func emptyFlow(_ open: String, _ close: String) {
      writeIndicator(open, needWhitespace: true, isWhitespace: true, isIndention: false)
      increaseIndent(flow: true, indentless: false)
      flowLevel += 1
      flowLevel -= 1
      popIndent()
      writeIndicator(close, needWhitespace: false, isWhitespace: false, isIndention: false)
    }

    /// Numbers, bools and null: always plain-safe, so written as they are.
    private mutating func plainScalar(_ text: String, root: Bool) {
      increaseIndent(flow: true, indentless: false)
      if !whitespace { put(32) }
      let bytes = Array(text.utf8)
      var i = 0
      while i < bytes.count { write(bytes, &i) }
      whitespace = false
      indention = false
      if root { openEnded = true }
      popIndent()
    }

    /// A string: literal style when it holds "\n" and a block scalar can show it, double-quoted otherwise.
    private mutating func stringScalar(_ value: [UInt8], simpleKey: Bool) {
      let analysis = Analysis(value)
      var literal = value.contains(10)
      if literal && (!analysis.blockAllowed || flowLevel > 0 || simpleKey) { literal = false }
      increaseIndent(flow: true, indentless: false)
      if literal {
        literalScalar(value)
      } else {
        doubleQuoted(value, allowBreaks: !simpleKey)
      }
      popIndent()
    }

    private mutating func doubleQuoted(_ value: [UInt8], allowBreaks: Bool) {
      var spaces = false
      writeIndicator("\"", needWhitespace: true, isWhitespace: false, isIndention: false)
      // libyaml checks for a byte-order mark at the start of the value, not at each character.
      let startsWithBOM = value.starts(with: [0xEF, 0xBB, 0xBF])
      var i = 0
      while i < value.count {
        let c = value[i]
        if !Emitter.isPrintable(value, i) || startsWithBOM || Emitter.isBreak(value, i) || c == 34 || c == 92 {
          let w = Emitter.width(c)
          var v: UInt32 =
            switch w {
            case 1: UInt32(c & 0x7F)
            case 2: UInt32(c & 0x1F)
            case 3: UInt32(c & 0x0F)
            default: UInt32(c & 0x07)
            }
          for k in 1..<max(w, 1) where i + k < value.count { v = (v << 6) + UInt32(value[i + k] & 0x3F) }
          i += w
          put(92)
          switch v {
          case 0x00: put(UInt8(ascii: "0"))
          case 0x07: put(UInt8(ascii: "a"))
          case 0x08: put(UInt8(ascii: "b"))
          case 0x09: put(UInt8(ascii: "t"))
          case 0x0A: put(UInt8(ascii: "n"))
          case 0x0B: put(UInt8(ascii: "v"))
          case 0x0C: put(UInt8(ascii: "f"))
          case 0x0D: put(UInt8(ascii: "r"))
          case 0x1B: put(UInt8(ascii: "e"))
          case 0x22: put(UInt8(ascii: "\""))
          case 0x5C: put(UInt8(ascii: "\\"))
          case 0x85: put(UInt8(ascii: "N"))
          case 0xA0: put(UInt8(ascii: "_"))
          case 0x2028: put(UInt8(ascii: "L"))
          case 0x2029: put(UInt8(ascii: "P"))
          default:
            let digits: Int
            if v <= 0xFF {
              put(UInt8(ascii: "x"))
              digits = 2
            } else if v <= 0xFFFF {
              put(UInt8(ascii: "u"))
              digits = 4
            } else {
              put(UInt8(ascii: "U"))
              digits = 8
            }
            for k in stride(from: (digits - 1) * 4, through: 0, by: -4) {
              let digit = UInt8((v >> UInt32(k)) & 0x0F)
              put(digit < 10 ? digit + 48 : digit + 55)
            }
          }
          spaces = false
        } else if c == 32 {
          if allowBreaks && !spaces && column > bestWidth && i > 0 && i < value.count - 1 {
            writeIndent()
            if i + 1 < value.count && value[i + 1] == 32 { put(92) }
            i += 1
          } else {
            write(value, &i)
          }
          spaces = true
        } else {
          write(value, &i)
          spaces = false
        }
      }
      writeIndicator("\"", needWhitespace: false, isWhitespace: false, isIndention: false)
      whitespace = false
      indention = false
    }

    private mutating func literalScalar(_ value: [UInt8]) {
      writeIndicator("|", needWhitespace: true, isWhitespace: false, isIndention: false)
      // Block scalar hints: an indentation indicator when the text starts with a space or break, and chomping.
      if let first = value.first, first == 32 || Emitter.isBreak(value, 0) {
        writeIndicator(String(bestIndent), needWhitespace: false, isWhitespace: false, isIndention: false)
      }
      openEnded = false
      var chomp = ""
      if value.isEmpty {
        chomp = "-"
      } else {
        var i = value.count - 1
        while i > 0 && value[i] & 0xC0 == 0x80 { i -= 1 }
        if !Emitter.isBreak(value, i) {
          chomp = "-"
        } else if i == 0 {
          chomp = "+"
        } else {
          i -= 1
          while i > 0 && value[i] & 0xC0 == 0x80 { i -= 1 }
          if Emitter.isBreak(value, i) { chomp = "+" }
        }
      }
      if !chomp.isEmpty { writeIndicator(chomp, needWhitespace: false, isWhitespace: false, isIndention: false) }
      putBreak()
      indention = true
      whitespace = true
      var breaks = true
      var i = 0
      while i < value.count {
        if Emitter.isBreak(value, i) {
          writeBreak(value, &i)
          indention = true
          breaks = true
        } else {
          if breaks { writeIndent() }
          write(value, &i)
          indention = false
          breaks = false
        }
      }
    }

    // MARK: Character classes (libyaml's, on UTF-8 bytes)

    static func width(_ b: UInt8) -> Int {
      if b & 0x80 == 0 { return 1 }
      if b & 0xE0 == 0xC0 { return 2 }
      if b & 0xF0 == 0xE0 { return 3 }
      if b & 0xF8 == 0xF0 { return 4 }
      return 1
    }

    static func at(_ b: [UInt8], _ i: Int) -> UInt8 { i < b.count ? b[i] : 0 }

    static func isBreak(_ b: [UInt8], _ i: Int) -> Bool {
      let c = at(b, i)
      return c == 13 || c == 10 || (c == 0xC2 && at(b, i + 1) == 0x85)
        || (c == 0xE2 && at(b, i + 1) == 0x80 && (at(b, i + 2) == 0xA8 || at(b, i + 2) == 0xA9))
    }

    /// libyaml's is_printable: note that 4-byte characters (emoji) are not, so they are escaped.
    static func isPrintable(_ b: [UInt8], _ i: Int) -> Bool {
      let c = at(b, i)
      let n = at(b, i + 1)
      return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c == 0xC2 && n >= 0xA0) || (c > 0xC2 && c < 0xED)
        || (c == 0xED && n < 0xA0) || c == 0xEE
        || (c == 0xEF && !(n == 0xBB && at(b, i + 2) == 0xBF) && !(n == 0xBF && (at(b, i + 2) == 0xBE || at(b, i + 2) == 0xBF)))
    }

    /// What libyaml's analyze_scalar decides about a value (the parts the styles here depend on).
    struct Analysis {
      var multiline = false
      var blockAllowed = true
      var blockPlainAllowed = true
      var singleQuotedAllowed = true

      init(_ value: [UInt8]) {
        guard !value.isEmpty else {
          blockAllowed = false
          return
        }
        var blockIndicators = false
        var lineBreaks = false
        var special = false
        var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
        var breakSpace = false, spaceBreak = false
        var previousSpace = false, previousBreak = false
        if value.count >= 3 && (value.starts(with: Array("---".utf8)) || value.starts(with: Array("...".utf8))) {
          blockIndicators = true
        }
        var precededByWhitespace = true
        var i = 0
        while i < value.count {
          let w = Emitter.width(value[i])
          let next = Emitter.at(value, i + w)
          let followedByWhitespace = i + w >= value.count || next == 32 || next == 9 || Emitter.isBreak(value, i + w)
          let c = value[i]
          if i == 0 {
            switch c {
            case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
              UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
              UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
              UInt8(ascii: "`"):
              blockIndicators = true
            case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "-"):
              if followedByWhitespace { blockIndicators = true }
            default: break
            }
          } else {
            if c == UInt8(ascii: ":") && followedByWhitespace { blockIndicators = true }
            if c == UInt8(ascii: "#") && precededByWhitespace { blockIndicators = true }
          }
          if !Emitter.isPrintable(value, i) { special = true }
          if c == 32 {
            if i == 0 { leadingSpace = true }
            if i + w == value.count { trailingSpace = true }
            if previousBreak { breakSpace = true }
            previousSpace = true
            previousBreak = false
          } else if Emitter.isBreak(value, i) {
            lineBreaks = true
            if i == 0 { leadingBreak = true }
            if i + w == value.count { trailingBreak = true }
            if previousSpace { spaceBreak = true }
            previousSpace = false
            previousBreak = true
          } else {
            previousSpace = false
            previousBreak = false
          }
          precededByWhitespace = c == 32 || c == 9 || Emitter.isBreak(value, i)
          i += w
        }
        multiline = lineBreaks
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak { blockPlainAllowed = false }
        if trailingSpace { blockAllowed = false }
        if breakSpace {
          blockPlainAllowed = false
          singleQuotedAllowed = false
        }
        if spaceBreak || special {
          blockPlainAllowed = false
          singleQuotedAllowed = false
          blockAllowed = false
        }
        if lineBreaks || blockIndicators { blockPlainAllowed = false }
      }
    }
  }
}

// MARK: - yamlmerge (Atlas's schemahcl/stdlib.go through yaml.v3)

extension YAML {
  /// What yaml.v3 decodes a document into when the target is `map[string]any`.
  indirect enum GoValue {
    case null
    case bool(Bool)
    case int(String)
    case float(Double)
    case string(String)
    case list([GoValue])
    case map([String: GoValue])
  }

  static func merge(_ args: [Value]) throws(FunctionError) -> String {
    var destination: [String: GoValue] = [:]
    for (index, arg) in args.enumerated() {
      guard let text = arg.stringValue else { continue }  // null arguments are skipped
      let source: [String: GoValue]
      do throws(YAMLError) {
        source = try v3Decode(text)
      } catch {
        throw FunctionError("yamlmerge: failed to unmarshal yaml: \(error.message)", argument: index)
      }
      if let problem = deepMerge(&destination, source) {
        throw FunctionError("yamlmerge: failed to merge yaml: \(problem)", argument: index)
      }
    }
    var printer = V3Printer()
    printer.mapping(destination, indent: 0, inline: false)
    if destination.isEmpty { return "{}\n" }
    return String(decoding: printer.out, as: UTF8.self)
  }

  /// Atlas's deepMerge: mappings merge key by key, sequences append, anything else replaces; a mapping or sequence
  /// meeting a different kind is an error.
  static func deepMerge(_ destination: inout [String: GoValue], _ source: [String: GoValue]) -> String? {
    for key in source.keys.sorted() {
      guard let value = source[key] else { continue }
      switch value {
      case .map(let m):
        var inner: [String: GoValue]
        switch destination[key] {
        case nil: inner = [:]
        case .map(let existing)?: inner = existing
        default: return "key \(key) is defined in both src and dst, but has a different type"
        }
        if let problem = deepMerge(&inner, m) { return problem }
        destination[key] = .map(inner)
      case .list(let l):
        switch destination[key] {
        case nil: destination[key] = .list(l)
        case .list(let existing)?: destination[key] = .list(existing + l)
        default: return "key \(key) is defined in both src and dst, but has a different type"
        }
      default:
        destination[key] = value
      }
    }
    return nil
  }

  static func v3Decode(_ text: String) throws(YAMLError) -> [String: GoValue] {
    var parser = YAMLParser(text)
    let root: YAMLNode?
    do throws(YAMLError) {
      root = try parser.parseDocument()
    } catch {
      throw YAMLError(message: "yaml: line \(error.line + 1): \(error.message)", line: error.line, column: error.column)
    }
    guard let root else { return [:] }
    var anchors: [String: GoValue] = [:]
    var pending: Set<String> = []
    let value = try v3Value(root, &anchors, &pending, depth: 0)
    switch value {
    case .null: return [:]
    case .map(let m): return m
    default:
      var kind = "!!str"
      var shown = ""
      switch root.kind {
      case .sequence: kind = "!!seq"
      case .scalar(let s, _):
        kind = "!!\(v3Tag(s, root).dropFirst("tag:yaml.org,2002:".count))"
        shown = " `\(s)`"
      default: break
      }
      throw YAMLError(message: "yaml: unmarshal errors:\n  line \(root.line + 1): cannot unmarshal \(kind)\(shown) into map[string]interface {}", line: root.line, column: root.column)
    }
  }

  private static func v3Tag(_ s: String, _ node: YAMLNode) -> String {
    if !node.tag.isEmpty { return node.tag }
    if case .scalar(_, let style) = node.kind, style != .plain { return strTag }
    switch v3Resolve(s) {
    case .null: return nullTag
    case .bool: return boolTag
    case .int: return intTag
    case .float: return floatTag
    default: return strTag
    }
  }

  private static func v3Value(_ node: YAMLNode, _ anchors: inout [String: GoValue], _ pending: inout Set<String>, depth: Int)
    throws(YAMLError) -> GoValue
  {
    var sizes: [String: Int] = [:]
    var total = 0
    return try v3Value(node, &anchors, &pending, &sizes, &total, depth: depth)
  }

  /// `total` counts the nodes of the decoded value with aliases expanded (refused beyond `maxNodes`).
  private static func v3Value(
    _ node: YAMLNode, _ anchors: inout [String: GoValue], _ pending: inout Set<String>, _ sizes: inout [String: Int],
    _ total: inout Int, depth: Int
  ) throws(YAMLError) -> GoValue {
    guard depth < YAMLParser.maxDepth else { throw YAMLError(message: "yaml: document nested too deeply", line: node.line, column: node.column) }
    let before = total
    total += 1
    guard total <= maxNodes else {
      throw YAMLError(message: "yaml: document contains excessive aliasing", line: node.line, column: node.column)
    }
    if !node.anchor.isEmpty { pending.insert(node.anchor) }
    let value: GoValue
    switch node.kind {
    case .alias(let name):
      if pending.contains(name) {
        throw YAMLError(message: "yaml: anchor '\(name)' value contains itself", line: node.line, column: node.column)
      }
      guard let v = anchors[name] else {
        throw YAMLError(message: "yaml: line \(node.line + 1): unknown anchor '\(name)' referenced", line: node.line, column: node.column)
      }
      total += sizes[name] ?? 1
      guard total <= maxNodes else {
        throw YAMLError(message: "yaml: document contains excessive aliasing", line: node.line, column: node.column)
      }
      value = v
    case .scalar(let s, let style):
      if node.tag == strTag || style != .plain {
        value = .string(s)
      } else {
        value = v3Resolve(s)
      }
    case .sequence(let items):
      var out: [GoValue] = []
      for item in items { out.append(try v3Value(item, &anchors, &pending, &sizes, &total, depth: depth + 1)) }
      value = .list(out)
    case .mapping(let entries):
      var out: [String: GoValue] = [:]
      var merged: [String: GoValue] = [:]
      for (key, v) in entries {
        let keyText: String
        switch key.kind {
        case .scalar(let s, let style):
          if style == .plain && s == "<<" && key.tag.isEmpty {
            switch try v3Value(v, &anchors, &pending, &sizes, &total, depth: depth + 1) {
            case .map(let m): for (k, mv) in m where merged[k] == nil { merged[k] = mv }
            case .list(let maps):
              for case .map(let m) in maps { for (k, mv) in m where merged[k] == nil { merged[k] = mv } }
            default:
              throw YAMLError(message: "yaml: map merge requires map or sequence of maps as the value", line: v.line, column: v.column)
            }
            continue
          }
          keyText = s
        case .alias(let name):
          guard case .string(let s)? = anchors[name] else { continue }
          keyText = s
        default:
          throw YAMLError(message: "yaml: invalid map key", line: key.line, column: key.column)
        }
        out[keyText] = try v3Value(v, &anchors, &pending, &sizes, &total, depth: depth + 1)
      }
      for (k, mv) in merged where out[k] == nil { out[k] = mv }
      value = .map(out)
    }
    if !node.anchor.isEmpty {
      pending.remove(node.anchor)
      anchors[node.anchor] = value
      sizes[node.anchor] = total - before
    }
    return value
  }

  /// yaml.v3's `resolve("", s)` for a plain scalar decoded into `any` (timestamps stay strings).
  static func v3Resolve(_ s: String) -> GoValue {
    switch s {
    case "true", "True", "TRUE": return .bool(true)
    case "false", "False", "FALSE": return .bool(false)
    case "", "~", "null", "Null", "NULL": return .null
    case ".nan", ".NaN", ".NAN": return .float(.nan)
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
    case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
    default: break
    }
    guard let first = s.utf8.first else { return .string(s) }
    if first == UInt8(ascii: ".") {
      if let d = Double(s), NumberFormat.parse(s) != nil { return .float(d) }
      return .string(s)
    }
    guard first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || (first >= 48 && first <= 57) else { return .string(s) }
    let plain = s.replacingAll("_", with: "")
    if let n = goInteger(plain) { return .int(n) }
    if isFloatLiteral(plain), let d = Double(plain.hasPrefix("+") ? String(plain.dropFirst()) : plain) { return .float(d) }
    return .string(s)
  }

  /// Go's ParseInt/ParseUint with base 0, as decimal text.
  static func goInteger(_ s: String) -> String? {
    var text = Substring(s)
    var negative = false
    if text.first == "+" || text.first == "-" {
      negative = text.first == "-"
      text = text.dropFirst()
    }
    var radix = 10
    for (prefix, r) in [("0x", 16), ("0X", 16), ("0o", 8), ("0O", 8), ("0b", 2), ("0B", 2)] where text.hasPrefix(prefix) {
      radix = r
      text = text.dropFirst(2)
      break
    }
    if radix == 10 && text.count > 1 && text.hasPrefix("0") {
      radix = 8
      text = text.dropFirst()
    }
    guard !text.isEmpty, text.allSatisfy({ $0.isHexDigit }), let magnitude = UInt64(text, radix: radix) else { return nil }
    if negative {
      guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
      return magnitude == 0 ? "0" : "-\(magnitude)"
    }
    return "\(magnitude)"
  }

  /// yaml.v3's key order for string keys (sorter.go): letters before digits, runs of digits compared as numbers.
  static func v3KeyLess(_ a: String, _ b: String) -> Bool {
    let ar = Array(a.unicodeScalars)
    let br = Array(b.unicodeScalars)
    func isDigit(_ s: Unicode.Scalar) -> Bool { s.properties.generalCategory == .decimalNumber }
    func isLetter(_ s: Unicode.Scalar) -> Bool {
      switch s.properties.generalCategory {
      case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
      default: false
      }
    }
    func digitValue(_ s: Unicode.Scalar) -> Int64 { Int64(s.properties.numericValue ?? 0) }
    var digits = false
    var i = 0
    while i < ar.count && i < br.count {
      if ar[i] == br[i] {
        digits = isDigit(ar[i])
        i += 1
        continue
      }
      let al = isLetter(ar[i])
      let bl = isLetter(br[i])
      if al && bl { return ar[i].value < br[i].value }
      if al || bl { return digits ? al : bl }
      var an: Int64 = 0
      var bn: Int64 = 0
      if ar[i] == "0" || br[i] == "0" {
        var j = i - 1
        while j >= 0 && isDigit(ar[j]) {
          if ar[j] != "0" {
            an = 1
            bn = 1
            break
          }
          j -= 1
        }
      }
      var ai = i
      while ai < ar.count && isDigit(ar[ai]) {
        an = an &* 10 &+ digitValue(ar[ai])
        ai += 1
      }
      var bi = i
      while bi < br.count && isDigit(br[bi]) {
        bn = bn &* 10 &+ digitValue(br[bi])
        bi += 1
      }
      if an != bn { return an < bn }
      if ai != bi { return ai < bi }
      return ar[i].value < br[i].value
    }
    return ar.count < br.count
  }

  /// Go's strconv.FormatFloat(f, 'g', -1, 64), with yaml.v3's names for infinities and NaN.
  static func goFloat(_ d: Double) -> String {
    if d.isNaN { return ".nan" }
    if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
    if d == 0 { return d.sign == .minus ? "-0" : "0" }
    // Shortest digits and decimal exponent from Swift's round-trip description.
    let description = "\(d.magnitude)"
    var mantissa = description
    var exponent = 0
    if let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = String(description[..<e])
      exponent = Int(description[description.index(after: e)...]) ?? 0
    }
    let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    let intPart = parts.first.map(String.init) ?? ""
    let fracPart = parts.count > 1 ? String(parts[1]) : ""
    var digits = Array(intPart + fracPart)
    var point = intPart.count + exponent  // digits before the decimal point
    while digits.count > 1 && digits.first == "0" {
      digits.removeFirst()
      point -= 1
    }
    while digits.count > 1 && digits.last == "0" { digits.removeLast() }
    let x = point - 1
    var text: String
    if x < -4 || x >= 6 {  // %e form, as 'g' with the shortest precision decides
      text = String(digits.first ?? "0")
      if digits.count > 1 { text += "." + String(digits.dropFirst()) }
      let magnitude = abs(x)
      text += (x < 0 ? "e-" : "e+") + (magnitude < 10 ? "0" : "") + String(magnitude)
      return (d < 0 ? "-" : "") + text
    }
    if point <= 0 {
      text = "0." + String(repeating: "0", count: -point) + String(digits)
    } else if point >= digits.count {
      text = String(digits) + String(repeating: "0", count: point - digits.count)
    } else {
      text = String(digits[..<point]) + "." + String(digits[point...])
    }
    return (d < 0 ? "-" : "") + text
  }

  /// yaml.v3's Marshal layout for what yamlmerge produces: 4-space indentation (sequence items under a key
  /// indented too), keys in v3's natural order, strings plain where that reads back as the same string.
  struct V3Printer {
    var out: [UInt8] = []

    mutating func text(_ s: String) { out.append(contentsOf: Array(s.utf8)) }
    mutating func line(_ indent: Int) {
      if !out.isEmpty { out.append(10) }
      out.append(contentsOf: [UInt8](repeating: 32, count: indent))
    }

    static func mappingChild(_ indent: Int) -> Int { 4 * ((indent + 4) / 4) }

    mutating func mapping(_ m: [String: GoValue], indent: Int, inline: Bool) {
      for (index, key) in m.keys.sorted(by: YAML.v3KeyLess).enumerated() {
        if index > 0 || !inline { line(indent) }
        scalar(key, simpleKey: true, indent: V3Printer.mappingChild(indent))
        text(":")
        guard let value = m[key] else { continue }
        let child = V3Printer.mappingChild(indent)
        switch value {
        case .map(let inner) where !inner.isEmpty: mapping(inner, indent: child, inline: false)
        case .list(let items) where !items.isEmpty: sequence(items, indent: child)
        default:
          text(" ")
          leaf(value, indent: child)
        }
      }
      if !inline && indent == 0 && !m.isEmpty { out.append(10) }
    }

    mutating func sequence(_ items: [GoValue], indent: Int) {
      for item in items {
        line(indent)
        text("- ")
        switch item {
        case .map(let inner) where !inner.isEmpty: mapping(inner, indent: indent + 2, inline: true)
        case .list(let inner) where !inner.isEmpty:
          // A nested sequence starts on the same line as its parent's dash.
          var first = true
          for element in inner {
            if !first { line(indent + 2) }
            if !first { text("- ") } else { text("- ") }
            first = false
            switch element {
            case .map(let m) where !m.isEmpty: mapping(m, indent: indent + 4, inline: true)
            case .list(let l) where !l.isEmpty: sequence(l, indent: indent + 4)
            default: leaf(element, indent: indent + 4)
            }
          }
        default: leaf(item, indent: indent + 2)
        }
      }
    }

    mutating func leaf(_ value: GoValue, indent: Int) {
      switch value {
      case .null: text("null")
      case .bool(let b): text(b ? "true" : "false")
      case .int(let n): text(n)
      case .float(let d): text(YAML.goFloat(d))
      case .string(let s): scalar(s, simpleKey: false, indent: indent)
      case .map: text("{}")
      case .list: text("[]")
      }
    }

    /// yaml.v3's stringv and the emitter's style choice.
    mutating func scalar(_ s: String, simpleKey: Bool, indent: Int) {
      let bytes = Array(s.utf8)
      let analysis = Emitter.Analysis(bytes)
      var canUsePlain = false
      if case .string = YAML.v3Resolve(s) { canUsePlain = !YAML.isOldBool(s) && !YAML.isBase60Float(s) }
      enum Style { case plain, single, double, literal }
      var style: Style = s.contains("\n") ? .literal : canUsePlain ? .plain : .double
      if style == .plain && (!analysis.blockPlainAllowed || (bytes.isEmpty && simpleKey)) { style = .single }
      if style == .single && !analysis.singleQuotedAllowed { style = .double }
      if style == .literal && (!analysis.blockAllowed || simpleKey || analysis.multiline && simpleKey) { style = .double }
      switch style {
      case .plain: text(s)
      case .single: text("'" + s.replacingAll("'", with: "''") + "'")
      case .double: text(Emitter.encode(.string(s)).dropLast().description)
      case .literal:
        var header = "|"
        if bytes.first == 32 || bytes.first == 10 { header += "4" }
        if !s.hasSuffix("\n") {
          header += "-"
        } else if s.hasSuffix("\n\n") || s == "\n" {
          header += "+"
        }
        text(header)
        for lineText in s.split(separator: "\n", omittingEmptySubsequences: false).dropLast(s.hasSuffix("\n") ? 1 : 0) {
          out.append(10)
          if !lineText.isEmpty { text(String(repeating: " ", count: indent) + lineText) }
        }
      }
    }
  }

  static func isOldBool(_ s: String) -> Bool {
    ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF"].contains(s)
  }

  /// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`
  static func isBase60Float(_ s: String) -> Bool {
    var u = Substring(s)
    if u.first == "+" || u.first == "-" { u = u.dropFirst() }
    guard let first = u.first, first.isASCII, first.isNumber, u.contains(":") else { return false }
    let parts = u.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    if parts.count == 2 && !parts[1].allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "_" }) { return false }
    let groups = parts[0].split(separator: ":", omittingEmptySubsequences: false)
    guard groups.count >= 2, groups[0].allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "_" }) else { return false }
    for g in groups.dropFirst() {
      guard (1...2).contains(g.count), g.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
      if g.count == 2, let f = g.first, f > "5" { return false }
    }
    return true
  }
}
