// Small questions about the syntax tree shared by the features: token at an offset, the path down to it, edges.
import HCLSyntax

extension ParsedFile {
  /// The index of the token covering `offset`; at a boundary between two tokens, the one that is not whitespace
  /// (the left one when both are words, as editors expect with the cursor at a word's end). Nil only for no tokens.
  func tokenIndex(at offset: Int) -> Int? {
    guard !tokens.isEmpty else { return nil }
    // Binary search for the first token whose end is past `offset`.
    var low = 0
    var high = tokens.count - 1
    while low < high {
      let mid = (low + high) / 2
      if tokens[mid].end > offset { high = mid } else { low = mid + 1 }
    }
    var index = low
    // Skip empty tokens (EOF) back to a real one when there is any.
    while index > 0, tokens[index].length == 0 { index -= 1 }
    if index > 0, tokens[index].start == offset || tokens[index].start > offset {
      let left = tokens[index - 1]
      if left.end == offset, Self.isWordlike(left.kind) || Self.isFiller(tokens[index].kind) { index -= 1 }
    }
    return index
  }

  static func isFiller(_ kind: TokenKind) -> Bool { kind == .whitespace || kind == .newline || kind == .eof }

  static func isWordlike(_ kind: TokenKind) -> Bool {
    switch kind {
    case .ident, .numberLit, .quotedLit, .stringLit, .cHeredoc: true
    default: false
    }
  }

  /// The nodes from the root down to the innermost one that holds the token at `tokenIndex` as a direct child.
  /// Iterative; children cover consecutive tokens in order, so the first child whose last token is at or past the
  /// target is the one to enter (empty nodes hold no token and are passed over).
  func nodePath(toToken tokenIndex: Int) -> [SyntaxNode] {
    guard tokenIndex >= 0, tokenIndex < tokens.count else { return [root] }
    var path: [SyntaxNode] = [root]
    var current = root
    descent: while true {
      for element in current.children {
        switch element {
        case .token(let index):
          if Int(index) >= tokenIndex { break descent }
        case .node(let node):
          guard let last = lastTokenIndex(in: node), last >= tokenIndex else { continue }
          path.append(node)
          current = node
          continue descent
        }
      }
      break
    }
    return path
  }

  /// The first token of a node (trivia included), without recursion.
  func firstTokenIndex(in node: SyntaxNode) -> Int? {
    var current = node
    while true {
      guard let first = current.children.first else { return nil }
      switch first {
      case .token(let index): return Int(index)
      case .node(let child): current = child
      }
    }
  }

  /// The last token of a node (trivia included), without recursion.
  func lastTokenIndex(in node: SyntaxNode) -> Int? {
    var current = node
    while true {
      guard let last = current.children.last else { return nil }
      switch last {
      case .token(let index): return Int(index)
      case .node(let child): current = child
      }
    }
  }

  /// The direct token children of a node with their indices.
  func directTokens(of node: SyntaxNode) -> [(index: Int, token: Token)] {
    node.children.compactMap { element in
      guard case .token(let index) = element else { return nil }
      return (Int(index), tokens[Int(index)])
    }
  }

  /// The first direct token child of a kind.
  func directToken(_ kind: TokenKind, of node: SyntaxNode) -> Token? {
    for case .token(let index) in node.children where tokens[Int(index)].kind == kind { return tokens[Int(index)] }
    return nil
  }

  /// The last direct token child of a kind.
  func lastDirectToken(_ kind: TokenKind, of node: SyntaxNode) -> Token? {
    // By position: a reversed view of the children would read them through the generic collection accessors.
    let children = node.children
    for position in children.indices.reversed() {
      if case .token(let index) = children[position], tokens[Int(index)].kind == kind { return tokens[Int(index)] }
    }
    return nil
  }

  /// The source text of a range, clamped to the file.
  func text(in range: TextRange) -> String {
    let start = min(max(range.start, 0), source.count)
    let end = min(max(range.end, start), source.count)
    return String(decoding: source[start..<end], as: UTF8.self)
  }

  /// A range without the line break(s) at its end (line comments and heredoc openers include theirs).
  func trimmingLineBreak(_ range: TextRange) -> TextRange {
    var end = range.end
    while end > range.start, end <= source.count,
      source[end - 1] == UInt8(ascii: "\n") || source[end - 1] == UInt8(ascii: "\r")
    {
      end -= 1
    }
    return TextRange(start: range.start, end: end)
  }

  /// A range without spaces and tabs at its start (a heredoc's closing marker includes its indentation).
  func trimmingLeadingBlanks(_ range: TextRange) -> TextRange {
    var start = range.start
    while start < range.end, start < source.count,
      source[start] == UInt8(ascii: " ") || source[start] == UInt8(ascii: "\t")
    {
      start += 1
    }
    return TextRange(start: start, end: range.end)
  }
}
