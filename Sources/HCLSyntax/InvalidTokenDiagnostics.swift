// Diagnostics for characters HCL does not use (bitwise operators, semicolons, bad UTF-8, …), as hclsyntax words them.

enum InvalidTokenDiagnostics {
  static func collect(tokens: [Token], source: [UInt8]) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var bitwiseReported = 0
    var backticks = 0
    var apostrophes = 0
    var semicolonReported = false
    var badEncodingReported = false
    for token in tokens {
      func add(_ message: SyntaxMessage) { diagnostics.append(message.diagnostic(at: token.range)) }
      switch token.kind {
      case .bitwiseAnd, .bitwiseOr, .bitwiseXor, .bitwiseNot:
        guard bitwiseReported < 4 else { continue }
        bitwiseReported += 1
        let suggestion =
          switch token.kind {
          case .bitwiseAnd: " Did you mean boolean AND (\"&&\")?"
          case .bitwiseOr: " Did you mean boolean OR (\"||\")?"
          case .bitwiseNot: " Did you mean boolean NOT (\"!\")?"
          default: ""
          }
        add(.bitwiseOperator(suggestion: suggestion))
      case .backtick:
        if backticks % 2 == 0 { add(.backtick) }
        backticks += 1
      case .apostrophe:
        if apostrophes % 2 == 0 { add(.singleQuote) }
        apostrophes += 1
      case .semicolon:
        guard !semicolonReported else { continue }
        semicolonReported = true
        add(.semicolon)
      case .badUTF8:
        guard !badEncodingReported else { continue }
        badEncodingReported = true
        add(.invalidEncoding)
      case .quotedNewline:
        add(.multiLineString)
      case .invalid:
        let text = String(decoding: source[token.start..<token.end], as: UTF8.self)
        add(text == "\u{201C}" || text == "\u{201D}" ? .curlyQuote : .invalidCharacter)
      default:
        continue
      }
    }
    return diagnostics
  }
}
