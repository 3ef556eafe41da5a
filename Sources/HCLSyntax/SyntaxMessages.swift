// The catalog of syntax diagnostics: every message the lexer and parser give, by name, in one place.

/// The words of a syntax diagnostic: its stable id (the diagnostic code is `syntax.` + id), a terse summary and a
/// detail that says what to do. Where hashicorp/hcl has a message for the same mistake we use its wording, so that
/// Mercator and Atlas describe a mistake the same way.
struct SyntaxMessage {
  let id: String
  let summary: String
  let detail: String
}

extension SyntaxMessage {
  // MARK: Body structure

  static let argumentOrBlockRequired = SyntaxMessage(
    id: "expected-body-item", summary: "Argument or block definition required",
    detail: "An argument or block definition is required here.")
  static let argumentOrBlockRequiredUseEquals = SyntaxMessage(
    id: "expected-body-item", summary: "Argument or block definition required",
    detail:
      "An argument or block definition is required here. To set an argument, use the equals sign \"=\" to introduce the argument value."
  )
  static func attributeRedefined(_ name: Substring, firstLine: Int) -> SyntaxMessage {
    SyntaxMessage(
      id: "duplicate-attribute", summary: "Attribute redefined",
      detail: "The argument \"\(name)\" was already set on line \(firstLine). Each argument may be set only once.")
  }
  static let commaAfterArgument = SyntaxMessage(
    id: "comma-after-argument", summary: "Unexpected comma after argument",
    detail: "Argument definitions must be separated by newlines, not commas. An argument definition must end with a newline.")
  static let missingNewlineAfterArgument = SyntaxMessage(
    id: "missing-newline", summary: "Missing newline after argument",
    detail: "An argument definition must end with a newline.")
  static let missingNewlineAfterBlock = SyntaxMessage(
    id: "missing-newline", summary: "Missing newline after block definition",
    detail: "A block definition must end with a newline.")
  static let quotedArgumentName = SyntaxMessage(
    id: "quoted-argument-name", summary: "Invalid argument name", detail: "Argument names must not be quoted.")
  static let unclosedBlockAtEndOfFile = SyntaxMessage(
    id: "unclosed-block", summary: "Unclosed configuration block",
    detail:
      "There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file."
  )
  static let unclosedBlockBeforeNextDefinition = SyntaxMessage(
    id: "unclosed-block", summary: "Unclosed configuration block",
    detail:
      "There is no closing brace for this block before the next definition at its own indentation. This may be caused by incorrect brace nesting elsewhere in this file."
  )

  // MARK: Block headers and one-line blocks

  static let blockHeaderEquals = SyntaxMessage(
    id: "invalid-block-definition", summary: "Invalid block definition",
    detail: "The equals sign \"=\" indicates an argument definition, and must not be used when defining a block.")
  static let blockHeaderNewline = SyntaxMessage(
    id: "invalid-block-definition", summary: "Invalid block definition",
    detail:
      "A block definition must have block content delimited by \"{\" and \"}\", starting on the same line as the block header."
  )
  static let blockHeaderUnexpected = SyntaxMessage(
    id: "invalid-block-definition", summary: "Invalid block definition",
    detail: "Either a quoted string block label or an opening brace (\"{\") is expected here.")
  static func nestedBlockInOneLineBlock(_ name: Substring) -> SyntaxMessage {
    SyntaxMessage(
      id: "nested-block-in-one-line-block", summary: "Argument definition required",
      detail:
        "A single-line block definition can contain only a single argument. If you meant to define argument \"\(name)\", use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block."
    )
  }
  static let oneLineBlockMultipleArguments = SyntaxMessage(
    id: "one-line-block-multiple-arguments", summary: "Invalid single-argument block definition",
    detail:
      "Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line."
  )
  static let oneLineBlockNotClosedOnLine = SyntaxMessage(
    id: "one-line-block-not-closed", summary: "Invalid single-argument block definition",
    detail:
      "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition."
  )
  static let oneLineBlockNotClosed = SyntaxMessage(
    id: "one-line-block-not-closed", summary: "Invalid single-argument block definition",
    detail:
      "A single-line block definition must end with a closing brace immediately after its single argument definition.")
  static func templateInLabel(_ sigil: String) -> SyntaxMessage {
    SyntaxMessage(
      id: "template-in-label", summary: "Invalid string literal",
      detail:
        "Template sequences are not allowed in this string. To include a literal \"\(sigil)\", double it (as \"\(sigil)\(sigil)\") to escape it."
    )
  }
  static let unterminatedLabel = SyntaxMessage(
    id: "unterminated-string", summary: "Unterminated string literal",
    detail: "Unable to find the closing quote mark before the end of the line.")

  // MARK: Expressions

  static let extraCharactersAfterExpression = SyntaxMessage(
    id: "extra-characters", summary: "Extra characters after expression",
    detail: "An expression was successfully parsed, but extra characters were found after it.")
  static let invalidExpression = SyntaxMessage(
    id: "invalid-expression", summary: "Invalid expression",
    detail: "Expected the start of an expression, but found an invalid expression token.")
  static let invalidNumber = SyntaxMessage(
    id: "invalid-number", summary: "Invalid number literal",
    detail: "Failed to recognize the value of this number literal.")
  static let missingExpression = SyntaxMessage(
    id: "missing-expression", summary: "Missing expression",
    detail: "Expected the start of an expression, but found the end of the file.")
  static let missingFalseExpression = SyntaxMessage(
    id: "missing-false-expression", summary: "Missing false expression in conditional",
    detail: "The conditional operator (...?...:...) requires a false expression, delimited by a colon.")
  static let namespacedFunction = SyntaxMessage(
    id: "namespaced-function", summary: "Namespaced function calls are not supported",
    detail:
      "Atlas reads atlas.hcl with HCL 2.18, which has no \"::\" in function names; provider-namespaced functions like \"a::b()\" came in later HCL versions. Call a function by its plain name."
  )
  static let tooDeeplyNested = SyntaxMessage(
    id: "too-deeply-nested", summary: "Nesting too deep",
    detail: "Expressions and blocks may nest at most \(ParserState.maxNesting) levels deep.")
  static let unbalancedParentheses = SyntaxMessage(
    id: "unbalanced-parentheses", summary: "Unbalanced parentheses",
    detail: "Expected a closing parenthesis to terminate the expression.")

  // MARK: Function calls

  static let missingArgumentSeparator = SyntaxMessage(
    id: "missing-argument-separator", summary: "Missing argument separator",
    detail: "A comma is required to separate each function argument from the next.")
  static let missingParenthesisAfterExpansion = SyntaxMessage(
    id: "missing-closing-parenthesis", summary: "Missing closing parenthesis",
    detail: "An expanded function argument (with ...) must be immediately followed by closing parentheses.")
  static func unclosedCall(before what: String) -> SyntaxMessage {
    SyntaxMessage(
      id: "unclosed-call", summary: "Unterminated function call",
      detail: "There is no closing parenthesis for this function call before \(what).")
  }
  static let unterminatedCall = SyntaxMessage(
    id: "unterminated-call", summary: "Unterminated function call",
    detail:
      "There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parenthesis nesting elsewhere in this file."
  )

  // MARK: Collections

  static let missingAttributeSeparator = SyntaxMessage(
    id: "missing-attribute-separator", summary: "Missing attribute separator",
    detail: "Expected a newline or comma to mark the beginning of the next attribute.")
  static let missingAttributeValue = SyntaxMessage(
    id: "missing-attribute-value", summary: "Missing attribute value",
    detail: "Expected an attribute value, introduced by an equals sign (\"=\").")
  static let missingItemSeparator = SyntaxMessage(
    id: "missing-item-separator", summary: "Missing item separator",
    detail: "Expected a comma to mark the beginning of the next item.")
  static let missingKeyValueSeparator = SyntaxMessage(
    id: "missing-key-value-separator", summary: "Missing key/value separator",
    detail: "Expected an equals sign (\"=\") to mark the beginning of the attribute value.")
  static let unterminatedObject = SyntaxMessage(
    id: "unterminated-object", summary: "Unterminated object constructor expression",
    detail:
      "There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file."
  )
  static let unterminatedTupleAtEndOfFile = SyntaxMessage(
    id: "unterminated-tuple", summary: "Unterminated tuple constructor expression",
    detail:
      "There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file."
  )
  static let unterminatedObjectBeforeBlock = SyntaxMessage(
    id: "unterminated-object", summary: "Unterminated object constructor expression",
    detail: "There is no closing brace for this object before the block that starts the next line.")
  static func unterminatedTuple(before what: String) -> SyntaxMessage {
    SyntaxMessage(
      id: "unterminated-tuple", summary: "Unterminated tuple constructor expression",
      detail: "There is no closing bracket for this tuple before \(what).")
  }

  // MARK: For expressions

  static func invalidFor(_ detail: String) -> SyntaxMessage {
    SyntaxMessage(id: "invalid-for", summary: "Invalid 'for' expression", detail: detail)
  }

  // MARK: Traversals

  static let invalidAttributeName = SyntaxMessage(
    id: "invalid-attribute-name", summary: "Invalid attribute name",
    detail: "An attribute name is required after a dot.")
  static let invalidLegacyIndex = SyntaxMessage(
    id: "invalid-legacy-index", summary: "Invalid legacy index syntax",
    detail:
      "When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like [0][1]."
  )
  static let missingIndexBracket = SyntaxMessage(
    id: "missing-index-bracket", summary: "Missing close bracket on index",
    detail: "The index operator must end with a closing bracket (\"]\").")
  static let missingSplatBracket = SyntaxMessage(
    id: "missing-splat-bracket", summary: "Missing close bracket on splat index",
    detail: "The star for a full splat operator must be immediately followed by a closing bracket (\"]\").")
  static let nestedSplat = SyntaxMessage(
    id: "nested-splat", summary: "Nested splat expression not allowed",
    detail: "A splat expression (*) cannot be used inside another attribute-only splat expression.")

  // MARK: Templates

  static func extraCharactersInSequence(_ what: String) -> SyntaxMessage {
    SyntaxMessage(
      id: "extra-characters-in-sequence", summary: "Extra characters after \(what) expression",
      detail: "Expected a closing brace to end the \(what) expression, but found extra characters.")
  }
  static func invalidForDirective(_ detail: String) -> SyntaxMessage {
    SyntaxMessage(id: "invalid-for-directive", summary: "Invalid 'for' directive", detail: detail)
  }
  static let invalidTemplateDirective = SyntaxMessage(
    id: "invalid-template-directive", summary: "Invalid template directive",
    detail: "A template directive keyword (\"if\", \"for\", etc) is expected at the beginning of a %{ sequence.")
  static func strayDirective(_ keyword: String) -> SyntaxMessage {
    SyntaxMessage(
      id: "invalid-template-directive", summary: "Unexpected \(keyword) directive",
      detail: "The \(keyword) directive has no opening if or for directive before it.")
  }
  static func unclosedDirective(_ keyword: String, missing end: String, line: Int) -> SyntaxMessage {
    SyntaxMessage(
      id: "unclosed-template-\(keyword)", summary: "Unexpected end of template",
      detail: "The \(keyword) directive on line \(line) is missing its corresponding \(end) directive.")
  }
  static func unclosedSequence(_ what: String, atEndOfFile: Bool) -> SyntaxMessage {
    SyntaxMessage(
      id: "unclosed-template-sequence", summary: "Unclosed template \(what) sequence",
      detail: "There is no closing brace for this \(what) sequence before the end of the \(atEndOfFile ? "file" : "template").")
  }
  static func unterminatedTemplate(heredoc: Bool) -> SyntaxMessage {
    SyntaxMessage(
      id: "unterminated-template", summary: "Unterminated template string",
      detail:
        "No closing marker was found for \(heredoc ? "the heredoc (its closing marker must stand alone on a line)" : "the string").")
  }

  // MARK: Escapes

  static let danglingBackslash = SyntaxMessage(
    id: "invalid-escape", summary: "Invalid escape sequence",
    detail: "Backslash must be followed by an escape sequence.")
  static func invalidUnicodeEscape(_ letter: String, digits: Int) -> SyntaxMessage {
    SyntaxMessage(
      id: "invalid-escape", summary: "Invalid escape sequence",
      detail: "The \\\(letter) escape needs exactly \(digits) hexadecimal digits naming a Unicode character.")
  }
  static func invalidEscape(_ symbol: String) -> SyntaxMessage {
    SyntaxMessage(
      id: "invalid-escape", summary: "Invalid escape sequence",
      detail: "The symbol \"\(symbol)\" is not a valid escape sequence selector.")
  }

  // MARK: Characters HCL does not use (reported by the lexer pass)

  static func bitwiseOperator(suggestion: String) -> SyntaxMessage {
    SyntaxMessage(
      id: "unsupported-operator", summary: "Unsupported operator",
      detail: "Bitwise operators are not supported.\(suggestion)")
  }
  static let backtick = SyntaxMessage(
    id: "invalid-character", summary: "Invalid character",
    detail: "The \"`\" character is not valid. To create a multi-line string, use the \"heredoc\" syntax, like \"<<EOT\".")
  static let curlyQuote = SyntaxMessage(
    id: "curly-quote", summary: "Invalid character",
    detail:
      "\"Curly quotes\" are not valid here. These can sometimes be inadvertently introduced when sharing code via documents or discussion forums. It might help to replace the character with a \"straight quote\"."
  )
  static let invalidCharacter = SyntaxMessage(
    id: "invalid-character", summary: "Invalid character", detail: "This character is not used within the language.")
  static let invalidEncoding = SyntaxMessage(
    id: "invalid-encoding", summary: "Invalid character encoding",
    detail: "All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.")
  static let multiLineString = SyntaxMessage(
    id: "multi-line-string", summary: "Invalid multi-line string",
    detail:
      "Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the \"heredoc\" multi-line template syntax."
  )
  static let semicolon = SyntaxMessage(
    id: "invalid-character", summary: "Invalid character",
    detail:
      "The \";\" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values."
  )
  static let singleQuote = SyntaxMessage(
    id: "invalid-character", summary: "Invalid character",
    detail: "Single quotes are not valid. Use double quotes (\") to enclose strings.")

  /// The diagnostic for `subject`.
  func diagnostic(at subject: TextRange, context: TextRange? = nil) -> Diagnostic {
    Diagnostic(code: "syntax." + id, summary: summary, detail: detail, subject: subject, context: context)
  }
}
