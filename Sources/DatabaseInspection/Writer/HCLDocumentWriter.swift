// Prints a `Realm` as `atlas schema inspect` does: ariga/atlas `specutil.Marshal` (tables, then schemas; same-named
// tables qualified by their schema; foreign-key targets as `table.…` references) through schemahcl's encoder and
// `hclwrite`'s layout (two-space indent, no blank lines, `=` aligned within each run of attribute lines).

/// Why a realm cannot be printed: Atlas fails on the same input with the same reason.
public struct WriterError: Error, Sendable, Equatable {
  public var message: String
}

public enum HCLDocumentWriter {
  public static func write(_ realm: Realm) throws(WriterError) -> String {
    var document = Document()
    let qualifiers = tableQualifiers(realm)
    let references = ReferenceTargets(realm: realm, qualifiers: qualifiers)
    // Enum blocks are qualified among themselves (QualifyObjects per kind of block); a reference to one (ObjectRef)
    // is qualified only when another schema has an enum of that name.
    let enumQualifiers = self.qualifiers(realm.schemas.map { ($0.name, $0.enums.map(\.name)) })
    var enumSchemas: [String: Set<String>] = [:]
    for schema in realm.schemas {
      for enumType in schema.enums { enumSchemas[enumType.name, default: []].insert(schema.name) }
    }
    var enumReferences: [String: [String: String]] = [:]
    for schema in realm.schemas {
      for enumType in schema.enums {
        let shared = (enumSchemas[enumType.name]?.count ?? 0) > 1
        enumReferences[schema.name, default: [:]][enumType.name] =
          HCLText.reference([("enum", (shared ? [schema.name] : []) + [enumType.name])])
      }
    }
    for (schemaIndex, schema) in realm.schemas.enumerated() {
      for (tableIndex, table) in schema.tables.enumerated() {
        let qualifier = qualifiers[schemaIndex][tableIndex]
        try writeTable(
          table, schema: schema, qualifier: qualifier, references: references, enums: enumReferences, into: &document)
      }
    }
    for (schemaIndex, schema) in realm.schemas.enumerated() {
      for (enumIndex, enumType) in schema.enums.enumerated() {
        document.open("enum", labels: (enumQualifiers[schemaIndex][enumIndex].map { [$0] } ?? []) + [enumType.name])
        document.attribute("schema", HCLText.reference([("schema", [schema.name])]))
        document.attribute("values", list(enumType.values.map(HCLText.quoted)))
        document.close()
      }
    }
    for schema in realm.schemas {
      document.open("schema", labels: [schema.name])
      if let comment = schema.comment { document.attribute("comment", HCLText.quoted(comment)) }
      if let charset = schema.charset { document.attribute("charset", HCLText.quoted(charset)) }
      if let collation = schema.collation { document.attribute("collate", HCLText.quoted(collation)) }
      document.close()
    }
    return document.render()
  }

  // MARK: - Blocks

  static func writeTable(
    _ table: Table, schema: Schema, qualifier: String?, references: ReferenceTargets, enums: [String: [String: String]] = [:],
    into document: inout Document
  ) throws(WriterError) {
    document.open("table", labels: (qualifier.map { [$0] } ?? []) + [table.name])
    document.attribute("schema", HCLText.reference([("schema", [schema.name])]))
    if let comment = table.comment { document.attribute("comment", HCLText.quoted(comment)) }
    if let charset = table.charset { document.attribute("charset", HCLText.quoted(charset)) }
    if let collation = table.collation { document.attribute("collate", HCLText.quoted(collation)) }
    if let engine = table.engine { document.attribute("engine", value(engine)) }
    for column in table.columns { writeColumn(column, enums: enums, into: &document) }
    if let primaryKey = table.primaryKey {
      document.open("primary_key", labels: [])
      writeColumnsAttribute(primaryKey.parts, into: &document)
      if let comment = primaryKey.comment { document.attribute("comment", HCLText.quoted(comment)) }
      if let type = primaryKey.type { document.attribute("type", value(type)) }
      if !primaryKey.include.isEmpty { document.attribute("include", list(primaryKey.include.map { columnReference($0) })) }
      if let pages = primaryKey.pagePerRange { document.attribute("page_per_range", String(pages)) }
      writeOnBlocks(primaryKey.parts, into: &document)
      document.close()
    }
    for foreignKey in table.foreignKeys {
      document.open("foreign_key", labels: [foreignKey.name])
      document.attribute("columns", list(foreignKey.columns.map { columnReference($0) }))
      let target = try references.target(of: foreignKey, in: schema.name, table: table.name)
      document.attribute("ref_columns", list(foreignKey.referencedColumns.map { target + "." + columnReference($0) }))
      if let action = foreignKey.onUpdate { document.attribute("on_update", action.replacingOccurrences(of: " ", with: "_")) }
      if let action = foreignKey.onDelete { document.attribute("on_delete", action.replacingOccurrences(of: " ", with: "_")) }
      document.close()
    }
    for index in table.indexes { writeIndex(index, block: "index", into: &document) }
    for check in table.checks {
      document.open("check", labels: [check.name])
      document.attribute("expr", HCLText.quoted(check.expression))
      if check.hasEnforcedAttribute { document.attribute("enforced", "true") }
      document.close()
    }
    // PostgreSQL's extra table blocks come after the shared ones (its `table` spec embeds them last).
    for unique in table.uniques { writeIndex(unique, block: "unique", into: &document) }
    if let partition = table.partition { writePartition(partition, into: &document) }
    // Atlas appends SQLite's table options as an anonymous resource: its attributes land after every block.
    if table.withoutRowID { document.attribute("without_rowid", "true") }
    if table.strict { document.attribute("strict", "true") }
    document.close()
  }

  /// An `index` block, or PostgreSQL's `unique` constraint block, which has the same attributes but never `unique`.
  static func writeIndex(_ index: Index, block: String, into document: inout Document) {
    document.open(block, labels: [index.name])
    if index.unique && block == "index" { document.attribute("unique", "true") }
    writeColumnsAttribute(index.parts, into: &document)
    if let comment = index.comment { document.attribute("comment", HCLText.quoted(comment)) }
    if let type = index.type { document.attribute("type", value(type)) }
    if let parser = index.parser { document.attribute("parser", value(parser)) }
    if let predicate = index.predicate { document.attribute("where", HCLText.goQuoted(predicate)) }
    if !index.nullsDistinct { document.attribute("nulls_distinct", "false") }
    if !index.include.isEmpty { document.attribute("include", list(index.include.map { columnReference($0) })) }
    if let pages = index.pagePerRange { document.attribute("page_per_range", String(pages)) }
    writeOnBlocks(index.parts, into: &document)
    document.close()
  }

  /// `partition { type columns }` when every key part is a column, else one `by { column | expr }` block per part.
  static func writePartition(_ partition: Partition, into document: inout Document) {
    document.open("partition", labels: [])
    document.attribute("type", partition.type)
    let columns = partition.parts.compactMap { part -> String? in
      if case .column(let name) = part { return columnReference(name) }
      return nil
    }
    if columns.count == partition.parts.count {
      if !columns.isEmpty { document.attribute("columns", list(columns)) }
    } else {
      for part in partition.parts {
        document.open("by", labels: [])
        switch part {
        case .column(let name): document.attribute("column", columnReference(name))
        case .expression(let text): document.attribute("expr", HCLText.quoted(text))
        }
        document.close()
      }
    }
    document.close()
  }

  static func writeColumn(_ column: Column, enums: [String: [String: String]] = [:], into document: inout Document) {
    document.open("column", labels: [column.name])
    document.attribute("null", column.nullable ? "true" : "false")
    switch column.type {
    case .named(let name): document.attribute("type", name)
    case .raw(let text): document.attribute("type", "sql(" + HCLText.goQuoted(text) + ")")
    case .enumeration(let schema, let name):
      document.attribute("type", enums[schema]?[name] ?? HCLText.reference([("enum", [name])]))
    }
    if let defaultValue = column.defaultValue { document.attribute("default", value(defaultValue)) }
    if let unsigned = column.unsigned { document.attribute("unsigned", unsigned ? "true" : "false") }
    if let comment = column.comment { document.attribute("comment", HCLText.quoted(comment)) }
    if let charset = column.charset { document.attribute("charset", HCLText.quoted(charset)) }
    if let collation = column.collation { document.attribute("collate", HCLText.quoted(collation)) }
    if let onUpdate = column.onUpdate { document.attribute("on_update", value(onUpdate)) }
    if column.autoIncrement { document.attribute("auto_increment", "true") }
    if let identity = column.identity {
      document.open("identity", labels: [])
      document.attribute("generated", identity.generation)
      if identity.start != 1 { document.attribute("start", String(identity.start)) }
      if identity.increment != 1 { document.attribute("increment", String(identity.increment)) }
      document.close()
    }
    if let generated = column.generated {
      document.open("as", labels: [])
      document.attribute("expr", HCLText.quoted(generated.expression))
      document.attribute("type", generated.kind)
      document.close()
    }
    document.close()
  }

  /// `columns = [column.a, column.b]` when every part is a plain ascending column (`FromIndex`'s `columnsOnly`);
  /// otherwise the parts are `on` blocks, written by `writeOnBlocks` after every attribute of the block.
  static func writeColumnsAttribute(_ parts: [IndexPart], into document: inout Document) {
    guard parts.allSatisfy(\.isPlainColumn) else { return }
    let names = parts.compactMap { part -> String? in
      if case .column(let name) = part.key { return columnReference(name) }
      return nil
    }
    if !names.isEmpty { document.attribute("columns", list(names)) }
  }

  /// One `on { … }` block per part when some part is not a plain column. schemahcl's `writeResource` writes a
  /// resource's attributes (the extra ones too: `comment`, `type`, `where`, `include`, …) before its child blocks,
  /// so these come last in the index (TestMarshalSpec_IndexOpClass: `type = GIST` above `on {`).
  static func writeOnBlocks(_ parts: [IndexPart], into document: inout Document) {
    guard !parts.allSatisfy(\.isPlainColumn) else { return }
    for part in parts {
      document.open("on", labels: [])
      if part.descending { document.attribute("desc", "true") }
      switch part.key {
      case .column(let name): document.attribute("column", columnReference(name))
      case .expression(let text): document.attribute("expr", HCLText.quoted(text))
      }
      if let operatorClass = part.operatorClass { document.attribute("ops", value(operatorClass)) }
      if part.nullsFirst { document.attribute("nulls_first", "true") }
      if part.nullsLast { document.attribute("nulls_last", "true") }
      if let prefix = part.prefix { document.attribute("prefix", String(prefix)) }
      document.close()
    }
  }

  // MARK: - Values

  static func value(_ value: HCLValue) -> String {
    switch value {
    case .string(let text): HCLText.quoted(text)
    case .number(let digits): digits
    case .bool(let flag): flag ? "true" : "false"
    case .identifier(let name): name
    case .raw(let text): "sql(" + HCLText.goQuoted(text) + ")"
    }
  }

  static func columnReference(_ name: String) -> String { HCLText.reference([("column", [name])]) }

  /// hclwrite's list: `[a, b]` (empty lists are never printed).
  static func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

  // MARK: - Qualification (specutil.QualifyObjects)

  /// The schema label each table block gets: a table name found in more than one schema is qualified everywhere,
  /// and so is an unqualified table named like a schema that qualified one.
  static func tableQualifiers(_ realm: Realm) -> [[String?]] {
    qualifiers(realm.schemas.map { ($0.name, $0.tables.map(\.name)) })
  }

  /// The same rule for any kind of block, given each schema's block names in order.
  static func qualifiers(_ schemas: [(schema: String, names: [String])]) -> [[String?]] {
    var schemasByName: [String: Set<String>] = [:]
    for (schema, names) in schemas {
      for name in names { schemasByName[name, default: []].insert(schema) }
    }
    var qualifiers = schemas.map { schema, names in
      names.map { (schemasByName[$0]?.count ?? 0) > 1 ? schema : nil } as [String?]
    }
    let qualifyingSchemas = Set(qualifiers.joined().compactMap { $0 })
    for (schemaIndex, (schema, names)) in schemas.enumerated() {
      for (index, name) in names.enumerated()
      where qualifiers[schemaIndex][index] == nil && qualifyingSchemas.contains(name) {
        qualifiers[schemaIndex][index] = schema
      }
    }
    return qualifiers
  }
}

/// specutil.QualifyReferences: where a foreign key's referenced columns live, as a `table.…` prefix. In a realm every
/// target is written as a table reference, a self-reference included.
struct ReferenceTargets {
  private var qualified: [String: [String: String]] = [:]
  private var unqualified: Set<String> = []

  init(realm: Realm, qualifiers: [[String?]]) {
    for (schemaIndex, schema) in realm.schemas.enumerated() {
      for (tableIndex, table) in schema.tables.enumerated() {
        if let qualifier = qualifiers[schemaIndex][tableIndex] {
          qualified[schema.name, default: [:]][table.name] = qualifier
        } else {
          unqualified.insert(table.name)
        }
      }
    }
  }

  func target(of foreignKey: ForeignKey, in schema: String, table: String) throws(WriterError) -> String {
    if let qualifier = qualified[foreignKey.referencedSchema]?[foreignKey.referencedTable] {
      return HCLText.reference([("table", [qualifier, foreignKey.referencedTable])])
    }
    if unqualified.contains(foreignKey.referencedTable) {
      return HCLText.reference([("table", [foreignKey.referencedTable])])
    }
    throw WriterError(
      message: "foreign key \(HCLText.goQuoted(foreignKey.name)) of table \(HCLText.goQuoted(schema)).\(HCLText.goQuoted(table)) "
        + "references table \(HCLText.goQuoted(foreignKey.referencedTable)), which is not inspected "
        + "(excluded, or missing from the database); Atlas fails on it too")
  }
}

/// The lines of the document, aligned and joined as hclwrite does.
struct Document {
  private enum Line {
    case open(String)
    case attribute(key: String, value: String)
    case close
  }

  private var lines: [(depth: Int, line: Line)] = []
  private var depth = 0

  mutating func open(_ type: String, labels: [String]) {
    // schemahcl's `labels`: an empty name is no label at all (`check {`).
    let header = ([type] + labels.filter { !$0.isEmpty }.map(HCLText.quoted)).joined(separator: " ")
    lines.append((depth, .open(header)))
    depth += 1
  }

  mutating func attribute(_ key: String, _ value: String) { lines.append((depth, .attribute(key: key, value: value))) }

  mutating func close() {
    depth -= 1
    lines.append((depth, .close))
  }

  /// Each run of consecutive attribute lines aligns its `=` one space after its longest key (hclwrite's
  /// `formatCells`); a block header or a closing brace ends the run.
  func render() -> String {
    var out = ""
    var index = 0
    while index < lines.count {
      let (depth, line) = lines[index]
      let indent = String(repeating: "  ", count: depth)
      switch line {
      case .open(let header):
        out += indent + header + " {\n"
        index += 1
      case .close:
        out += indent + "}\n"
        index += 1
      case .attribute:
        var end = index
        var width = 0
        while end < lines.count, case .attribute(let key, _) = lines[end].line {
          width = max(width, key.unicodeScalars.count)
          end += 1
        }
        for case (let depth, .attribute(let key, let value)) in lines[index..<end] {
          let padding = String(repeating: " ", count: width - key.unicodeScalars.count)
          out += String(repeating: "  ", count: depth) + key + padding + " = " + value + "\n"
        }
        index = end
      }
    }
    return out
  }
}
