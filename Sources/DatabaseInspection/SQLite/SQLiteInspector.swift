// Inspects an SQLite database (schema `main`) as ariga/atlas sql/sqlite/inspect.go does: the same catalog queries
// (sqlite_master, pragma_table_xinfo, pragma_index_list/xinfo, pragma_foreign_key_list) in the same order, and the
// same reading of each CREATE statement for what the pragmas do not tell (autoincrement, generated expressions,
// expression index parts, constraint names, checks).
import Foundation

enum SQLiteInspector {
  /// The realm Atlas's CLI marshals for an SQLite URL: schema scope on `main`, `--exclude` prefixed with `main.`.
  static func inspect(_ url: DatabaseURL, exclude: [String]) throws(InspectionError) -> Realm {
    guard let target = url.sqliteTarget else {
      throw InspectionError(.invalidURL, "not an SQLite URL", url: url)
    }
    let connection: SQLiteConnection
    do {
      connection = try SQLiteConnection(target)
    } catch {
      throw InspectionError(error.code, error.message, url: url)
    }
    var schema = Schema(name: "main")
    do {
      schema.tables = try tables(connection)
    } catch {
      throw InspectionError(error.code, error.message, url: url)
    }
    var realm = Realm(schemas: [schema])
    do {
      try Exclusion.apply(exclude.map { "main." + $0 }, to: &realm, indexesFollowColumns: false)
    } catch {
      throw InspectionError(.invalidExclude, error.message)
    }
    return realm
  }

  // MARK: - Queries (the text of ariga/atlas's constants, with the table name bound instead of formatted in)

  static let tablesQuery = """
    SELECT sqlite_master.name, sqlite_master.sql, wr, strict FROM sqlite_master \
    JOIN pragma_table_list(sqlite_master.name) \
    WHERE sqlite_master.type = 'table' AND sqlite_master.name NOT LIKE 'sqlite_%' \
    AND sqlite_master.name NOT LIKE 'libsql_%'
    """
  static let columnsQuery = """
    SELECT `name`, `type`, (not `notnull`) AS `nullable`, `dflt_value`, (`pk` <> 0) AS `pk`, `hidden` \
    FROM pragma_table_xinfo(?) ORDER BY `cid`
    """
  static let indexesQuery = """
    SELECT `il`.`name`, `il`.`unique`, `il`.`origin`, `il`.`partial`, `m`.`sql` FROM pragma_index_list(?) AS il \
    JOIN sqlite_master AS m ON il.name = m.name
    """
  static let indexColumnsQuery = "SELECT name, desc FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno"
  static let foreignKeysQuery = """
    SELECT `id`, `from`, `to`, `table`, `on_update`, `on_delete` FROM pragma_foreign_key_list(?) ORDER BY id, seq
    """

  static func tables(_ connection: SQLiteConnection) throws(InspectionError) -> [Table] {
    var tables: [(table: Table, statement: String)] = []
    for row in try connection.rows(tablesQuery) {
      guard let name = row[safe: 0].text else { continue }
      var table = Table(name: name)
      table.withoutRowID = row[safe: 2].bool
      table.strict = row[safe: 3].bool
      let statement = (row[safe: 1].text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
      tables.append((table, statement))
    }
    var primaryKeys: [String: [String]] = [:]
    for index in tables.indices {
      try readColumns(connection, &tables[index].table, statement: tables[index].statement)
      primaryKeys[tables[index].table.name] =
        tables[index].table.primaryKey?.parts.compactMap { if case .column(let c) = $0.key { c } else { nil } }
    }
    for index in tables.indices {
      try readIndexes(connection, &tables[index].table)
      try readForeignKeys(connection, &tables[index].table, statement: tables[index].statement, primaryKeys: primaryKeys)
      tables[index].table.checks = checks(in: tables[index].statement)
    }
    return tables.map(\.table)
  }

  // MARK: - Columns and primary key

  static func readColumns(_ connection: SQLiteConnection, _ table: inout Table, statement: String) throws(InspectionError) {
    var primaryKey: [IndexPart] = []
    for row in try connection.rows(columnsQuery, [table.name]) {
      let name = row[safe: 0].text ?? ""
      let declared = row[safe: 1].text ?? ""
      let parsed = try SQLiteTypes.parse(declared)
      var column = Column(name: name, type: parsed.type, nullable: row[safe: 2].bool)
      if let text = row[safe: 3].text {
        column.defaultValue = SQLiteTypes.defaultValue(text, isText: parsed.isText)
        column.sqlDefault = SQLiteTypes.defaultExpression(text)
      }
      // `hidden` is 2 for VIRTUAL and 3 for STORED generated columns (sqlite/pragma.c).
      if let hidden = row[safe: 5].integer, hidden >= 2 {
        guard let expression = generatedExpression(of: name, in: statement) else {
          throw InspectionError(
            .unexpectedCatalog,
            "SQLite: the generation expression of column \(HCLText.goQuoted(name)) was not found in its CREATE statement")
        }
        column.generated = GeneratedExpression(expression: expression, kind: hidden == 3 ? "STORED" : "VIRTUAL")
      }
      // Atlas adds primary-key parts in column order (not in the key's declared order).
      if row[safe: 4].bool { primaryKey.append(IndexPart(column: name)) }
      table.columns.append(column)
    }
    if !primaryKey.isEmpty { table.primaryKey = PrimaryKey(parts: primaryKey) }
    try markAutoincrement(&table, statement: statement)
  }

  /// `autoinc`: `INTEGER … PRIMARY KEY … AUTOINCREMENT` on the one primary-key column.
  static func markAutoincrement(_ table: inout Table, statement: String) throws(InspectionError) {
    guard let parts = table.primaryKey?.parts, parts.count == 1, case .column(let keyColumn) = parts[0].key,
      let match = Pattern.autoincrement?.firstMatch(in: statement), let name = match.group(1)
    else { return }
    guard let index = table.columns.firstIndex(where: { $0.name == name }) else {
      throw InspectionError(.unexpectedCatalog, "SQLite: column \(HCLText.goQuoted(name)) was not found for AUTOINCREMENT")
    }
    guard name == keyColumn else {
      throw InspectionError(.unexpectedCatalog, "SQLite: unexpected primary key for AUTOINCREMENT in \(HCLText.goQuoted(table.name))")
    }
    table.columns[index].autoIncrement = true
  }

  /// `setGenExpr`: the parenthesised expression after `[GENERATED ALWAYS] AS` in the column's definition.
  static func generatedExpression(of column: String, in statement: String) -> String? {
    let name = NSRegularExpression.escapedPattern(for: column)
    let pattern = "(?:[(,]\(Pattern.space)*)[\"`]*(\(name))[\"`]*[^,]*(?i:GENERATED\(Pattern.space)+ALWAYS)*"
      + "\(Pattern.space)*(?i:AS){1}\(Pattern.space)*\\("
    guard let regex = try? NSRegularExpression(pattern: pattern), let match = regex.firstMatch(in: statement) else {
      return nil
    }
    let expression = scanExpression(statement.utf8.dropFirst(match.utf8End - 1))
    return expression.isEmpty ? nil : expression
  }

  // MARK: - Indexes

  static func readIndexes(_ connection: SQLiteConnection, _ table: inout Table) throws(InspectionError) {
    for row in try connection.rows(indexesQuery, [table.name]) {
      let origin = row[safe: 2].text ?? ""
      if origin == "pk" { continue }
      let name = row[safe: 0].text ?? ""
      let statement = row[safe: 4].text ?? ""
      var index = Index(name: name, unique: row[safe: 1].bool, parts: [])
      if row[safe: 3].bool {
        guard let whereRange = statement.range(of: "WHERE") else {
          throw InspectionError(.unexpectedCatalog, "SQLite: missing partial WHERE clause in index \(HCLText.goQuoted(name))")
        }
        index.predicate = statement[whereRange.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
      }
      var hasExpression = false
      for part in try connection.rows(indexColumnsQuery, [name]) {
        let descending = part[safe: 1].bool
        let columnName = part[safe: 0].text
        if let columnName, !columnName.isEmpty, columnName.lowercased() != "null" {
          guard table.columns.contains(where: { $0.name == columnName }) else {
            throw InspectionError(
              .unexpectedCatalog,
              "SQLite: column \(HCLText.goQuoted(columnName)) was not found for index \(HCLText.goQuoted(name))")
          }
          index.parts.append(IndexPart(column: columnName, descending: descending))
        } else {
          hasExpression = true
          index.parts.append(IndexPart(expression: "<unsupported>", descending: descending))
        }
      }
      if hasExpression { fillExpressions(&index, statement: statement) }
      table.indexes.append(index)
    }
  }

  /// `indexInfo`: expression parts are cut out of `CREATE INDEX … ON t (…)`, one top-level comma-separated item per
  /// part; when the statement cannot be read that way they stay `<unsupported>`, as in Atlas.
  static func fillExpressions(_ index: inout Index, statement: String) {
    guard let match = Pattern.indexParts?.firstMatch(in: statement), var list = match.group(1) else { return }
    for partIndex in index.parts.indices {
      guard let end = expressionLastIndex(list) else { return }
      let item = Array(list.utf8)
      if case .expression = index.parts[partIndex].key {
        var text = String(decoding: item[...end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        if index.parts[partIndex].descending, let desc = Pattern.trailingDesc?.firstMatch(in: text) {
          text = String(decoding: Array(text.utf8)[..<desc.utf8Start], as: UTF8.self)
        }
        index.parts[partIndex].key = .expression(text)
      }
      let rest = String(decoding: item[(end + 1)...], as: UTF8.self)
      list = String(rest.drop { $0 == "," || $0 == " " })
    }
  }

  // MARK: - Foreign keys

  static func readForeignKeys(
    _ connection: SQLiteConnection, _ table: inout Table, statement: String, primaryKeys: [String: [String]]
  ) throws(InspectionError) {
    var order: [Int64] = []
    var byID: [Int64: ForeignKey] = [:]
    for row in try connection.rows(foreignKeysQuery, [table.name]) {
      guard let id = row[safe: 0].integer, let column = row[safe: 1].text, let referenced = row[safe: 3].text else {
        continue
      }
      if byID[id] == nil {
        order.append(id)
        byID[id] = ForeignKey(
          name: String(id), columns: [], referencedSchema: "main", referencedTable: referenced, referencedColumns: [],
          onUpdate: row[safe: 4].text, onDelete: row[safe: 5].text)
      }
      guard table.columns.contains(where: { $0.name == column }) else {
        throw InspectionError(
          .unexpectedCatalog, "SQLite: column \(HCLText.goQuoted(column)) was not found for a foreign key of \(HCLText.goQuoted(table.name))")
      }
      if byID[id]?.columns.contains(column) == false { byID[id]?.columns.append(column) }
      // `REFERENCES t` without columns names t's primary key; the pragma leaves `to` NULL then.
      let position = (byID[id]?.columns.count ?? 1) - 1
      let referencedColumn = row[safe: 2].text ?? primaryKeys[referenced].flatMap { position < $0.count ? $0[position] : nil }
      guard let referencedColumn else {
        throw InspectionError(
          .unexpectedCatalog,
          "SQLite: foreign key \(id) of \(HCLText.goQuoted(table.name)) references \(HCLText.goQuoted(referenced)) "
            + "without naming columns, and that table has no primary key")
      }
      if byID[id]?.referencedColumns.contains(referencedColumn) == false {
        byID[id]?.referencedColumns.append(referencedColumn)
      }
    }
    var foreignKeys = order.compactMap { byID[$0] }
    nameConstraints(&foreignKeys, statement: statement)
    table.foreignKeys = foreignKeys
  }

  /// `fillConstName`: `CONSTRAINT name FOREIGN KEY (…) REFERENCES t (…)` table constraints first, then
  /// `col … CONSTRAINT name REFERENCES t (…)` column constraints; each names the first foreign key it matches.
  static func nameConstraints(_ foreignKeys: inout [ForeignKey], statement: String) {
    for match in (Pattern.tableForeignKey?.matches(in: statement) ?? []) {
      guard let name = match.group(1), let columns = match.group(2), let table = match.group(3),
        let referenced = match.group(4)
      else { continue }
      if let index = foreignKeys.firstIndex(where: { matches($0, split(columns), table, split(referenced)) }) {
        foreignKeys[index].name = name
      }
    }
    for match in (Pattern.columnForeignKey?.matches(in: statement) ?? []) {
      guard let column = match.group(1), let name = match.group(2), let table = match.group(3),
        let referenced = match.group(4)
      else { continue }
      if let index = foreignKeys.firstIndex(where: { matches($0, split(column), table, split(referenced)) }) {
        foreignKeys[index].name = name
      }
    }
  }

  private static func split(_ list: String) -> [String] {
    list.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`\""))
    }
  }

  private static func matches(_ key: ForeignKey, _ columns: [String], _ table: String, _ referenced: [String]) -> Bool {
    key.columns == columns && key.referencedTable == table && key.referencedColumns == referenced
  }

  // MARK: - Checks

  /// `fillChecks`: every `[CONSTRAINT name] CHECK (…)` of the CREATE statement, in order, with its parentheses.
  static func checks(in statement: String) -> [Check] {
    var result: [Check] = []
    var rest = statement
    while let match = Pattern.check?.firstMatch(in: rest) {
      let bytes = Array(rest.utf8)
      let expression = scanExpression(bytes[(match.utf8End - 1)...])
      result.append(Check(name: match.group(1) ?? "", expression: expression))
      let next = match.utf8End + max(expression.utf8.count, 1) - 1
      guard next < bytes.count, next > 0 else { break }
      rest = String(decoding: bytes[next...], as: UTF8.self)
    }
    return result
  }

  // MARK: - Expression scanning (byte-wise, as Atlas's Go code)

  /// `scanExpr`: from an opening parenthesis to the one that balances it, skipping quoted strings; empty when the
  /// text ends first.
  static func scanExpression<Bytes: Collection>(_ text: Bytes) -> String where Bytes.Element == UInt8 {
    let bytes = Array(text)
    var opened = 0
    var closed = 0
    var i = 0
    while i < bytes.count {
      switch bytes[i] {
      case UInt8(ascii: "("): opened += 1
      case UInt8(ascii: ")"): closed += 1
      case UInt8(ascii: "'"), UInt8(ascii: "\""):
        if let end = bytes[(i + 1)...].firstIndex(of: bytes[i]) { i = end }
      default: break
      }
      if opened == closed { return String(decoding: bytes[...i], as: UTF8.self) }
      i += 1
    }
    return ""
  }

  /// `sqlx.ExprLastIndex`: where the first top-level item of a comma-separated list ends (parentheses balanced,
  /// quoted text skipped); nil when it never does. Also the SQL writer's test for a balanced expression.
  static func expressionLastIndex(_ text: String) -> Int? { expressionLastIndex(Array(text.utf8)) }

  static func expressionLastIndex(_ bytes: [UInt8]) -> Int? {
    var opened = 0
    var closed = 0
    var i = 0
    while i < bytes.count {
      switch bytes[i] {
      case UInt8(ascii: "("): opened += 1
      case UInt8(ascii: ")"): closed += 1
      case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"):
        var j = i + 1
        var closedQuote = false
        while j < bytes.count {
          if bytes[j] == UInt8(ascii: "\\") {
            j += 2
            continue
          }
          if bytes[j] == bytes[i] {
            closedQuote = true
            break
          }
          j += 1
        }
        guard closedQuote else { return nil }
        i = j
      default: break
      }
      if opened == closed && (i == bytes.count - 1 || bytes[i + 1] == UInt8(ascii: ",")) { return i }
      if closed > opened { return nil }
      i += 1
    }
    return nil
  }
}

/// The regular expressions of ariga/atlas sql/sqlite/inspect.go, with Go RE2's ASCII classes spelled out (`\w`,
/// `\s`) and `$` as end of text, so that ICU matches what Go matches.
enum Pattern {
  static let space = "[\\t\\n\\f\\r ]"
  static let word = "[0-9A-Za-z_]"

  static let autoincrement = regex(
    "(?i)(?:[(,]\(space)*)[\"`]?(\(word)+)[\"`]?\(space)+INTEGER\(space)+[^,]*PRIMARY\(space)+KEY\(space)+[^,]*AUTOINCREMENT")
  static let indexParts = regex(
    "(?i)ON\(space)+[\"`]*(?:\(word)+)[\"`]*\(space)*\\(([^\\n]+?)\\)(\(space)*WHERE\(space)+[^\\n]+)?\\z")
  static let trailingDesc = regex("(?i)\(space)+DESC\(space)*\\z")
  static let columnForeignKey = regex(
    "(?i)(?:[(,]\(space)*)[\"`]*(\(word)+)[\"`]*[^,]*\(space)+CONSTRAINT\(space)+[\"`]*(\(word)+)[\"`]*\(space)+"
      + "REFERENCES\(space)+[\"`]*(\(word)+)[\"`]*\(space)*\\(([,\"` 0-9A-Za-z_]+)\\)")
  static let tableForeignKey = regex(
    "(?i)CONSTRAINT\(space)+[\"`]*(\(word)+)[\"`]*\(space)+FOREIGN\(space)+KEY\(space)*\\(([,\"` 0-9A-Za-z_]+)\\)"
      + "\(space)+REFERENCES\(space)+[\"`]*(\(word)+)[\"`]*\(space)*\\(([,\"` 0-9A-Za-z_]+)\\)")
  static let check = regex("(?i)(?:CONSTRAINT\(space)+[\"`]?(\(word)+)[\"`]?\(space)+)?CHECK\(space)*\\(")

  /// Nil only for a typo in the constants above, which the tests catch (`SQLiteInspectorTests.patternsCompile`).
  private static func regex(_ pattern: String) -> NSRegularExpression? { try? NSRegularExpression(pattern: pattern) }

  static var all: [NSRegularExpression?] {
    [autoincrement, indexParts, trailingDesc, columnForeignKey, tableForeignKey, check]
  }
}

/// A match with its groups as strings and its end as a UTF-8 offset (Atlas slices bytes).
struct PatternMatch {
  let text: String
  let result: NSTextCheckingResult

  func group(_ index: Int) -> String? {
    guard index < result.numberOfRanges, let range = Range(result.range(at: index), in: text) else { return nil }
    return String(text[range])
  }

  var utf8Start: Int { utf8Offset(result.range.location) }
  var utf8End: Int { utf8Offset(result.range.location + result.range.length) }

  private func utf8Offset(_ utf16Offset: Int) -> Int {
    let index = String.Index(utf16Offset: utf16Offset, in: text)
    return text.utf8.distance(from: text.utf8.startIndex, to: index)
  }
}

extension NSRegularExpression {
  func firstMatch(in text: String) -> PatternMatch? {
    firstMatch(in: text, range: NSRange(text.startIndex..., in: text)).map { PatternMatch(text: text, result: $0) }
  }

  func matches(in text: String) -> [PatternMatch] {
    matches(in: text, range: NSRange(text.startIndex..., in: text)).map { PatternMatch(text: text, result: $0) }
  }
}
