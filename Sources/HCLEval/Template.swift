// Templates: literals with escapes, interpolations, `%{if}`/`%{for}` directives, strip markers and heredoc flushing.

import HCLSyntax

extension EvaluationState {
  /// What a template builds: text so far, and whether an unknown or sensitive value went into it.
  struct TemplateOutput {
    var text = ""
    var unknown = false
    var sensitive = false
  }

  /// A template-level token, in source order, for strip markers and heredoc flushing.
  enum TemplateEntry {
    case literal(Int)
    case open(strip: Bool)
    case close(strip: Bool)
  }

  mutating func template(_ node: SyntaxNode, _ scope: Scope) -> Value {
    var partCount = 0
    var firstPart: SyntaxNode? = nil
    var onlyLiterals = true
    for part in node.nodeChildren where part.kind != .unexpected {
      partCount += 1
      if firstPart == nil { firstPart = part }
      if part.kind != .templateLiteral { onlyLiterals = false }
    }
    // A template of exactly one interpolation returns its value unconverted.
    if partCount == 1, let part = firstPart, part.kind == .templateInterpolation, let inner = part.firstChildNode {
      return evaluate(inner, scope)
    }
    // The common case, a quoted string with no interpolation or directive: its literal tokens, decoded.
    if node.kind == .quotedTemplate, onlyLiterals {
      var text = ""
      for part in node.nodeChildren where part.kind != .unexpected {
        for element in part.children {
          guard let index = element.tokenIndex, index < file.tokens.count else { continue }
          let token = file.tokens[index]
          guard token.kind == .quotedLit else { continue }
          text += decodeLiteral(token)
        }
      }
      return .string(text)
    }
    var output = TemplateOutput()
    let flushes: Bool
    if node.kind == .heredocTemplate, let open = firstToken(of: node), open.kind == .oHeredoc,
      text(open).hasPrefix("<<-")
    {
      flushes = true
    } else {
      flushes = false
    }
    if !flushes, !containsTilde(node.range) {
      // Without a `~` there is no strip marker, and without `<<-` nothing is flushed: each literal is its decoded
      // token, so the table of literals is not needed.
      renderParts(node.children, scope, nil, &output)
    } else {
      var entries: [TemplateEntry] = []
      collectEntries(node, into: &entries)
      var literals = decodeLiterals(entries)
      if flushes { flush(entries, &literals) }
      strip(entries, &literals)
      renderParts(node.children, scope, literals, &output)
    }
    if output.unknown { return Value.unknown(.string).marked(output.sensitive) }
    return Value.string(output.text).marked(output.sensitive)
  }

  /// Whether the source in a range holds a `~` (a possible strip marker).
  func containsTilde(_ range: TextRange) -> Bool {
    let start = max(0, range.start)
    let end = min(range.end, file.source.count)
    guard start < end else { return false }
    return file.source[start..<end].contains(UInt8(ascii: "~"))
  }

  func collectEntries(_ node: SyntaxNode, into entries: inout [TemplateEntry]) {
    for child in node.children {
      switch child {
      case .token(let index):
        let token = file.tokens[Int(index)]
        switch token.kind {
        case .quotedLit, .stringLit: entries.append(.literal(Int(index)))
        case .templateInterp, .templateControl: entries.append(.open(strip: text(token).hasSuffix("~")))
        case .templateSeqEnd: entries.append(.close(strip: text(token).hasPrefix("~")))
        default: break
        }
      case .node(let inner):
        switch inner.kind {
        case .templateLiteral, .templateIf, .templateFor:
          collectEntries(inner, into: &entries)
        case .templateInterpolation, .templateDirective:
          // Only the sequence's own opener and closer matter at template level.
          let own = inner.children.compactMap { element -> Token? in token(element) }
          if let first = own.first(where: { $0.kind == .templateInterp || $0.kind == .templateControl }) {
            entries.append(.open(strip: text(first).hasSuffix("~")))
          }
          if let last = own.last, last.kind == .templateSeqEnd {
            entries.append(.close(strip: text(last).hasPrefix("~")))
          }
        default:
          break
        }
      }
    }
  }

  /// Literal token values with escapes decoded: `$${`/`%%{` always, backslash escapes in quoted strings.
  func decodeLiterals(_ entries: [TemplateEntry]) -> [Int: String] {
    var result: [Int: String] = [:]
    for case .literal(let index) in entries { result[index] = decodeLiteral(file.tokens[index]) }
    return result
  }

  /// One literal token's value: `$${`/`%%{` always lose a character, backslash escapes in quoted strings.
  func decodeLiteral(_ token: Token) -> String {
    let raw = file.source[token.start..<token.end]
    if raw.count >= 3, raw[raw.startIndex] == raw[raw.startIndex + 1],
      raw[raw.startIndex] == UInt8(ascii: "$") || raw[raw.startIndex] == UInt8(ascii: "%"),
      raw[raw.startIndex + 2] == UInt8(ascii: "{")
    {
      return String(decoding: raw.dropFirst(), as: UTF8.self)
    }
    return token.kind == .quotedLit ? Self.unescape(raw) : String(decoding: raw, as: UTF8.self)
  }

  /// Decodes `\n \r \t \" \\ \uNNNN \UNNNNNNNN`; invalid escapes (already reported by the parser) stay as written.
  static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
    // Most literals hold no backslash: they decode to themselves, without the byte-by-byte copy.
    guard bytes.contains(UInt8(ascii: "\\")) else { return String(decoding: bytes, as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = bytes.startIndex
    while i < bytes.endIndex {
      let b = bytes[i]
      guard b == UInt8(ascii: "\\"), i + 1 < bytes.endIndex else {
        out.append(b)
        i += 1
        continue
      }
      let next = bytes[i + 1]
      switch next {
      case UInt8(ascii: "n"): out.append(10); i += 2
      case UInt8(ascii: "r"): out.append(13); i += 2
      case UInt8(ascii: "t"): out.append(9); i += 2
      case UInt8(ascii: "\""): out.append(34); i += 2
      case UInt8(ascii: "\\"): out.append(92); i += 2
      case UInt8(ascii: "u"), UInt8(ascii: "U"):
        let digits = next == UInt8(ascii: "u") ? 4 : 8
        var value: UInt32 = 0
        var j = i + 2
        var count = 0
        while count < digits, j < bytes.endIndex, let d = ParserHex.value(bytes[j]) {
          value = value &* 16 &+ d
          j += 1
          count += 1
        }
        if count == digits, let scalar = Unicode.Scalar(value) {
          out.append(contentsOf: Array(String(Character(scalar)).utf8))
          i = j
        } else {
          out.append(b)
          i += 1
        }
      default:
        out.append(b)
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// `<<-`: removes the smallest indentation (in grapheme clusters) of the lines from each line, as hclsyntax's
  /// `flushHeredocTemplateParts` does; blank lines do not count, a line starting with a sequence counts as 0.
  func flush(_ entries: [TemplateEntry], _ literals: inout [Int: String]) {
    var minimum = Int.max
    var newline = true
    var adjust: [Int] = []
    for entry in entries {
      switch entry {
      case .close: continue
      case .open:
        if newline {
          newline = false
          minimum = 0
        }
      case .literal(let index):
        let value = literals[index] ?? ""
        if newline {
          newline = false
          let leading: Int
          let blank: Bool
          if let ascii = Self.asciiIndentation(value.utf8) {
            leading = ascii
            blank = ascii == value.utf8.count
          } else {
            let trimmed = value.drop(while: { $0.isWhitespace })
            leading = value.count - trimmed.count
            blank = trimmed.isEmpty
          }
          if blank && value.utf8.last == 10 {
            // A blank line: not counted.
          } else {
            minimum = min(minimum, leading)
            adjust.append(index)
          }
        }
        if value.utf8.last == 10 { newline = true }
      }
    }
    guard minimum != Int.max, minimum > 0 else { return }
    for index in adjust {
      guard let value = literals[index] else { continue }
      if let ascii = Self.asciiIndentation(value.utf8), ascii >= minimum {
        literals[index] = String(decoding: value.utf8.dropFirst(minimum), as: UTF8.self)
      } else {
        literals[index] = String(value.dropFirst(minimum))
      }
    }
  }

  /// The number of leading whitespace characters when bytes can count them: each of tab, LF, VT, FF and space is
  /// one character unless a CR (CR LF is one character) or a non-ASCII byte (a combining mark joins the space
  /// before it) is involved; nil then, and the caller counts characters. Heredoc indentation is nearly always this.
  static func asciiIndentation(_ utf8: String.UTF8View) -> Int? {
    var count = 0
    for byte in utf8 {
      switch byte {
      case 9, 10, 11, 12, 32: count += 1
      case 13: return nil
      default: return byte < 0x80 ? count : nil
      }
    }
    return count
  }

  /// Strip markers: `~}` trims whitespace at the start of the next literal, `${~`/`%{~` at the end of the previous.
  func strip(_ entries: [TemplateEntry], _ literals: inout [Int: String]) {
    for (position, entry) in entries.enumerated() {
      guard case .literal(let index) = entry, var value = literals[index] else { continue }
      if position > 0, case .close(strip: true) = entries[position - 1] {
        value = String(value.drop(while: { $0.isWhitespace }))
      }
      if position + 1 < entries.count, case .open(strip: true) = entries[position + 1] {
        while let last = value.last, last.isWhitespace { value.removeLast() }
      }
      literals[index] = value
    }
  }

  mutating func renderParts(_ children: SyntaxChildren, _ scope: Scope, _ literals: [Int: String]?, _ output: inout TemplateOutput) {
    for child in children {
      guard case .node(let part) = child else { continue }
      renderPart(part, scope, literals, &output)
    }
  }

  mutating func renderPart(_ part: SyntaxNode, _ scope: Scope, _ literals: [Int: String]?, _ output: inout TemplateOutput) {
    switch part.kind {
    case .templateLiteral:
      for element in part.children {
        guard let index = element.tokenIndex else { continue }
        if let literals {
          if let value = literals[index] { output.text += value }
        } else if index < file.tokens.count {
          // No table: the literal tokens decoded as they come (what `decodeLiterals` would hold).
          let token = file.tokens[index]
          if token.kind == .quotedLit || token.kind == .stringLit { output.text += decodeLiteral(token) }
        }
      }
    case .templateInterpolation:
      guard let expression = part.firstChildNode else {
        output.unknown = true
        return
      }
      let value = evaluate(expression, scope)
      append(value, expression.range, &output)
    case .templateIf:
      templateIf(part, scope, literals, &output)
    case .templateFor:
      templateFor(part, scope, literals, &output)
    default:
      break
    }
  }

  mutating func append(_ value: Value, _ range: TextRange, _ output: inout TemplateOutput) {
    if value.isNull {
      error("invalid-interpolation", "Invalid template interpolation value",
        "The expression result is null. Cannot include a null value in a string template.", range)
      output.unknown = true
      return
    }
    switch Conversion.convert(value, to: .string) {
    case .failure(let f):
      error("invalid-interpolation", "Invalid template interpolation value",
        "Cannot include the given value in a string template: \(f.message).", range)
      output.unknown = true
    case .success(let s):
      output.sensitive = output.sensitive || s.isSensitive
      if let text = s.stringValue { output.text += text } else { output.unknown = true }
    }
  }

  /// The keyword of a `%{ … }` directive node.
  func directiveKeyword(_ node: SyntaxNode) -> String {
    tokens(of: node).first(where: { $0.kind == .ident }).map { text($0) } ?? ""
  }

  mutating func templateIf(_ node: SyntaxNode, _ scope: Scope, _ literals: [Int: String]?, _ output: inout TemplateOutput) {
    var thenParts: [SyntaxNode] = []
    var elseParts: [SyntaxNode] = []
    var condition: SyntaxNode? = nil
    var phase = 0
    for part in node.childNodes {
      if part.kind == .templateDirective {
        switch directiveKeyword(part) {
        case "if":
          condition = part.childNodes.first
          phase = 1
        case "else": phase = 2
        default: phase = 3
        }
        continue
      }
      if phase == 1 { thenParts.append(part) } else if phase == 2 { elseParts.append(part) }
    }
    guard let condition else {
      output.unknown = true
      return
    }
    let value = evaluate(condition, scope)
    if value.isNull {
      error("null-condition", "Null condition", "The condition value is null. Conditions must either be true or false.", condition.range)
      output.unknown = true
      return
    }
    guard case .success(let b) = Conversion.convert(value, to: .bool) else {
      error("incorrect-condition-type", "Incorrect condition type", "The condition expression must be of type bool.", condition.range)
      output.unknown = true
      return
    }
    output.sensitive = output.sensitive || b.isSensitive
    guard let chosen = b.boolValue else {
      output.unknown = true
      return
    }
    for part in chosen ? thenParts : elseParts { renderPart(part, scope, literals, &output) }
  }

  mutating func templateFor(_ node: SyntaxNode, _ scope: Scope, _ literals: [Int: String]?, _ output: inout TemplateOutput) {
    let nodes = node.childNodes
    guard let directive = nodes.first, directive.kind == .templateDirective,
      let collectionNode = directive.childNodes.first
    else {
      output.unknown = true
      return
    }
    let idents = tokens(of: directive).filter { $0.kind == .ident }.map { text($0) }
    guard idents.count >= 3 else {
      output.unknown = true
      return
    }
    let names = Array(idents[1..<(idents.count - 1)])
    let keyName: String? = names.count == 2 ? names[0] : nil
    let valueName = names.last ?? "_"
    let body = nodes.dropFirst().filter { !($0.kind == .templateDirective && directiveKeyword($0) == "endfor") }
    let collection = evaluate(collectionNode, scope)
    if collection.isNull {
      error("null-iteration", "Iteration over null value", "A null value cannot be used as the collection in a 'for' expression.", collectionNode.range)
      output.unknown = true
      return
    }
    guard collection.isKnown else {
      output.unknown = true
      return
    }
    guard let items = collection.keyedElements else {
      error("non-iterable", "Iteration over non-iterable value",
        "A value of type \(collection.type.friendlyName) cannot be used as the collection in a 'for' expression.", collectionNode.range)
      output.unknown = true
      return
    }
    output.sensitive = output.sensitive || collection.isSensitive
    for item in items {
      var variables = [valueName: item.value]
      if let keyName { variables[keyName] = item.key }
      let inner = scope.child(variables: variables)
      for part in body { renderPart(part, inner, literals, &output) }
    }
  }
}

enum ParserHex {
  static func value(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }
}
