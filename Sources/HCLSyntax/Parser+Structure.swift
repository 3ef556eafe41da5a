// Grammar of bodies: attributes, blocks (multi-line and one-line) and labels, with hclsyntax's messages.

extension ParserState {
  mutating func parseFile() {
    startNode(.body)
    parseBodyItems(closer: nil, openBrace: nil, unclosedHeaderColumn: nil)
    finishNode()
  }

  /// Body items up to `closer` (not consumed) or EOF. For a block whose `{` has no matching `}` anywhere,
  /// `unclosedHeaderColumn` is the column of its header: the body ends early at the first line that starts an
  /// argument or block at that column or left of it, so one missing brace does not swallow the rest of the file.
  mutating func parseBodyItems(closer: TokenKind?, openBrace: Token?, unclosedHeaderColumn: Int?) {
    var names = AttributeNames(source: source)
    while true {
      let kind = peek()
      if kind == .eof {
        if let openBrace {
          report(.unclosedBlockAtEndOfFile, at: openBrace.range)
        }
        return
      }
      if let closer, kind == closer { return }
      if kind == .newline {
        bump()
        continue
      }
      if let openBrace, let headerColumn = unclosedHeaderColumn, column(of: peekToken()) <= headerColumn,
        nextLineStartsBodyItem()
      {
        report(.unclosedBlockBeforeNextDefinition, at: openBrace.range)
        return
      }
      recovering = false
      if kind == .ident {
        if let (name, nameRange) = parseBodyItem() {
          if let first = names.insert(nameRange) {
            reportAlways(.attributeRedefined(name, firstLine: lineNumber(of: first.start)), at: nameRange)
          }
        }
      } else {
        let token = peekToken()
        if kind == .oQuote {
          report(.quotedArgumentName, at: token.range)
        } else {
          report(.argumentOrBlockRequired, at: token.range)
        }
        // A stray closer would otherwise stop the skip at once and loop forever.
        if kind == .cBrace || kind == .cBrack || kind == .cParen || kind == .templateSeqEnd {
          startNode(.unexpected)
          bump()
          finishNode()
        }
        skipRestOfLine(stopAt: closer)
      }
    }
  }

  /// An attribute or a block; returns the attribute's name, for the duplicate check.
  mutating func parseBodyItem() -> (Substring, TextRange)? {
    flushTrivia()
    let checkpoint = checkpoint()
    let name = peekToken()
    switch peekSecond() {
    case .equal:
      startNode(.attribute, at: checkpoint)
      bump()
      bump()
      parseExpression()
      finishNode()
      expectEndOfLine(after: name, isAttribute: true)
      return (text(name), name.range)
    case .oQuote, .oBrace, .ident:
      startNode(.block, at: checkpoint)
      bump()
      if nesting >= Self.maxNesting {
        while peek() != .oBrace && peek() != .newline && peek() != .eof { bump() }
        skipTooDeeplyNested()
        finishNode()
        return nil
      }
      nesting += 1
      defer { nesting -= 1 }
      if parseBlockRest(name: name) {
        finishNode()
        expectEndOfLine(after: name, isAttribute: false)
      } else {
        finishNode()
      }
      return nil
    default:
      startNode(.unexpected, at: checkpoint)
      bump()
      report(.argumentOrBlockRequiredUseEquals, at: name.range)
      finishNode()
      skipRestOfLine()
      return nil
    }
  }

  /// After an attribute or block: a newline (consumed) or EOF; otherwise one diagnostic and a skip to the line end.
  mutating func expectEndOfLine(after start: Token, isAttribute: Bool) {
    let kind = peek()
    if kind == .newline {
      bump()
      return
    }
    // The line already ended if its newline went into a construct left open (already reported) or into the last
    // line of an unterminated heredoc (see `Lexer`'s recovery).
    if kind == .eof || beginsLine(peekIndex()) { return }
    let end = peekToken()
    let message: SyntaxMessage =
      kind == .comma && isAttribute ? .commaAfterArgument
      : isAttribute ? .missingNewlineAfterArgument : .missingNewlineAfterBlock
    report(message, at: end.range, context: start.range.union(end.range))
    skipRestOfLine()
    _ = eat(.newline)
  }

  /// Labels and body; returns whether the block was closed (so a newline must follow).
  mutating func parseBlockRest(name: Token) -> Bool {
    // Labels.
    while true {
      let kind = peek()
      if kind == .oBrace { break }
      if kind == .ident {
        startNode(.blockLabel)
        bump()
        finishNode()
        continue
      }
      if kind == .oQuote {
        parseQuotedLabel()
        continue
      }
      let token = peekToken()
      let message: SyntaxMessage =
        switch kind {
        case .equal: .blockHeaderEquals
        case .newline: .blockHeaderNewline
        default: .blockHeaderUnexpected
        }
      report(message, at: token.range, context: name.range.union(token.range))
      skipRestOfLine()
      _ = eat(.newline)
      return false
    }
    let openBraceIndex = peekIndex()
    let openBrace = bump()
    switch peek() {
    case .newline, .eof, .cBrace:
      startNode(.body)
      let unclosed = !unmatchedOpenBraces.isEmpty && unmatchedOpenBraces.contains(openBraceIndex)
      parseBodyItems(closer: .cBrace, openBrace: openBrace, unclosedHeaderColumn: unclosed ? column(of: name) : nil)
      finishNode()
      return eat(.cBrace)
    default:
      parseOneLineBody(name: name, openBrace: openBrace)
      return true
    }
  }

  /// `name { attr = value }` on one line: at most one argument, closed on the same line.
  mutating func parseOneLineBody(name: Token, openBrace: Token) {
    startNode(.body)
    let first = peekToken()
    if first.kind == .ident && peekSecond() == .equal {
      startNode(.attribute)
      bump()
      bump()
      parseExpression()
      finishNode()
    } else if first.kind == .ident {
      let next = peekSecond()
      if next == .oQuote || next == .oBrace || next == .ident {
        report(.nestedBlockInOneLineBlock(text(first)), at: first.range.union(peekSecondToken().range))
      } else {
        report(.argumentOrBlockRequiredUseEquals, at: first.range)
      }
      recover(to: .cBrace)
      finishNode()
      return
    } else {
      report(.argumentOrBlockRequired, at: first.range)
      recover(to: .cBrace)
      finishNode()
      return
    }
    finishNode()
    let kind = peek()
    if kind == .cBrace {
      bump()
      return
    }
    let token = peekToken()
    switch kind {
    case .comma:
      report(.oneLineBlockMultipleArguments, at: token.range)
    case .newline:
      report(.oneLineBlockNotClosedOnLine, at: token.range)
    case .eof:
      report(.unclosedBlockAtEndOfFile, at: openBrace.range, context: name.range.union(openBrace.range))
    default:
      report(.oneLineBlockNotClosed, at: token.range)
    }
    recover(to: .cBrace)
  }

  /// A quoted block label: a string with escapes but no template sequences.
  mutating func parseQuotedLabel() {
    startNode(.blockLabel)
    let open = bump()
    while true {
      let token = peekToken()
      switch token.kind {
      case .cQuote:
        bump()
        finishNode()
        return
      case .quotedLit:
        validateEscapes(in: token)
        bump()
      case .templateInterp, .templateControl:
        report(.templateInLabel(token.kind == .templateInterp ? "$" : "%"), at: token.range)
        // Skip the whole sequence.
        startNode(.unexpected)
        bump()
        pushNewlines(false)
        var depth = 1
        while depth > 0 && peek() != .eof {
          let kind = peek()
          if kind == .templateInterp || kind == .templateControl { depth += 1 }
          if kind == .templateSeqEnd { depth -= 1 }
          bump()
        }
        popNewlines()
        finishNode()
      default:
        report(.unterminatedLabel, at: open.range.union(TextRange.empty(at: previousTokenEnd)))
        finishNode()
        return
      }
    }
  }
}

/// The attribute names seen in one body, for the duplicate check. Names are compared as raw bytes, which is all the
/// check needs. Most bodies have a handful of attributes, so a short list is searched directly; past that a
/// dictionary takes over (this runs for every attribute of every body, and hashing each name was measurable).
struct AttributeNames {
  let source: [UInt8]
  private var list: [TextRange] = []
  private var table: [NameKey: TextRange]?

  init(source: [UInt8]) { self.source = source }

  /// Records a name; returns where it was first defined if it was already there.
  mutating func insert(_ range: TextRange) -> TextRange? {
    let key = NameKey(source: source, range: range)
    if table != nil {
      if let first = table?[key] { return first }
      table?[key] = range
      return nil
    }
    for first in list where NameKey(source: source, range: first) == key { return first }
    list.append(range)
    if list.count == 16 {
      table = Dictionary(list.map { (NameKey(source: source, range: $0), $0) }) { first, _ in first }
    }
    return nil
  }
}

/// An attribute name as a dictionary key, hashed and compared as raw bytes.
struct NameKey: Hashable {
  let source: [UInt8]
  let range: TextRange

  static func == (lhs: NameKey, rhs: NameKey) -> Bool {
    lhs.range.length == rhs.range.length
      && lhs.source[lhs.range.start..<lhs.range.end].elementsEqual(rhs.source[rhs.range.start..<rhs.range.end])
  }

  func hash(into hasher: inout Hasher) {
    source.withUnsafeBytes { hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: $0[range.start..<range.end])) }
  }
}
