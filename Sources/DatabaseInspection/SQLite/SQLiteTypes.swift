// SQLite column types and defaults as Atlas prints them: ariga/atlas sql/sqlite/convert.go `ParseType`, the
// `TypeRegistry` of sql/sqlite/sqlspec.go, `defaultExpr` (sql/sqlite/inspect.go) and specutil's `ColumnDefault`.

enum SQLiteTypes {
  /// What `ParseType` makes of a declared type, reduced to what printing needs.
  struct Parsed: Equatable {
    var type: ColumnType
    /// `schema.StringType` (Atlas prints a numeric default of a text column as a string).
    var isText: Bool
  }

  /// Types the registry has a spec for, by the lower-cased name `ParseType` keeps, with the spec's HCL name and
  /// which of size / precision+scale it prints.
  private enum Arguments { case none, size, precisionScale }
  private static let registry: [String: (name: String, arguments: Arguments)] = [
    "real": ("real", .none), "blob": ("blob", .none), "text": ("text", .size), "integer": ("integer", .none),
    "int": ("int", .none), "tinyint": ("tinyint", .none), "smallint": ("smallint", .none),
    "mediumint": ("mediumint", .none), "bigint": ("bigint", .none), "unsigned big int": ("unsigned_big_int", .none),
    "int2": ("int2", .none), "int8": ("int8", .none), "uint64": ("uint64", .none), "double": ("double", .none),
    "double precision": ("double_precision", .none), "float": ("float", .none), "character": ("character", .size),
    "varchar": ("varchar", .size), "varying character": ("varying_character", .size), "nchar": ("nchar", .size),
    "native character": ("native_character", .size), "nvarchar": ("nvarchar", .size), "clob": ("clob", .size),
    "numeric": ("numeric", .precisionScale), "decimal": ("decimal", .precisionScale), "bool": ("bool", .none),
    "boolean": ("boolean", .none), "date": ("date", .none), "datetime": ("datetime", .none), "json": ("json", .none),
    "uuid": ("uuid", .none), "jsonb": ("jsonb", .none),
  ]

  /// Names `ParseType` recognises; the ones missing from the registry print as `sql("<name>")`, their size lost
  /// (Atlas formats them with `FormatType`, which keeps only the lower-cased name).
  private static let stringTypes: Set<String> = [
    "char", "character", "varchar", "varying character", "nchar", "native character", "nvarchar", "text", "clob",
  ]
  private static let knownTypes: Set<String> = stringTypes.union([
    "bool", "boolean", "blob", "int2", "int8", "int", "uint64", "integer", "tinyint", "smallint", "mediumint",
    "bigint", "unsigned big int", "real", "double", "double precision", "float", "numeric", "decimal", "json",
    "jsonb", "date", "datetime", "time", "timestamp", "uuid",
  ])

  /// The type Atlas prints for a declared column type. Throws where `ParseType` fails (a size that is no integer).
  static func parse(_ declared: String) throws(InspectionError) -> Parsed {
    if declared.isEmpty { return Parsed(type: .named("blob"), isText: false) }
    let parts = columnParts(declared)
    guard let name = parts.first, knownTypes.contains(name) else {
      // UserDefinedType keeps the text as declared.
      return Parsed(type: .raw(declared), isText: false)
    }
    var numbers: [Int] = []
    if ["numeric", "decimal"].contains(name) || stringTypes.contains(name) {
      let wanted = stringTypes.contains(name) ? 1 : 2
      for part in parts.dropFirst().prefix(wanted) {
        guard let number = goParseInt(part) else {
          throw InspectionError(
            .unexpectedCatalog, "SQLite: cannot read the size in the column type \(DatabaseURL.quoted(declared))")
        }
        numbers.append(number)
      }
    }
    let isText = stringTypes.contains(name)
    guard let spec = registry[name] else { return Parsed(type: .raw(name), isText: isText) }
    switch spec.arguments {
    case .none:
      return Parsed(type: .named(spec.name), isText: isText)
    case .size:
      let size = numbers.first ?? 0
      return Parsed(type: .named(size == 0 ? spec.name : "\(spec.name)(\(size))"), isText: isText)
    case .precisionScale:
      // TypeRegistry.Convert walks the attributes backwards, skipping zeros until one is kept.
      let precision = numbers.first ?? 0
      let scale = numbers.count > 1 ? numbers[1] : 0
      let arguments = scale != 0 ? "\(precision),\(scale)" : precision != 0 ? "\(precision)" : ""
      return Parsed(type: .named(arguments.isEmpty ? spec.name : "\(spec.name)(\(arguments))"), isText: isText)
    }
  }

  /// `columnParts`: lower-cased words split at `(`, `)`, spaces and commas; up to three leading words that are not
  /// numbers are joined back (`double precision`, `unsigned big int`).
  static func columnParts(_ declared: String) -> [String] {
    var parts = declared.lowercased().split(whereSeparator: { "() ,".contains($0) }).map(String.init)
    for _ in 0..<2 where parts.count > 1 && !isUnsigned(parts[0]) && !isUnsigned(parts[1]) {
      parts[1] = parts[0] + " " + parts[1]
      parts.removeFirst()
    }
    return parts
  }

  /// sqlx.IsUint: every character a digit (true for the empty string).
  private static func isUnsigned(_ text: String) -> Bool { text.allSatisfy(\.isNumber) }

  /// Go's `strconv.ParseInt(s, 10, 64)`: an optional sign and decimal digits (Swift's `Int.init` reads the same).
  private static func goParseInt(_ text: String) -> Int? { Int(text) }

  // MARK: - Defaults

  /// The `default` attribute Atlas prints for a `dflt_value` text.
  static func defaultValue(_ text: String, isText: Bool) -> HCLValue {
    let isLiteral = goParseBool(text) || isLiteralNumber(text) || isQuoted(text, quotes: [UInt8(ascii: "\""), UInt8(ascii: "'")]) || isBlob(text)
    guard isLiteral else { return .raw(text) }
    if ["0x", "0X", "0b", "0B", "b'", "B'", "x'", "X'"].contains(where: text.hasPrefix) { return .raw(text) }
    if isQuoted(text, quotes: [UInt8(ascii: "\""), UInt8(ascii: "'")]) { return .string(unquote(text)) }
    if text.lowercased() == "true" || text.lowercased() == "false" { return .bool(text.lowercased() == "true") }
    if isLiteralNumber(text) && !isText, let number = NumberText.hcl(fromLiteral: text) { return .number(number) }
    return .string(text)
  }

  /// The default as Atlas's `defaultExpr` holds it, for the SQL writer: literals (bools, numbers, quoted text, blobs)
  /// and everything else as an expression (CURRENT_TIMESTAMP among them).
  static func defaultExpression(_ text: String) -> DefaultExpression {
    let isLiteral = goParseBool(text) || isLiteralNumber(text)
      || isQuoted(text, quotes: [UInt8(ascii: "\""), UInt8(ascii: "'")]) || isBlob(text)
    return isLiteral ? .literal(text) : .expression(text)
  }

  /// Go's `strconv.ParseBool`.
  private static func goParseBool(_ text: String) -> Bool {
    ["1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"].contains(text)
  }

  /// sqlx.IsLiteralNumber: hexadecimal digits after `0x`, or what Go's `ParseFloat` accepts (decimal forms here).
  static func isLiteralNumber(_ text: String) -> Bool {
    if text.hasPrefix("0x") || text.hasPrefix("0X") {
      let digits = text.dropFirst(2)
      return !digits.isEmpty && digits.count <= 16 && digits.allSatisfy(\.isHexDigit)
    }
    return NumberText.isDecimal(text)
  }

  /// sqlx.IsQuoted, quirks included: inner quotes must be doubled or backslash-escaped; the last inner byte is not
  /// checked.
  static func isQuoted(_ text: String, quotes: [UInt8]) -> Bool {
    let bytes = Array(text.utf8)
    let last = bytes.count - 1
    guard last >= 1 else { return false }
    outer: for quote in quotes where bytes[0] == quote && bytes[last] == quote {
      var i = 1
      while i < last - 1 {
        let byte = bytes[i]
        if byte == UInt8(ascii: "\\") || (byte == quote && bytes[i + 1] == quote) {
          i += 2
          continue
        }
        if byte == quote { continue outer }
        i += 1
      }
      return true
    }
    return false
  }

  /// sqlx.Unquote: `'…'` with `''` undoubled; `"…"` read as a Go string literal (where Go would fail, a doubled
  /// `""` is undoubled instead).
  static func unquote(_ text: String) -> String {
    let inner = String(text.dropFirst().dropLast())
    if text.hasPrefix("'") { return inner.replacingOccurrences(of: "''", with: "'") }
    return GoString.unquote(inner) ?? inner.replacingOccurrences(of: "\"\"", with: "\"")
  }

  /// `x'…'` blob literals whose hex digits fit 64 bits.
  private static func isBlob(_ text: String) -> Bool {
    guard text.hasPrefix("x'") || text.hasPrefix("X'"), text.hasSuffix("'"), text.count >= 3 else { return false }
    let digits = text.dropFirst(2).dropLast()
    return !digits.isEmpty && digits.count <= 16 && digits.allSatisfy(\.isHexDigit)
  }
}

/// Go string-literal escapes, for `"…"` defaults.
enum GoString {
  /// The content of a Go interpreted string literal (without its quotes); nil where Go's `strconv.Unquote` fails.
  static func unquote(_ inner: String) -> String? {
    var scalars = Array(inner.unicodeScalars)[...]
    var out = String.UnicodeScalarView()
    while let scalar = scalars.popFirst() {
      if scalar == "\"" || scalar == "\n" { return nil }
      guard scalar == "\\" else {
        out.append(scalar)
        continue
      }
      guard let escape = scalars.popFirst() else { return nil }
      switch escape {
      case "a": out.append("\u{07}")
      case "b": out.append("\u{08}")
      case "f": out.append("\u{0C}")
      case "n": out.append("\n")
      case "r": out.append("\r")
      case "t": out.append("\t")
      case "v": out.append("\u{0B}")
      case "\\", "\"", "'": out.append(escape)
      case "x", "u", "U":
        let count = escape == "x" ? 2 : escape == "u" ? 4 : 8
        let digits = String(String.UnicodeScalarView(scalars.prefix(count)))
        guard digits.unicodeScalars.count == count, let value = UInt32(digits, radix: 16),
          let decoded = Unicode.Scalar(value)
        else { return nil }
        scalars = scalars.dropFirst(count)
        out.append(decoded)
      case "0"..."7":
        let digits = String(String.UnicodeScalarView([escape] + scalars.prefix(2)))
        guard digits.unicodeScalars.count == 3, let value = UInt32(digits, radix: 8), value <= 255,
          let decoded = Unicode.Scalar(value)
        else { return nil }
        scalars = scalars.dropFirst(2)
        out.append(decoded)
      default: return nil
      }
    }
    return String(out)
  }
}

/// Numbers the way go-cty and hclwrite print them (`big.Float.Text('f', -1)`): plain decimal digits, no exponent.
enum NumberText {
  /// Decimal forms Go's `ParseFloat` accepts: sign, digits, fraction, exponent (not `inf`/`nan`, which SQLite has no
  /// literal for).
  static func isDecimal(_ text: String) -> Bool {
    var rest = Substring(text)
    if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
    let mantissa = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
    guard mantissa.filter({ $0 == "." }).count <= 1, mantissa.contains(where: \.isNumber) else { return false }
    rest = rest.dropFirst(mantissa.count)
    if rest.first == "e" || rest.first == "E" {
      rest = rest.dropFirst()
      if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
      guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
      return true
    }
    return rest.isEmpty
  }

  /// The digits Atlas prints for a numeric literal: integers as they are (sign normalised), others through float64.
  static func hcl(fromLiteral text: String) -> String? {
    if !text.contains("."), !text.contains("e"), !text.contains("E") {
      var digits = Substring(text)
      var negative = false
      if digits.first == "+" || digits.first == "-" {
        negative = digits.first == "-"
        digits = digits.dropFirst()
      }
      let trimmed = digits.drop { $0 == "0" }
      let body = trimmed.isEmpty ? "0" : String(trimmed)
      return negative && body != "0" ? "-" + body : body
    }
    guard let value = Double(text), value.isFinite else { return nil }
    return plain(value)
  }

  /// A finite double in the shortest digits that read back to it, written without an exponent.
  static func plain(_ value: Double) -> String {
    var text = "\(value)"
    var negative = false
    if text.hasPrefix("-") {
      negative = true
      text.removeFirst()
    }
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponent = Int(text[text.index(after: e)...]) ?? 0
      text = String(text[..<e])
    }
    var integer = text
    var fraction = ""
    if let dot = text.firstIndex(of: ".") {
      integer = String(text[..<dot])
      fraction = String(text[text.index(after: dot)...])
    }
    var digits = integer + fraction
    var point = integer.count + exponent
    if point < 0 {
      digits = String(repeating: "0", count: -point) + digits
      point = 0
    }
    if point > digits.count { digits += String(repeating: "0", count: point - digits.count) }
    var whole = String(digits.prefix(point)).drop { $0 == "0" }
    var decimals = Substring(digits.dropFirst(point))
    while decimals.last == "0" { decimals = decimals.dropLast() }
    if whole.isEmpty { whole = "0" }
    let result = decimals.isEmpty ? String(whole) : whole + "." + decimals
    return negative ? "-" + result : result
  }
}
