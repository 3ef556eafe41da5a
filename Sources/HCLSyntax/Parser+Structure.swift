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
    var names: [Substring: TextRange] = [:]
    while true {
      let kind = peek()
      if kind == .eof {
        if let openBrace {
          report(
            "unclosed-block", "Unclosed configuration block",
            "There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.",
            at: openBrace.range)
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
        report(
          "unclosed-block", "Unclosed configuration block",
          "There is no closing brace for this block before the next definition at its own indentation. This may be caused by incorrect brace nesting elsewhere in this file.",
          at: openBrace.range)
        return
      }
      recovering = false
      if kind == .ident {
        if let (name, nameRange) = parseBodyItem() {
          if let first = names[name] {
            reportAlways(
              "duplicate-attribute", "Attribute redefined",
              "The argument \"\(name)\" was already set at \(first). Each argument may be set only once.",
              at: nameRange)
          } else {
            names[name] = nameRange
          }
        }
      } else {
        let token = peekToken()
        if kind == .oQuote {
          report("quoted-argument-name", "Invalid argument name", "Argument names must not be quoted.", at: token.range)
        } else {
          report(
            "expected-body-item", "Argument or block definition required",
            "An argument or block definition is required here.", at: token.range)
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
      expectEndOfLine(after: name, summary: "Missing newline after argument", what: "An argument definition")
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
        expectEndOfLine(after: name, summary: "Missing newline after block definition", what: "A block definition")
      } else {
        finishNode()
      }
      return nil
    default:
      startNode(.unexpected, at: checkpoint)
      bump()
      report(
        "expected-body-item", "Argument or block definition required",
        "An argument or block definition is required here. To set an argument, use the equals sign \"=\" to introduce the argument value.",
        at: name.range)
      finishNode()
      skipRestOfLine()
      return nil
    }
  }

  /// After an attribute or block: a newline (consumed) or EOF; otherwise one diagnostic and a skip to the line end.
  mutating func expectEndOfLine(after start: Token, summary: String, what: String) {
    let kind = peek()
    if kind == .newline {
      bump()
      return
    }
    // The line already ended if its newline went into a construct left open (already reported) or into the last
    // line of an unterminated heredoc (see `Lexer`'s recovery).
    if kind == .eof || beginsLine(peekIndex()) { return }
    let end = peekToken()
    var summary = summary
    var detail = "\(what) must end with a newline."
    var code = "missing-newline"
    if kind == .comma && what == "An argument definition" {
      summary = "Unexpected comma after argument"
      detail = "Argument definitions must be separated by newlines, not commas. " + detail
      code = "comma-after-argument"
    }
    report(code, summary, detail, at: end.range, context: start.range.union(end.range))
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
      let detail: String
      switch kind {
      case .equal:
        detail = "The equals sign \"=\" indicates an argument definition, and must not be used when defining a block."
      case .newline:
        detail = "A block definition must have block content delimited by \"{\" and \"}\", starting on the same line as the block header."
      default:
        detail = "Either a quoted string block label or an opening brace (\"{\") is expected here."
      }
      report("invalid-block-definition", "Invalid block definition", detail, at: token.range,
             context: name.range.union(token.range))
      skipRestOfLine()
      _ = eat(.newline)
      return false
    }
    let openBraceIndex = peekIndex()
    let openBrace = bump()
    switch peek() {
    case .newline, .eof, .cBrace:
      startNode(.body)
      let unclosed = unmatchedOpenBraces.contains(openBraceIndex)
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
        report(
          "nested-block-in-one-line-block", "Argument definition required",
          "A single-line block definition can contain only a single argument. If you meant to define argument \"\(text(first))\", use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.",
          at: first.range.union(peekSecondToken().range))
      } else {
        report(
          "expected-body-item", "Argument or block definition required",
          "An argument or block definition is required here. To set an argument, use the equals sign \"=\" to introduce the argument value.",
          at: first.range)
      }
      recover(to: .cBrace)
      finishNode()
      return
    } else {
      report(
        "expected-body-item", "Argument or block definition required",
        "An argument or block definition is required here.", at: first.range)
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
      report(
        "one-line-block-multiple-arguments", "Invalid single-argument block definition",
        "Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.",
        at: token.range)
    case .newline:
      report(
        "one-line-block-not-closed", "Invalid single-argument block definition",
        "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.",
        at: token.range)
    case .eof:
      report(
        "unclosed-block", "Unclosed configuration block",
        "There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.",
        at: openBrace.range, context: name.range.union(openBrace.range))
    default:
      report(
        "one-line-block-not-closed", "Invalid single-argument block definition",
        "A single-line block definition must end with a closing brace immediately after its single argument definition.",
        at: token.range)
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
        report(
          "template-in-label", "Invalid string literal",
          "Template sequences are not allowed in this string. To include a literal \"\(token.kind == .templateInterp ? "$" : "%")\", double it (as \"\(token.kind == .templateInterp ? "$$" : "%%")\") to escape it.",
          at: token.range)
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
        report(
          "unterminated-string", "Unterminated string literal",
          "Unable to find the closing quote mark before the end of the line.", at: open.range.union(TextRange.empty(at: previousTokenEnd)))
        finishNode()
        return
      }
    }
  }
}
