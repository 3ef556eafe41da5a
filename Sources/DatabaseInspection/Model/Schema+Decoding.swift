// Decoding the schema model from JSON with every defaulted field optional, so that writer fixtures
// (Tests/Fixtures/inspect/writer) spell out only what they test.

extension KeyedDecodingContainer {
  fileprivate func value<T: Decodable>(_ key: Key, or fallback: T) throws -> T {
    try decodeIfPresent(T.self, forKey: key) ?? fallback
  }
}

extension Realm {
  private enum Keys: String, CodingKey { case schemas, charset, collation, mariaDB }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    self.init(schemas: try c.value(.schemas, or: []))
    charset = try c.value(.charset, or: nil)
    collation = try c.value(.collation, or: nil)
    mariaDB = try c.value(.mariaDB, or: false)
  }
}

extension Schema {
  private enum Keys: String, CodingKey { case name, tables, enums, comment, charset, collation }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    self.init(name: try c.decode(String.self, forKey: .name), tables: try c.value(.tables, or: []))
    enums = try c.value(.enums, or: [])
    comment = try c.value(.comment, or: nil)
    charset = try c.value(.charset, or: nil)
    collation = try c.value(.collation, or: nil)
  }
}

extension Table {
  private enum Keys: String, CodingKey {
    case name, columns, primaryKey, foreignKeys, indexes, checks, comment, charset, collation, engine, withoutRowID
    case strict, uniques, partition, createOptions, autoIncrement, engineName
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    self.init(name: try c.decode(String.self, forKey: .name), columns: try c.value(.columns, or: []))
    primaryKey = try c.value(.primaryKey, or: nil)
    foreignKeys = try c.value(.foreignKeys, or: [])
    indexes = try c.value(.indexes, or: [])
    checks = try c.value(.checks, or: [])
    comment = try c.value(.comment, or: nil)
    charset = try c.value(.charset, or: nil)
    collation = try c.value(.collation, or: nil)
    engine = try c.value(.engine, or: nil)
    withoutRowID = try c.value(.withoutRowID, or: false)
    strict = try c.value(.strict, or: false)
    uniques = try c.value(.uniques, or: [])
    partition = try c.value(.partition, or: nil)
    createOptions = try c.value(.createOptions, or: nil)
    autoIncrement = try c.value(.autoIncrement, or: nil)
    engineName = try c.value(.engineName, or: nil)
  }
}

extension Column {
  private enum Keys: String, CodingKey {
    case name, type, nullable, defaultValue, unsigned, comment, charset, collation, onUpdate, autoIncrement
    case identity, generated, sqlDefault
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    self.init(
      name: try c.decode(String.self, forKey: .name), type: try c.decode(ColumnType.self, forKey: .type),
      nullable: try c.value(.nullable, or: false))
    defaultValue = try c.value(.defaultValue, or: nil)
    unsigned = try c.value(.unsigned, or: nil)
    comment = try c.value(.comment, or: nil)
    charset = try c.value(.charset, or: nil)
    collation = try c.value(.collation, or: nil)
    onUpdate = try c.value(.onUpdate, or: nil)
    autoIncrement = try c.value(.autoIncrement, or: false)
    identity = try c.value(.identity, or: nil)
    generated = try c.value(.generated, or: nil)
    sqlDefault = try c.value(.sqlDefault, or: nil)
  }
}

extension PrimaryKey {
  private enum Keys: String, CodingKey { case parts, comment, type, include, pagePerRange }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    self.init(parts: try c.decode([IndexPart].self, forKey: .parts))
    comment = try c.value(.comment, or: nil)
    type = try c.value(.type, or: nil)
    include = try c.value(.include, or: [])
    pagePerRange = try c.value(.pagePerRange, or: nil)
  }
}

extension Index {
  private enum Keys: String, CodingKey {
    case name, unique, parts, comment, type, predicate, nullsDistinct, include, parser, pagePerRange
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    self.init(
      name: try c.decode(String.self, forKey: .name), unique: try c.value(.unique, or: false),
      parts: try c.decode([IndexPart].self, forKey: .parts))
    comment = try c.value(.comment, or: nil)
    type = try c.value(.type, or: nil)
    predicate = try c.value(.predicate, or: nil)
    nullsDistinct = try c.value(.nullsDistinct, or: true)
    include = try c.value(.include, or: [])
    parser = try c.value(.parser, or: nil)
    pagePerRange = try c.value(.pagePerRange, or: nil)
  }
}

extension IndexPart {
  private enum Keys: String, CodingKey { case key, descending, operatorClass, prefix, nullsFirst, nullsLast }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    switch try c.decode(Key.self, forKey: .key) {
    case .column(let name): self.init(column: name)
    case .expression(let text): self.init(expression: text)
    }
    descending = try c.value(.descending, or: false)
    operatorClass = try c.value(.operatorClass, or: nil)
    prefix = try c.value(.prefix, or: nil)
    nullsFirst = try c.value(.nullsFirst, or: false)
    nullsLast = try c.value(.nullsLast, or: false)
  }
}

extension Check {
  private enum Keys: String, CodingKey { case name, expression, hasEnforcedAttribute }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    self.init(name: try c.value(.name, or: ""), expression: try c.decode(String.self, forKey: .expression))
    hasEnforcedAttribute = try c.value(.hasEnforcedAttribute, or: false)
  }
}

extension Identity {
  private enum Keys: String, CodingKey { case generation, start, increment }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    self.init(
      generation: try c.decode(String.self, forKey: .generation), start: try c.value(.start, or: 1),
      increment: try c.value(.increment, or: 1))
  }
}
