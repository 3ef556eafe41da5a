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
      func add(_ code: String, _ summary: String, _ detail: String) {
        diagnostics.append(Diagnostic(code: "syntax." + code, summary: summary, detail: detail, subject: token.range))
      }
      switch token.kind {
      case .bitwiseAnd, .bitwiseOr, .bitwiseXor, .bitwiseNot:
        guard bitwiseReported < 4 else { continue }
        bitwiseReported += 1
        let suggestion = switch token.kind {
        case .bitwiseAnd: " Did you mean boolean AND (\"&&\")?"
        case .bitwiseOr: " Did you mean boolean OR (\"||\")?"
        case .bitwiseNot: " Did you mean boolean NOT (\"!\")?"
        default: ""
        }
        add("unsupported-operator", "Unsupported operator", "Bitwise operators are not supported.\(suggestion)")
      case .backtick:
        if backticks % 2 == 0 {
          add("invalid-character", "Invalid character",
              "The \"`\" character is not valid. To create a multi-line string, use the \"heredoc\" syntax, like \"<<EOT\".")
        }
        backticks += 1
      case .apostrophe:
        if apostrophes % 2 == 0 {
          add("invalid-character", "Invalid character",
              "Single quotes are not valid. Use double quotes (\") to enclose strings.")
        }
        apostrophes += 1
      case .semicolon:
        guard !semicolonReported else { continue }
        semicolonReported = true
        add("invalid-character", "Invalid character",
            "The \";\" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.")
      case .badUTF8:
        guard !badEncodingReported else { continue }
        badEncodingReported = true
        add("invalid-encoding", "Invalid character encoding",
            "All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.")
      case .quotedNewline:
        add("multi-line-string", "Invalid multi-line string",
            "Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the \"heredoc\" multi-line template syntax.")
      case .invalid:
        let text = String(decoding: source[token.start..<token.end], as: UTF8.self)
        if text == "\u{201C}" || text == "\u{201D}" {
          add("curly-quote", "Invalid character",
              "\"Curly quotes\" are not valid here. These can sometimes be inadvertently introduced when sharing code via documents or discussion forums. It might help to replace the character with a \"straight quote\".")
        } else {
          add("invalid-character", "Invalid character", "This character is not used within the language.")
        }
      default:
        continue
      }
    }
    return diagnostics
  }
}
