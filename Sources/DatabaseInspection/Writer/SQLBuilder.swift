// One SQL statement under construction, with the spacing rules of Atlas's statement builder (ariga/atlas
// sql/internal/sqlx Builder): phrases separated by one space, commas and closing parentheses overwrite a trailing
// space, and new lines (only when an indent is set) replace it. Statements must match Atlas byte for byte, so the
// rules are kept exactly, quirks included (an identifier is quoted as is, without doubling its quote character).

final class SQLBuilder {
  private(set) var bytes: [UInt8] = []
  private let open: UInt8
  private let close: UInt8
  /// Atlas's `SchemaQualifier`: nil qualifies a name with its own schema, "" never qualifies (schema scope).
  let qualifier: String?
  let indent: String
  private var level = 0

  init(quote: Character, qualifier: String?, indent: String) {
    let byte = quote.asciiValue ?? UInt8(ascii: "\"")
    open = byte
    close = byte
    self.qualifier = qualifier
    self.indent = indent
  }

  private var last: UInt8? { bytes.last }

  private func rewriteLast(_ byte: UInt8) {
    guard !bytes.isEmpty else { return }
    bytes[bytes.count - 1] = byte
  }

  /// Phrases, each preceded by a space unless the text ends in a space, `(` or a new line, and followed by one.
  @discardableResult func p(_ phrases: String...) -> SQLBuilder {
    for phrase in phrases where !phrase.isEmpty {
      if let last, last != UInt8(ascii: " "), last != UInt8(ascii: "("), last != UInt8(ascii: "\n") {
        bytes.append(UInt8(ascii: " "))
      }
      bytes.append(contentsOf: Array(phrase.utf8))
      if phrase.utf8.last != UInt8(ascii: " ") { bytes.append(UInt8(ascii: " ")) }
    }
    return self
  }

  /// Raw text, no spacing.
  @discardableResult func write(_ text: String) -> SQLBuilder {
    bytes.append(contentsOf: Array(text.utf8))
    return self
  }

  /// A quoted identifier followed by a space; nothing for an empty name.
  @discardableResult func ident(_ name: String) -> SQLBuilder {
    guard !name.isEmpty else { return self }
    bytes.append(open)
    bytes.append(contentsOf: Array(name.utf8))
    bytes.append(close)
    bytes.append(UInt8(ascii: " "))
    return self
  }

  /// `schema.name[.child…]` as the qualifier allows (sqlx `mayQualify`).
  @discardableResult func qualified(schema: String, _ name: String, _ children: String...) -> SQLBuilder {
    switch qualifier {
    case .some(let fixed):
      if !fixed.isEmpty {
        ident(fixed)
        rewriteLast(UInt8(ascii: "."))
      }
    case .none:
      if !schema.isEmpty {
        ident(schema)
        rewriteLast(UInt8(ascii: "."))
      }
    }
    ident(name)
    for child in children {
      rewriteLast(UInt8(ascii: "."))
      ident(child)
    }
    return self
  }

  /// A line break and the current indentation; nothing when no indent is set (one line per statement).
  @discardableResult func nl() -> SQLBuilder {
    guard !indent.isEmpty else { return self }
    if last == UInt8(ascii: " ") { rewriteLast(UInt8(ascii: "\n")) } else { bytes.append(UInt8(ascii: "\n")) }
    for _ in 0..<max(level, 0) { bytes.append(contentsOf: Array(indent.utf8)) }
    return self
  }

  @discardableResult func comma() -> SQLBuilder {
    if bytes.isEmpty { return self }
    if last == UInt8(ascii: " ") {
      rewriteLast(UInt8(ascii: ","))
      bytes.append(UInt8(ascii: " "))
    } else {
      bytes.append(contentsOf: Array(", ".utf8))
    }
    return self
  }

  @discardableResult func mapComma<T>(_ items: [T], _ body: (T) -> Void) -> SQLBuilder {
    for (index, item) in items.enumerated() {
      if index > 0 { comma() }
      body(item)
    }
    return self
  }

  /// Like mapComma, with a new line before each item.
  @discardableResult func mapIndent<T>(_ items: [T], _ body: (T) -> Void) -> SQLBuilder {
    mapComma(items) { item in
      nl()
      body(item)
    }
  }

  /// `(` … `)`, the closing parenthesis replacing a trailing space.
  @discardableResult func wrap(_ body: () -> Void) -> SQLBuilder {
    bytes.append(UInt8(ascii: "("))
    body()
    if last == UInt8(ascii: " ") { rewriteLast(UInt8(ascii: ")")) } else { bytes.append(UInt8(ascii: ")")) }
    return self
  }

  /// Like wrap, with the body one level in and the closing parenthesis on its own line.
  @discardableResult func wrapIndent(_ body: () -> Void) -> SQLBuilder {
    wrap {
      level += 1
      body()
      level -= 1
      nl()
    }
  }

  /// The statement without surrounding white space (Go's strings.TrimSpace).
  var text: String {
    String(decoding: bytes, as: UTF8.self).trimmingGoSpace()
  }
}

extension String {
  /// Go's `strings.TrimSpace`: Unicode white space off both ends.
  func trimmingGoSpace() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(scalars[first...last])
  }
}

enum SQLText {
  /// Atlas's `sqlx.MayWrap`: parentheses around an expression unless one balanced pair already encloses it.
  static func mayWrap(_ expression: String) -> String {
    let bytes = Array(expression.utf8)
    let n = bytes.count - 1
    if bytes.count < 2 || bytes[0] != UInt8(ascii: "(") || bytes[n] != UInt8(ascii: ")")
      || !balanced(Array(bytes[1..<n]))
    {
      return "(" + expression + ")"
    }
    return expression
  }

  private static func balanced(_ bytes: [UInt8]) -> Bool {
    (SQLiteInspector.expressionLastIndex(bytes) ?? -1) == bytes.count - 1
  }

  /// sqlx `IsQuoted`: the text is one string in one of the quote characters (escaped or doubled quotes inside).
  static func isQuoted(_ text: String, _ quotes: Character...) -> Bool {
    let bytes = Array(text.utf8)
    let last = bytes.count - 1
    guard last >= 1 else { return false }
    outer: for quote in quotes {
      guard let q = quote.asciiValue, bytes[0] == q, bytes[last] == q else { continue }
      var i = 1
      while i < last - 1 {
        let c = bytes[i]
        if c == UInt8(ascii: "\\") || (c == q && bytes[i + 1] == q) {
          i += 2
          continue
        }
        if c == q { continue outer }
        i += 1
      }
      return true
    }
    return false
  }
}
