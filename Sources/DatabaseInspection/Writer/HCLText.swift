// The text pieces of Atlas's HCL output: hclwrite's string escaping, Go's `%q` quoting (for `sql("…")` and
// `where`), numbers as go-cty prints them, and the identifier test that decides `column.x` versus `column["x y"]`.
import HCLSyntax

enum HCLText {
  /// A quoted HCL string as hclwrite's `TokensForValue` writes it (`escapeQuotedStringLit`): `\n \r \t \" \\`
  /// escaped, `${`/`%{` doubled, other non-printable scalars as `\uXXXX`/`\UXXXXXXXX`.
  static func quoted(_ text: String) -> String {
    // Most names and comments are printable ASCII without anything to escape: copied whole (1,000 tables print
    // tens of thousands of these).
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C && $0 != 0x24 && $0 != 0x25 }) {
      return "\"" + text + "\""
    }
    var out = "\""
    let scalars = Array(text.unicodeScalars)
    for (i, scalar) in scalars.enumerated() {
      switch scalar {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "$", "%":
        out.unicodeScalars.append(scalar)
        if i + 1 < scalars.count, scalars[i + 1] == "{" { out.unicodeScalars.append(scalar) }
      default:
        if isPrint(scalar) {
          out.unicodeScalars.append(scalar)
        } else if scalar.value < 0x10000 {
          out += "\\u" + hex(scalar.value, width: 4)
        } else {
          out += "\\U" + hex(scalar.value, width: 8)
        }
      }
    }
    return out + "\""
  }

  /// Go's `strconv.Quote`: what Atlas writes inside `sql(…)` and for `where`. `${` is not doubled there.
  static func goQuoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\u{07}": out += "\\a"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{0B}": out += "\\v"
      default:
        if isPrint(scalar) {
          out.unicodeScalars.append(scalar)
        } else if scalar.value < 0x20 || scalar.value == 0x7F {
          out += "\\x" + hex(scalar.value, width: 2)
        } else if scalar.value < 0x10000 {
          out += "\\u" + hex(scalar.value, width: 4)
        } else {
          out += "\\U" + hex(scalar.value, width: 8)
        }
      }
    }
    return out + "\""
  }

  /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
  static func isPrint(_ scalar: Unicode.Scalar) -> Bool {
    // ASCII without a Unicode property lookup: printable from the space up to `~`.
    if scalar.value < 0x7F { return scalar.value >= 0x20 }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .nonspacingMark, .spacingMark, .enclosingMark,
      .decimalNumber, .letterNumber, .otherNumber,
      .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
      .finalPunctuation, .otherPunctuation,
      .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
      return true
    default:
      return false
    }
  }

  /// Whether a name can follow a dot in a reference (`validIdent` in ariga/atlas schemahcl/context.go): an HCL
  /// identifier, or text go-cty parses as a number.
  static func isReferenceName(_ name: String) -> Bool {
    // The common case without running the lexer: an ASCII identifier, which its `identifierEnd` takes whole.
    if isASCIIIdentifier(name) { return true }
    if isNumber(name) { return true }
    let tokens = Lexer.tokenize(Array(name.utf8)).filter { $0.kind != .eof }
    return tokens.count == 1 && tokens[0].kind == .ident && tokens[0].length == name.utf8.count
  }

  /// `[A-Za-z_][A-Za-z0-9_-]*`.
  static func isASCIIIdentifier(_ name: String) -> Bool {
    var bytes = name.utf8.makeIterator()
    guard let lead = bytes.next(), lead == UInt8(ascii: "_") || (lead | 0x20 >= 0x61 && lead | 0x20 <= 0x7A) else {
      return false
    }
    while let byte = bytes.next() {
      let letter = byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A
      guard letter || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") else {
        return false
      }
    }
    return true
  }

  /// `big.ParseFloat(s, 10, …)` accepts: an optional sign, then `Inf`/`inf`, or decimal digits with an optional
  /// fraction and exponent.
  static func isNumber(_ text: String) -> Bool {
    var bytes = Substring(text).utf8[...]
    if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
    if let rest = String(bytes), rest == "Inf" || rest == "inf" { return true }
    var digits = 0
    var index = bytes.startIndex
    func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    while index < bytes.endIndex, isDigit(bytes[index]) { digits += 1; index = bytes.index(after: index) }
    if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
      index = bytes.index(after: index)
      while index < bytes.endIndex, isDigit(bytes[index]) { digits += 1; index = bytes.index(after: index) }
    }
    guard digits > 0 else { return false }
    if index < bytes.endIndex, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index = bytes.index(after: index)
      if index < bytes.endIndex, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        index = bytes.index(after: index)
      }
      var exponent = 0
      while index < bytes.endIndex, isDigit(bytes[index]) { exponent += 1; index = bytes.index(after: index) }
      guard exponent > 0 else { return false }
    }
    return index == bytes.endIndex
  }

  /// A reference path: `column.id`, `table.users.column.id`, `column["d e"]`.
  static func reference(_ steps: [(type: String, names: [String])]) -> String {
    var out = ""
    for (i, step) in steps.enumerated() {
      if i > 0 { out += "." }
      out += step.type
      for name in step.names {
        out += isReferenceName(name) ? "." + name : "[" + quoted(name) + "]"
      }
    }
    return out
  }

  static func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
