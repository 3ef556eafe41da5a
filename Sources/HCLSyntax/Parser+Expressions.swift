// Grammar of expressions: operators by hcl's precedence, terms, collections, calls, for expressions, traversals.

extension ParserState {

  /// How deep expressions and blocks may nest. hclsyntax has no limit (Go stacks grow); ours is far beyond any real
  /// file and keeps the recursion well inside a secondary thread's stack.
  static let maxNesting = 128

  mutating func parseExpression() {
    if nesting >= Self.maxNesting {
      skipTooDeeplyNested()
      return
    }
    nesting += 1
    defer { nesting -= 1 }
    flushTrivia()
    let checkpoint = checkpoint()
    let start = peekToken()
    parseBinary(minimumLevel: 0)
    guard peek() == .question else { return }
    startNode(.conditional, at: checkpoint)
    bump()
    parseExpression()
    if peek() == .colon {
      bump()
      parseExpression()
    } else {
      let colon = peekToken()
      report(.missingFalseExpression, at: colon.range, context: start.range.union(colon.range))
    }
    finishNode()
  }

  /// The precedence level of a binary operator, loosest 0 to tightest 5 (hcl's table), or nil.
  static func binaryLevel(_ kind: TokenKind) -> Int? {
    switch kind {
    case .or: 0
    case .and: 1
    case .equalOp, .notEqual: 2
    case .greaterThan, .greaterThanEq, .lessThan, .lessThanEq: 3
    case .plus, .minus: 4
    case .star, .slash, .percent: 5
    default: nil
    }
  }

  /// Precedence climbing: operators at `minimumLevel` or tighter, left-associative.
  mutating func parseBinary(minimumLevel: Int) {
    flushTrivia()
    let checkpoint = checkpoint()
    parseTermWithTraversals()
    while let level = Self.binaryLevel(peek()), level >= minimumLevel {
      startNode(.binary, at: checkpoint)
      bump()
      parseBinary(minimumLevel: level + 1)
      finishNode()
    }
  }

  /// Past the nesting limit: one diagnostic, and the construct is skipped as a balanced group without recursion.
  mutating func skipTooDeeplyNested() {
    report(.tooDeeplyNested, at: peekToken().range)
    startNode(.unexpected)
    var level = 0
    repeat {
      let kind = peek()
      if kind == .eof { break }
      switch kind {
      case .oBrace, .oBrack, .oParen, .oQuote, .oHeredoc, .templateInterp, .templateControl:
        level += 1
      case .cBrace, .cBrack, .cParen, .cQuote, .cHeredoc, .templateSeqEnd:
        // A closer at level zero belongs to the enclosing construct.
        if level == 0 {
          finishNode()
          return
        }
        level -= 1
      default:
        break
      }
      bump()
    } while level > 0
    finishNode()
  }

  mutating func parseTermWithTraversals() {
    flushTrivia()
    let checkpoint = checkpoint()
    parseTerm()
    parseTraversals(from: checkpoint, inAttributeSplat: false)
  }

  mutating func parseTerm() {
    let token = peekToken()
    switch token.kind {
    case .oParen:
      startNode(.parentheses)
      bump()
      pushNewlines(false)
      parseExpression()
      if !eat(.cParen) {
        let close = peekToken()
        report(.unbalancedParentheses, at: close.range, context: token.range.union(close.range))
        recover(to: .cParen)
      }
      popNewlines()
      finishNode()
    case .numberLit:
      startNode(.literal)
      if !Self.isValidNumber(source[token.start..<token.end]) {
        reportAlways(.invalidNumber, at: token.range)
      }
      bump()
      finishNode()
    case .ident:
      if peekSecond() == .oParen {
        parseFunctionCall()
      } else if peekSecond() == .colon, isNamespacedCall() {
        parseNamespacedCall()
      } else {
        let name = text(token)
        startNode(name == "true" || name == "false" || name == "null" ? .literal : .variable)
        bump()
        finishNode()
      }
    case .oQuote:
      parseTemplate(open: .oQuote)
    case .oHeredoc:
      parseTemplate(open: .oHeredoc)
    case .minus, .bang:
      guard nesting < Self.maxNesting else { return skipTooDeeplyNested() }
      nesting += 1
      defer { nesting -= 1 }
      startNode(.unary)
      bump()
      parseTermWithTraversals()
      finishNode()
    case .oBrack:
      parseTuple()
    case .oBrace:
      parseObject()
    default:
      if token.kind == .eof {
        report(.missingExpression, at: token.range)
      } else {
        report(.invalidExpression, at: token.range)
      }
      // Leave structural tokens for the enclosing construct; swallow one stray token so progress is made.
      switch token.kind {
      case .eof, .newline, .cBrace, .cBrack, .cParen, .templateSeqEnd, .comma, .cQuote, .cHeredoc: break
      default:
        startNode(.unexpected)
        bump()
        finishNode()
      }
    }
  }

  /// `digits ('.' digits)? ([eE] [+-]? digits)?`: what cty can read of the lexer's wider number token.
  static func isValidNumber(_ bytes: ArraySlice<UInt8>) -> Bool {
    var i = bytes.startIndex
    func digits() -> Bool {
      let start = i
      while i < bytes.endIndex, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
      return i > start
    }
    guard digits() else { return false }
    if i < bytes.endIndex, bytes[i] == UInt8(ascii: ".") {
      i += 1
      guard digits() else { return false }
    }
    if i < bytes.endIndex, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < bytes.endIndex, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
      guard digits() else { return false }
    }
    return i == bytes.endIndex
  }

  // MARK: - Calls

  mutating func parseFunctionCall() {
    startNode(.functionCall)
    let name = bump()
    parseArguments(name: name)
    finishNode()
  }

  /// `a::b(…)`: hcl 2.18, which Atlas embeds, has no namespaced functions (later versions added them).
  func isNamespacedCall() -> Bool {
    var i = peekIndex() + 1
    var colons = 0
    while i < tokens.count, tokens[i].kind == .colon, colons < 2 {
      colons += 1
      i += 1
    }
    return colons == 2 && i < tokens.count && tokens[i].kind == .ident
  }

  mutating func parseNamespacedCall() {
    startNode(.functionCall)
    let first = bump()
    while peek() == .colon || peek() == .ident {
      if peek() == .ident && peekSecond() != .colon && peekSecond() != .oParen { break }
      bump()
    }
    report(.namespacedFunction, at: first.range.union(TextRange.empty(at: previousTokenEnd)))
    if peek() == .oParen { parseArguments(name: first) }
    finishNode()
  }

  mutating func parseArguments(name: Token) {
    startNode(.argumentList)
    let open = bump()
    pushNewlines(false)
    defer {
      popNewlines()
      finishNode()
    }
    while true {
      if eat(.cParen) { return }
      // A definition starting the next line means the closer is missing (`f(a,⏎b = 1`).
      if nextLineStartsBodyItem() {
        report(.unclosedCall(before: "the next line's definition"), at: name.range.union(open.range))
        return
      }
      parseExpression()
      if recovering {
        recover(to: .cParen, stopAtArgumentLine: true)
        return
      }
      let separator = peekToken()
      switch separator.kind {
      case .cParen:
        bump()
        return
      case .ellipsis:
        bump()
        if !eat(.cParen) {
          report(.missingParenthesisAfterExpansion, at: separator.range, context: name.range.union(separator.range))
          recover(to: .cParen)
        }
        return
      case .comma:
        bump()
      case .eof:
        report(.unterminatedCall, at: name.range.union(open.range))
        return
      default:
        if nextLineStartsBodyItem() || nextClosesEnclosingConstruct(expecting: .cParen) {
          report(.unclosedCall(before: separator.kind == .cBrace || separator.kind == .cBrack || separator.kind == .templateSeqEnd ? "the enclosing construct ends" : "the next line's definition"), at: name.range.union(open.range))
          return
        }
        report(.missingArgumentSeparator, at: separator.range, context: name.range.union(separator.range))
        recover(to: .cParen, stopAtArgumentLine: true)
        return
      }
    }
  }

  // MARK: - Collections

  mutating func parseTuple() {
    pushNewlines(false)
    defer { popNewlines() }
    if isForIntro() {
      parseForExpression(open: .oBrack)
      return
    }
    startNode(.tuple)
    let open = bump()
    defer { finishNode() }
    while true {
      if eat(.cBrack) { return }
      if nextLineStartsBodyItem() {
        report(.unterminatedTuple(before: "the next line's definition"), at: open.range)
        return
      }
      parseExpression()
      if recovering {
        recover(to: .cBrack, stopAtArgumentLine: true)
        return
      }
      let next = peekToken()
      if next.kind == .cBrack {
        bump()
        return
      }
      if next.kind == .comma {
        bump()
        continue
      }
      if next.kind == .eof || nextLineStartsBodyItem() || nextClosesEnclosingConstruct(expecting: .cBrack) {
        report(next.kind == .eof ? .unterminatedTupleAtEndOfFile : .unterminatedTuple(before: nextLineStartsBodyItem() ? "the next line's definition" : "the enclosing construct ends"), at: open.range)
      } else {
        report(.missingItemSeparator, at: next.range, context: open.range.union(next.range))
      }
      recover(to: .cBrack, stopAtArgumentLine: true)
      return
    }
  }

  /// `for` right after the opening bracket or brace (newlines ignored there, as hcl does).
  func isForIntro() -> Bool { isKeyword(peekSecondIgnoringNewlines(), "for") }

  mutating func parseObject() {
    if isForIntro() {
      pushNewlines(false)
      parseForExpression(open: .oBrace)
      popNewlines()
      return
    }
    startNode(.object)
    let open = bump()
    pushNewlines(true)
    defer {
      popNewlines()
      finishNode()
    }
    while true {
      if eat(.newline) { continue }
      if eat(.cBrace) { return }
      // Object items look like arguments, but a block header cannot be one: the object's `}` is missing.
      if startsBlockOnNewLine() {
        report(.unterminatedObjectBeforeBlock, at: open.range)
        return
      }
      startNode(.objectItem)
      startNode(.objectKey)
      parseExpression()
      finishNode()
      if recovering {
        finishNode()
        recover(to: .cBrace)
        return
      }
      let separator = peekToken()
      if separator.kind == .equal || separator.kind == .colon {
        bump()
        parseExpression()
        finishNode()
        if recovering {
          recover(to: .cBrace)
          return
        }
      } else {
        finishNode()
        switch separator.kind {
        case .newline, .comma:
          report(.missingAttributeValue, at: separator.range, context: open.range.union(separator.range))
        case .eof:
          report(.unterminatedObject, at: open.range)
        default:
          report(.missingKeyValueSeparator, at: separator.range, context: open.range.union(separator.range))
        }
        recover(to: .cBrace)
        return
      }
      let next = peekToken()
      switch next.kind {
      case .cBrace:
        bump()
        return
      case .comma, .newline:
        bump()
      case .eof:
        report(.unterminatedObject, at: open.range)
        return
      default:
        report(.missingAttributeSeparator, at: next.range, context: open.range.union(next.range))
        recover(to: .cBrace)
        return
      }
    }
  }

  // MARK: - For expressions

  mutating func parseForExpression(open openKind: TokenKind) {
    let closer: TokenKind = openKind == .oBrace ? .cBrace : .cBrack
    startNode(.forExpression)
    defer { finishNode() }
    let open = bump()
    func fail(_ detail: String, at token: Token) {
      report(.invalidFor(detail), at: token.range, context: open.range.union(token.range))
      recover(to: closer)
    }
    startNode(.forIntro)
    bump()  // for
    guard peek() == .ident else {
      finishNode()
      return fail("For expression requires variable name after 'for'.", at: peekToken())
    }
    bump()
    if eat(.comma) {
      guard eat(.ident) else {
        finishNode()
        return fail("For expression requires value variable name after comma.", at: peekToken())
      }
    }
    guard isKeyword("in") else {
      finishNode()
      return fail("For expression requires the 'in' keyword after its name declarations.", at: peekToken())
    }
    bump()
    parseExpression()
    if recovering {
      finishNode()
      recover(to: closer)
      return
    }
    guard eat(.colon) else {
      finishNode()
      return fail("For expression requires a colon after the collection expression.", at: peekToken())
    }
    finishNode()
    parseExpression()
    var hasKey = false
    if peek() == .fatArrow {
      let arrow = bump()
      hasKey = true
      parseExpression()
      if openKind == .oBrack {
        report(.invalidFor("Key expression is not valid when building a tuple."), at: arrow.range)
      }
    }
    if peek() == .ellipsis {
      let ellipsis = bump()
      if openKind == .oBrack {
        report(.invalidFor("Grouping ellipsis (...) cannot be used when building a tuple."), at: ellipsis.range)
      }
    }
    if isKeyword("if") {
      startNode(.forCondition)
      bump()
      parseExpression()
      finishNode()
    }
    if recovering {
      recover(to: closer)
      return
    }
    if openKind == .oBrace && !hasKey {
      report(.invalidFor("Key expression is required when building an object."), at: peekToken().range)
    }
    if !eat(closer) {
      fail("Extra characters after the end of the 'for' expression.", at: peekToken())
    }
  }

  // MARK: - Traversals

  /// Postfix `.name`, `.0`, `[key]`, `.*` and `[*]` after a term. An attribute-only splat (`.*`) takes only the
  /// `.name`/`.0` steps after it; a full splat (`[*]`) takes every step.
  mutating func parseTraversals(from checkpoint: Checkpoint, inAttributeSplat: Bool) {
    while true {
      switch peek() {
      case .dot:
        let afterDot = peekSecond()
        switch afterDot {
        case .ident:
          startNode(.getAttribute, at: checkpoint)
          bump()
          bump()
          finishNode()
        case .numberLit:
          startNode(.legacyIndex, at: checkpoint)
          bump()
          let number = bump()
          if source[number.start..<number.end].contains(UInt8(ascii: ".")) {
            reportAlways(.invalidLegacyIndex, at: number.range)
          } else if !Self.isValidNumber(source[number.start..<number.end]) {
            reportAlways(.invalidNumber, at: number.range)
          }
          finishNode()
        case .star:
          if inAttributeSplat {
            let dot = peekToken()
            startNode(.unexpected)
            bump()
            bump()
            finishNode()
            report(.nestedSplat, at: dot.range)
            continue
          }
          startNode(.attributeSplat, at: checkpoint)
          bump()
          bump()
          let inner = self.checkpoint()
          parseAttributeSplatSteps(inner)
          finishNode()
        default:
          let dot = peekToken()
          startNode(.getAttribute, at: checkpoint)
          bump()
          finishNode()
          report(.invalidAttributeName, at: peekToken().range.isEmpty ? dot.range : peekToken().range)
          return
        }
      case .oBrack:
        if inAttributeSplat { return }
        if peekSecond() == .star {
          startNode(.fullSplat, at: checkpoint)
          bump()
          bump()
          if !eat(.cBrack) {
            report(.missingSplatBracket, at: peekToken().range)
            recover(to: .cBrack)
          }
          let inner = self.checkpoint()
          parseTraversals(from: inner, inAttributeSplat: false)
          finishNode()
          return
        }
        startNode(.index, at: checkpoint)
        bump()
        pushNewlines(false)
        parseExpression()
        if !eat(.cBrack) {
          report(.missingIndexBracket, at: peekToken().range)
          recover(to: .cBrack)
        }
        popNewlines()
        finishNode()
      default:
        return
      }
    }
  }

  /// The `.name` and `.0` steps that belong to an attribute-only splat.
  mutating func parseAttributeSplatSteps(_ checkpoint: Checkpoint) {
    parseTraversals(from: checkpoint, inAttributeSplat: true)
  }
}
