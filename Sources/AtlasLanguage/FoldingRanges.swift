// Folding: blocks, multi-line brackets, heredocs, template directives and runs of comment lines.
package import HCLSyntax

/// A foldable region from its opener to its closer inclusive (for a comment run, from the first comment's start to
/// the end of the last comment's text). The server folds from the opener's line to the line before the closer's.
package struct FoldingRange: Hashable, Sendable {
  package var range: TextRange
  package var kind: FoldingKind

  package init(range: TextRange, kind: FoldingKind) {
    self.range = range
    self.kind = kind
  }
}

package enum FoldingKind: Sendable, Hashable {
  case region, comment
}

package enum FoldingRanges {
  /// Every region that spans two lines or more, sorted by start (outer before inner at the same start).
  package static func compute(_ file: ParsedFile) -> [FoldingRange] {
    let lines = LineIndex(file.source)
    var result: [FoldingRange] = []
    func add(_ range: TextRange, _ kind: FoldingKind) {
      guard range.end > range.start, lines.line(of: range.start) < lines.line(of: range.end) else { return }
      result.append(FoldingRange(range: range, kind: kind))
    }

    // Nodes, without recursion.
    var stack: [SyntaxNode] = [file.root]
    while let node = stack.popLast() {
      for case .node(let child) in node.children { stack.append(child) }
      switch node.kind {
      case .block:
        // From the header to the closing brace (or, when it is missing, the end of the body).
        if let body = node.firstChild(.body), let open = file.directToken(.oBrace, of: node) {
          let end = file.lastDirectToken(.cBrace, of: node)?.end ?? max(body.range.end, open.end)
          add(TextRange(start: node.range.start, end: end), .region)
        }
      case .tuple, .object, .argumentList, .parentheses, .forExpression:
        add(node.range, .region)
      case .heredocTemplate:
        add(file.trimmingLineBreak(node.range), .region)
      case .templateIf, .templateFor:
        add(node.range, .region)
      default:
        break
      }
    }

    addComments(file, lines, into: &result)
    result.sort { ($0.range.start, -$0.range.end) < ($1.range.start, -$1.range.end) }
    var unique: [FoldingRange] = []
    for range in result where unique.last != range { unique.append(range) }
    return unique
  }

  /// Block comments over several lines, and runs of two or more comments that each stand alone on consecutive lines.
  private static func addComments(_ file: ParsedFile, _ lines: LineIndex, into result: inout [FoldingRange]) {
    var runStart: TextRange? = nil
    var runEnd: TextRange? = nil
    var runCount = 0
    var previousLine = -2
    func closeRun() {
      if let start = runStart, let end = runEnd, runCount >= 2 {
        result.append(FoldingRange(range: start.union(end), kind: .comment))
      }
      runStart = nil
      runEnd = nil
      runCount = 0
    }
    for (index, token) in file.tokens.enumerated() where token.kind == .comment {
      let range = file.trimmingLineBreak(token.range)
      let startLine = lines.line(of: range.start)
      let endLine = lines.line(of: range.end)
      if startLine < endLine {
        // A block comment over several lines folds on its own.
        closeRun()
        result.append(FoldingRange(range: range, kind: .comment))
        previousLine = -2
        continue
      }
      // A comment after code on its line (`a = 1 # note`) starts no run and breaks one.
      if index > 0 && endsOnLine(file, index - 1, startLine, lines) {
        closeRun()
        previousLine = -2
        continue
      }
      if startLine == previousLine + 1, runStart != nil {
        runEnd = range
        runCount += 1
      } else {
        closeRun()
        runStart = range
        runEnd = range
        runCount = 1
      }
      previousLine = startLine
    }
    closeRun()
  }

  /// Whether the token before a comment is code on the comment's line (whitespace aside).
  private static func endsOnLine(_ file: ParsedFile, _ index: Int, _ line: Int, _ lines: LineIndex) -> Bool {
    var i = index
    while i >= 0 {
      let token = file.tokens[i]
      if token.kind == .whitespace {
        i -= 1
        continue
      }
      if token.kind == .newline { return false }
      if token.kind == .comment { return false }
      return lines.line(of: max(token.end - 1, token.start)) == line
    }
    return false
  }
}
