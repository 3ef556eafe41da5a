// Expand selection: from the token at the cursor out through its enclosing nodes to the whole file.
package import HCLSyntax

package enum SelectionRanges {
  /// Ranges around `offset`, innermost first, each strictly containing the one before, the last being the whole
  /// file. Every range holds the offset (at its end counts). Whitespace is never a step; between a string's quotes
  /// and a bracket pair's contents are steps of their own.
  package static func compute(_ file: ParsedFile, at offset: Int) -> [TextRange] {
    let whole = TextRange(start: 0, end: file.source.count)
    let offset = min(max(offset, 0), file.source.count)
    var result: [TextRange] = []
    func add(_ range: TextRange) {
      guard range.start >= 0, range.end <= whole.end, range.start <= offset, offset <= range.end else { return }
      if let last = result.last {
        guard range.start <= last.start, range.end >= last.end, range != last else { return }
      }
      result.append(range)
    }
    guard let tokenIndex = file.tokenIndex(at: offset) else { return [whole] }
    let token = file.tokens[tokenIndex]
    var path = file.nodePath(toToken: tokenIndex)

    switch token.kind {
    case .whitespace, .newline, .eof:
      break
    case .comment, .oHeredoc:
      add(file.trimmingLineBreak(token.range))
    case .cHeredoc:
      add(file.trimmingLeadingBlanks(token.range))
    case .stringLit:
      // A heredoc line: the line's text without its break.
      let trimmed = file.trimmingLineBreak(token.range)
      add(trimmed.isEmpty ? token.range : trimmed)
    default:
      add(token.range)
    }

    while let node = path.popLast() {
      if node.kind == .file {
        add(whole)
        break
      }
      if node.kind == .body {
        // A body's own range runs from line break to line break; its items are the useful step.
        if let items = significantRange(file, node) { add(items) }
        continue
      }
      if let inner = innerRange(file, node) { add(inner) }
      add(node.range)
      if node.kind == .block || node.kind == .attribute, let withComment = rangeWithTrailingComment(file, node) {
        add(withComment)
      }
    }
    add(whole)
    return result
  }

  /// What lies between a construct's delimiters: a string's content, a heredoc's body, a bracket pair's items.
  private static func innerRange(_ file: ParsedFile, _ node: SyntaxNode) -> TextRange? {
    let delimiters: (TokenKind, TokenKind)
    switch node.kind {
    case .quotedTemplate: delimiters = (.oQuote, .cQuote)
    case .heredocTemplate: delimiters = (.oHeredoc, .cHeredoc)
    case .block: delimiters = (.oBrace, .cBrace)
    case .tuple: delimiters = (.oBrack, .cBrack)
    case .object: delimiters = (.oBrace, .cBrace)
    case .argumentList, .parentheses: delimiters = (.oParen, .cParen)
    case .templateInterpolation: delimiters = (.templateInterp, .templateSeqEnd)
    default: return nil
    }
    guard let open = file.directToken(delimiters.0, of: node), let close = file.lastDirectToken(delimiters.1, of: node),
      open.end <= close.start
    else { return nil }
    if node.kind == .quotedTemplate || node.kind == .heredocTemplate {
      // Strings keep their blanks; a heredoc's body ends before the closing marker's line.
      let range = TextRange(start: open.end, end: close.start)
      return node.kind == .heredocTemplate ? file.trimmingLineBreak(range) : range
    }
    // Items: from the first to the last significant token between the delimiters.
    var start: Int? = nil
    var end = open.end
    for element in node.children {
      let range: TextRange
      switch element {
      case .token(let index):
        let token = file.tokens[Int(index)]
        guard token.start >= open.end, token.end <= close.start,
          token.kind != .whitespace && token.kind != .newline
        else { continue }
        range = token.kind == .comment ? file.trimmingLineBreak(token.range) : token.range
      case .node(let child):
        guard child.range.start >= open.end, child.range.end <= close.start, !child.range.isEmpty else { continue }
        range = child.range
      }
      if start == nil { start = range.start }
      end = max(end, range.end)
    }
    guard let start else { return nil }
    return TextRange(start: start, end: end)
  }

  /// A node's range without leading and trailing newlines and blanks.
  private static func significantRange(_ file: ParsedFile, _ node: SyntaxNode) -> TextRange? {
    var start: Int? = nil
    var end = 0
    for element in node.children {
      let range: TextRange
      switch element {
      case .token(let index):
        let token = file.tokens[Int(index)]
        guard token.kind != .whitespace && token.kind != .newline && token.kind != .eof else { continue }
        range = token.kind == .comment ? file.trimmingLineBreak(token.range) : token.range
      case .node(let child):
        guard !child.range.isEmpty else { continue }
        range = child.range
      }
      if start == nil { start = range.start }
      end = max(end, range.end)
    }
    guard let start else { return nil }
    return TextRange(start: start, end: end)
  }

  /// An attribute or block with the comment after it on its line (`a = 1 # why`), which sits in the parent body.
  private static func rangeWithTrailingComment(_ file: ParsedFile, _ node: SyntaxNode) -> TextRange? {
    guard let last = file.lastTokenIndex(in: node) else { return nil }
    var i = last + 1
    while i < file.tokens.count, file.tokens[i].kind == .whitespace { i += 1 }
    guard i < file.tokens.count, file.tokens[i].kind == .comment else { return nil }
    let comment = file.tokens[i]
    // Only a comment that starts on the node's last line.
    for byte in file.source[node.range.end..<comment.start] where byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
      return nil
    }
    return TextRange(start: node.range.start, end: file.trimmingLineBreak(comment.range).end)
  }
}
