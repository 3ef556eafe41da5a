// The edits behind the quick fixes that change lines rather than words: removing an attribute with its line, adding
// a required attribute (with a placeholder of its type) on a line of its own, and turning TLS on in a URL. Written
// the way `atlas schema fmt` lays out a body (two spaces per level), so that a fix does not leave work for the
// formatter.
import HCLSyntax

extension StructureChecker {
  /// Removes an attribute: its whole line (with a comment after it) when nothing else is on the line, else the
  /// attribute alone.
  func removal(of attribute: AttributeView) -> QuickFix {
    removal(of: attribute.node.range, title: "Remove \"\(attribute.name)\"")
  }

  /// Removes an attribute or a block: its whole lines (with a comment after it) when nothing else is on them, else
  /// the range alone. A blank line after it goes too when a blank line (or the file's start) is before it, so that
  /// removing a block between two blank lines leaves one.
  func removal(of range: TextRange, title: String) -> QuickFix {
    guard let lineStart = blankStart(before: range.start), var lineEnd = lineEnd(after: range.end) else {
      return QuickFix(title: title, range: range, replacement: "")
    }
    if lineStart == 0 || isBlankLineEnd(before: lineStart), let next = blankLineEnd(from: lineEnd) { lineEnd = next }
    return QuickFix(title: title, range: TextRange(start: lineStart, end: lineEnd), replacement: "")
  }

  /// Whether the line that ends just before `lineStart` holds only blanks.
  func isBlankLineEnd(before lineStart: Int) -> Bool {
    guard lineStart > 0, file.source[lineStart - 1] == UInt8(ascii: "\n") else { return false }
    var start = lineStart - 1
    while start > 0, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(file.source[start - 1]) {
      start -= 1
    }
    return start == 0 || file.source[start - 1] == UInt8(ascii: "\n")
  }

  /// The end of a line that holds only blanks and starts at `offset` (after its line break); nil otherwise.
  func blankLineEnd(from offset: Int) -> Int? {
    var end = offset
    while end < file.source.count, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(file.source[end]) {
      end += 1
    }
    return end < file.source.count && file.source[end] == UInt8(ascii: "\n") ? end + 1 : nil
  }

  /// Adds `name = placeholder` as the first line of a block's body; nil when the block has no `{`.
  func addition(of attribute: AttributeSchema, to block: BlockView) -> QuickFix? {
    insertion(of: "\(attribute.name) = \(Self.placeholder(for: attribute))", title: "Add \"\(attribute.name)\"", into: block)
  }

  /// Adds a line as the first of a block's body, indented one level in; nil when the block has no `{`.
  func insertion(of line: String, title: String, into block: BlockView) -> QuickFix? {
    guard let open = file.directToken(.oBrace, of: block.node) else { return nil }
    let outer = indentation(ofLineAt: block.node.range.start)
    let inner = outer + "  "
    let breakText = lineBreak
    // `{` ends its line (maybe after a comment): the new line goes right after.
    if let next = lineEnd(after: open.end) {
      return QuickFix(title: title, range: TextRange(start: next, end: next), replacement: inner + line + breakText)
    }
    // `{ … }` on one line: the body is spread over lines, the new attribute first.
    if let close = file.directToken(.cBrace, of: block.node), !containsLineBreak(open.end, close.start) {
      let content = file.text(in: TextRange(start: open.end, end: close.start)).trimmingBlanks
      let existing = content.isEmpty ? "" : breakText + inner + content
      return QuickFix(title: title, range: TextRange(start: open.end, end: close.start),
                      replacement: breakText + inner + line + existing + breakText + outer)
    }
    return QuickFix(title: title, range: TextRange(start: open.end, end: open.end), replacement: breakText + inner + line)
  }

  /// A value of the attribute's type for the user to replace: its first allowed value, else an empty one.
  static func placeholder(for attribute: AttributeSchema) -> String {
    if let first = attribute.allowedValues.first { return "\"\(first)\"" }
    func placeholder(_ type: ValueType) -> String {
      switch type {
      case .string: "\"\""
      case .number: "0"
      case .bool: "false"
      case .list: "[]"
      case .map: "{}"
      case .typeExpression: "string"
      case .any: "null"
      case .oneOf(let types): types.first.map(placeholder) ?? "null"
      }
    }
    return placeholder(attribute.type)
  }

  // MARK: TLS in a URL

  /// Turns TLS on in a URL written as a string in the file: `sslmode=disable` becomes `sslmode=require`,
  /// `tls=false` becomes `tls=true`, and a MySQL URL without `tls` gets `tls=true` (and the
  /// `allowCleartextPasswords=true` an IAM sign-in needs) at the end of its query. Nil when the text to change is
  /// not a literal part of this string (it comes from a local or an interpolation).
  func tlsFix(_ value: SyntaxNode, parameter: String, disabling: String) -> QuickFix? {
    guard value.kind == .quotedTemplate else { return nil }
    let literals = value.childNodes.filter { $0.kind == .templateLiteral }
    let wanted = "\(parameter)=\(disabling)"
    let enabled = parameter == "tls" ? "tls=true" : "sslmode=require"
    // Searched in the bytes as written: offsets into a decoded string would drift past invalid UTF-8.
    let pattern = Array(wanted.utf8)
    for literal in literals where literal.range.end <= file.source.count {
      let bytes = file.source[literal.range.start..<literal.range.end]
      guard let found = bytes.firstRange(of: pattern) else { continue }
      let start = found.lowerBound
      let end = found.upperBound
      // The parameter must be whole: preceded by `?` or `&` (or the start of a literal after an interpolation),
      // and followed by `&` or the end of the literal.
      if start > literal.range.start, ![UInt8(ascii: "?"), UInt8(ascii: "&")].contains(file.source[start - 1]) { continue }
      guard end == literal.range.end || file.source[end] == UInt8(ascii: "&") else { continue }
      return QuickFix(title: "Use \(enabled)", range: TextRange(start: start, end: end), replacement: enabled,
                      isPreferred: true)
    }
    guard parameter == "tls", let last = value.childNodes.last, last.kind == .templateLiteral else { return nil }
    let whole = value.childNodes.map { file.text(in: $0.range) }.joined()
    var added = "tls=true"
    if !whole.contains("allowCleartextPasswords=") { added += "&allowCleartextPasswords=true" }
    let separator = whole.contains("?") ? (whole.hasSuffix("?") || whole.hasSuffix("&") ? "" : "&") : "?"
    return QuickFix(title: "Add tls=true", range: TextRange(start: last.range.end, end: last.range.end),
                    replacement: separator + added, isPreferred: true)
  }

  /// The same fix made where the URL is written when the env reads it from locals (`url = local.url`, or a
  /// template of locals): the first local whose string the fix applies to.
  func tlsFixThroughLocals(_ value: SyntaxNode, parameter: String, disabling: String) -> QuickFix? {
    guard let model else { return nil }
    for reference in model.references where reference.root == "local" && value.range.contains(reference.rootRange.start) {
      guard let name = reference.names.first,
        let local = model.locals.first(where: { $0.name == name }),
        let token = file.tokenIndex(at: local.nameRange.start),
        let attribute = file.nodePath(toToken: token).last(where: { $0.kind == .attribute }),
        let localValue = attribute.firstChildNode,
        let fix = tlsFix(localValue, parameter: parameter, disabling: disabling)
      else { continue }
      return fix
    }
    return nil
  }

  // MARK: Lines

  /// The start of the line of `offset` when only blanks come before it on the line.
  func blankStart(before offset: Int) -> Int? {
    var start = offset
    while start > 0, file.source[start - 1] == UInt8(ascii: " ") || file.source[start - 1] == UInt8(ascii: "\t") {
      start -= 1
    }
    return start == 0 || file.source[start - 1] == UInt8(ascii: "\n") ? start : nil
  }

  /// The offset after the line break that ends the line of `offset`, when only blanks and a comment come before it
  /// (the end of the file counts as a line break).
  func lineEnd(after offset: Int) -> Int? {
    let source = file.source
    var end = offset
    while end < source.count, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(source[end]) {
      end += 1
    }
    let startsComment = end < source.count
      && (source[end] == UInt8(ascii: "#")
        || (source[end] == UInt8(ascii: "/") && end + 1 < source.count && source[end + 1] == UInt8(ascii: "/")))
    if startsComment {
      while end < source.count, source[end] != UInt8(ascii: "\n") { end += 1 }
    }
    guard end < source.count else { return source.count }
    return source[end] == UInt8(ascii: "\n") ? end + 1 : nil
  }

  /// The blanks at the start of the line holding `offset`.
  func indentation(ofLineAt offset: Int) -> String {
    var start = min(offset, file.source.count)
    while start > 0, file.source[start - 1] != UInt8(ascii: "\n") { start -= 1 }
    var end = start
    while end < file.source.count, file.source[end] == UInt8(ascii: " ") || file.source[end] == UInt8(ascii: "\t") {
      end += 1
    }
    return file.text(in: TextRange(start: start, end: end))
  }

  func containsLineBreak(_ start: Int, _ end: Int) -> Bool {
    start < end && file.source[start..<end].contains(UInt8(ascii: "\n"))
  }

  /// The file's own line break: CRLF when its first line ends so.
  var lineBreak: String {
    guard let first = file.source.firstIndex(of: UInt8(ascii: "\n")) else { return "\n" }
    return first > 0 && file.source[first - 1] == UInt8(ascii: "\r") ? "\r\n" : "\n"
  }
}

extension String {
  /// Without spaces and tabs at either end.
  var trimmingBlanks: String {
    let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    return String(drop(while: blank).reversed().drop(while: blank).reversed())
  }
}
