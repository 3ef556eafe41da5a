// The error-tolerant recursive-descent parser's machinery: token cursor, newline modes, tree building, recovery.

/// Parses HCL native syntax config files. Parsing never fails: it returns a lossless tree plus diagnostics.
package enum Parser {
  package static func parseConfig(_ source: [UInt8]) -> ParsedFile {
    let tokens = Lexer.tokenize(source, endStringsAtNewline: true)
    var parser = ParserState(source: source, tokens: tokens)
    parser.parseFile()
    return parser.finish(tokens: tokens)
  }

  package static func parseConfig(_ text: String) -> ParsedFile { parseConfig(Array(text.utf8)) }

  /// Parses a lone expression (hclsyntax's `ParseExpression`), e.g. a `--var` value or a test case.
  package static func parseExpression(_ source: [UInt8]) -> ParsedFile {
    let tokens = Lexer.tokenize(source, endStringsAtNewline: true)
    var parser = ParserState(source: source, tokens: tokens)
    parser.pushNewlines(false)
    parser.parseExpression()
    if parser.peek() != .eof {
      let extra = parser.peekToken()
      parser.report(.extraCharactersAfterExpression, at: extra.range)
      parser.skipRestOfLine()
    }
    return parser.finish(tokens: tokens)
  }

  /// Parses a bare template (hclsyntax's `ParseTemplate`): text with interpolations and directives.
  package static func parseTemplate(_ source: [UInt8]) -> ParsedFile {
    let tokens = Lexer.tokenizeTemplate(source)
    var parser = ParserState(source: source, tokens: tokens)
    parser.parseBareTemplate()
    return parser.finish(tokens: tokens)
  }
}

/// A position in the tree being built, for wrapping what was parsed since then in a new node (binary operators,
/// postfix traversals).
struct Checkpoint {
  let childIndex: Int
}

struct ParserState {
  let source: [UInt8]
  let tokens: [Token]
  /// Index of the next token not yet placed in the tree (trivia included).
  private(set) var position = 0
  /// Whether newlines are significant here: yes in bodies and object constructors, no inside brackets.
  private(set) var newlineModes: [Bool] = [true]
  /// `significantIndex(from: position, newlines: includesNewlines)`, kept up to date by every change of either,
  /// because the parser peeks several times per token.
  private var nextSignificant = 0
  var diagnostics: [Diagnostic] = []
  /// Set after a diagnostic until the current body item ends, so one mistake gives one diagnostic.
  var recovering = false
  /// Current nesting of expressions and block bodies (see `maxNesting`).
  var nesting = 0

  /// Nodes being built, each with where its children start in `pendingChildren`; the children of all open nodes
  /// share that one stack (references as in `SyntaxArena.children`).
  private var openNodes: [(kind: SyntaxKind, firstChild: Int)] = [(.file, 0)]
  private var pendingChildren: [UInt32] = []
  /// Finished nodes and their children, in the layout of `SyntaxArena`.
  private var nodeRecords: [SyntaxArena.NodeRecord] = []
  private var childReferences: [UInt32] = []
  /// Token indices of `{` that no `}` closes, found up front so that recovery can tell a missing brace early.
  /// Sorted; nearly always empty.
  let unmatchedOpenBraces: [Int]

  init(source: [UInt8], tokens: [Token]) {
    self.source = source
    self.tokens = tokens
    // Generous reservations: pages that are reserved but never written cost nothing, while outgrowing a reservation
    // copies the array and doubles it (about one node per three tokens and one reference per token plus one per
    // node on real files).
    nodeRecords.reserveCapacity(tokens.count / 2 + 1)
    childReferences.reserveCapacity(tokens.count + tokens.count / 2 + 1)
    pendingChildren.reserveCapacity(256)
    var open: [Int] = []
    for (index, token) in tokens.enumerated() {
      if token.kind == .oBrace {
        open.append(index)
      } else if token.kind == .cBrace, !open.isEmpty {
        open.removeLast()
      }
    }
    unmatchedOpenBraces = open
    nextSignificant = significantIndex(from: 0, newlines: true)
  }

  /// Adds the diagnostics of bad characters and closes the tree.
  mutating func finish(tokens: [Token]) -> ParsedFile {
    var all = InvalidTokenDiagnostics.collect(tokens: tokens, source: source)
    // A bad character already has its diagnostic; the parser's complaint about the same token would be a second.
    let reported = Set(all.map(\.subject))
    all.append(contentsOf: diagnostics.filter { !reported.contains($0.subject) })
    all.sort { ($0.subject.start, $0.subject.end) < ($1.subject.start, $1.subject.end) }
    return ParsedFile(source: source, tokens: tokens, root: finishTree(), diagnostics: all)
  }

  // MARK: - Cursor

  var includesNewlines: Bool { newlineModes.last ?? true }

  mutating func pushNewlines(_ significant: Bool) {
    newlineModes.append(significant)
    nextSignificant = significantIndex(from: position, newlines: significant)
  }

  mutating func popNewlines() {
    if newlineModes.count > 1 { newlineModes.removeLast() }
    nextSignificant = significantIndex(from: position, newlines: includesNewlines)
  }

  /// Index of the next significant token. A `#` or `//` comment ends with its newline, so where newlines count it
  /// stands for one (as in hclsyntax).
  func peekIndex() -> Int { nextSignificant }

  /// The first significant token at or after `start`, when newlines do or do not count.
  func significantIndex(from start: Int, newlines: Bool) -> Int {
    var i = start
    let last = tokens.count - 1
    while i < last {
      switch tokens[i].kind {
      case .whitespace:
        i += 1
      case .comment:
        if newlines && commentEndsLine(tokens[i]) { return i }
        i += 1
      case .newline:
        if newlines { return i }
        i += 1
      default:
        return i
      }
    }
    return last
  }

  /// Whether a token's text ends with a newline (line comments; heredoc lines cut short by recovery).
  func commentEndsLine(_ token: Token) -> Bool {
    token.end > token.start && source[token.end - 1] == UInt8(ascii: "\n")
  }

  /// The kind of the next significant token, a line-ending comment reading as `newline`.
  func peek() -> TokenKind {
    let kind = tokens[peekIndex()].kind
    return kind == .comment ? .newline : kind
  }

  func peekToken() -> Token { tokens[peekIndex()] }

  /// The token after the next significant one (same newline mode).
  func peekSecond() -> TokenKind {
    let kind = peekSecondToken().kind
    return kind == .comment ? .newline : kind
  }

  func peekSecondToken() -> Token {
    tokens[significantIndex(from: peekIndex() + 1, newlines: includesNewlines)]
  }

  /// The token after the next significant one with newlines ignored (what follows `[`, `{` or `%{`).
  func peekSecondIgnoringNewlines() -> Token {
    tokens[significantIndex(from: peekIndex() + 1, newlines: false)]
  }

  func text(_ token: Token) -> Substring {
    Substring(decoding: source[token.start..<token.end], as: UTF8.self)
  }

  func isKeyword(_ keyword: StaticString) -> Bool { isKeyword(peekToken(), keyword) }

  /// Compares bytes directly: this runs for many tokens, and building a String for each would cost more.
  func isKeyword(_ token: Token, _ keyword: StaticString) -> Bool {
    guard token.kind == .ident, token.length == keyword.utf8CodeUnitCount else { return false }
    let expected = keyword.utf8Start
    for k in 0..<token.length where source[token.start + k] != expected[k] { return false }
    return true
  }

  /// Moves the next significant token (and the trivia before it) into the current node. Never moves past EOF.
  @discardableResult
  mutating func bump() -> Token {
    let index = peekIndex()
    let token = tokens[index]
    if token.kind == .eof { return token }
    while position <= index {
      appendToken(position)
      position += 1
    }
    nextSignificant = significantIndex(from: position, newlines: includesNewlines)
    return token
  }

  /// Consumes the next token if it is of `kind`.
  mutating func eat(_ kind: TokenKind) -> Bool {
    guard peek() == kind else { return false }
    bump()
    return true
  }

  /// Places trivia before the next significant token in the current node.
  mutating func flushTrivia() {
    let index = peekIndex()
    while position < index {
      appendToken(position)
      position += 1
    }
    // `position` is now the significant token itself, so `nextSignificant` is unchanged.
  }

  var previousTokenEnd: Int {
    var i = position - 1
    while i >= 0 {
      if tokens[i].kind != .whitespace { return tokens[i].end }
      i -= 1
    }
    return 0
  }

  // MARK: - Tree building

  private mutating func appendToken(_ index: Int) {
    pendingChildren.append(UInt32(truncatingIfNeeded: index))
  }

  mutating func startNode(_ kind: SyntaxKind) {
    flushTrivia()
    openNodes.append((kind, pendingChildren.count))
  }

  func checkpoint() -> Checkpoint { Checkpoint(childIndex: pendingChildren.count) }

  /// Starts a node that takes over everything the current node gained since `checkpoint`.
  mutating func startNode(_ kind: SyntaxKind, at checkpoint: Checkpoint) {
    openNodes.append((kind, checkpoint.childIndex))
  }

  mutating func finishNode() {
    guard openNodes.count > 1, let (kind, firstChild) = openNodes.popLast() else { return }
    pendingChildren.append(SyntaxArena.nodeFlag | UInt32(truncatingIfNeeded: closeNode(kind, childrenFrom: firstChild)))
  }

  /// Moves the pending children from `first` on into a new node record; returns the record's index.
  private mutating func closeNode(_ kind: SyntaxKind, childrenFrom first: Int) -> Int {
    let range = rangeOfPendingChildren(from: first)
    let record = SyntaxArena.NodeRecord(
      kind: kind, start: UInt32(truncatingIfNeeded: range.start), end: UInt32(truncatingIfNeeded: range.end),
      firstChild: UInt32(truncatingIfNeeded: childReferences.count),
      childCount: UInt32(truncatingIfNeeded: pendingChildren.count - first))
    childReferences.append(contentsOf: pendingChildren[first...])
    pendingChildren.removeLast(pendingChildren.count - first)
    nodeRecords.append(record)
    return nodeRecords.count - 1
  }

  /// From the first to the last byte of the children that is not layout; empty at the current position if none.
  private func rangeOfPendingChildren(from first: Int) -> TextRange {
    var start: Int? = nil
    var end = 0
    for reference in pendingChildren[first...] {
      let childRange: TextRange
      if reference & SyntaxArena.nodeFlag != 0 {
        let record = nodeRecords[Int(reference & ~SyntaxArena.nodeFlag)]
        childRange = TextRange(start: Int(record.start), end: Int(record.end))
      } else {
        // Whitespace and line breaks at a node's edges are layout, not part of what the node covers.
        let token = tokens[Int(reference)]
        if token.kind == .whitespace || token.kind == .newline { continue }
        childRange = token.range
      }
      if start == nil { start = childRange.start }
      end = childRange.end
    }
    let offset = start ?? tokens[min(position, tokens.count - 1)].start
    return TextRange(start: offset, end: max(end, offset))
  }

  /// Closes the file node after placing every remaining token (EOF included) in it.
  mutating func finishTree() -> SyntaxNode {
    while openNodes.count > 1 { finishNode() }
    while position < tokens.count {
      appendToken(position)
      position += 1
    }
    let rootIndex = closeNode(.file, childrenFrom: 0)
    nodeRecords[rootIndex].start = 0
    nodeRecords[rootIndex].end = UInt32(truncatingIfNeeded: source.count)
    let arena = SyntaxArena(nodes: nodeRecords, children: childReferences)
    return SyntaxNode(arena: arena, index: rootIndex)
  }

  // MARK: - Diagnostics and recovery

  /// Reports a syntax error unless one was already reported for the current item.
  mutating func report(_ message: SyntaxMessage, at subject: TextRange, context: TextRange? = nil) {
    guard !recovering else { return }
    diagnostics.append(message.diagnostic(at: subject, context: context))
    recovering = true
  }

  /// Reports an error regardless of recovery: for problems found in well-formed structure (duplicates, bad escapes).
  mutating func reportAlways(_ message: SyntaxMessage, at subject: TextRange) {
    diagnostics.append(message.diagnostic(at: subject))
  }

  /// The 1-based line of an offset, for messages that point at another place.
  func lineNumber(of offset: Int) -> Int {
    var line = 1
    for byte in source[0..<min(max(offset, 0), source.count)] where byte == UInt8(ascii: "\n") { line += 1 }
    return line
  }

  /// Skips tokens into an `unexpected` node up to (not including) the next newline at this bracket depth, or EOF.
  /// With `stopAt`, also stops before that closer at depth zero.
  mutating func skipRestOfLine(stopAt closer: TokenKind? = nil) {
    pushNewlines(true)
    defer { popNewlines() }
    var depth = 0
    var started = false
    while true {
      let kind = peek()
      if kind == .eof { break }
      if depth == 0 && (kind == .newline || kind == closer) { break }
      if !started {
        startNode(.unexpected)
        started = true
      }
      switch kind {
      case .oBrace, .oBrack, .oParen, .templateInterp, .templateControl, .oQuote, .oHeredoc:
        depth += 1
        if kind == .oBrace || kind == .oBrack || kind == .oParen || kind == .templateInterp || kind == .templateControl {
          pushNewlines(false)
        } else {
          pushNewlines(true)
        }
      case .cBrace, .cBrack, .cParen, .templateSeqEnd, .cQuote, .cHeredoc:
        if depth > 0 {
          depth -= 1
          popNewlines()
        }
      default: break
      }
      bump()
    }
    if started { finishNode() }
  }

  /// Skips to and consumes `closer`, balancing brackets on the way. Stops early, without consuming, at EOF or at a
  /// line that starts a block (`name "label" {` at the start of a line), on the guess that the closer is missing.
  mutating func recover(to closer: TokenKind, stopAtArgumentLine: Bool = false) {
    var depth = 0
    var started = false
    while true {
      let kind = peek()
      if kind == .eof { break }
      if depth == 0 && kind == closer {
        if started { finishNode() }
        bump()
        return
      }
      if startsBlockOnNewLine() || (stopAtArgumentLine && startsArgumentOnNewLine()) { break }
      // Another construct's closer at our level: ours is missing, and that closer belongs to an enclosing one.
      if depth == 0 && nextClosesEnclosingConstruct(expecting: closer) { break }
      if !started {
        startNode(.unexpected)
        started = true
      }
      switch kind {
      case .oBrace, .oBrack, .oParen, .templateInterp, .templateControl: depth += 1
      case .cBrace, .cBrack, .cParen, .templateSeqEnd: depth -= 1
      default: break
      }
      bump()
    }
    if started { finishNode() }
  }

  /// Whether the next token closes some enclosing construct rather than the one expecting `closer`.
  func nextClosesEnclosingConstruct(expecting closer: TokenKind) -> Bool {
    let kind = peek()
    return kind != closer && [.cBrace, .cBrack, .cParen, .templateSeqEnd].contains(kind)
  }

  /// Whether the next significant token begins a line and looks like a block header (`ident (ident|"…")* {⏎`).
  func startsBlockOnNewLine() -> Bool {
    let index = peekIndex()
    guard tokens[index].kind == .ident, beginsLine(index) else { return false }
    var i = index + 1
    while i < tokens.count {
      switch tokens[i].kind {
      case .whitespace, .ident, .quotedLit: i += 1
      case .oQuote, .cQuote: i += 1
      case .oBrace:
        var j = i + 1
        while j < tokens.count, tokens[j].kind == .whitespace { j += 1 }
        return j < tokens.count && (tokens[j].kind == .newline || tokens[j].kind == .cBrace
          || (tokens[j].kind == .comment && commentEndsLine(tokens[j])))
      default: return false
      }
    }
    return false
  }

  /// Whether the next significant token begins a line as `name =` does (an argument of the enclosing body).
  func startsArgumentOnNewLine() -> Bool {
    let index = peekIndex()
    guard tokens[index].kind == .ident, beginsLine(index) else { return false }
    return peekSecond() == .equal
  }

  /// A bracket left open before the next line's argument or block: the closer is missing, not a separator.
  func nextLineStartsBodyItem() -> Bool { startsBlockOnNewLine() || startsArgumentOnNewLine() }

  /// The byte column of a token within its line (only compared with other columns, so bytes suffice).
  func column(of token: Token) -> Int {
    var i = token.start
    while i > 0, source[i - 1] != UInt8(ascii: "\n") { i -= 1 }
    return token.start - i
  }

  func beginsLine(_ index: Int) -> Bool {
    var i = index - 1
    while i >= 0 {
      switch tokens[i].kind {
      case .whitespace: i -= 1
      case .newline: return true
      case .comment, .stringLit: return commentEndsLine(tokens[i])
      default: return false
      }
    }
    return true
  }
}
