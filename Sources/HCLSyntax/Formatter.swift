// Canonical layout for HCL source, byte-identical to hashicorp/hcl's `hclwrite.Format` (v2.14.1).

/// The formatter. Like `hclwrite.Format` it never builds a syntax tree: it lexes, decides how many spaces go before
/// each token, and writes the tokens back. Only the whitespace between tokens on a line changes; token bytes
/// (including newlines, comments and heredoc bodies) are copied as they are. Because it needs no parse it also
/// formats files with syntax errors, which is what an editor asks for on every keystroke.
///
/// The layout decisions follow hclwrite's three passes, in order:
/// 1. indentation of each line from the net count of brackets opened on the lines before it;
/// 2. spacing between neighbouring tokens from a fixed table of token-pair rules;
/// 3. vertical alignment of `=` and of trailing comments across runs of consecutive lines.
package enum Formatter {
  /// hclwrite.Format: works on tokens only, so it also formats files with syntax errors.
  package static func format(_ source: [UInt8]) -> [UInt8] {
    var layout = Layout(source: source)
    layout.indentLines()
    layout.spaceTokens()
    layout.alignAssignments()
    layout.alignComments()
    return layout.render()
  }
}

/// One line as the formatter sees it: a run of tokens split into up to three consecutive cells.
/// `lead` is everything up to the others; `assign` starts at an `=` whose right-hand side closes all its brackets on
/// this line; `comment` is a trailing comment after other tokens. The first token of `assign` and of `comment` is
/// what gets moved to align with neighbouring lines.
private struct FormatLine {
  /// Token indices `start ..< end` (into `Layout.kinds`), the line's newline (or newline-ending comment) included.
  var start: Int
  var end: Int
  var assignStart: Int?
  var commentStart: Int?

  var isEmpty: Bool { start == end }
  var lead: Range<Int> { start ..< (assignStart ?? commentStart ?? end) }
  var assign: Range<Int>? { assignStart.map { $0 ..< (commentStart ?? end) } }
  var comment: Range<Int>? { commentStart.map { $0 ..< end } }
}

private struct Layout {
  let source: [UInt8]
  /// The tokens hclsyntax would produce, in order: ours minus whitespace, with the final `eof`.
  var kinds: [TokenKind] = []
  var starts: [Int] = []
  var ends: [Int] = []
  /// Spaces written before each token. Starts as the byte gap in the input (so a tab counts as one space and a byte
  /// order mark as three, as hclwrite sees them); the passes overwrite it for every token except the `eof`, whose
  /// gap (trailing blanks at the end of a file without a final newline) is therefore kept.
  var spaces: [Int] = []
  var lines: [FormatLine] = []

  init(source: [UInt8]) {
    self.source = source
    var previousEnd = 0
    for token in Lexer.tokenize(source) where token.kind != .whitespace {
      kinds.append(token.kind)
      starts.append(token.start)
      ends.append(token.end)
      spaces.append(max(0, token.start - previousEnd))
      previousEnd = token.end
    }
    splitLines()
  }

  // MARK: Lines and cells

  /// A `\n`, or a `#`/`//` comment, which swallows the newline that ends it.
  func endsLine(_ index: Int) -> Bool {
    switch kinds[index] {
    case .newline: return true
    case .comment: return ends[index] > starts[index] && byte(ends[index] - 1) == UInt8(ascii: "\n")
    default: return false
    }
  }

  func byte(_ offset: Int) -> UInt8 { offset >= 0 && offset < source.count ? source[offset] : 0 }

  mutating func splitLines() {
    // The eof token belongs to no line; everything before it is cut into lines after each line-ending token.
    let tokenEnd = kinds.last == .eof ? kinds.count - 1 : kinds.count
    var lineStart = 0
    for index in 0 ..< tokenEnd where endsLine(index) {
      lines.append(FormatLine(start: lineStart, end: index + 1))
      lineStart = index + 1
    }
    lines.append(FormatLine(start: lineStart, end: tokenEnd))

    for n in lines.indices where !lines[n].isEmpty {
      var line = lines[n]
      // A comment that ends a line with something before it is the comment cell.
      if line.end - line.start > 1, kinds[line.end - 1] == .comment {
        line.commentStart = line.end - 1
      }
      // Only the first `=` after the first token can start the assign cell, and only if the value closes every
      // bracket it opens on this line; `a = {` begins a multi-line value and is not aligned with its neighbours.
      let leadEnd = line.commentStart ?? line.end
      if line.start + 1 < leadEnd, let equal = (line.start + 1 ..< leadEnd).first(where: { kinds[$0] == .equal }) {
        if netBrackets(equal ..< leadEnd) == 0 { line.assignStart = equal }
      }
      lines[n] = line
    }
  }

  func netBrackets(_ range: Range<Int>) -> Int {
    range.reduce(0) { $0 + bracketChange(kinds[$1]) }
  }

  // MARK: Pass 1: indentation

  /// Each line that opens more brackets than it closes pushes one indent level, remembering how many it opened;
  /// a line that closes brackets pops levels until that many openers are used up. Counting per line rather than per
  /// bracket keeps `foo([` … `])` at a single level, and the stack absorbs unbalanced input without drifting.
  mutating func indentLines() {
    var openedPerLevel: [Int] = []
    for line in lines where !line.isEmpty {
      let first = line.start
      if kinds[first] == .newline {
        spaces[first] = 0  // blank lines carry no trailing blanks
        continue
      }
      var net = 0
      for index in line.lead {
        net += bracketChange(kinds[index])
        // A heredoc's body lives inside this line's tokens; its interpolations say nothing about indentation.
        if kinds[index] == .oHeredoc { break }
      }
      if let assign = line.assign { net += netBrackets(assign) }

      if net > 0 {
        spaces[first] = 2 * openedPerLevel.count
        openedPerLevel.append(net)
        continue
      }
      var toClose = -net
      while toClose > 0, let opened = openedPerLevel.last {
        if toClose >= opened {
          toClose -= opened
          openedPerLevel.removeLast()
        } else {
          openedPerLevel[openedPerLevel.count - 1] = opened - toClose
          toClose = 0
        }
      }
      spaces[first] = 2 * openedPerLevel.count
    }
  }

  // MARK: Pass 2: spaces between tokens

  /// Within the lead cell and within the assign cell, each token's spacing is decided from the pair it forms with
  /// the token before it (and, for `-` and `in`, the one before that). The assign cell's `=` gets one space for now;
  /// alignment may widen it. Nothing is decided across cell boundaries.
  mutating func spaceTokens() {
    for line in lines {
      spaceRun(line.lead)
      if let assign = line.assign {
        spaces[assign.lowerBound] = 1
        spaceRun(assign)
      }
    }
  }

  mutating func spaceRun(_ run: Range<Int>) {
    guard run.count > 1 else { return }
    for subject in run.lowerBound ..< run.upperBound - 1 {
      let before = subject > run.lowerBound ? kinds[subject - 1] : nil
      spaces[subject + 1] = wantsSpace(after: subject, before: before, next: kinds[subject + 1]) ? 1 : 0
    }
  }

  /// Whether one space separates token `subject` from the following token of kind `next`. `before` is the kind of
  /// the token preceding `subject` in the same cell, nil at the cell's start. The rules are tried in hclwrite's
  /// order; the first that applies wins.
  func wantsSpace(after subject: Int, before: TokenKind?, next: TokenKind) -> Bool {
    let kind = kinds[subject]
    if next == .newline || next == .eof { return false }
    if kind == .ident && next == .oParen { return false }  // function call: `f(`
    if kind == .dot || next == .dot { return false }  // attribute access
    if next == .comma || next == .ellipsis { return false }
    if kind == .comma { return true }
    // Inside templates literal text is kept exactly; the delimiters hug it.
    if kind == .quotedLit || kind == .stringLit || kind == .oQuote || kind == .oHeredoc
      || next == .quotedLit || next == .stringLit || next == .cQuote || next == .cHeredoc
    {
      return false
    }
    // `in` of a for expression, so that `[for x in [a]: x]` does not read as an index `in[a]`.
    if kind == .ident && before == .ident && isKeywordIn(subject) { return true }
    if next == .oBrack && (kind == .ident || kind == .numberLit || bracketChange(kind) < 0) {
      return false  // index: `a[0]`, `f()[0]`
    }
    if kind == .bang { return false }
    if kind == .minus { return !minusIsNegation(before: before) }
    // Braces, unlike other brackets, are padded inside: `{ a = 1 }`, but an empty pair stays `{}`.
    if kind == .oBrace || next == .cBrace { return !(kind == .oBrace && next == .cBrace) }
    // An interpolation that is just an object constructor: `${ { a = 1 } }`, so the braces stay readable.
    if (kind == .templateInterp || kind == .templateControl) && next == .oBrace { return true }
    if kind == .cBrace && next == .templateSeqEnd { return true }
    if kind == .templateSeqEnd && (next == .templateInterp || next == .templateControl) { return false }
    if bracketChange(kind) > 0 { return false }  // nothing after an opener
    if bracketChange(next) < 0 { return false }  // nothing before a closer
    return true
  }

  /// A `-` is taken as negation (no space after it) when what precedes it cannot end an operand.
  func minusIsNegation(before: TokenKind?) -> Bool {
    guard let before else { return true }
    switch before {
    case .oParen, .oBrace, .oBrack, .equal, .colon, .comma, .question,
      .plus, .star, .slash, .percent, .minus,
      .equalOp, .notEqual, .greaterThan, .greaterThanEq, .lessThan, .lessThanEq,
      .and, .or, .bang:
      return true
    default:
      return false
    }
  }

  func isKeywordIn(_ index: Int) -> Bool {
    ends[index] - starts[index] == 2 && byte(starts[index]) == UInt8(ascii: "i")
      && byte(starts[index] + 1) == UInt8(ascii: "n")
  }

  // MARK: Pass 3: alignment

  /// In each run of consecutive lines that all have an assign cell, the `=` signs line up one column after the
  /// widest lead. Any line without one (blank, block header, closing brace, comment) ends the run.
  mutating func alignAssignments() {
    alignRuns(cell: { $0.assignStart }, width: { layout, line in layout.columns(line.lead) })
  }

  /// Trailing comments on consecutive lines line up one column after the widest code before them. This runs after
  /// the `=` alignment, so it measures the aligned lines.
  mutating func alignComments() {
    alignRuns(cell: { $0.commentStart }) { layout, line in
      layout.columns(line.lead) + (line.assign.map { layout.columns($0) } ?? 0)
    }
  }

  mutating func alignRuns(cell: (FormatLine) -> Int?, width: (Layout, FormatLine) -> Int) {
    var runStart = 0
    while runStart < lines.count {
      guard cell(lines[runStart]) != nil else {
        runStart += 1
        continue
      }
      var runEnd = runStart
      var widest = 0
      while runEnd < lines.count, cell(lines[runEnd]) != nil {
        widest = max(widest, width(self, lines[runEnd]))
        runEnd += 1
      }
      for line in lines[runStart ..< runEnd] {
        if let first = cell(line) { spaces[first] = widest - width(self, line) + 1 }
      }
      runStart = runEnd
    }
  }

  /// The width of a run of tokens as hclwrite measures it: every space is a column, and each token counts its
  /// grapheme clusters on its own (clusters never span two tokens).
  func columns(_ run: Range<Int>) -> Int {
    var total = 0
    for index in run {
      total += spaces[index] + GraphemeCounter.count(source, starts[index] ..< ends[index])
    }
    return total
  }

  // MARK: Output

  func render() -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(source.count + source.count / 8)
    for index in kinds.indices {
      if spaces[index] > 0 { output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: spaces[index])) }
      let start = min(max(starts[index], 0), source.count)
      let end = min(max(ends[index], start), source.count)
      output.append(contentsOf: source[start ..< end])
    }
    return output
  }
}

/// +1 for a token that opens a bracket (including `${` and `%{`), -1 for one that closes, 0 otherwise.
private func bracketChange(_ kind: TokenKind) -> Int {
  switch kind {
  case .oBrace, .oBrack, .oParen, .templateInterp, .templateControl: 1
  case .cBrace, .cBrack, .cParen, .templateSeqEnd: -1
  default: 0
  }
}
