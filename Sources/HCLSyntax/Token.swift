// Token kinds of HCL's native syntax, one for one with hashicorp/hcl's scanner, plus whitespace trivia.

/// What a token is. The cases mirror `hclsyntax.TokenType` so that the formatter can follow hclwrite exactly;
/// `whitespace` is ours (hclsyntax drops spaces and tabs) so that the token stream covers every byte.
package enum TokenKind: UInt8, Sendable, CaseIterable {
  case oBrace, cBrace, oBrack, cBrack, oParen, cParen
  case oQuote, cQuote, oHeredoc, cHeredoc
  case star, slash, plus, minus, percent
  case equal, equalOp, notEqual, lessThan, lessThanEq, greaterThan, greaterThanEq
  case and, or, bang
  case dot, comma, ellipsis, fatArrow, question, colon
  case templateInterp, templateControl, templateSeqEnd
  /// A literal chunk of a quoted template; may hold backslash escapes.
  case quotedLit
  /// A literal chunk of a heredoc (or bare template); backslashes are literal.
  case stringLit
  case numberLit, ident
  /// `#…` and `//…` include their terminating newline; `/*…*/` does not.
  case comment
  case newline
  case eof
  // Characters HCL does not use; they become diagnostics, never crashes.
  case bitwiseAnd, bitwiseOr, bitwiseNot, bitwiseXor, apostrophe, backtick, semicolon
  case invalid, badUTF8, quotedNewline
  /// Spaces and tabs between tokens (and a byte order mark at the very start).
  case whitespace

  /// Trivia is what the parser skips: whitespace always, comments unless they stand for a newline.
  @inlinable package var isTrivia: Bool { self == .whitespace || self == .comment }

  /// A short name for tree dumps and tests.
  package var name: String {
    switch self {
    case .oBrace: "OBrace"
    case .cBrace: "CBrace"
    case .oBrack: "OBrack"
    case .cBrack: "CBrack"
    case .oParen: "OParen"
    case .cParen: "CParen"
    case .oQuote: "OQuote"
    case .cQuote: "CQuote"
    case .oHeredoc: "OHeredoc"
    case .cHeredoc: "CHeredoc"
    case .star: "Star"
    case .slash: "Slash"
    case .plus: "Plus"
    case .minus: "Minus"
    case .percent: "Percent"
    case .equal: "Equal"
    case .equalOp: "EqualOp"
    case .notEqual: "NotEqual"
    case .lessThan: "LessThan"
    case .lessThanEq: "LessThanEq"
    case .greaterThan: "GreaterThan"
    case .greaterThanEq: "GreaterThanEq"
    case .and: "And"
    case .or: "Or"
    case .bang: "Bang"
    case .dot: "Dot"
    case .comma: "Comma"
    case .ellipsis: "Ellipsis"
    case .fatArrow: "FatArrow"
    case .question: "Question"
    case .colon: "Colon"
    case .templateInterp: "TemplateInterp"
    case .templateControl: "TemplateControl"
    case .templateSeqEnd: "TemplateSeqEnd"
    case .quotedLit: "QuotedLit"
    case .stringLit: "StringLit"
    case .numberLit: "NumberLit"
    case .ident: "Ident"
    case .comment: "Comment"
    case .newline: "Newline"
    case .eof: "EOF"
    case .bitwiseAnd: "BitwiseAnd"
    case .bitwiseOr: "BitwiseOr"
    case .bitwiseNot: "BitwiseNot"
    case .bitwiseXor: "BitwiseXor"
    case .apostrophe: "Apostrophe"
    case .backtick: "Backtick"
    case .semicolon: "Semicolon"
    case .invalid: "Invalid"
    case .badUTF8: "BadUTF8"
    case .quotedNewline: "QuotedNewline"
    case .whitespace: "Whitespace"
    }
  }
}

/// One token: a kind and the bytes it covers. Offsets are 32-bit to keep the token array small.
package struct Token: Hashable, Sendable {
  package var kind: TokenKind
  @usableFromInline var startOffset: UInt32
  @usableFromInline var endOffset: UInt32

  package init(_ kind: TokenKind, _ start: Int, _ end: Int) {
    self.kind = kind
    self.startOffset = UInt32(truncatingIfNeeded: start)
    self.endOffset = UInt32(truncatingIfNeeded: end)
  }

  @inlinable package var start: Int { Int(startOffset) }
  @inlinable package var end: Int { Int(endOffset) }
  @inlinable package var range: TextRange { TextRange(start: start, end: end) }
  package var length: Int { end - start }
}
