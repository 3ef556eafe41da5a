// YAML as Atlas registers it: yamldecode and yamlencode are go-cty-yaml v1.1.0 (its tag resolution, its anchors
// and merge keys, its yaml.v2-style emitter with every string double-quoted), yamlmerge is Atlas's deep merge of
// YAML documents through yaml.v3 (maps merged, lists appended, null arguments skipped).
//
// Differences from Atlas, each a simplification: the reader is our own (`YAMLParser.swift`, no explicit `?` keys)
// and its syntax-error messages and positions only approximate libyaml's; yamlmerge re-encodes with yaml.v3's
// layout (4-space indent, natural key order, quoting) but never folds long lines, and it treats every mapping key
// as a string.

extension StandardLibrary {
  static var yamlFunctions: [String: Function] {
    [
      "yamldecode": makeFunction([p("src", .string)], returns: .dynamic,
        "The YAML document decoded into a value (mappings become objects, sequences tuples).") { args throws(FunctionError) in
        do throws(YAMLError) {
          return try YAML.decode(args[0].s)
        } catch {
          throw FunctionError(error.rendered)
        }
      },
      "yamlencode": makeFunction([p("value", .dynamic, null: true)], returns: .string,
        "The value encoded as a YAML document (strings double-quoted, object keys sorted).") { args throws(FunctionError) in
        guard args[0].isWhollyKnown else { return .unknown(.string) }
        return .string(YAML.Emitter.encode(args[0]))
      },
      "yamlmerge": makeFunction([], variadic: p("values", .string, null: true), returns: .string,
        "The YAML documents deep-merged into one: mappings merged, sequences appended, null arguments skipped.") {
        args throws(FunctionError) in
        switch args.count {
        case 0: return .null(.string)
        case 1: return args[0].isNull ? .null(.string) : args[0]
        default: return .string(try YAML.merge(args))
        }
      },
    ]
  }
}

extension YAMLError {
  /// go-cty-yaml leaves positions on line 0 out of the message.
  var rendered: String { line == 0 ? message : described }
}

enum YAML {
  /// Aliases may repeat a large value many times; the decoded value is refused beyond this many nodes.
  static let maxNodes = 1_000_000

  static let strTag = "tag:yaml.org,2002:str"
  static let boolTag = "tag:yaml.org,2002:bool"
  static let intTag = "tag:yaml.org,2002:int"
  static let floatTag = "tag:yaml.org,2002:float"
  static let nullTag = "tag:yaml.org,2002:null"
  static let timestampTag = "tag:yaml.org,2002:timestamp"
  static let binaryTag = "tag:yaml.org,2002:binary"
  static let mapTag = "tag:yaml.org,2002:map"
  static let seqTag = "tag:yaml.org,2002:seq"

  // MARK: Decoding (go-cty-yaml)

  static func decode(_ source: String) throws(YAMLError) -> Value {
    var parser = YAMLParser(source)
    guard let root = try parser.parseDocument() else {
      throw YAMLError(message: "missing start of document", line: source.isEmpty ? 1 : 0, column: 0)
    }
    var converter = Converter()
    return try converter.convert(root).value
  }

  struct Problem: Error, ExpressibleByStringInterpolation {
    let message: String
    init(stringLiteral value: String) { message = value }
  }

  enum Resolved {
    case value(Value)
    case merge
  }

  /// go-cty-yaml's `resolveScalar`: the value of a scalar from its tag (long form, "" when none), text and style.
  static func resolve(tag: String, _ src: String, style: YAMLNode.Style) -> Result<Resolved, Problem> {
    let resolvable: Set<String> = ["", strTag, boolTag, intTag, floatTag, nullTag, timestampTag, binaryTag]
    guard resolvable.contains(tag) else { return .failure("unsupported tag \(Value.quote(tag))") }
    var tag = tag
    let first = src.utf8.first
    let hint: UInt8? =
      switch first {
      case nil: UInt8(ascii: "N")
      case UInt8(ascii: "+"), UInt8(ascii: "-"): UInt8(ascii: "S")
      case let c? where c >= 48 && c <= 57: UInt8(ascii: "D")
      case let c? where "yYnNtTfFoO~".utf8.contains(c): UInt8(ascii: "M")
      case UInt8(ascii: "."): UInt8(ascii: ".")
      default: nil
      }
    if let hint, tag != strTag && tag != binaryTag {
      if style == .singleQuoted || style == .doubleQuoted { return .success(.value(.string(src))) }
      if let v = resolveMap[src] { return .success(.value(v)) }
      if tag == "" && [".nan", ".NaN", ".NAN"].contains(src) {
        return .failure("floating point NaN is not supported")
      }
      switch hint {
      case UInt8(ascii: "."):
        if let n = NumberFormat.parse(src) { return .success(.value(.number(n))) }
      case UInt8(ascii: "D"), UInt8(ascii: "S"):
        if tag == "" || tag == timestampTag, let t = timestamp(src) { return .success(.value(.string(t))) }
        if isIntegerLiteral(src) {
          tag = intTag
        } else if isFloatLiteral(src) {
          tag = floatTag
        }
      default: break
      }
    }
    if tag == "" && src == "<<" { return .success(.merge) }
    switch tag {
    case strTag: return .success(.value(.string(src)))
    case binaryTag:
      guard isBase64(src) else { return .failure("cannot parse \(Value.quote(src)) as \(tag): not valid base64") }
      return .success(.value(.string(src)))
    case boolTag:
      guard let v = resolveMap[src], v.type == .bool else { return .failure("cannot parse \(Value.quote(src)) as \(tag)") }
      return .success(.value(v))
    case floatTag, intTag:
      let plain = src.replacingAll("_", with: "")
      if let n = NumberFormat.parse(plain) { return .success(.value(.number(n))) }
      if let n = goParseInt(plain) { return .success(.value(.number(n))) }
      return .failure("cannot parse \(Value.quote(src)) as \(tag)")
    case timestampTag:
      guard let t = timestamp(src) else { return .failure("cannot parse \(Value.quote(src)) as \(tag)") }
      return .success(.value(.string(t)))
    case nullTag: return .success(.value(.null()))
    default: return .success(.value(.string(src)))
    }
  }

  static let resolveMap: [String: Value] = {
    var m: [String: Value] = [:]
    for s in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] { m[s] = .true }
    for s in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] { m[s] = .false }
    for s in ["", "~", "null", "Null", "NULL"] { m[s] = .null() }
    for s in [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"] { m[s] = .number(Double.infinity) }
    for s in ["-.inf", "-.Inf", "-.INF"] { m[s] = .number(-Double.infinity) }
    return m
  }()

  /// `[-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+` (YAML 1.2's integer patterns, as go-cty-yaml v1.1.0 matches them).
  static func isIntegerLiteral(_ s: String) -> Bool {
    let u = Array(s.utf8)
    func all(_ from: Int, _ ok: (UInt8) -> Bool) -> Bool { u.count > from && u[from...].allSatisfy(ok) }
    let digit: (UInt8) -> Bool = { $0 >= 48 && $0 <= 57 }
    if u.starts(with: Array("0o".utf8)) && all(2, { $0 >= 48 && $0 <= 55 }) { return true }
    if u.starts(with: Array("0x".utf8)) && all(2, { ParserHex.value($0) != nil }) { return true }
    let start = u.first == UInt8(ascii: "+") || u.first == UInt8(ascii: "-") ? 1 : 0
    return all(start, digit)
  }

  /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
  static func isFloatLiteral(_ s: String) -> Bool {
    let u = Array(s.utf8)
    var i = 0
    func digits() -> Int {
      let start = i
      while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1 }
      return i - start
    }
    if i < u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") { i += 1 }
    if i < u.count, u[i] == UInt8(ascii: ".") {
      i += 1
      guard digits() > 0 else { return false }
    } else {
      guard digits() > 0 else { return false }
      if i < u.count, u[i] == UInt8(ascii: ".") {
        i += 1
        _ = digits()
      }
    }
    if i < u.count, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
      i += 1
      if i < u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") { i += 1 }
      guard digits() > 0 else { return false }
    }
    return i == u.count
  }

  /// Go's `strconv.ParseInt(s, 0, 64)` then `ParseUint`: sign, and 0x / 0o / 0b / leading-0 octal prefixes.
  static func goParseInt(_ s: String) -> Double? {
    var text = Substring(s)
    var negative = false
    if text.first == "+" || text.first == "-" {
      negative = text.first == "-"
      text = text.dropFirst()
    }
    var radix = 10
    if text.hasPrefix("0x") || text.hasPrefix("0X") {
      radix = 16
      text = text.dropFirst(2)
    } else if text.hasPrefix("0o") || text.hasPrefix("0O") {
      radix = 8
      text = text.dropFirst(2)
    } else if text.hasPrefix("0b") || text.hasPrefix("0B") {
      radix = 2
      text = text.dropFirst(2)
    } else if text.count > 1 && text.hasPrefix("0") {
      radix = 8
      text = text.dropFirst()
    }
    guard !text.isEmpty, let magnitude = UInt64(text, radix: radix) else { return nil }
    if negative {
      guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
      return -Double(magnitude)
    }
    return Double(magnitude)
  }

  static func isBase64(_ s: String) -> Bool {
    let u = Array(s.utf8)
    guard u.count % 4 == 0 else { return false }
    var padding = 0
    for (index, c) in u.enumerated() {
      if c == UInt8(ascii: "=") {
        padding += 1
        guard index >= u.count - 2 else { return false }
        continue
      }
      guard padding == 0 else { return false }
      let ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 43 || c == 47
      guard ok else { return false }
    }
    return true
  }

  /// go-cty-yaml's timestamps ("2006-1-2", "2006-1-2T15:4:5.999999999Z07:00", with "t" or " " as separator, the
  /// last without a zone), as RFC 3339 (whole seconds, "Z" for UTC).
  static func timestamp(_ s: String) -> String? {
    let u = Array(s.utf8)
    guard u.count >= 5, u[0..<4].allSatisfy({ $0 >= 48 && $0 <= 57 }), u[4] == UInt8(ascii: "-") else { return nil }
    var i = 0
    func number(min: Int, max: Int) -> Int? {
      var value = 0
      var count = 0
      while i < u.count, count < max, u[i] >= 48, u[i] <= 57 {
        value = value * 10 + Int(u[i] - 48)
        i += 1
        count += 1
      }
      return count >= min ? value : nil
    }
    func expect(_ c: Character) -> Bool {
      guard i < u.count, u[i] == c.asciiValue else { return false }
      i += 1
      return true
    }
    func pad(_ n: Int, _ width: Int) -> String {
      let text = String(n)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    guard let year = number(min: 4, max: 4), expect("-"), let month = number(min: 1, max: 2), expect("-"),
      let day = number(min: 1, max: 2)
    else { return nil }
    guard (1...12).contains(month), day >= 1 else { return nil }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    guard day <= days else { return nil }
    let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    if i == u.count { return date + "T00:00:00Z" }
    let separator = u[i]
    guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ") else {
      return nil
    }
    i += 1
    guard let hour = number(min: 1, max: 2), expect(":"), let minute = number(min: 1, max: 2), expect(":"),
      let second = number(min: 1, max: 2), hour < 24, minute < 60, second < 60
    else { return nil }
    if i + 1 < u.count, u[i] == UInt8(ascii: ".") || u[i] == UInt8(ascii: ","), u[i + 1] >= 48, u[i + 1] <= 57 {
      i += 1
      while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1 }
    }
    let time = "T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
    if separator == UInt8(ascii: " ") {
      return i == u.count ? date + time + "Z" : nil
    }
    if expect("Z") { return i == u.count ? date + time + "Z" : nil }
    guard i < u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") else { return nil }
    let sign = u[i] == UInt8(ascii: "+") ? "+" : "-"
    i += 1
    guard let zh = number(min: 2, max: 2), expect(":"), let zm = number(min: 2, max: 2), i == u.count, zh <= 24, zm < 60
    else { return nil }
    if zh == 0 && zm == 0 { return date + time + "Z" }
    return date + time + "\(sign)\(pad(zh, 2)):\(pad(zm, 2))"
  }

  /// Walks the node tree in document order, as go-cty-yaml walks the parser's events.
  struct Converter {
    var pending: [String: Int] = [:]
    var anchors: [String: (value: Value, size: Int)] = [:]

    mutating func convert(_ node: YAMLNode) throws(YAMLError) -> (value: Value, size: Int) {
      func at(_ message: String, _ n: YAMLNode) -> YAMLError { YAMLError(message: message, line: n.line, column: n.column) }
      func begin(_ name: String) { if !name.isEmpty { pending[name, default: 0] += 1 } }
      func complete(_ name: String, _ result: (Value, Int)) {
        guard !name.isEmpty else { return }
        pending[name, default: 1] -= 1
        if pending[name] == 0 { pending[name] = nil }
        anchors[name] = result
      }
      switch node.kind {
      case .scalar(let src, let style):
        begin(node.anchor)
        let value: Value
        switch YAML.resolve(tag: node.tag, src, style: style) {
        case .failure(let problem): throw at(problem.message, node)
        case .success(.merge): value = .string("<<")
        case .success(.value(let v)): value = v
        }
        complete(node.anchor, (value, 1))
        return (value, 1)
      case .alias(let name):
        if pending[name] != nil { throw at("cannot refer to anchor \(Value.quote(name)) from inside its own definition", node) }
        guard let anchored = anchors[name] else { throw at("reference to undefined anchor \(Value.quote(name))", node) }
        return anchored
      case .sequence(let items):
        if !node.tag.isEmpty && node.tag != YAML.seqTag { throw at("can't interpret sequence as \(node.tag)", node) }
        begin(node.anchor)
        var values: [Value] = []
        var size = 1
        for item in items {
          let (v, s) = try convert(item)
          values.append(v)
          size += s
          if size > YAML.maxNodes { throw at("the document is too large once its aliases are expanded", node) }
        }
        let result = (Value.tuple(values), size)
        complete(node.anchor, result)
        return result
      case .mapping(let entries):
        if !node.tag.isEmpty && node.tag != YAML.mapTag { throw at("can't interpret mapping as \(node.tag)", node) }
        begin(node.anchor)
        var attributes: [String: Value] = [:]
        var size = 1
        for (key, value) in entries {
          guard case .scalar(let keySource, let keyStyle) = key.kind else {
            throw at("only strings are allowed as mapping keys", key)
          }
          let keyValue: Value
          switch YAML.resolve(tag: key.tag, keySource, style: keyStyle) {
          case .failure(let problem): throw YAMLError(message: problem.message, line: 0, column: 0)
          case .success(.merge):
            let (merged, _) = try convert(value)
            guard case .object = merged.type, let mergedAttributes = merged.attributes else {
              let name = merged.isNull ? "dynamic" : merged.type.friendlyName
              throw at("cannot merge \(name) into mapping", key)
            }
            for (k, v) in mergedAttributes { attributes[k] = v }
            size += mergedAttributes.count
            continue
          case .success(.value(let v)): keyValue = v
          }
          let name: String
          switch keyValue.content {
          case .null: throw at("mapping key cannot be null", key)
          case .string(let s): name = s
          case .bool(let b): name = b ? "true" : "false"
          case .number(let n): name = NumberFormat.format(n)
          default: throw at("only strings are allowed as mapping keys", key)
          }
          let (v, s) = try convert(value)
          attributes[name] = v
          size += s
          if size > YAML.maxNodes {
            throw at("the document is too large once its aliases are expanded", node)
          }
        }
        let result = (Value.object(attributes), size)
        complete(node.anchor, result)
        return result
      }
    }
  }
}

extension String {
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for c in self { if c == target { out += replacement } else { out.append(c) } }
    return out
  }
}
