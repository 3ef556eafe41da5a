// A small YAML reader for yamldecode and yamlmerge: one document, block and flow collections, the five scalar
// styles, comments, anchors, aliases and tags, into a node tree that keeps what tag resolution needs (style, tag).
//
// It follows libyaml's grammar as go-cty-yaml and yaml.v3 use it, with these simplifications: explicit keys (`?`),
// directives other than being skipped, and multi-line simple keys are not supported; tabs count as one column.
// Positions are libyaml's marks: 0-based line, 0-based byte column.

struct YAMLNode {
  enum Style: Equatable { case plain, singleQuoted, doubleQuoted, literal, folded }
  enum Kind {
    case scalar(String, Style)
    case sequence([YAMLNode])
    case mapping([(key: YAMLNode, value: YAMLNode)])
    case alias(String)
  }
  var kind: Kind
  var tag = ""
  var anchor = ""
  var line = 0
  var column = 0
}

struct YAMLError: Error {
  var message: String
  var line: Int
  var column: Int
  /// go-cty-yaml's rendering: "on line L, column C: message" (L as libyaml's 0-based mark, C 1-based).
  var described: String { "on line \(line), column \(column + 1): \(message)" }
}

struct YAMLParser {
  static let maxDepth = 200

  private let b: [UInt8]
  private var i = 0
  private var line = 0
  private var lineStart = 0
  private var depth = 0
  /// The line of the last content character consumed: anything else on it after a value is an error.
  private var tokenEndLine = -1

  init(_ text: String) {
    // Line breaks are normalised first (libyaml reads CR LF and lone CR as one break).
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var previousCR = false
    for byte in text.utf8 {
      if byte == 13 {
        bytes.append(10)
        previousCR = true
        continue
      }
      if byte == 10 && previousCR {
        previousCR = false
        continue
      }
      previousCR = false
      bytes.append(byte)
    }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    b = bytes
  }

  // MARK: Characters

  private var column: Int { i - lineStart }
  private var atEnd: Bool { i >= b.count }
  private func peek(_ k: Int = 0) -> UInt8 { i + k < b.count ? b[i + k] : 0 }
  private func isBlank(_ c: UInt8) -> Bool { c == 32 || c == 9 }
  private func isBlankOrEnd(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 0 }
  private func isFlowIndicator(_ c: UInt8) -> Bool { c == 44 || c == 91 || c == 93 || c == 123 || c == 125 }

  private mutating func advance() {
    guard i < b.count else { return }
    if b[i] == 10 {
      line += 1
      lineStart = i + 1
    }
    i += 1
  }

  private func fail(_ message: String) -> YAMLError { YAMLError(message: message, line: line, column: column) }

  /// "---" or "..." at column 0 followed by a blank or the end.
  private func atDocumentMarker() -> Bool {
    guard column == 0, i + 2 < b.count || i + 3 == b.count else { return false }
    let c = peek()
    guard c == 45 || c == 46, peek(1) == c, peek(2) == c else { return false }
    return isBlankOrEnd(peek(3))
  }

  private mutating func skipBlanks() { while isBlank(peek()) { advance() } }

  /// Skips blanks, comments and line breaks up to the next content (or the end).
  private mutating func skipToContent() {
    while !atEnd {
      let c = peek()
      if isBlank(c) || c == 10 {
        advance()
      } else if c == 35 && (i == 0 || isBlankOrEnd(b[i - 1])) {
        while !atEnd && peek() != 10 { advance() }
      } else {
        return
      }
    }
  }

  // MARK: Documents

  /// The single document of the stream; nil when the stream has none (empty or only comments).
  mutating func parseDocument() throws(YAMLError) -> YAMLNode? {
    skipToContent()
    var sawDirective = false
    while column == 0 && peek() == 37 {  // %YAML, %TAG: skipped
      sawDirective = true
      while !atEnd && peek() != 10 { advance() }
      skipToContent()
    }
    var explicit = false
    if atDocumentMarker() && peek() == 45 {
      for _ in 0..<3 { advance() }
      tokenEndLine = line
      explicit = true
    } else if sawDirective {
      throw fail("did not find expected <document start>")
    }
    if !explicit && atEnd { return nil }
    skipBlanks()
    let root = try parseNode(parent: -1, keyAllowed: true, sequenceAllowed: true, indentlessAllowed: false)
    try finishValue()
    if atDocumentMarker() && peek() == 46 {
      for _ in 0..<3 { advance() }
      tokenEndLine = line
      try finishValue()
    }
    if !atEnd {
      if atDocumentMarker() { throw fail("unexpected extra content after value") }
      throw fail("did not find expected <document start>")
    }
    return root
  }

  /// After a value: nothing but blanks and a comment may follow on its line; moves to the next content.
  private mutating func finishValue() throws(YAMLError) {
    skipToContent()
    if !atEnd && line == tokenEndLine && !atDocumentMarker() {
      if peek() == 58 { throw fail("mapping values are not allowed in this context") }
      throw fail("did not find expected key")
    }
  }

  // MARK: Block structure

  /// A node starting here (or, when the line is empty, on the next content line indented more than `parent`).
  private mutating func parseNode(parent: Int, keyAllowed: Bool, sequenceAllowed: Bool, indentlessAllowed: Bool)
    throws(YAMLError) -> YAMLNode
  {
    depth += 1
    defer { depth -= 1 }
    guard depth < YAMLParser.maxDepth else { throw fail("document nested too deeply") }
    var keyAllowed = keyAllowed
    var sequenceAllowed = sequenceAllowed
    let emptyHere = YAMLNode(kind: .scalar("", .plain), line: line, column: column)

    func onNextLine(_ p: inout YAMLParser) -> Bool {
      p.skipToContent()
      if p.atEnd || p.atDocumentMarker() { return false }
      if p.column > parent { return true }
      return indentlessAllowed && p.column == parent && p.peek() == 45 && p.isBlankOrEnd(p.peek(1))
    }

    if atEnd || peek() == 10 || peek() == 35 {
      guard onNextLine(&self) else { return emptyHere }
      keyAllowed = true
      sequenceAllowed = true
    }

    // Properties: anchor and tag, in either order.
    var tag = ""
    var anchor = ""
    let propertiesLine = line
    let propertiesColumn = column
    var hasProperties = false
    while peek() == 38 || peek() == 33 {
      hasProperties = true
      if peek() == 38 {
        advance()
        anchor = readName()
        if anchor.isEmpty { throw fail("did not find expected alphabetic or numeric character") }
      } else {
        tag = try readTag()
      }
      tokenEndLine = line
      skipBlanks()
    }
    var propertiesOnNodeLine = true
    if hasProperties && (atEnd || peek() == 10 || peek() == 35) {
      propertiesOnNodeLine = false
      guard onNextLine(&self) else {
        return YAMLNode(kind: .scalar("", .plain), tag: tag, anchor: anchor, line: propertiesLine, column: propertiesColumn)
      }
      keyAllowed = true
      sequenceAllowed = true
    }

    let startLine = line
    let startColumn = column
    let c = peek()
    var node: YAMLNode
    switch c {
    case 45 where isBlankOrEnd(peek(1)):
      guard sequenceAllowed else { throw fail("block sequence entries are not allowed in this context") }
      node = try parseBlockSequence(column: startColumn, indentless: startColumn <= parent)
      node.tag = tag
      node.anchor = anchor
      return node
    case 63 where isBlankOrEnd(peek(1)):
      throw fail("explicit mapping keys ('?') are not supported")
    case 124, 62:  // | >
      node = try parseBlockScalar(parent: parent)
      node.tag = tag
      node.anchor = anchor
      node.line = hasProperties ? propertiesLine : startLine
      node.column = hasProperties ? propertiesColumn : startColumn
      return node
    case 91, 123:
      node = try parseFlowCollection()
    case 42:  // *alias
      if hasProperties { throw fail("did not find expected node content") }
      advance()
      let name = readName()
      if name.isEmpty { throw fail("did not find expected alphabetic or numeric character") }
      tokenEndLine = line
      node = YAMLNode(kind: .alias(name), line: startLine, column: startColumn)
    case 34, 39:
      node = try parseQuoted(single: c == 39)
    case 37, 64, 96, 44, 93, 125, 35:  // % @ ` , ] } #
      throw fail("found character that cannot start any token")
    default:
      node = YAMLNode(kind: .scalar(try scanPlain(parent: parent, flow: false), .plain), line: startLine, column: startColumn)
    }
    node.line = startLine
    node.column = startColumn

    // A single-line node followed by ": " is the first key of a block mapping.
    skipBlanks()
    if peek() == 58 && isBlankOrEnd(peek(1)) && line == startLine {
      guard keyAllowed else { throw fail("mapping values are not allowed in this context") }
      var mappingTag = ""
      var mappingAnchor = ""
      var mappingColumn = startColumn
      var mappingLine = startLine
      if hasProperties && propertiesOnNodeLine {
        node.tag = tag
        node.anchor = anchor
        mappingColumn = propertiesColumn
        mappingLine = propertiesLine
      } else {
        mappingTag = tag
        mappingAnchor = anchor
      }
      var mapping = try parseBlockMapping(column: mappingColumn, firstKey: node)
      mapping.tag = mappingTag
      mapping.anchor = mappingAnchor
      mapping.line = mappingLine
      mapping.column = mappingColumn
      return mapping
    }
    node.tag = tag
    node.anchor = anchor
    if hasProperties {
      node.line = propertiesLine
      node.column = propertiesColumn
    }
    return node
  }

  private mutating func parseBlockMapping(column mappingColumn: Int, firstKey: YAMLNode) throws(YAMLError) -> YAMLNode {
    var entries: [(key: YAMLNode, value: YAMLNode)] = []
    var key = firstKey
    while true {
      advance()  // ':'
      tokenEndLine = line
      skipBlanks()
      let value: YAMLNode
      if atEnd || peek() == 10 || peek() == 35 {
        value = try parseNode(parent: mappingColumn, keyAllowed: true, sequenceAllowed: true, indentlessAllowed: true)
      } else {
        value = try parseNode(parent: mappingColumn, keyAllowed: false, sequenceAllowed: false, indentlessAllowed: false)
      }
      entries.append((key, value))
      try finishValue()
      if atEnd || atDocumentMarker() || column < mappingColumn { break }
      if column > mappingColumn { throw fail("did not find expected key") }
      // The next key.
      let keyLine = line
      let keyColumn = column
      var tag = ""
      var anchor = ""
      while peek() == 38 || peek() == 33 {
        if peek() == 38 {
          advance()
          anchor = readName()
        } else {
          tag = try readTag()
        }
        skipBlanks()
      }
      let c = peek()
      switch c {
      case 34, 39: key = try parseQuoted(single: c == 39)
      case 91, 123: key = try parseFlowCollection()
      case 42:
        advance()
        key = YAMLNode(kind: .alias(readName()))
      case 45 where isBlankOrEnd(peek(1)): throw fail("did not find expected key")
      case 63 where isBlankOrEnd(peek(1)): throw fail("explicit mapping keys ('?') are not supported")
      case 37, 64, 96, 44, 93, 125, 35, 124, 62: throw fail("found character that cannot start any token")
      default: key = YAMLNode(kind: .scalar(try scanPlain(parent: mappingColumn, flow: false), .plain))
      }
      key.tag = tag
      key.anchor = anchor
      key.line = keyLine
      key.column = keyColumn
      skipBlanks()
      guard peek() == 58, isBlankOrEnd(peek(1)), line == keyLine else {
        throw YAMLError(message: "could not find expected ':'", line: line, column: column)
      }
    }
    return YAMLNode(kind: .mapping(entries))
  }

  private mutating func parseBlockSequence(column sequenceColumn: Int, indentless: Bool) throws(YAMLError) -> YAMLNode {
    let startLine = line
    var items: [YAMLNode] = []
    while true {
      advance()  // '-'
      tokenEndLine = line
      skipBlanks()
      items.append(try parseNode(parent: sequenceColumn, keyAllowed: true, sequenceAllowed: true, indentlessAllowed: false))
      try finishValue()
      if atEnd || atDocumentMarker() || column < sequenceColumn { break }
      if column == sequenceColumn && peek() == 45 && isBlankOrEnd(peek(1)) { continue }
      if indentless && column == sequenceColumn { break }
      throw fail("did not find expected '-' indicator")
    }
    return YAMLNode(kind: .sequence(items), line: startLine, column: sequenceColumn)
  }

  // MARK: Names and tags

  private mutating func readName() -> String {
    let start = i
    while !atEnd && !isBlankOrEnd(peek()) && !isFlowIndicator(peek()) { advance() }
    return String(decoding: b[start..<i], as: UTF8.self)
  }

  /// `!!x` → tag:yaml.org,2002:x, `!<verbatim>`, `!local`, `!` (the non-specific tag).
  private mutating func readTag() throws(YAMLError) -> String {
    advance()  // '!'
    if peek() == 60 {
      advance()
      let start = i
      while !atEnd && peek() != 62 && !isBlankOrEnd(peek()) { advance() }
      guard peek() == 62 else { throw fail("did not find the expected '>'") }
      let tag = String(decoding: b[start..<i], as: UTF8.self)
      advance()
      return tag
    }
    if peek() == 33 {
      advance()
      return "tag:yaml.org,2002:" + readName()
    }
    return "!" + readName()
  }

  // MARK: Scalars

  /// A plain scalar: the first line, then continuation lines indented more than `parent` (block) folded in.
  private mutating func scanPlain(parent: Int, flow: Bool) throws(YAMLError) -> String {
    var out: [UInt8] = []
    while true {
      // One line's worth.
      while !atEnd {
        let c = peek()
        if c == 10 { break }
        if c == 58 && (isBlankOrEnd(peek(1)) || (flow && isFlowIndicator(peek(1)))) { break }
        if flow && isFlowIndicator(c) { break }
        if isBlank(c) {
          let save = (i, line, lineStart)
          var spaces: [UInt8] = []
          while isBlank(peek()) {
            spaces.append(peek())
            advance()
          }
          if atEnd || peek() == 10 || peek() == 35 {
            (i, line, lineStart) = save
            break
          }
          if peek() == 58 && (isBlankOrEnd(peek(1)) || (flow && isFlowIndicator(peek(1)))) {
            (i, line, lineStart) = save
            break
          }
          if flow && isFlowIndicator(peek()) {
            (i, line, lineStart) = save
            break
          }
          out.append(contentsOf: spaces)
          continue
        }
        out.append(c)
        advance()
        tokenEndLine = line
      }
      // Maybe a continuation line.
      let save = (i, line, lineStart)
      skipBlanks()
      guard peek() == 10 else {
        (i, line, lineStart) = save
        break
      }
      var breaks = 0
      while peek() == 10 {
        advance()
        breaks += 1
        skipBlanks()
      }
      let c = peek()
      let ends =
        atEnd || c == 35 || atDocumentMarker() || (!flow && column <= parent)
        || (flow && (isFlowIndicator(c) || (c == 58 && (isBlankOrEnd(peek(1)) || isFlowIndicator(peek(1))))))
      if ends {
        (i, line, lineStart) = save
        break
      }
      if !flow && c == 58 && isBlankOrEnd(peek(1)) {
        (i, line, lineStart) = save
        break
      }
      if breaks == 1 {
        out.append(32)
      } else {
        out.append(contentsOf: [UInt8](repeating: 10, count: breaks - 1))
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  private mutating func parseQuoted(single: Bool) throws(YAMLError) -> YAMLNode {
    let startLine = line
    let startColumn = column
    let quote: UInt8 = single ? 39 : 34
    advance()
    var out: [UInt8] = []
    while true {
      guard !atEnd else { throw fail("found unexpected end of stream while scanning a quoted scalar") }
      if atDocumentMarker() { throw fail("found unexpected document indicator while scanning a quoted scalar") }
      let c = peek()
      if single && c == 39 && peek(1) == 39 {
        out.append(39)
        advance()
        advance()
        continue
      }
      if c == quote {
        advance()
        break
      }
      if !single && c == 92 {  // backslash
        advance()
        let e = peek()
        advance()
        switch e {
        case 48: out.append(0)
        case 97: out.append(7)
        case 98: out.append(8)
        case 116, 9: out.append(9)
        case 110: out.append(10)
        case 118: out.append(11)
        case 102: out.append(12)
        case 114: out.append(13)
        case 101: out.append(27)
        case 32: out.append(32)
        case 34: out.append(34)
        case 47: out.append(47)
        case 92: out.append(92)
        case 78: out.append(contentsOf: [0xC2, 0x85])
        case 95: out.append(contentsOf: [0xC2, 0xA0])
        case 76: out.append(contentsOf: [0xE2, 0x80, 0xA8])
        case 80: out.append(contentsOf: [0xE2, 0x80, 0xA9])
        case 120, 117, 85:
          let count = e == 120 ? 2 : e == 117 ? 4 : 8
          var value: UInt32 = 0
          for _ in 0..<count {
            guard let d = ParserHex.value(peek()) else {
              throw fail("did not find expected hexdecimal number while parsing a quoted scalar")
            }
            value = value * 16 + d
            advance()
          }
          guard let scalar = Unicode.Scalar(value) else {
            throw fail("found invalid Unicode character escape code while parsing a quoted scalar")
          }
          out.append(contentsOf: Array(String(Character(scalar)).utf8))
        case 10:
          // An escaped line break: joined without a space.
          skipBlanks()
          while peek() == 10 {
            out.append(10)
            advance()
            skipBlanks()
          }
        default:
          throw fail("found unknown escape character while parsing a quoted scalar")
        }
        continue
      }
      if isBlank(c) || c == 10 {
        // Folding: trailing blanks of the line go, one break is a space, more breaks keep all but one.
        var blanks: [UInt8] = []
        while isBlank(peek()) {
          blanks.append(peek())
          advance()
        }
        if peek() != 10 {
          out.append(contentsOf: blanks)
          continue
        }
        var breaks = 0
        while peek() == 10 {
          advance()
          breaks += 1
          skipBlanks()
        }
        if breaks == 1 {
          out.append(32)
        } else {
          out.append(contentsOf: [UInt8](repeating: 10, count: breaks - 1))
        }
        continue
      }
      out.append(c)
      advance()
    }
    tokenEndLine = line
    return YAMLNode(kind: .scalar(String(decoding: out, as: UTF8.self), single ? .singleQuoted : .doubleQuoted),
      line: startLine, column: startColumn)
  }

  /// `|` or `>` with optional chomping (`+`, `-`) and indentation (1-9) indicators.
  private mutating func parseBlockScalar(parent: Int) throws(YAMLError) -> YAMLNode {
    let literal = peek() == 124
    advance()
    var chomping = 0  // -1 strip, 0 clip, +1 keep
    var increment = 0
    for _ in 0..<2 {
      let c = peek()
      if c == 43 || c == 45 {
        chomping = c == 43 ? 1 : -1
        advance()
      } else if c >= 48 && c <= 57 {
        guard c != 48 else { throw fail("found an indentation indicator equal to 0 while scanning a block scalar") }
        increment = Int(c - 48)
        advance()
      }
    }
    tokenEndLine = line
    skipBlanks()
    if peek() == 35 { while !atEnd && peek() != 10 { advance() } }
    guard atEnd || peek() == 10 else {
      throw fail("did not find expected comment or line break while scanning a block scalar")
    }
    advance()
    var indent = increment > 0 ? (parent >= 0 ? parent + increment : increment) : 0

    // Leading empty lines, and the indentation of the first content line when not given.
    var trailingBreaks: [UInt8] = []
    func scanBreaks(_ p: inout YAMLParser, _ indent: inout Int, _ breaks: inout [UInt8]) {
      var maxIndent = 0
      while true {
        while (indent == 0 || p.column < indent) && p.peek() == 32 { p.advance() }
        if p.column > maxIndent { maxIndent = p.column }
        guard p.peek() == 10 else { break }
        breaks.append(10)
        p.advance()
      }
      if indent == 0 {
        indent = max(maxIndent, parent + 1, 1)
      }
    }
    if atEnd {
      return YAMLNode(kind: .scalar("", literal ? .literal : .folded))
    }
    scanBreaks(&self, &indent, &trailingBreaks)

    var out: [UInt8] = []
    var leadingBreak: [UInt8] = []
    var leadingBlank = false
    while column == indent && !atEnd && !atDocumentMarker() {
      let trailingBlank = isBlank(peek())
      if !literal && leadingBreak == [10] && !leadingBlank && !trailingBlank {
        if trailingBreaks.isEmpty { out.append(32) }
        leadingBreak = []
      }
      out.append(contentsOf: leadingBreak)
      out.append(contentsOf: trailingBreaks)
      leadingBreak = []
      trailingBreaks = []
      leadingBlank = isBlank(peek())
      while !atEnd && peek() != 10 {
        out.append(peek())
        advance()
      }
      tokenEndLine = line
      if atEnd { break }
      leadingBreak = [10]
      advance()
      scanBreaks(&self, &indent, &trailingBreaks)
    }
    if chomping != -1 { out.append(contentsOf: leadingBreak) }
    if chomping == 1 { out.append(contentsOf: trailingBreaks) }
    // Leave the position at the start of the line that ended the scalar.
    if !atEnd { i = lineStart }
    return YAMLNode(kind: .scalar(String(decoding: out, as: UTF8.self), literal ? .literal : .folded))
  }

  // MARK: Flow collections

  private mutating func skipFlowSpace() {
    while !atEnd {
      let c = peek()
      if isBlank(c) || c == 10 {
        advance()
      } else if c == 35 && (i == 0 || isBlankOrEnd(b[i - 1])) {
        while !atEnd && peek() != 10 { advance() }
      } else {
        return
      }
    }
  }

  private mutating func parseFlowCollection() throws(YAMLError) -> YAMLNode {
    depth += 1
    defer { depth -= 1 }
    guard depth < YAMLParser.maxDepth else { throw fail("document nested too deeply") }
    let startLine = line
    let startColumn = column
    let isSequence = peek() == 91
    let close: UInt8 = isSequence ? 93 : 125
    advance()
    var items: [YAMLNode] = []
    var entries: [(key: YAMLNode, value: YAMLNode)] = []
    while true {
      skipFlowSpace()
      guard !atEnd else { throw fail(isSequence ? "did not find expected ',' or ']'" : "did not find expected ',' or '}'") }
      if peek() == close {
        advance()
        break
      }
      if peek() == 63 && isBlankOrEnd(peek(1)) { throw fail("explicit mapping keys ('?') are not supported") }
      var key: YAMLNode
      if peek() == 58 && (isBlankOrEnd(peek(1)) || isFlowIndicator(peek(1))) {
        key = YAMLNode(kind: .scalar("", .plain), line: line, column: column)
      } else {
        key = try parseFlowNode()
      }
      skipFlowSpace()
      var value: YAMLNode? = nil
      if peek() == 58 {
        advance()
        skipFlowSpace()
        if peek() == 44 || peek() == close {
          value = YAMLNode(kind: .scalar("", .plain), line: line, column: column)
        } else {
          value = try parseFlowNode()
        }
        skipFlowSpace()
      }
      if isSequence {
        if let value {
          items.append(YAMLNode(kind: .mapping([(key, value)]), line: key.line, column: key.column))
        } else {
          items.append(key)
        }
      } else {
        entries.append((key, value ?? YAMLNode(kind: .scalar("", .plain), line: line, column: column)))
      }
      if peek() == 44 {
        advance()
        continue
      }
      guard peek() == close else {
        throw fail(isSequence ? "did not find expected ',' or ']'" : "did not find expected ',' or '}'")
      }
    }
    tokenEndLine = line
    return YAMLNode(kind: isSequence ? .sequence(items) : .mapping(entries), line: startLine, column: startColumn)
  }

  private mutating func parseFlowNode() throws(YAMLError) -> YAMLNode {
    var tag = ""
    var anchor = ""
    let startLine = line
    let startColumn = column
    var hasProperties = false
    while peek() == 38 || peek() == 33 {
      hasProperties = true
      if peek() == 38 {
        advance()
        anchor = readName()
      } else {
        tag = try readTag()
      }
      skipFlowSpace()
    }
    var node: YAMLNode
    let c = peek()
    switch c {
    case 91, 123: node = try parseFlowCollection()
    case 34, 39: node = try parseQuoted(single: c == 39)
    case 42:
      advance()
      node = YAMLNode(kind: .alias(readName()))
    case 44, 93, 125, 58:
      node = YAMLNode(kind: .scalar("", .plain))  // properties alone, or an empty node
      if !hasProperties && c != 58 { throw fail("did not find expected node content") }
    case 35, 37, 64, 96, 124, 62:
      throw fail("found character that cannot start any token")
    case 45 where isBlankOrEnd(peek(1)):
      throw fail("block sequence entries are not allowed in this context")
    default:
      guard !atEnd else { throw fail("did not find expected node content") }
      node = YAMLNode(kind: .scalar(try scanPlain(parent: -1, flow: true), .plain))
    }
    node.tag = tag
    node.anchor = anchor
    node.line = startLine
    node.column = startColumn
    return node
  }
}
