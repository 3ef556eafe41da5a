// Inspects MySQL and MariaDB as ariga/atlas sql/mysql/inspect.go does: server variables, schemas, tables of every
// schema at once, then columns/indexes/foreign keys/checks once per schema with every table name bound, so round
// trips depend on the number of schemas, never on the number of tables. MySQLTypes names types and defaults.
import Foundation

enum MySQLInspector {
  /// The realm Atlas's CLI marshals: the URL's database (schema scope), else every user schema or the `--schema`
  /// ones; `--exclude` applied after, as Atlas applies it.
  static func inspect(
    _ url: DatabaseURL, schemas requested: [String], exclude: [String], control: InspectionControl? = nil
  ) throws(InspectionError) -> Realm {
    try control?.checkpoint()
    let connection = try MySQLConnection(url)
    connection.control = control
    return try inspect(connection, url: url, schemas: requested, exclude: exclude)
  }

  static func inspect(
    _ connection: MySQLConnection, url: DatabaseURL, schemas requested: [String], exclude: [String]
  ) throws(InspectionError) -> Realm {
    let variables = try connection.rows("SELECT @@version, @@collation_server, @@character_set_server, @@lower_case_table_names")
    let server = Server(version: variables.first?[0] ?? "")
    var realm: Realm
    if let schema = url.schema {
      realm = try inspectSchemas(connection, names: [schema], server: server)
      guard !realm.schemas.isEmpty else {
        throw InspectionError(.unexpectedCatalog, "schema \(HCLText.goQuoted(schema)) was not found", url: url)
      }
    } else {
      realm = try inspectSchemas(connection, names: requested, server: server)
    }
    do {
      let patterns = url.schema.map { schema in exclude.map { schema + "." + $0 } } ?? exclude
      try Exclusion.apply(patterns, to: &realm, indexesFollowColumns: true)
    } catch {
      throw InspectionError(.invalidExclude, error.message)
    }
    // What the SQL writer needs of the server (Atlas's realm charset/collation and conn.Maria()).
    realm.charset = variables.first?[2]
    realm.collation = variables.first?[1]
    realm.mariaDB = server.mariaDB
    return realm
  }

  /// What the server supports, from `@@version` (ariga/atlas `conn.Supports*`).
  struct Server {
    var mariaDB: Bool
    var version: [Int]

    init(version text: String) {
      mariaDB = text.contains("MariaDB")
      version = text.prefix { $0.isNumber || $0 == "." }.split(separator: ".").map { Int($0) ?? 0 }
    }

    func atLeast(_ wanted: [Int]) -> Bool {
      for (index, part) in wanted.enumerated() {
        let have = index < version.count ? version[index] : 0
        if have != part { return have > part }
      }
      return true
    }

    /// GENERATION_EXPRESSION: MySQL 5.7, MariaDB 10.2.
    var generatedColumns: Bool { atLeast(mariaDB ? [10, 2] : [5, 7]) }
    /// CHECK_CONSTRAINTS: MySQL 8.0.16, MariaDB 10.2.1.
    var checks: Bool { atLeast(mariaDB ? [10, 2, 1] : [8, 0, 16]) }
    /// STATISTICS.EXPRESSION (functional key parts): MySQL 8.0.13; MariaDB has none.
    var indexExpressions: Bool { !mariaDB && atLeast([8, 0, 13]) }
  }

  static func inspectSchemas(_ connection: MySQLConnection, names: [String], server: Server) throws(InspectionError) -> Realm {
    let mariaDB = server.mariaDB
    let filter = names.isEmpty
      ? "NOT IN ('information_schema','innodb','mysql','performance_schema','sys')"
      : "IN (\(connection.literals(names)))"
    var schemas: [Schema] = []
    for row in try connection.rows(schemasQuery(filter)) {
      guard let name = row[0] else { continue }
      var schema = Schema(name: name)
      schema.charset = row[1]
      schema.collation = row[2]
      schemas.append(schema)
    }
    guard !schemas.isEmpty else { return Realm() }
    let position = Dictionary(schemas.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    for row in try connection.rows(tablesQuery(connection.literals(schemas.map(\.name)))) {
      guard let schemaName = row[0], let name = row[1], let index = position[schemaName] else { continue }
      var table = Table(name: name)
      table.charset = row[2]
      table.collation = row[3]
      table.comment = row[5].flatMap { $0.isEmpty ? nil : $0 }
      table.autoIncrement = row[4].flatMap { Int64($0) }
      table.createOptions = row[6].flatMap { $0.isEmpty ? nil : $0 }
      // Atlas prints the engine only when it is not the server's default one.
      if let engine = row[7], !engine.isEmpty, let isDefault = row[8], isDefault == "0" {
        table.engine = MySQLTypes.engine(engine)
        table.engineName = engine
      }
      schemas[index].tables.append(table)
    }
    connection.control?.report(.inspecting(tables: schemas.reduce(0) { $0 + $1.tables.count }))
    for index in schemas.indices where !schemas[index].tables.isEmpty {
      let tableList = connection.literals(schemas[index].tables.map(\.name))
      let schemaLiteral = connection.literal(schemas[index].name)
      let tables = Dictionary(schemas[index].tables.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
      try readColumns(
        connection, columnsQuery(schemaLiteral, tableList, generated: server.generatedColumns), mariaDB: mariaDB,
        into: &schemas[index], tables: tables)
      try readIndexes(
        connection, indexesQuery(schemaLiteral, tableList, expressions: server.indexExpressions), into: &schemas[index],
        tables: tables)
      try readForeignKeys(connection, foreignKeysQuery(schemaLiteral, tableList), into: &schemas[index], tables: tables)
      if server.checks {
        try readChecks(
          connection, checksQuery(schemaLiteral, tableList, mariaDB: mariaDB), mariaDB: mariaDB, into: &schemas[index],
          tables: tables)
      }
      try readParsers(connection, into: &schemas[index])
      inheritCharsets(&schemas[index])
    }
    return Realm(schemas: schemas)
  }

  // MARK: - Rows → model

  static func readColumns(
    _ connection: MySQLConnection, _ query: String, mariaDB: Bool, into schema: inout Schema, tables: [String: Int]
  ) throws(InspectionError) {
    for row in try connection.rows(query) {
      guard let tableName = row[0], let position = tables[tableName], let name = row[1], let raw = row[2] else { continue }
      let (type, unsigned) = MySQLTypes.columnType(raw)
      var column = Column(name: name, type: type, nullable: row[4] == "YES")
      column.unsigned = unsigned
      column.comment = row[3].flatMap { $0.isEmpty ? nil : $0 }
      let extra = MySQLTypes.extra(row[7])
      column.autoIncrement = extra.autoIncrement
      column.onUpdate = extra.onUpdate.map { .raw($0) }
      if let expression = row[10], !expression.isEmpty {
        // MariaDB returns generation expressions as written; MySQL 8 escapes them.
        column.generated = GeneratedExpression(
          expression: mariaDB ? expression : MySQLTypes.unescape(expression), kind: extra.generatedKind ?? "VIRTUAL")
      }
      if let raw = row[6] {
        column.defaultValue = MySQLTypes.defaultValue(raw, type: type, mariaDB: mariaDB, extra: extra)
        column.sqlDefault = MySQLTypes.defaultExpression(raw, type: type, mariaDB: mariaDB, extra: extra)
      }
      column.charset = row[8].flatMap { $0.isEmpty ? nil : $0 }
      column.collation = row[9].flatMap { $0.isEmpty ? nil : $0 }
      schema.tables[position].columns.append(column)
    }
  }

  static func readIndexes(
    _ connection: MySQLConnection, _ query: String, into schema: inout Schema, tables: [String: Int]
  ) throws(InspectionError) {
    // Rows come per key part, ordered by index name then part: PRIMARY becomes the primary key.
    var order: [(table: Int, name: String)] = []
    var indexes: [String: [String: Index]] = [:]
    for row in try connection.rows(query) {
      guard let tableName = row[0], let position = tables[tableName], let name = row[1] else { continue }
      if indexes[tableName]?[name] == nil {
        var index = Index(name: name, unique: row[3] == "0", parts: [])
        index.type = MySQLTypes.indexType(row[5])
        index.comment = row[7].flatMap { $0.isEmpty ? nil : $0 }
        indexes[tableName, default: [:]][name] = index
        order.append((position, name))
      }
      var part: IndexPart
      if let expression = row[9], !expression.isEmpty {
        part = IndexPart(expression: MySQLTypes.unescape(expression))
      } else if let column = row[2] {
        part = IndexPart(column: column)
        // SPATIAL key parts report a SUB_PART that is no prefix (Atlas ignores it).
        if row[5]?.uppercased() != "SPATIAL" { part.prefix = row[8].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } }
      } else {
        continue
      }
      part.descending = row[6] == "1"
      indexes[tableName]?[name]?.parts.append(part)
    }
    for (position, name) in order {
      guard let index = indexes[schema.tables[position].name]?[name] else { continue }
      if name == "PRIMARY" {
        // Atlas keeps the primary key's type but not its comment.
        var key = PrimaryKey(parts: index.parts)
        key.type = index.type
        schema.tables[position].primaryKey = key
      } else {
        schema.tables[position].indexes.append(index)
      }
    }
  }

  static func readForeignKeys(
    _ connection: MySQLConnection, _ query: String, into schema: inout Schema, tables: [String: Int]
  ) throws(InspectionError) {
    var keys: [(table: Int, key: ForeignKey)] = []
    var seen: [String: Int] = [:]
    for row in try connection.rows(query) {
      guard let name = row[0], let tableName = row[1], let position = tables[tableName], let column = row[2],
        let referencedTable = row[4], let referencedColumn = row[5], let referencedSchema = row[6]
      else { continue }
      if let existing = seen[tableName + "\u{0}" + name], keys.indices.contains(existing) {
        keys[existing].key.columns.append(column)
        keys[existing].key.referencedColumns.append(referencedColumn)
        continue
      }
      seen[tableName + "\u{0}" + name] = keys.count
      keys.append((position, ForeignKey(
        name: name, columns: [column], referencedSchema: referencedSchema, referencedTable: referencedTable,
        referencedColumns: [referencedColumn], onUpdate: row[7], onDelete: row[8])))
    }
    for (position, key) in keys { schema.tables[position].foreignKeys.append(key) }
  }

  static func readChecks(
    _ connection: MySQLConnection, _ query: String, mariaDB: Bool, into schema: inout Schema, tables: [String: Int]
  ) throws(InspectionError) {
    for row in try connection.rows(query) {
      guard let tableName = row[0], let position = tables[tableName], let name = row[1], let clause = row[2] else {
        continue
      }
      if mariaDB {
        // MariaDB's JSON is LONGTEXT plus an automatic CHECK named after the column: Atlas shows the column as
        // `json` without charset/collation, and not the CHECK.
        if let columnIndex = schema.tables[position].columns.firstIndex(where: { $0.name == name }),
          schema.tables[position].columns[columnIndex].type == .named("longtext"),
          clause == "json_valid(`\(name)`)"
        {
          schema.tables[position].columns[columnIndex].type = .named("json")
          schema.tables[position].columns[columnIndex].charset = nil
          schema.tables[position].columns[columnIndex].collation = nil
          continue
        }
        schema.tables[position].checks.append(Check(name: name, expression: clause))
      } else {
        var check = Check(name: name, expression: MySQLTypes.unescape(clause))
        // Atlas keeps an Enforced attribute only for NOT ENFORCED checks, and then prints `enforced = true`.
        check.hasEnforcedAttribute = row[3] == "NO"
        schema.tables[position].checks.append(check)
      }
    }
  }

  /// FULLTEXT parsers are only in SHOW CREATE TABLE: one statement per table that has a FULLTEXT index (as Atlas
  /// does), so tables without one cost nothing.
  static func readParsers(_ connection: MySQLConnection, into schema: inout Schema) throws(InspectionError) {
    for tableIndex in schema.tables.indices where schema.tables[tableIndex].indexes.contains(where: { $0.type == .identifier("FULLTEXT") }) {
      let table = schema.tables[tableIndex]
      let statement = try connection.rows("SHOW CREATE TABLE \(quoted(schema.name)).\(quoted(table.name))").first?[1] ?? ""
      for (position, index) in table.indexes.enumerated() where index.type == .identifier("FULLTEXT") {
        if let parser = MySQLTypes.fulltextParser(statement, index: index.name) {
          schema.tables[tableIndex].indexes[position].parser = parser
        }
      }
    }
  }

  /// A backquoted identifier.
  static func quoted(_ name: String) -> String { "`" + name.replacingOccurrences(of: "`", with: "``") + "`" }

  /// Atlas prints a table's charset/collation only when the schema has one and it differs, and a column's only when
  /// its table has one and it differs (sqlspec `hasCharset`/`hasCollate`).
  static func inheritCharsets(_ schema: inout Schema) {
    func kept(_ value: String?, parent: String?) -> String? {
      guard let value, let parent, value != parent else { return nil }
      return value
    }
    for tableIndex in schema.tables.indices {
      let table = schema.tables[tableIndex]
      for columnIndex in table.columns.indices {
        let column = table.columns[columnIndex]
        schema.tables[tableIndex].columns[columnIndex].charset = kept(column.charset, parent: table.charset)
        schema.tables[tableIndex].columns[columnIndex].collation = kept(column.collation, parent: table.collation)
      }
      schema.tables[tableIndex].charset = kept(table.charset, parent: schema.charset)
      schema.tables[tableIndex].collation = kept(table.collation, parent: schema.collation)
    }
  }

  // MARK: - Query text (ariga/atlas sql/mysql/inspect.go; see atlas-inspect.md Appendix B). Values are escaped
  // literals: Connector/C's text protocol has no bound parameters.

  static func schemasQuery(_ filter: String) -> String {
    "SELECT `SCHEMA_NAME`, `DEFAULT_CHARACTER_SET_NAME`, `DEFAULT_COLLATION_NAME` FROM `INFORMATION_SCHEMA`.`SCHEMATA` "
      + "WHERE `SCHEMA_NAME` \(filter) ORDER BY `SCHEMA_NAME`"
  }

  static func tablesQuery(_ schemas: String) -> String {
    """
    SELECT t1.TABLE_SCHEMA, t1.TABLE_NAME, t2.CHARACTER_SET_NAME, t1.TABLE_COLLATION, t1.AUTO_INCREMENT, \
    t1.TABLE_COMMENT, t1.CREATE_OPTIONS, t1.ENGINE, t3.SUPPORT = 'DEFAULT' AS DEFAULT_ENGINE \
    FROM INFORMATION_SCHEMA.TABLES AS t1 \
    LEFT JOIN INFORMATION_SCHEMA.COLLATIONS AS t2 ON t1.TABLE_COLLATION = t2.COLLATION_NAME \
    LEFT JOIN INFORMATION_SCHEMA.ENGINES AS t3 ON t1.ENGINE = t3.ENGINE \
    WHERE TABLE_SCHEMA IN (\(schemas)) AND TABLE_TYPE = 'BASE TABLE' \
    ORDER BY TABLE_SCHEMA, TABLE_NAME
    """
  }

  static func columnsQuery(_ schema: String, _ tables: String, generated: Bool) -> String {
    "SELECT `TABLE_NAME`, `COLUMN_NAME`, `COLUMN_TYPE`, `COLUMN_COMMENT`, `IS_NULLABLE`, `COLUMN_KEY`, `COLUMN_DEFAULT`, "
      + "`EXTRA`, `CHARACTER_SET_NAME`, `COLLATION_NAME`, "
      + (generated ? "`GENERATION_EXPRESSION`" : "NULL AS `GENERATION_EXPRESSION`") + " FROM `INFORMATION_SCHEMA`.`COLUMNS` "
      + "WHERE `TABLE_SCHEMA` = \(schema) AND `TABLE_NAME` IN (\(tables)) ORDER BY `ORDINAL_POSITION`"
  }

  /// `indexesExprQuery` where STATISTICS has EXPRESSION (MySQL 8.0.13+), else `indexesQuery`.
  static func indexesQuery(_ schema: String, _ tables: String, expressions: Bool) -> String {
    "SELECT `TABLE_NAME`, `INDEX_NAME`, `COLUMN_NAME`, `NON_UNIQUE`, `SEQ_IN_INDEX`, `INDEX_TYPE`, "
      + "UPPER(`COLLATION`) = 'D' AS `DESC`, `INDEX_COMMENT`, `SUB_PART`, "
      + (expressions ? "`EXPRESSION` " : "NULL AS `EXPRESSION` ")
      + "FROM `INFORMATION_SCHEMA`.`STATISTICS` WHERE `TABLE_SCHEMA` = \(schema) AND `TABLE_NAME` IN (\(tables)) "
      + "ORDER BY `index_name`, `seq_in_index`"
  }

  /// v1.2.3's fksQuery: the schema is bound twice, and compared as BINARY so that names differing in case stay apart.
  static func foreignKeysQuery(_ schema: String, _ tables: String) -> String {
    """
    SELECT t1.CONSTRAINT_NAME, t1.TABLE_NAME, t1.COLUMN_NAME, t1.TABLE_SCHEMA, t1.REFERENCED_TABLE_NAME, \
    t1.REFERENCED_COLUMN_NAME, t1.REFERENCED_TABLE_SCHEMA, t2.UPDATE_RULE, t2.DELETE_RULE \
    FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE AS t1 \
    JOIN INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS AS t2 ON t1.CONSTRAINT_NAME = t2.CONSTRAINT_NAME \
    WHERE t1.REFERENCED_COLUMN_NAME IS NOT NULL AND BINARY t1.TABLE_SCHEMA = \(schema) \
    AND BINARY t2.CONSTRAINT_SCHEMA = \(schema) AND t1.TABLE_NAME IN (\(tables)) \
    ORDER BY BINARY t1.TABLE_NAME, BINARY t1.CONSTRAINT_NAME, t1.ORDINAL_POSITION
    """
  }

  /// MySQL 8 joins TABLE_CONSTRAINTS for ENFORCED; MariaDB reads CHECK_CONSTRAINTS alone, where check names are
  /// unique per table only (v1.2.3's myChecksQuery / marChecksQuery).
  static func checksQuery(_ schema: String, _ tables: String, mariaDB: Bool) -> String {
    if mariaDB {
      return """
        SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, 'YES' AS ENFORCED FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS \
        WHERE CONSTRAINT_SCHEMA = \(schema) AND TABLE_NAME IN (\(tables)) ORDER BY TABLE_NAME, CONSTRAINT_NAME
        """
    }
    return """
      SELECT t1.TABLE_NAME, t1.CONSTRAINT_NAME, t2.CHECK_CLAUSE, t1.ENFORCED \
      FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS AS t1 \
      JOIN INFORMATION_SCHEMA.CHECK_CONSTRAINTS AS t2 \
      ON t1.CONSTRAINT_NAME = t2.CONSTRAINT_NAME AND t1.CONSTRAINT_SCHEMA = t2.CONSTRAINT_SCHEMA \
      WHERE t1.CONSTRAINT_TYPE = 'CHECK' AND t1.TABLE_SCHEMA = \(schema) AND t1.TABLE_NAME IN (\(tables)) \
      ORDER BY t1.TABLE_NAME, t1.CONSTRAINT_NAME
      """
  }
}
