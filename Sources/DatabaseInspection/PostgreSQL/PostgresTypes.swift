// PostgreSQL catalog values as Atlas names them (ariga/atlas sql/postgres convert.go `columnType`, inspect.go
// `columnDefault`/`canConvert`, sqlspec.go): column types, serial detection, literal versus `sql("…")` defaults,
// identity and generated columns, index methods, operator classes and partition keys.
import Foundation

enum PostgresTypes {
  /// The column of one `columnsQuery` row; nil when the row lacks a name. `enums` maps the OIDs of the inspected
  /// schemas' enum types to their references.
  static func column(_ row: CatalogRow, enums: [String: ColumnType]) -> Column? {
    guard let name = row[1] else { return nil }
    let dataType = row[2] ?? ""
    let formatType = row[3] ?? dataType
    let kind = typeKind(dataType: dataType, typtype: row[20])
    var type = columnType(dataType: dataType, formatType: formatType, row: row)
    if kind == .enumeration, let oid = row[22], let reference = enums[oid] { type = reference }
    var column = Column(name: name, type: type, nullable: row[4] == "YES")
    column.comment = row[19].flatMap { $0.isEmpty ? nil : $0 }
    if row[13] == "YES" {
      column.identity = Identity(
        generation: (row[17] ?? "BY DEFAULT").replacingOccurrences(of: " ", with: "_"),
        start: row.int(14) ?? 1, increment: row.int(15) ?? 1)
      return column
    }
    if let expression = row[18], !expression.isEmpty {
      column.generated = GeneratedExpression(expression: expression, kind: "STORED")
      return column
    }
    guard let text = row[5] else { return column }
    if let serial = serialType(dataType), isSerialDefault(text) {
      column.type = .named(serial)
      return column
    }
    column.defaultValue = defaultValue(text, kind: kind)
    return column
  }

  /// The families `canConvert` distinguishes: a quoted literal cast to a type of the `literal` family prints as a
  /// string; one cast to an `other` type (interval, bit, money, …) stays `sql("…")`.
  enum Kind { case enumeration, boolean, number, literal, other }

  static func typeKind(dataType: String, typtype: String?) -> Kind {
    if typtype == "e" { return .enumeration }
    if typtype == "d" { return .other }
    switch dataType {
    case "boolean": return .boolean
    case "smallint", "integer", "bigint", "numeric", "real", "double precision", "xid", "xid8": return .number
    case "ARRAY", "bytea", "json", "jsonb", "inet", "cidr", "macaddr", "macaddr8", "point", "line", "lseg", "box",
      "path", "polygon", "circle", "character varying", "character", "text", "name", "date", "time without time zone",
      "time with time zone", "timestamp without time zone", "timestamp with time zone", "uuid", "xml":
      return .literal
    default: return .other
    }
  }

  /// The HCL type: a registered name, or `sql("<format_type>")` for arrays, domains and other user types.
  static func columnType(dataType: String, formatType: String, row: CatalogRow) -> ColumnType {
    if dataType == "ARRAY" || dataType == "USER-DEFINED" || row[20] == "d" {
      // A user-defined type whose format_type text is a registered spec name prints as that spec (TypeRegistry
      // `findType` matches the type's T): the hstore extension's type, when format_type writes it unqualified.
      return formatType == "hstore" ? .named(formatType) : .raw(formatType)
    }
    let precision = row.int(8)
    func timed(_ name: String) -> ColumnType {
      .named(precision.map { $0 == 6 ? name : "\(name)(\($0))" } ?? name)
    }
    switch dataType {
    case "character varying":
      return .named(row[6].map { "character_varying(\($0))" } ?? "character_varying")
    case "character", "bit":
      return .named(formatType)
    case "numeric":
      // DecimalType{Precision, Scale} through the registry: a zero scale is dropped (`numeric(10)`, never
      // `numeric(10,0)` as format_type writes it), no precision is plain `numeric`.
      guard let precision = row.int(7), precision > 0 else { return .named("numeric") }
      let scale = row.int(9) ?? 0
      return .named(scale == 0 ? "numeric(\(precision))" : "numeric(\(precision),\(scale))")
    case "bit varying":
      return .named(formatType.replacingOccurrences(of: "bit varying", with: "bit_varying"))
    case "double precision": return .named("double_precision")
    case "timestamp without time zone": return timed("timestamp")
    case "timestamp with time zone": return timed("timestamptz")
    case "time without time zone": return timed("time")
    case "time with time zone": return timed("timetz")
    case "interval": return .named(intervalType(formatType))
    case _ where plainTypes.contains(dataType): return .named(dataType)
    // Anything else (`"char"`, `pg_lsn`, …) as the database writes it, which is always valid HCL inside sql("…").
    default: return .raw(formatType)
    }
  }

  /// Types whose information_schema name is also their HCL name.
  static let plainTypes: Set<String> = [
    "smallint", "integer", "bigint", "real", "text", "boolean", "bytea", "date", "uuid", "json", "jsonb", "xml",
    "money", "inet", "cidr", "macaddr", "macaddr8", "point", "line", "lseg", "box", "path", "polygon", "circle",
    "tsvector", "tsquery", "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange",
    "int4multirange", "int8multirange", "nummultirange", "tsmultirange", "tstzmultirange", "datemultirange", "xid",
    "xid8", "oid",
    // The OID alias types and `name` are registered specs too (sqlspec.go's "internal, pseudo, and special types").
    "name", "regclass", "regcollation", "regconfig", "regdictionary", "regnamespace", "regoper", "regoperator",
    "regproc", "regprocedure", "regrole", "regtype",
  ]

  /// `interval`, `interval(1)`, `interval second(1)`, `interval day to second(4)` → `interval`, `interval(1)`,
  /// `second(1)`, `day_to_second(4)`; precision 6 (the default) is dropped.
  static func intervalType(_ formatType: String) -> String {
    var text = Substring(formatType)
    var precision: Substring? = nil
    if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
      precision = text[text.index(after: open)..<text.index(before: text.endIndex)]
      text = text[..<open]
    }
    var name = String(text)
    if name.hasPrefix("interval ") { name = String(name.dropFirst("interval ".count)) }
    name = name.lowercased().replacingOccurrences(of: " ", with: "_")
    if let precision, precision != "6" { name += "(\(precision))" }
    return name
  }

  static func serialType(_ dataType: String) -> String? {
    switch dataType {
    case "smallint": "smallserial"
    case "integer": "serial"
    case "bigint": "bigserial"
    default: nil
    }
  }

  /// `nextval('[schema.]<a>_<b>_seq'::regclass)`, the default a serial column gets: Atlas's `reNextval`, which is
  /// case-insensitive, anchored only at the end, allows one optional schema and double quotes around either name
  /// (PostgreSQL quotes a mixed-case table's sequence: `nextval('"Mixed_Id_seq"'::regclass)`). Go's `\w` is ASCII,
  /// hence the spelled-out class.
  static func isSerialDefault(_ text: String) -> Bool {
    // Foundation compiles (or finds in its cache, through a costly key) the pattern on every call: most defaults
    // are ruled out first by the word the pattern needs (no other letters fold to those of `nextval`).
    guard containsNextval(text) else { return false }
    return text.range(
      of: #"(?i) *nextval\('(?:"?[0-9A-Za-z_$]+"?\.)?"?[0-9A-Za-z_$]+_[0-9A-Za-z_$]+_seq"?'(?:::regclass)*\) *$"#,
      options: .regularExpression) != nil
  }

  /// A literal when the text is a bool, a number, or a quoted string cast to a type of the column's family;
  /// otherwise `sql("…")` with the text as stored.
  static func defaultValue(_ text: String, kind: Kind) -> HCLValue {
    if text == "true" || text == "false" { return .bool(text == "true") }
    if isNumber(text) { return .number(text) }
    if let quoted = quotedLiteral(text) { return .string(quoted) }
    if let cast = text.range(of: "::", options: .backwards), let literal = quotedLiteral(String(text[..<cast.lowerBound])) {
      switch kind {
      case .enumeration, .literal: return .string(literal)
      case .boolean where literal == "true" || literal == "false": return .bool(literal == "true")
      case .number where isNumber(literal): return .number(literal)
      default: break
      }
    }
    return .raw(text)
  }

  static func isNumber(_ text: String) -> Bool {
    // ASCII text (all that PostgreSQL prints for a number) is read by hand, for speed at 1,000 tables; the pattern,
    // whose `\d` also takes other scripts' digits, decides the rest.
    guard let ascii = isASCIINumber(text) else {
      return text.range(of: #"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$"#, options: .regularExpression) != nil
    }
    return ascii
  }

  /// `^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$` on ASCII text; nil when the text is not ASCII, or ends with a
  /// line terminator (before which ICU's `$` also matches).
  static func isASCIINumber(_ text: String) -> Bool? {
    let bytes = Array(text.utf8)
    guard bytes.allSatisfy({ $0 < 0x80 }), !(bytes.last.map { (0x0A...0x0D).contains($0) } ?? false) else { return nil }
    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    var index = 0
    func digits() -> Int {
      let start = index
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
      return index - start
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
    let whole = digits()
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 || whole > 0 else { return false }
    } else if whole == 0 {
      return false
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
      guard digits() > 0 else { return false }
    }
    return index == bytes.count
  }

  /// Whether `nextval(` occurs in the text, ASCII letters in any case.
  static func containsNextval(_ text: String) -> Bool {
    let word = Array("nextval(".utf8)
    let bytes = Array(text.utf8)
    guard bytes.count >= word.count else { return false }
    for start in 0...(bytes.count - word.count) {
      var matched = true
      for offset in 0..<word.count {
        var byte = bytes[start + offset]
        if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
        if byte != word[offset] {
          matched = false
          break
        }
      }
      if matched { return true }
    }
    return false
  }

  /// `'it''s'` → `it's`; nil when the text is not one single-quoted literal.
  static func quotedLiteral(_ text: String) -> String? {
    guard text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'") else { return nil }
    let inner = text.dropFirst().dropLast()
    var out = ""
    var quote = false
    for character in inner {
      if quote {
        guard character == "'" else { return nil }
        quote = false
        continue
      }
      if character == "'" { quote = true }
      out.append(character)
    }
    return quote ? nil : out
  }

  // MARK: - Indexes and partitions

  /// Methods Atlas knows print as upper-case identifiers; others as the quoted pg_am name, as the catalog spells it
  /// (`indexSpec`'s `schemahcl.StringAttr("type", i.T)`: `type = "hnsw"` for pgvector).
  static func indexType(_ method: String) -> HCLValue {
    let name = method.uppercased()
    return ["GIN", "GIST", "HASH", "SPGIST", "BRIN"].contains(name) ? .identifier(name) : .string(method)
  }

  /// A non-default operator class (`mayAppendOps`, then sqlspec.go `partAttr`): a class outside pg_catalog, public
  /// and the inspected schema is qualified by its schema; with parameters it prints `sql("ops(k=v)")`; a name in
  /// Atlas's class list as an identifier, any other quoted.
  static func operatorClass(_ name: String, schema: String?, parameters: String?, scope: String? = nil) -> HCLValue {
    var qualified = name
    if let schema, !schema.isEmpty, schema != "pg_catalog", schema != "public", schema != scope {
      qualified = schema + "." + name
    }
    // `parseParams` then `String()`: `{k=v,…}` entries that split into exactly one `=`, joined with ", ".
    if let parameters, parameters.hasPrefix("{"), parameters.hasSuffix("}") {
      let pairs = parameters.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
        .map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { $0.split(separator: "=", omittingEmptySubsequences: false).count == 2 }
      if !pairs.isEmpty { return .raw(qualified + "(" + pairs.joined(separator: ", ") + ")") }
    }
    return knownOperatorClasses.contains(qualified) ? .identifier(qualified) : .string(qualified)
  }

  /// An index's `reloptions` (`{k=v,…}`) read as Atlas's `newIndexStorage` reads them, then filtered as
  /// `indexStorageParams`: `page_per_range` is printed when autosummarize is set or pages_per_range is neither unset
  /// nor BRIN's default 128. Atlas fails the inspection on an option that is not `k=v` or on a value Go's
  /// ParseBool/ParseInt reject (e.g. `autosummarize=on`), and so does this, with its message.
  static func pagePerRange(_ options: String) -> Result<Int64?, PagePerRangeError> {
    var autosummarize = false
    var pages: Int64 = 0
    for option in options.trimmingCharacters(in: CharacterSet(charactersIn: "{}")).split(
      separator: ",", omittingEmptySubsequences: false)
    {
      let pair = option.split(separator: "=", omittingEmptySubsequences: false)
      guard pair.count == 2 else { return .failure(PagePerRangeError("invalid index storage parameter: \(option)")) }
      switch pair[0] {
      case "autosummarize":
        switch pair[1] {
        case "1", "t", "T", "TRUE", "true", "True": autosummarize = true
        case "0", "f", "F", "FALSE", "false", "False": autosummarize = false
        default: return .failure(PagePerRangeError("failed parsing autosummarize \(HCLText.goQuoted(String(pair[1])))"))
        }
      case "pages_per_range":
        guard let value = Int64(pair[1].hasPrefix("+") ? pair[1].dropFirst() : pair[1]) else {
          return .failure(PagePerRangeError("failed parsing pages_per_range \(HCLText.goQuoted(String(pair[1])))"))
        }
        pages = value
      default: break
      }
    }
    return .success(!autosummarize && (pages == 0 || pages == 128) ? nil : pages)
  }

  struct PagePerRangeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }

  /// `partattrs` (an int2vector: attribute numbers, 0 for an expression) with the expressions in order.
  static func partition(attrs: String, strategy: String, expressions: String?, columns: [String: String]) -> Partition? {
    let type: String
    switch strategy {
    case "r": type = "RANGE"
    case "l": type = "LIST"
    case "h": type = "HASH"
    default: return nil
    }
    var pending = splitExpressions(expressions ?? "")[...]
    var parts: [Partition.Part] = []
    for number in attrs.split(separator: " ") {
      if number == "0" {
        guard let expression = pending.popFirst() else { return nil }
        parts.append(.expression(expression))
      } else {
        guard let name = columns[String(number)] else { return nil }
        parts.append(.column(name))
      }
    }
    return Partition(type: type, parts: parts)
  }

  /// Splits `pg_get_expr`'s list on top-level commas (not inside parentheses or quotes).
  static func splitExpressions(_ text: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var depth = 0
    var quote: Character? = nil
    for character in text {
      if let open = quote {
        if character == open { quote = nil }
      } else if character == "'" || character == "\"" {
        quote = character
      } else if character == "(" {
        depth += 1
      } else if character == ")" {
        depth -= 1
      } else if character == ",", depth == 0 {
        parts.append(current.trimmingCharacters(in: .whitespaces))
        current = ""
        continue
      }
      current.append(character)
    }
    if !current.trimmingCharacters(in: .whitespaces).isEmpty { parts.append(current.trimmingCharacters(in: .whitespaces)) }
    return parts
  }
}
