// MySQL and MariaDB column facts as Atlas prints them (ariga/atlas sql/mysql convert.go, inspect.go, sqlspec.go):
// COLUMN_TYPE → HCL type and `unsigned`, COLUMN_DEFAULT → literal or sql(), EXTRA → auto_increment, on_update and
// generated kind, and the unescaping MySQL 8 needs for expressions.
import Foundation

enum MySQLTypes {
  /// The HCL type for a COLUMN_TYPE, and the `unsigned` attribute Atlas's TypeRegistry emits with it (nil: none).
  static func columnType(_ raw: String) -> (type: ColumnType, unsigned: Bool?) {
    let text = raw.trimmingCharacters(in: .whitespaces)
    let lower = text.lowercased()
    let nameEnd = lower.firstIndex { $0 == "(" || $0 == " " } ?? lower.endIndex
    let name = String(lower[..<nameEnd])
    var arguments: [String] = []
    var rest = lower[nameEnd...]
    if rest.hasPrefix("("), let close = rest.firstIndex(of: ")") {
      arguments = rest[rest.index(after: rest.startIndex)..<close].split(separator: ",")
        .map { $0.trimmingCharacters(in: .whitespaces) }
      rest = rest[rest.index(after: close)...]
    }
    let words = rest.split(separator: " ")
    let unsigned = words.contains("unsigned") || words.contains("zerofill")
    switch name {
    case "bool", "boolean":
      return (.named("bool"), nil)
    case "tinyint", "smallint", "mediumint", "int", "bigint":
      // Atlas's ParseType: any integer type of display width 1 is a bool.
      if arguments.first == "1" { return (.named("bool"), nil) }
      // The display width is dropped; `unsigned` is printed only when set.
      return (.named(name), unsigned ? true : nil)
    case "decimal", "numeric":
      guard let precision = arguments.first else { return (.named(name), unsigned ? true : nil) }
      let scale = arguments.count > 1 && arguments[1] != "0" ? "," + arguments[1] : ""
      // Once precision is set the registry also emits `unsigned`, false included.
      return (.named("\(name)(\(precision)\(scale))"), unsigned)
    case "float", "double", "real":
      // Atlas's FloatType keeps the precision only: double(10,3) prints double(10).
      guard let precision = arguments.first else { return (.named(name), unsigned ? true : nil) }
      return (.named("\(name)(\(precision))"), unsigned)
    case "varchar", "char", "binary", "varbinary", "bit":
      return (.named(arguments.isEmpty ? name : "\(name)(\(arguments.joined(separator: ",")))"), nil)
    case "datetime", "timestamp", "time":
      guard let precision = arguments.first, precision != "0" else { return (.named(name), nil) }
      return (.named("\(name)(\(precision))"), nil)
    case "year":
      // year(4) (MariaDB's COLUMN_TYPE) keeps its width as a precision.
      return (.named(arguments.first.map { "year(\($0))" } ?? "year"), nil)
    case "enum", "set":
      guard let values = enumValues(text) else { return (.raw(text), nil) }
      return (.named(name + "(" + values.map(HCLText.quoted).joined(separator: ",") + ")"), nil)
    case "tinytext", "text", "mediumtext", "longtext", "tinyblob", "blob", "mediumblob", "longblob", "json", "date",
      "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
      "geometrycollection", "geomcollection", "inet4", "inet6":
      return (.named(name), nil)
    default:
      // Atlas keeps an unsupported type's first word only (ParseType's UnsupportedType{T: parts[0]}) and prints
      // it as sql("…"); inet4/inet6/uuid-like names land here too when unknown to its registry.
      let word = text.prefix { $0 != "(" && $0 != ")" && $0 != " " && $0 != "," }
      return (.raw(String(word)), nil)
    }
  }

  /// The values of `enum('a','b')` / `set(…)` split as Atlas's ParseType does: on `','`, outer quotes trimmed, no
  /// unescaping (a doubled quote stays doubled).
  static func enumValues(_ raw: String) -> [String]? {
    guard let open = raw.firstIndex(of: "("), raw.hasSuffix(")") else { return nil }
    let inner = raw[raw.index(after: open)..<raw.index(before: raw.endIndex)]
    guard !inner.isEmpty else { return nil }
    return inner.components(separatedBy: "','").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
  }

  /// What EXTRA says (ariga/atlas `parseExtra`): unknown words are ignored rather than failing the inspection.
  struct Extra {
    var autoIncrement = false
    var onUpdate: String? = nil
    var generatedKind: String? = nil
    var defaultGenerated = false
  }

  static func extra(_ text: String?) -> Extra {
    var extra = Extra()
    let lower = (text ?? "").lowercased().trimmingCharacters(in: .whitespaces)
    if lower == "auto_increment" { extra.autoIncrement = true }
    if lower.hasPrefix("default_generated") { extra.defaultGenerated = true }
    if let range = lower.range(of: "on update ") {
      // Keep the server's spelling (CURRENT_TIMESTAMP on MySQL, current_timestamp() on MariaDB).
      let start = text.map { $0.index($0.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: range.upperBound)) }
      if let text, let start, start <= text.endIndex { extra.onUpdate = String(text[start...]) }
    }
    for kind in ["virtual", "stored", "persistent"] where lower == kind + " generated" {
      extra.generatedKind = kind == "virtual" ? "VIRTUAL" : "STORED"
    }
    return extra
  }

  /// The column's default as Atlas prints it: MariaDB quotes string literals and says NULL for none; MySQL returns
  /// literals bare and flags expressions with DEFAULT_GENERATED (ariga/atlas `marDefaultExpr`, `myDefaultExpr`).
  static func defaultValue(_ raw: String, type: ColumnType, mariaDB: Bool, extra: Extra) -> HCLValue? {
    let typeName: String
    switch type {
    case .named(let name): typeName = String(name.prefix { $0 != "(" })
    default: typeName = ""
    }
    let numeric = ["bool", "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric", "float",
      "double", "real"].contains(typeName)
    let time = ["datetime", "timestamp", "time", "date", "year"].contains(typeName)
    let isCurrentTimestamp = isCurrentTimestamp(raw)
    if mariaDB {
      if raw == "NULL" { return nil }
      if raw.count >= 2, raw.hasPrefix("'"), raw.hasSuffix("'") { return literal(raw) }
      if typeName == "bit", raw.hasPrefix("b'"), raw.hasSuffix("'") { return literal(raw) }
      if numeric, Double(raw) != nil { return literal(raw) }
      if time, raw.lowercased() == "current_timestamp()" { return .raw(raw) }
      return .raw(wrapped(raw))
    }
    if extra.defaultGenerated {
      // CURRENT_TIMESTAMP stays bare: wrapped in parentheses MySQL would read it as now().
      if time, isCurrentTimestamp { return .raw(raw) }
      return .raw(wrapped(unescape(raw)))
    }
    if typeName.hasSuffix("binary"), raw.lowercased().hasPrefix("0x") { return literal(raw) }
    if numeric || typeName == "bit" { return literal(raw) }
    if time, isCurrentTimestamp { return .raw(raw) }
    // MySQL's bare string, quoted the way unquoting reads it back (Atlas's quote()).
    return literal("'" + raw.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'")
  }

  /// The default as Atlas's inspector builds it (`marDefaultExpr` on MariaDB, `myDefaultExpr` on MySQL), which its
  /// SQL planner prints: literals of numeric and bit types bare, MySQL's other literals Go-quoted, MariaDB's as the
  /// server quoted them, expressions wrapped in parentheses unless CURRENT_TIMESTAMP on a time type.
  static func defaultExpression(_ raw: String, type: ColumnType, mariaDB: Bool, extra: Extra) -> DefaultExpression? {
    let typeName: String
    switch type {
    case .named(let name): typeName = String(name.prefix { $0 != "(" })
    default: typeName = ""
    }
    let numeric = ["bool", "tinyint", "smallint", "mediumint", "int", "bigint", "decimal", "numeric", "float", "double",
      "real"].contains(typeName)
    let time = ["datetime", "timestamp", "time", "date", "year"].contains(typeName)
    if mariaDB {
      if raw == "NULL" { return nil }
      if SQLText.isQuoted(raw, "'") { return .literal(raw) }
      if typeName == "bit", raw.hasPrefix("b'"), raw.hasSuffix("'") { return .literal(raw) }
      if numeric, Double(raw) != nil { return .literal(raw) }
      // Atlas compares with `current_timestamp` exactly; MariaDB's `current_timestamp()` takes the wrapping below.
      if time, raw.lowercased() == "current_timestamp" { return .expression(raw) }
      return .expression(SQLText.mayWrap(raw))
    }
    if extra.defaultGenerated {
      if time, isCurrentTimestamp(raw) { return .expression(raw) }
      return .expression(SQLText.mayWrap(unescape(raw)))
    }
    let binary = ["binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob"].contains(typeName)
    if binary, raw.count > 2, raw.prefix(2).lowercased() == "0x" { return .literal(raw) }
    if numeric || typeName == "bit" { return .literal(raw) }
    if time, isCurrentTimestamp(raw) { return .expression(raw) }
    return .literal(SQLText.isQuoted(raw, "\"", "'") ? raw : HCLText.goQuoted(raw))
  }

  /// `current_timestamp`, optionally with `(n)`, any case (Atlas's reCurrTimestamp).
  static func isCurrentTimestamp(_ text: String) -> Bool {
    let lower = text.lowercased()
    guard lower.hasPrefix("current_timestamp") else { return false }
    let rest = lower.dropFirst("current_timestamp".count)
    if rest.isEmpty { return true }
    guard rest.hasPrefix("("), rest.hasSuffix(")"), rest.count <= 3 else { return false }
    return rest.dropFirst().dropLast().allSatisfy(\.isNumber)
  }

  /// specutil.ColumnDefault for a literal: bit/hex forms stay sql(), quoted text becomes a string, true/false a
  /// bool, a number with a dot a float (printed shortest), an integer as is; anything else stays sql().
  static func literal(_ value: String) -> HCLValue {
    if ["0x", "0X", "0b", "0B", "b'", "B'", "x'", "X'"].contains(where: value.hasPrefix) { return .raw(value) }
    if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") { return .string(unquoteMariaDB(value)) }
    if ["true", "false"].contains(value.lowercased()) { return .bool(value.lowercased() == "true") }
    if value.contains("."), let number = Double(value), number.isFinite { return .number(shortest(number)) }
    if Int64(value) != nil || UInt64(value) != nil { return .number(value) }
    return .raw(value)
  }

  /// A float as hclwrite prints a cty number: shortest round-trip digits, no exponent.
  static func shortest(_ number: Double) -> String {
    let text = "\(number)"
    guard text.contains("e") else { return text.hasSuffix(".0") ? String(text.dropLast(2)) : text }
    return String(format: "%.17g", number)
  }

  /// `'it''s'` → `it's` (MariaDB doubles quotes and backslash-escapes inside COLUMN_DEFAULT literals).
  static func unquoteMariaDB(_ quoted: String) -> String {
    let inner = quoted.dropFirst().dropLast()
    var out = ""
    var iterator = inner.makeIterator()
    while let character = iterator.next() {
      if character == "'" {
        _ = iterator.next()
        out.append("'")
      } else if character == "\\", let next = iterator.next() {
        switch next {
        case "n": out.append("\n")
        case "t": out.append("\t")
        case "r": out.append("\r")
        case "0": out.append("\0")
        default: out.append(next)
        }
      } else {
        out.append(character)
      }
    }
    return out
  }

  /// sqlx.MayWrap: parentheses unless the whole expression is already one parenthesised group.
  static func wrapped(_ expression: String) -> String {
    guard expression.hasPrefix("("), expression.hasSuffix(")") else { return "(" + expression + ")" }
    var depth = 0
    for (offset, character) in expression.enumerated() {
      if character == "(" { depth += 1 }
      if character == ")" {
        depth -= 1
        if depth == 0 && offset < expression.count - 1 { return "(" + expression + ")" }
      }
    }
    return expression
  }

  /// MySQL 8 escapes quotes and backslashes in I_S expression text (ariga/atlas `unescape`).
  static func unescape(_ text: String) -> String {
    text.replacingOccurrences(of: "\\'", with: "'").replacingOccurrences(of: "\\\\", with: "\\")
  }

  /// Index types other than BTREE, as Atlas's enum of identifiers, else a quoted string.
  static func indexType(_ type: String?) -> HCLValue? {
    guard let type, !type.isEmpty, type.uppercased() != "BTREE" else { return nil }
    let upper = type.uppercased()
    return ["HASH", "FULLTEXT", "SPATIAL"].contains(upper) ? .identifier(upper) : .string(upper)
  }

  /// The parser of a FULLTEXT index: on its `FULLTEXT KEY \`name\` (…)` line of SHOW CREATE TABLE, the
  /// `/*!50100 WITH PARSER \`x\` */` comment (Atlas's reIndexParser); `ngram` and `mecab` print as identifiers.
  static func fulltextParser(_ statement: String, index: String) -> HCLValue? {
    let name = "`" + index.replacingOccurrences(of: "`", with: "``") + "`"
    guard let line = statement.split(separator: "\n").first(where: { $0.contains("FULLTEXT KEY " + name + " (") }),
      let start = line.range(of: "/*!50100 WITH PARSER `"),
      let end = line[start.upperBound...].range(of: "` */")
    else { return nil }
    let parser = String(line[start.upperBound..<end.lowerBound])
    guard !parser.isEmpty, !parser.contains("`") else { return nil }
    for known in ["ngram", "mecab"] where known.lowercased() == parser.lowercased() { return .identifier(known) }
    return .string(parser)
  }

  /// The engines Atlas writes as identifiers; any other stays a string (`engine = "Aria"`).
  static func engine(_ name: String) -> HCLValue {
    for known in ["InnoDB", "MyISAM", "Memory", "CSV", "NDB"] where known.lowercased() == name.lowercased() {
      return .identifier(known)
    }
    return .string(name)
  }
}
