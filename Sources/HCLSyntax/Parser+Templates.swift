// Grammar of templates: quoted strings and heredocs with interpolations, if/for directives and escapes.

extension ParserState {
  mutating func parseTemplate(open openKind: TokenKind) {
    let closer: TokenKind = openKind == .oQuote ? .cQuote : .cHeredoc
    startNode(openKind == .oQuote ? .quotedTemplate : .heredocTemplate)
    let open = bump()
    // Inside a template only template tokens appear; newlines in a heredoc are part of its literals.
    pushNewlines(true)
    defer {
      popNewlines()
      finishNode()
    }
    let end = parseTemplateParts(closer: closer, open: open, insideDirective: false)
    if end == closer {
      bump()
    } else if end == nil {
      // The opener is the tight subject (without a heredoc opener's newline); the whole template is the context.
      var opener = open.range
      while opener.end > opener.start, source[opener.end - 1] == UInt8(ascii: "\n") || source[opener.end - 1] == UInt8(ascii: "\r") {
        opener.end -= 1
      }
      report(.unterminatedTemplate(heredoc: openKind == .oHeredoc), at: opener, context: open.range.union(TextRange.empty(at: previousTokenEnd)))
    }
  }

  /// A whole input read as a template: parts until EOF.
  mutating func parseBareTemplate() {
    startNode(.heredocTemplate)
    let start = Token(.eof, 0, 0)
    parseTemplateParts(closer: .eof, open: start, insideDirective: false)
    finishNode()
  }

  /// Template parts up to the closer or, `insideDirective`, an `else`, `endif` or `endfor`, which is left
  /// unconsumed and returned by name; returns the closer kind when the template ends, nil when it never does.
  @discardableResult
  mutating func parseTemplateParts(closer: TokenKind, open: Token, insideDirective: Bool) -> TokenKind? {
    while true {
      let token = peekToken()
      switch token.kind {
      case closer:
        return closer
      case .quotedLit, .stringLit:
        startNode(.templateLiteral)
        while peek() == .quotedLit || peek() == .stringLit {
          let literal = bump()
          if literal.kind == .quotedLit { validateEscapes(in: literal) }
        }
        finishNode()
      case .templateInterp:
        parseInterpolation()
      case .templateControl:
        let keyword = directiveKeyword()
        if insideDirective && (keyword == "else" || keyword == "endif" || keyword == "endfor") {
          return .templateControl
        }
        switch keyword {
        case "if": parseTemplateIf(closer: closer, open: open)
        case "for": parseTemplateFor(closer: closer, open: open)
        default:
          startNode(.templateDirective)
          let directive = bump()
          let isStray = ["else", "endif", "endfor"].contains(keyword)
          reportAlways(isStray ? .strayDirective(keyword) : .invalidTemplateDirective, at: directive.range)
          skipSequence()
          finishNode()
        }
      default:
        return nil
      }
    }
  }

  /// The keyword after `%{` (empty when there is none).
  func directiveKeyword() -> String {
    let token = peekSecondIgnoringNewlines()
    return token.kind == .ident ? String(text(token)) : ""
  }

  mutating func parseInterpolation() {
    startNode(.templateInterpolation)
    let open = bump()
    pushNewlines(false)
    parseExpression()
    closeSequence(open: open, what: "interpolation")
    popNewlines()
    finishNode()
  }

  /// Expects the `}` of a `${…}` or `%{…}`; otherwise one diagnostic and a skip to it.
  mutating func closeSequence(open: Token, what: String) {
    if eat(.templateSeqEnd) { return }
    let next = peekToken()
    if next.kind == .eof || next.kind == .cQuote || next.kind == .cHeredoc {
      report(.unclosedSequence(what, atEndOfFile: next.kind == .eof), at: open.range)
      return
    }
    report(.extraCharactersInSequence(what), at: next.range)
    skipSequence()
  }

  /// Skips to and past the `}` ending the current template sequence.
  mutating func skipSequence() {
    var depth = 0
    var started = false
    while true {
      let kind = peek()
      if kind == .eof || kind == .cQuote || kind == .cHeredoc { break }
      if kind == .templateSeqEnd && depth == 0 {
        if started { finishNode() }
        bump()
        return
      }
      if !started {
        startNode(.unexpected)
        started = true
      }
      if kind == .templateInterp || kind == .templateControl { depth += 1 }
      if kind == .templateSeqEnd { depth -= 1 }
      bump()
    }
    if started { finishNode() }
  }

  /// `%{ keyword … }`: the directive node; `expression` says whether an expression follows the keyword.
  mutating func parseDirective(expression: Bool) {
    startNode(.templateDirective)
    let open = bump()
    pushNewlines(false)
    bump()  // keyword
    if expression { parseExpression() }
    closeSequence(open: open, what: "directive")
    popNewlines()
    finishNode()
  }

  mutating func parseTemplateIf(closer: TokenKind, open: Token) {
    guard nesting < Self.maxNesting else { return skipTooDeeplyNested() }
    nesting += 1
    defer { nesting -= 1 }
    startNode(.templateIf)
    defer { finishNode() }
    let ifStart = peekToken()
    parseDirective(expression: true)
    var end = parseTemplateParts(closer: closer, open: open, insideDirective: true)
    if end == .templateControl && directiveKeyword() == "else" {
      parseDirective(expression: false)
      end = parseTemplateParts(closer: closer, open: open, insideDirective: true)
    }
    if end == .templateControl && directiveKeyword() == "endif" {
      parseDirective(expression: false)
      return
    }
    let found = peekToken()
    report(.unclosedDirective("if", missing: "endif", line: lineNumber(of: ifStart.start)), at: found.range, context: ifStart.range)
    if end == .templateControl { parseStrayDirective() }
  }

  mutating func parseTemplateFor(closer: TokenKind, open: Token) {
    guard nesting < Self.maxNesting else { return skipTooDeeplyNested() }
    nesting += 1
    defer { nesting -= 1 }
    startNode(.templateFor)
    defer { finishNode() }
    let forStart = peekToken()
    startNode(.templateDirective)
    let sequenceOpen = bump()
    pushNewlines(false)
    bump()  // for
    if eat(.ident) {
      if eat(.comma), !eat(.ident) {
        report(.invalidForDirective("Value variable name is required after comma."), at: peekToken().range)
      }
    } else {
      report(.invalidForDirective("For directive requires variable name after 'for'."), at: peekToken().range)
    }
    if !recovering {
      if isKeyword("in") {
        bump()
        parseExpression()
      } else {
        report(.invalidForDirective("For directive requires 'in' keyword after names."), at: peekToken().range)
      }
    }
    closeSequence(open: sequenceOpen, what: "directive")
    popNewlines()
    finishNode()
    let end = parseTemplateParts(closer: closer, open: open, insideDirective: true)
    if end == .templateControl && directiveKeyword() == "endfor" {
      parseDirective(expression: false)
      return
    }
    report(.unclosedDirective("for", missing: "endfor", line: lineNumber(of: forStart.start)), at: peekToken().range, context: forStart.range)
    if end == .templateControl { parseStrayDirective() }
  }

  /// An `else`/`endif`/`endfor` that does not belong where it is: kept in the tree, already reported.
  mutating func parseStrayDirective() {
    startNode(.unexpected)
    bump()
    skipSequence()
    finishNode()
  }

  // MARK: - Escapes

  /// Checks the backslash escapes of a quoted literal: `\n \r \t \" \\ \uNNNN \UNNNNNNNN`.
  mutating func validateEscapes(in token: Token) {
    var i = token.start
    while i < token.end {
      guard source[i] == UInt8(ascii: "\\") else {
        i += 1
        continue
      }
      let escapeStart = i
      i += 1
      guard i < token.end else {
        reportAlways(.danglingBackslash, at: TextRange(start: escapeStart, end: i))
        return
      }
      switch source[i] {
      case UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"), UInt8(ascii: "\""), UInt8(ascii: "\\"):
        i += 1
      case UInt8(ascii: "u"), UInt8(ascii: "U"):
        let digits = source[i] == UInt8(ascii: "u") ? 4 : 8
        var value: UInt32 = 0
        var count = 0
        i += 1
        while count < digits, i < token.end, let digit = Self.hexValue(source[i]) {
          value = value * 16 + digit
          count += 1
          i += 1
        }
        if count < digits || Unicode.Scalar(value) == nil {
          reportAlways(.invalidUnicodeEscape(digits == 4 ? "u" : "U", digits: digits), at: TextRange(start: escapeStart, end: i))
        }
      default:
        let (length, _) = LineIndex.decodeWidth(source, at: i)
        reportAlways(.invalidEscape(String(decoding: source[i..<min(i + length, token.end)], as: UTF8.self)), at: TextRange(start: escapeStart, end: min(i + length, token.end)))
        i += length
      }
    }
  }

  static func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }
}
