// Prints a `Realm` as the SQL of `atlas schema inspect --format '{{ sql . }}'`: the "create" plan of Atlas's driver
// (ariga/atlas cmd/atlas/internal/cmdlog `sqlInspect` → migrate `ChangesToRealm`, planned in PlanModeDump by
// sql/{postgres,mysql,sqlite}/migrate.go, ordered by sql/internal/sqlx/plan.go except on SQLite) and written by
// migrate.DefaultFormatter: `-- Comment` then `statement;` per change. Facts: ../shared/reference/atlas-inspect.md.

/// How to print: the driver's dialect, the scope the URL gave, and the template's indent argument.
public struct SQLWriteOptions: Sendable, Equatable {
  public enum Dialect: String, Sendable, Equatable, Codable {
    case postgres, mysql, sqlite
  }

  public var dialect: Dialect
  /// The URL named one schema: Atlas plans with an empty schema qualifier (no `"s".` prefixes, no CREATE SCHEMA).
  public var schemaScope: Bool
  /// `{{ sql . "  " }}`'s argument: statements span lines with this indent; nil or empty prints one line each.
  public var indent: String?

  public init(dialect: Dialect, schemaScope: Bool, indent: String? = nil) {
    self.dialect = dialect
    self.schemaScope = schemaScope
    self.indent = indent
  }
}

public enum SQLDocumentWriter {
  public static func write(_ realm: Realm, options: SQLWriteOptions) throws(WriterError) -> String {
    var plan = Planner(realm: realm, options: options)
    try plan.run()
    // DefaultFormatter: `-- ` + the comment with its first letter upper-cased, then the command and `;`.
    return plan.changes.map { change in
      let comment = change.comment.isEmpty ? "" : "-- " + change.comment.prefix(1).uppercased() + change.comment.dropFirst() + "\n"
      return comment + change.command + ";\n"
    }.joined()
  }
}

/// One planned statement.
struct PlannedChange {
  var comment: String
  var command: String
}

private struct Planner {
  let realm: Realm
  let options: SQLWriteOptions
  var changes: [PlannedChange] = []

  init(realm: Realm, options: SQLWriteOptions) {
    self.realm = realm
    self.options = options
  }

  var postgres: Bool { options.dialect == .postgres }

  /// What `ChangesToRealm` asks for, after the schemas: enum types and tables, and the foreign keys a cycle defers.
  enum Step: Equatable {
    case enumType(schema: Int, index: Int)
    case table(schema: Int, index: Int, foreignKeys: [ForeignKey])
    case foreignKeys(schema: Int, index: Int, [ForeignKey])
  }

  func builder() -> SQLBuilder {
    SQLBuilder(
      quote: postgres ? "\"" : "`", qualifier: options.schemaScope ? "" : nil, indent: options.indent ?? "")
  }

  func table(_ schema: Int, _ index: Int) -> Table { realm.schemas[schema].tables[index] }

  mutating func run() throws(WriterError) {
    var steps: [Step] = []
    for (schemaIndex, schema) in realm.schemas.enumerated() {
      // Realm scope creates the schemas first (the planner's topLevel pass), in realm order.
      if !options.schemaScope && options.dialect != .sqlite { createSchema(schema) }
      if postgres {
        for index in schema.enums.indices { steps.append(.enumType(schema: schemaIndex, index: index)) }
      }
      for (index, table) in schema.tables.enumerated() {
        steps.append(.table(schema: schemaIndex, index: index, foreignKeys: table.foreignKeys))
      }
    }
    // SQLite's planner applies the changes as given: no dependency order, no detached cycles.
    if options.dialect != .sqlite { steps = sortByDependencies(detachingCycles(steps)) }
    for step in steps {
      switch step {
      case .enumType(let schema, let index): createEnum(schema, index)
      case .table(let schema, let index, let foreignKeys): try createTable(schema, index, foreignKeys: foreignKeys)
      case .foreignKeys(let schema, let index, let keys): addForeignKeys(schema, index, keys)
      }
    }
  }

  // MARK: - Order (sqlx DetachCycles and SortChanges)

  func isSelfReference(_ key: ForeignKey, schema: Int, table: Table) -> Bool {
    key.referencedTable == table.name && key.referencedSchema == realm.schemas[schema].name
  }

  /// Tables in the order Atlas's `sortMap` gives (keyed by bare table name, as Atlas keys it); when the references
  /// form a cycle, every table is created without its foreign keys to other tables, which are added at the end.
  func detachingCycles(_ steps: [Step]) -> [Step] {
    var dependencies: [String: [String]] = [:]
    for step in steps {
      guard case .table(let schema, let index, let keys) = step else { continue }
      let table = table(schema, index)
      for key in keys where !isSelfReference(key, schema: schema, table: table) {
        dependencies[table.name, default: []].append(key.referencedTable)
      }
    }
    var sorted: [String: Int] = [:]
    var inProgress: Set<String> = []
    func visit(_ name: String) -> Bool {
      if sorted[name] != nil { return false }
      if inProgress.contains(name) { return true }
      inProgress.insert(name)
      for reference in dependencies[name] ?? [] where visit(reference) { return true }
      inProgress.remove(name)
      sorted[name] = sorted.count
      return false
    }
    var cycle = false
    // byKeys: Go compares strings byte-wise (Swift's < would compare normalized text).
    for name in dependencies.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where visit(name) {
      cycle = true
      break
    }
    if !cycle {
      // sort.Slice by position; a step that is no table, or a table nothing visited, counts as 0. Go's sort.Slice
      // is stable only up to 12 elements: GoSort moves equal keys as it does.
      func key(_ step: Step) -> Int {
        guard case .table(let schema, let index, _) = step else { return sorted[""] ?? 0 }
        return sorted[table(schema, index).name] ?? 0
      }
      var keyed = steps.map { (key: key($0), step: $0) }
      GoSort.slice(&keyed) { $0.key < $1.key }
      return keyed.map(\.step)
    }
    var planned: [Step] = []
    var deferred: [Step] = []
    for step in steps {
      guard case .table(let schema, let index, let keys) = step else {
        planned.append(step)
        continue
      }
      let table = table(schema, index)
      let own = keys.filter { isSelfReference($0, schema: schema, table: table) }
      let others = keys.filter { !isSelfReference($0, schema: schema, table: table) }
      if !others.isEmpty { deferred.append(.foreignKeys(schema: schema, index: index, others)) }
      planned.append(.table(schema: schema, index: index, foreignKeys: others.isEmpty ? keys : own))
    }
    return planned + deferred
  }

  func references(_ keys: [ForeignKey], _ schema: Int, _ index: Int) -> Bool {
    let target = table(schema, index)
    return keys.contains { $0.referencedTable == target.name && $0.referencedSchema == realm.schemas[schema].name }
  }

  func uses(_ table: Table, enumIn schema: Int, _ index: Int) -> Bool {
    let schemaName = realm.schemas[schema].name
    let name = realm.schemas[schema].enums[index].name
    return table.columns.contains { column in
      switch column.type {
      case .enumeration(let s, let n): return s == schemaName && n == name
      case .raw(let text): return enumArray(text, in: realm.schemas.firstIndex { $0.name == schemaName } ?? -1) == name
      case .named: return false
      }
    }
  }

  /// sqlx `dependsOn` for the changes an inspected realm produces.
  func dependsOn(_ first: Step, _ second: Step) -> Bool {
    switch (first, second) {
    case (.table(_, _, let keys), .table(let s2, let i2, _)):
      return references(keys, s2, i2)
    case (.table(let s1, let i1, _), .enumType(let s2, let e2)):
      return uses(table(s1, i1), enumIn: s2, e2)
    case (.table(let s1, let i1, let keys), .foreignKeys(let s2, let i2, _)):
      return (s1, i1) != (s2, i2) && references(keys, s2, i2)
    case (.foreignKeys(let s1, let i1, let keys), .table(let s2, let i2, _)):
      return (s1, i1) == (s2, i2) || references(keys, s2, i2)
    default:
      return false
    }
  }

  /// sqlx `SortChanges`: a depth-first walk that puts every change after the ones it depends on.
  func sortByDependencies(_ steps: [Step]) -> [Step] {
    var edges: [[Int]] = Array(repeating: [], count: steps.count)
    var hasEdge: Set<[Int]> = []
    for i in steps.indices {
      for j in steps.indices where i != j && !hasEdge.contains([j, i]) && dependsOn(steps[i], steps[j]) {
        edges[i].append(j)
        hasEdge.insert([i, j])
      }
    }
    var added = Array(repeating: false, count: steps.count)
    var planned: [Step] = []
    func add(_ i: Int) {
      if added[i] { return }
      added[i] = true
      for j in edges[i] where !added[j] { add(j) }
      planned.append(steps[i])
    }
    for i in steps.indices where !added[i] { add(i) }
    return planned
  }

  // MARK: - Statements

  mutating func append(_ comment: String, _ builder: SQLBuilder) {
    changes.append(PlannedChange(comment: comment, command: builder.text))
  }

  mutating func createSchema(_ schema: Schema) {
    if postgres {
      let b = builder().p("CREATE SCHEMA")
      // PostgreSQL creates `public` in every database: Atlas adds IF NOT EXISTS for it.
      if schema.name == "public" { b.p("IF NOT EXISTS") }
      b.ident(schema.name)
      append("Add new schema named \(HCLText.goQuoted(schema.name))", b)
      if let comment = schema.comment {
        let c = builder().p("COMMENT ON SCHEMA").ident(schema.name).p("IS").p(Self.postgresQuote(comment))
        append("set comment to schema: \(HCLText.goQuoted(schema.name))", c)
      }
    } else {
      let b = builder().p("CREATE DATABASE").ident(schema.name)
      // Only what differs from the server's defaults.
      if let charset = schema.charset, !charset.isEmpty, charset != realm.charset { b.p("CHARSET", charset) }
      if let collation = schema.collation, !collation.isEmpty, collation != realm.collation { b.p("COLLATE", collation) }
      append("add new schema named \(HCLText.goQuoted(schema.name))", b)
    }
  }

  mutating func createEnum(_ schema: Int, _ index: Int) {
    let enumType = realm.schemas[schema].enums[index]
    let b = builder().p("CREATE TYPE").p(typeIdentifier(schema: realm.schemas[schema].name, enumType.name), "AS ENUM")
    b.wrap { b.mapComma(enumType.values) { b.write(Self.postgresQuote($0)) } }
    append("create enum type \(HCLText.goQuoted(enumType.name))", b)
  }

  mutating func createTable(_ schemaIndex: Int, _ index: Int, foreignKeys: [ForeignKey]) throws(WriterError) {
    let schema = realm.schemas[schemaIndex]
    let table = schema.tables[index]
    switch options.dialect {
    case .postgres: try createPostgresTable(table, in: schema, schemaIndex: schemaIndex, foreignKeys: foreignKeys)
    case .mysql: try createMySQLTable(table, in: schema, foreignKeys: foreignKeys)
    case .sqlite: try createSQLiteTable(table, in: schema)
    }
  }

  mutating func addForeignKeys(_ schemaIndex: Int, _ index: Int, _ keys: [ForeignKey]) {
    let schema = realm.schemas[schemaIndex]
    let table = schema.tables[index]
    let b = builder().p("ALTER TABLE").qualified(schema: schema.name, table.name)
    b.mapComma(keys) { key in
      b.p("ADD")
      // PostgreSQL writes each key on a new line (its fks helper maps with new lines); MySQL on the same one.
      if postgres { b.nl() }
      foreignKey(b, key)
    }
    append("modify \(HCLText.goQuoted(table.name)) table", b)
  }

  func foreignKey(_ b: SQLBuilder, _ key: ForeignKey) {
    if !key.name.isEmpty { b.p("CONSTRAINT").ident(key.name) }
    b.p("FOREIGN KEY")
    b.wrap { b.mapComma(key.columns) { b.ident($0) } }
    b.p("REFERENCES").qualified(schema: key.referencedSchema, key.referencedTable)
    b.wrap { b.mapComma(key.referencedColumns) { b.ident($0) } }
    if let action = key.onUpdate, !action.isEmpty { b.p("ON UPDATE", action) }
    if let action = key.onDelete, !action.isEmpty { b.p("ON DELETE", action) }
  }

  func check(_ b: SQLBuilder, _ check: Check, enforced: Bool) {
    if !check.name.isEmpty { b.p("CONSTRAINT").ident(check.name) }
    b.p("CHECK", SQLText.mayWrap(check.expression))
    // Atlas writes ENFORCED when the inspected check carries its Enforced attribute, which it keeps only for NOT
    // ENFORCED checks: the statement then says the opposite of the database (as its HCL says `enforced = true`).
    if enforced && check.hasEnforcedAttribute { b.p("ENFORCED") }
  }

  // MARK: - PostgreSQL

  mutating func createPostgresTable(
    _ table: Table, in schema: Schema, schemaIndex: Int, foreignKeys: [ForeignKey]
  ) throws(WriterError) {
    let b = builder().p("CREATE TABLE").qualified(schema: schema.name, table.name)
    var failure: WriterError? = nil
    b.wrapIndent {
      b.mapIndent(table.columns) { column in
        do throws(WriterError) {
          try postgresColumn(b, column, schemaIndex: schemaIndex)
        } catch {
          failure = failure ?? error
        }
      }
      if let key = table.primaryKey {
        b.comma().nl().p("PRIMARY KEY")
        postgresIndex(b, Index(name: "", unique: true, parts: key.parts), constraint: false)
      }
      for unique in table.uniques {
        b.comma().nl()
        b.p("CONSTRAINT").ident(unique.name).p("UNIQUE")
        // In a UNIQUE constraint NULLS NOT DISTINCT comes before the key parts.
        if !unique.nullsDistinct { b.p("NULLS NOT DISTINCT") }
        postgresIndex(b, unique, constraint: true)
      }
      if !foreignKeys.isEmpty {
        b.comma()
        b.mapIndent(foreignKeys) { foreignKey(b, $0) }
      }
      for check in table.checks {
        b.comma().nl()
        self.check(b, check, enforced: false)
      }
    }
    if let partition = table.partition {
      let p = SQLBuilder(quote: "\"", qualifier: nil, indent: "")
      p.p("PARTITION BY", partition.type.uppercased())
      p.wrap {
        p.mapComma(partition.parts) { part in
          switch part {
          case .column(let name): p.ident(name)
          case .expression(let text): p.p(SQLText.mayWrap(text))
          }
        }
      }
      b.p(p.text)
    }
    if let failure { throw failure }
    append("create \(HCLText.goQuoted(table.name)) table", b)
    for index in table.indexes {
      let i = builder().p("CREATE")
      if index.unique { i.p("UNIQUE") }
      i.p("INDEX")
      i.ident(index.name)
      i.p("ON").qualified(schema: schema.name, table.name)
      postgresIndex(i, index, constraint: false)
      append("create index \(HCLText.goQuoted(index.name)) to table: \(HCLText.goQuoted(table.name))", i)
    }
    // Comments are statements of their own: the table's, its columns', then its indexes' (unique constraints are
    // indexes to Atlas, in index-name order with the others).
    if let comment = table.comment, !comment.isEmpty {
      let c = builder().p("COMMENT ON TABLE").qualified(schema: schema.name, table.name).p("IS").p(Self.postgresQuote(comment))
      append("set comment to table: \(HCLText.goQuoted(table.name))", c)
    }
    for column in table.columns {
      guard let comment = column.comment, !comment.isEmpty else { continue }
      let c = builder().p("COMMENT ON COLUMN").qualified(schema: schema.name, table.name, column.name)
      c.p("IS").p(Self.postgresQuote(comment))
      append(
        "set comment to column: \(HCLText.goQuoted(column.name)) on table: \(HCLText.goQuoted(table.name))", c)
    }
    let commented = (table.indexes + table.uniques).enumerated().sorted { a, b in
      a.element.name != b.element.name
        ? a.element.name.utf8.lexicographicallyPrecedes(b.element.name.utf8) : a.offset < b.offset
    }.map(\.element)
    for index in commented {
      guard let comment = index.comment, !comment.isEmpty else { continue }
      let c = builder().p("COMMENT ON INDEX").qualified(schema: schema.name, index.name).p("IS")
      c.p(Self.postgresQuote(comment))
      append("set comment to index: \(HCLText.goQuoted(index.name)) on table: \(HCLText.goQuoted(table.name))", c)
    }
  }

  func postgresColumn(_ b: SQLBuilder, _ column: Column, schemaIndex: Int) throws(WriterError) {
    b.ident(column.name).p(postgresType(column.type, schemaIndex: schemaIndex))
    if !column.nullable { b.p("NOT") }
    b.p("NULL")
    if let value = column.defaultValue { b.p("DEFAULT", Self.postgresDefault(value)) }
    if column.identity != nil && column.generated != nil {
      throw WriterError(message: "both identity and generation expression specified for column \(HCLText.goQuoted(column.name))")
    }
    if let identity = column.identity {
      b.p("GENERATED", identity.generation.replacingOccurrences(of: "_", with: " "), "AS IDENTITY")
      if identity.start != 1 || identity.increment != 1 {
        b.wrap {
          if identity.start != 1 { b.p("START WITH", String(identity.start)) }
          if identity.increment != 1 { b.p("INCREMENT BY", String(identity.increment)) }
        }
      }
    } else if let generated = column.generated {
      b.p("GENERATED ALWAYS AS", SQLText.mayWrap(generated.expression), "STORED")
    }
  }

  /// An index's method, parts, INCLUDE, NULLS NOT DISTINCT (not for constraints) and predicate.
  func postgresIndex(_ b: SQLBuilder, _ index: Index, constraint: Bool) {
    if let type = index.type, let name = Self.plain(type), name.uppercased() != "BTREE" {
      // The catalog's method name (pg_am.amname) is lower case; the model keeps Atlas's HCL spelling.
      b.p("USING", name.lowercased())
    }
    b.wrap {
      b.mapComma(index.parts) { part in
        switch part.key {
        case .column(let name): b.ident(name)
        case .expression(let text): b.write(SQLText.mayWrap(text))
        }
        if let operatorClass = part.operatorClass, let name = Self.plain(operatorClass) { b.p(name) }
        if part.descending { b.p("DESC") }
        // The model keeps only positions that are not the direction's default.
        if part.descending && part.nullsLast { b.p("NULLS LAST") }
        if !part.descending && part.nullsFirst { b.p("NULLS FIRST") }
      }
    }
    if !index.include.isEmpty {
      b.p("INCLUDE")
      b.wrap { b.mapComma(index.include) { b.ident($0) } }
    }
    if !constraint && !index.nullsDistinct { b.p("NULLS NOT DISTINCT") }
    if let predicate = index.predicate, !predicate.isEmpty { b.p("WHERE").p(predicate) }
  }

  /// The type as Atlas's `FormatType` prints it, from the HCL name the model keeps.
  func postgresType(_ type: ColumnType, schemaIndex: Int) -> String {
    switch type {
    case .enumeration(let schema, let name):
      return typeIdentifier(schema: schema, name)
    case .raw(let text):
      if let name = enumArray(text, in: schemaIndex) {
        return typeIdentifier(schema: realm.schemas[schemaIndex].name, name) + "[]"
      }
      if let enumSchema = enumArraySchema(text), let name = enumArray(text, in: enumSchema) {
        return typeIdentifier(schema: realm.schemas[enumSchema].name, name) + "[]"
      }
      // Arrays print lower-cased (ArrayType); other user types as the catalog names them.
      return text.hasSuffix("]") ? text.lowercased() : text
    case .named(let name):
      let base = String(name.prefix { $0 != "(" })
      let arguments = String(name.dropFirst(base.count))
      switch base {
      case "character_varying": return "character varying" + arguments
      case "bit_varying": return "bit varying" + arguments
      case "double_precision": return "double precision"
      case "bit" where arguments == "(1)": return "bit"
      case "year", "month", "day", "hour", "minute", "second", "year_to_month", "day_to_hour", "day_to_minute",
        "day_to_second", "hour_to_minute", "hour_to_second", "minute_to_second":
        return "interval " + base.replacingOccurrences(of: "_", with: " ") + arguments
      default: return name
      }
    }
  }

  /// The enum a raw array type names (`status[]`, or `schema.status[]` in realm scope), when the realm has it.
  func enumArray(_ text: String, in schemaIndex: Int) -> String? {
    guard realm.schemas.indices.contains(schemaIndex), text.hasSuffix("[]") else { return nil }
    var name = String(text.dropLast(2))
    let schemaName = realm.schemas[schemaIndex].name
    if name.hasPrefix(schemaName + ".") { name = String(name.dropFirst(schemaName.count + 1)) }
    if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
    return realm.schemas[schemaIndex].enums.contains { $0.name == name } ? name : nil
  }

  func enumArraySchema(_ text: String) -> Int? {
    realm.schemas.firstIndex { text.hasPrefix($0.name + ".") }
  }

  /// `"name"` in schema scope, `"schema"."name"` in realm scope (postgres `typeIdent`).
  func typeIdentifier(schema: String, _ name: String) -> String {
    if options.schemaScope || schema.isEmpty { return HCLText.goQuoted(name) }
    return HCLText.goQuoted(schema) + "." + HCLText.goQuoted(name)
  }

  static func postgresDefault(_ value: HCLValue) -> String {
    switch value {
    case .string(let text): return postgresQuote(text)
    case .number(let digits): return digits
    case .bool(let flag): return flag ? "true" : "false"
    case .identifier(let name): return name
    case .raw(let text): return text
    }
  }

  /// postgres `quote`: single quotes, inner ones doubled, unless already one quoted string.
  static func postgresQuote(_ text: String) -> String {
    if SQLText.isQuoted(text, "'") { return text }
    return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
  }

  static func plain(_ value: HCLValue) -> String? {
    switch value {
    case .string(let text), .identifier(let text), .raw(let text), .number(let text): return text
    case .bool: return nil
    }
  }

  // MARK: - MySQL and MariaDB

  mutating func createMySQLTable(_ table: Table, in schema: Schema, foreignKeys: [ForeignKey]) throws(WriterError) {
    guard !table.columns.isEmpty else {
      throw WriterError(message: "table \(HCLText.goQuoted(table.name)) has no columns")
    }
    // The inspected charset/collation: the model drops a table's when it equals its schema's.
    let charset = table.charset ?? schema.charset
    let collation = table.collation ?? schema.collation
    let b = builder().p("CREATE TABLE").qualified(schema: schema.name, table.name)
    var failure: WriterError? = nil
    b.wrapIndent {
      b.mapIndent(table.columns) { column in
        mysqlColumn(b, column, tableCharset: charset, tableCollation: collation)
      }
      if let key = table.primaryKey {
        b.comma().nl().p("PRIMARY KEY")
        var index = Index(name: "", unique: true, parts: key.parts)
        index.type = key.type
        mysqlParts(b, index)
      }
      if !table.indexes.isEmpty { b.comma() }
      b.mapIndent(table.indexes) { mysqlIndex(b, $0) }
      if !foreignKeys.isEmpty {
        b.comma()
        b.mapIndent(foreignKeys) { key in
          foreignKey(b, key)
          if key.onUpdate == "SET NULL" || key.onDelete == "SET NULL",
            let column = key.columns.first(where: { name in table.columns.contains { $0.name == name && !$0.nullable } })
          {
            failure = failure ?? WriterError(
              message: "foreign key constraint was \(HCLText.goQuoted(column)) SET NULL, but column \(HCLText.goQuoted(column)) is NOT NULL")
          }
        }
      }
      for check in table.checks {
        b.comma().nl()
        self.check(b, check, enforced: !realm.mariaDB)
      }
    }
    if let failure { throw failure }
    // Table options in the order the inspector records them: charset, collation, comment, create options, engine
    // (only when not the default), AUTO_INCREMENT (only above 1).
    if let charset, !charset.isEmpty { b.p("CHARSET", charset) }
    if let collation, !collation.isEmpty { b.p("COLLATE", collation) }
    if let comment = table.comment { b.p("COMMENT", Self.mysqlQuote(comment)) }
    if let options = table.createOptions, !options.isEmpty { b.p(options) }
    if let engine = table.engine, let name = table.engineName ?? Self.plain(engine) { b.p("ENGINE", name) }
    if let counter = table.autoIncrement, counter > 1 { b.p("AUTO_INCREMENT", String(counter)) }
    append("create \(HCLText.goQuoted(table.name)) table", b)
  }

  func mysqlColumn(_ b: SQLBuilder, _ column: Column, tableCharset: String?, tableCollation: String?) {
    b.ident(column.name).p(Self.mysqlType(column.type, unsigned: column.unsigned ?? false))
    // The model keeps a column's charset/collation only when it differs from the table's: Atlas prints exactly those.
    if let charset = column.charset, charset != tableCharset { b.p("CHARSET", charset) }
    if let generated = column.generated { b.p("AS", SQLText.mayWrap(generated.expression), generated.kind) }
    // MariaDB takes no NULL clause on a generated column.
    if column.generated == nil || !realm.mariaDB {
      if !column.nullable { b.p("NOT") }
      b.p("NULL")
    }
    if let expression = column.sqlDefault ?? column.defaultValue.map(Self.mysqlExpression) {
      b.p("DEFAULT", Self.mysqlDefault(expression, type: column.type))
    }
    // Then the attributes in the order the inspector adds them: AUTO_INCREMENT, ON UPDATE, COMMENT, COLLATE.
    if column.autoIncrement { b.p("AUTO_INCREMENT") }
    if let onUpdate = column.onUpdate, let text = Self.plain(onUpdate) { b.p("ON UPDATE", text) }
    if let comment = column.comment { b.p("COMMENT", Self.mysqlQuote(comment)) }
    if let collation = column.collation, collation != tableCollation { b.p("COLLATE", collation) }
  }

  func mysqlIndex(_ b: SQLBuilder, _ index: Index) {
    let type = index.type.flatMap(Self.plain)?.uppercased()
    if index.unique {
      b.p("UNIQUE")
    } else if type == "FULLTEXT" || type == "SPATIAL" {
      b.p(type ?? "")
    }
    b.p("INDEX").ident(index.name)
    mysqlParts(b, index)
    if let comment = index.comment { b.p("COMMENT", Self.mysqlQuote(comment)) }
    if !index.unique, type == "FULLTEXT", let parser = index.parser.flatMap(Self.plain) {
      b.p("WITH PARSER").ident(parser)
    }
  }

  /// `[USING HASH] (parts)`: BTREE is the default and not written.
  func mysqlParts(_ b: SQLBuilder, _ index: Index) {
    if index.type.flatMap(Self.plain)?.uppercased() == "HASH" { b.p("USING", "HASH") }
    b.wrap {
      b.mapComma(index.parts) { part in
        switch part.key {
        case .column(let name): b.ident(name)
        case .expression(let text): b.write(SQLText.mayWrap(text))
        }
        if let prefix = part.prefix { b.write("(\(prefix))") }
        if part.descending { b.p("DESC") }
      }
    }
  }

  static let mysqlTimes: Set<String> = ["datetime", "timestamp", "time", "date", "year"]

  static func baseName(_ type: ColumnType) -> String {
    guard case .named(let name) = type else { return "" }
    return String(name.prefix { $0 != "(" })
  }

  /// The type as mysql `FormatType` prints it, from the HCL name the model keeps.
  static func mysqlType(_ type: ColumnType, unsigned: Bool) -> String {
    let name: String
    switch type {
    case .named(let text): name = text
    // Atlas refuses types it does not know; print the catalog's word rather than fail the whole output.
    case .raw(let text): return text
    case .enumeration(_, let enumName): return enumName
    }
    let base = baseName(type)
    let arguments = name.dropFirst(base.count)
    let numbers = arguments.dropFirst().dropLast().split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) ?? 0 }
    let sign = unsigned ? " unsigned" : ""
    switch base {
    case "tinyint", "smallint", "mediumint", "int", "bigint": return base + sign
    case "decimal", "numeric":
      let precision = numbers.first ?? 0
      let scale = numbers.count > 1 ? numbers[1] : 0
      return (scale == 0 ? "decimal(\(precision == 0 ? 10 : precision))" : "decimal(\(precision),\(scale))") + sign
    case "float", "double", "real":
      let precision = numbers.first ?? 0
      return ((base == "float" && precision > 24) || base == "real" ? "double" : base) + sign
    case "bit": return (numbers.first ?? 1) > 1 ? name : "bit"
    case "binary": return numbers.first.map { $0 != 1 ? name : "binary" } ?? "binary"
    case "enum", "set": return base + "(" + enumValues(String(arguments)).map { SQLText.isQuoted($0, "\"", "'") ? $0 : "'" + $0 + "'" }.joined(separator: ",") + ")"
    default: return name
    }
  }

  /// The values of the HCL spelling `("a","b")`: HCL strings, unescaped.
  static func enumValues(_ arguments: String) -> [String] {
    var values: [String] = []
    var current: String? = nil
    var escaped = false
    for character in arguments {
      if var value = current {
        if escaped {
          switch character {
          case "n": value.append("\n")
          case "t": value.append("\t")
          case "r": value.append("\r")
          default: value.append(character)
          }
          escaped = false
          current = value
        } else if character == "\\" {
          escaped = true
        } else if character == "\"" {
          values.append(value)
          current = nil
        } else {
          value.append(character)
          current = value
        }
      } else if character == "\"" {
        current = ""
      }
    }
    return values.map { $0.replacingOccurrences(of: "$${", with: "${").replacingOccurrences(of: "%%{", with: "%{") }
  }

  /// What the inspector would have held for an HCL value, for models that carry no `sqlDefault` (writer fixtures):
  /// strings as single-quoted literals, numbers and bools as literals, `sql("…")` as an expression.
  static func mysqlExpression(_ value: HCLValue) -> DefaultExpression {
    switch value {
    case .string(let text):
      return .literal("'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'")
    case .number(let digits): return .literal(digits)
    case .bool(let flag): return .literal(flag ? "true" : "false")
    case .identifier(let name): return .literal(name)
    case .raw(let text): return .expression(text)
    }
  }

  /// mysql `columnDefault`: a literal bare for numeric types and hex, else quoted (unless it already is); an
  /// expression bare when hex, numeric, parenthesized or CURRENT_TIMESTAMP on a time type, else quoted.
  static func mysqlDefault(_ expression: DefaultExpression, type: ColumnType) -> String {
    let base = baseName(type)
    let numeric = ["bool", "boolean", "bit", "tinyint", "smallint", "mediumint", "int", "bigint", "decimal", "numeric",
      "float", "double", "real"].contains(base)
    func isHex(_ text: String) -> Bool { text.utf8.count > 2 && text.prefix(2).lowercased() == "0x" }
    switch expression {
    case .literal(let value):
      return numeric || isHex(value) ? value : mysqlQuote(value)
    case .expression(let text):
      if isHex(text) || numeric || (text.hasPrefix("(") && text.hasSuffix(")")) { return text }
      if mysqlTimes.contains(base), text.lowercased().hasPrefix("current_timestamp") { return text }
      return mysqlQuote(text)
    }
  }

  /// mysql `quote`: Go's strconv.Quote unless the text is already one quoted string.
  static func mysqlQuote(_ text: String) -> String {
    SQLText.isQuoted(text, "\"", "'") ? text : HCLText.goQuoted(text)
  }

  // MARK: - SQLite

  /// sqlite `addTable`: columns (an AUTOINCREMENT key inline on its column), the primary key, foreign keys and
  /// checks, the table options, then one CREATE INDEX per index. Names are never qualified.
  mutating func createSQLiteTable(_ table: Table, in schema: Schema) throws(WriterError) {
    let b = builder().p("CREATE TABLE").qualified(schema: schema.name, table.name)
    var failure: WriterError? = nil
    b.wrapIndent {
      b.mapIndent(table.columns) { column in
        b.ident(column.name).p(Self.sqliteType(column.type))
        if !column.nullable { b.p("NOT") }
        b.p("NULL")
        if let expression = column.sqlDefault ?? column.defaultValue.map(Self.sqliteExpression) {
          do throws(WriterError) {
            b.p("DEFAULT", try Self.sqliteDefault(expression, type: column.type))
          } catch {
            failure = failure ?? error
          }
        }
        if column.autoIncrement && column.generated != nil {
          failure = failure ?? WriterError(
            message: "both autoincrement and generation expression specified for column \(HCLText.goQuoted(column.name))")
        } else if column.autoIncrement {
          b.p("PRIMARY KEY AUTOINCREMENT")
        } else if let generated = column.generated {
          b.p("AS", SQLText.mayWrap(generated.expression), generated.kind)
        }
      }
      if let key = table.primaryKey, !isAutoincrementKey(key, in: table) {
        b.comma().nl().p("PRIMARY KEY")
        sqliteParts(b, key.parts)
      }
      if !table.foreignKeys.isEmpty {
        b.comma()
        b.mapIndent(table.foreignKeys) { key in
          if !key.name.isEmpty { b.p("CONSTRAINT").ident(key.name) }
          b.p("FOREIGN KEY")
          b.wrap { b.mapComma(key.columns) { b.ident($0) } }
          b.p("REFERENCES").ident(key.referencedTable)
          b.wrap { b.mapComma(key.referencedColumns) { b.ident($0) } }
          if let action = key.onUpdate, !action.isEmpty { b.p("ON UPDATE", action) }
          if let action = key.onDelete, !action.isEmpty { b.p("ON DELETE", action) }
        }
      }
      for check in table.checks {
        b.comma().nl()
        // sqlite `check`: parentheses unless the trimmed text already starts and ends with them.
        let trimmed = check.expression.trimmingGoSpace()
        let expression = trimmed.hasPrefix("(") && trimmed.hasSuffix(")") ? check.expression : "(" + trimmed + ")"
        if !check.name.isEmpty { b.p("CONSTRAINT").ident(check.name) }
        b.p("CHECK", expression)
      }
    }
    if let failure { throw failure }
    var tableOptions: [String] = []
    if table.withoutRowID { tableOptions.append("WITHOUT ROWID") }
    if table.strict { tableOptions.append("STRICT") }
    b.mapComma(tableOptions) { b.p($0) }
    append("create \(HCLText.goQuoted(table.name)) table", b)
    for index in table.indexes {
      // An inline UNIQUE constraint's automatic index cannot be created by name: Atlas names it <table>_<columns>.
      var name = index.name
      if name.hasPrefix("sqlite_autoindex") {
        var names = [table.name]
        for (position, part) in index.parts.enumerated() {
          guard case .column(let column) = part.key else {
            throw WriterError(message: "unexpected index part \(name) (\(position))")
          }
          names.append(column)
        }
        name = names.joined(separator: "_")
      }
      let i = builder().p("CREATE")
      if index.unique { i.p("UNIQUE") }
      i.p("INDEX").ident(name).p("ON").ident(table.name)
      sqliteParts(i, index.parts)
      if let predicate = index.predicate, !predicate.isEmpty { i.p("WHERE").p(predicate) }
      append("create index \(HCLText.goQuoted(name)) to table: \(HCLText.goQuoted(table.name))", i)
    }
  }

  func isAutoincrementKey(_ key: PrimaryKey, in table: Table) -> Bool {
    guard key.parts.count == 1, case .column(let name) = key.parts[0].key else { return false }
    return table.columns.contains { $0.name == name && $0.autoIncrement }
  }

  func sqliteParts(_ b: SQLBuilder, _ parts: [IndexPart]) {
    b.wrap {
      b.mapComma(parts) { part in
        switch part.key {
        case .column(let name): b.ident(name)
        case .expression(let text): b.write(SQLText.mayWrap(text))
        }
        if part.descending { b.p("DESC") }
      }
    }
  }

  /// sqlite `FormatType`: a known type by its lower-cased name alone (sizes dropped), any other as declared.
  static func sqliteType(_ type: ColumnType) -> String {
    switch type {
    case .named(let name): return String(name.prefix { $0 != "(" }).replacingOccurrences(of: "_", with: " ")
    case .raw(let text): return text
    case .enumeration(_, let name): return name
    }
  }

  static let sqliteNumeric: Set<String> = [
    "bool", "boolean", "int2", "int8", "int", "uint64", "integer", "tinyint", "smallint", "mediumint", "bigint",
    "unsigned big int", "real", "double", "double precision", "float", "numeric", "decimal",
  ]

  static func sqliteExpression(_ value: HCLValue) -> DefaultExpression {
    switch value {
    case .string(let text): return .literal("'" + text.replacingOccurrences(of: "'", with: "''") + "'")
    case .number(let digits): return .literal(digits)
    case .bool(let flag): return .literal(flag ? "true" : "false")
    case .identifier(let name): return .literal(name)
    case .raw(let text): return .expression(text)
    }
  }

  /// sqlite `defaultValue`: literals bare for numeric types, else single-quoted (a double-quoted one read as a Go
  /// string first); expressions wrapped in parentheses.
  static func sqliteDefault(_ expression: DefaultExpression, type: ColumnType) throws(WriterError) -> String {
    switch expression {
    case .expression(let text): return SQLText.mayWrap(text)
    case .literal(let value):
      if sqliteNumeric.contains(sqliteType(type)) { return value }
      if SQLText.isQuoted(value, "'") { return value }
      var text = value
      if SQLText.isQuoted(value, "\"") {
        guard let unquoted = GoString.unquote(String(value.dropFirst().dropLast())) else {
          throw WriterError(message: "invalid syntax: \(value)")
        }
        text = unquoted
      }
      return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
  }
}
