// The driver-neutral schema model, after Atlas's `schema.Realm`/`Schema`/`Table`/… (ariga/atlas sql/schema): what an
// inspector fills and the HCL writer prints. Values are kept in the form Atlas prints them (types already named).

/// Every inspected schema, in the order Atlas prints them.
public struct Realm: Sendable, Equatable, Codable {
  public var schemas: [Schema]
  /// MySQL: the server's default charset and collation (`@@character_set_server`, `@@collation_server`). The SQL
  /// writer adds CHARSET/COLLATE to CREATE DATABASE only when a schema's differ from them.
  public var charset: String? = nil
  public var collation: String? = nil
  /// MySQL: whether the server is MariaDB, where a generated column takes no NULL clause in CREATE TABLE.
  public var mariaDB = false

  public init(schemas: [Schema] = []) { self.schemas = schemas }
}

public struct Schema: Sendable, Equatable, Codable {
  public var name: String
  public var tables: [Table] = []
  /// PostgreSQL enum types, in creation order (Atlas prints them after every table).
  public var enums: [EnumType] = []
  public var comment: String? = nil
  /// MySQL's schema charset and collation (always printed there).
  public var charset: String? = nil
  public var collation: String? = nil

  public init(name: String, tables: [Table] = []) {
    self.name = name
    self.tables = tables
  }
}

public struct Table: Sendable, Equatable, Codable {
  public var name: String
  public var columns: [Column] = []
  public var primaryKey: PrimaryKey? = nil
  public var foreignKeys: [ForeignKey] = []
  public var indexes: [Index] = []
  public var checks: [Check] = []
  /// PostgreSQL UNIQUE constraints (`unique` blocks, after the checks); a unique index that is no constraint stays in
  /// `indexes`.
  public var uniques: [Index] = []
  /// PostgreSQL's partition key.
  public var partition: Partition? = nil
  public var comment: String? = nil
  /// MySQL: printed only when different from the schema's.
  public var charset: String? = nil
  public var collation: String? = nil
  /// MySQL: printed only when not the server's default engine.
  public var engine: HCLValue? = nil
  /// MySQL: that engine as the server spells it (`MEMORY` where HCL says `Memory`), which the SQL writer prints.
  public var engineName: String? = nil
  /// MySQL: INFORMATION_SCHEMA.TABLES.CREATE_OPTIONS when not empty, and the table's AUTO_INCREMENT counter; only the
  /// SQL writer prints them (Atlas's CREATE TABLE options).
  public var createOptions: String? = nil
  public var autoIncrement: Int64? = nil
  /// SQLite's table options, printed after every block (Atlas embeds them as an anonymous resource).
  public var withoutRowID = false
  public var strict = false

  public init(name: String, columns: [Column] = []) {
    self.name = name
    self.columns = columns
  }
}

public struct Column: Sendable, Equatable, Codable {
  public var name: String
  public var type: ColumnType
  public var nullable: Bool
  public var defaultValue: HCLValue? = nil
  /// MySQL and SQLite: the default as Atlas's inspector holds it, for the SQL writer. `defaultValue` is derived from the same
  /// text for HCL and loses what SQL keeps (`0.00` prints `0` there, quoting and escapes are gone).
  public var sqlDefault: DefaultExpression? = nil
  /// MySQL: `unsigned = true|false`, when the type carries it.
  public var unsigned: Bool? = nil
  public var comment: String? = nil
  public var charset: String? = nil
  public var collation: String? = nil
  /// MySQL's `ON UPDATE` expression.
  public var onUpdate: HCLValue? = nil
  public var autoIncrement = false
  public var identity: Identity? = nil
  public var generated: GeneratedExpression? = nil

  public init(name: String, type: ColumnType, nullable: Bool) {
    self.name = name
    self.type = type
    self.nullable = nullable
  }
}

/// A column default as Atlas's schema package holds it: a literal (`schema.Literal`, quoted as the inspector quoted
/// it) or an expression (`schema.RawExpr`). The SQL writers quote them differently.
public enum DefaultExpression: Sendable, Equatable, Codable {
  case literal(String)
  case expression(String)
}

/// A column type as Atlas prints it: a registered type name (`varchar(255)`, `enum.status`) or `sql("…")`.
public enum ColumnType: Sendable, Equatable, Codable {
  /// A bare token or reference: `integer`, `numeric(10,2)`, `enum.status`.
  case named(String)
  /// A type Atlas has no spec for: printed `sql("<text>")`.
  case raw(String)
  /// A PostgreSQL enum of an inspected schema: `enum.name`, or `enum.schema.name` when the name is in several.
  case enumeration(schema: String, name: String)
}

/// PostgreSQL identity columns.
public struct Identity: Sendable, Equatable, Codable {
  /// `ALWAYS` or `BY_DEFAULT`.
  public var generation: String
  public var start: Int64 = 1
  public var increment: Int64 = 1

  public init(generation: String, start: Int64 = 1, increment: Int64 = 1) {
    self.generation = generation
    self.start = start
    self.increment = increment
  }
}

/// A generated column's expression and kind (`STORED` or `VIRTUAL`).
public struct GeneratedExpression: Sendable, Equatable, Codable {
  public var expression: String
  public var kind: String

  public init(expression: String, kind: String) {
    self.expression = expression
    self.kind = kind
  }
}

public struct PrimaryKey: Sendable, Equatable, Codable {
  public var parts: [IndexPart]
  public var comment: String? = nil
  /// An index type Atlas prints (MySQL, when not BTREE).
  public var type: HCLValue? = nil
  /// PostgreSQL: `INCLUDE` columns and BRIN's `page_per_range` (`indexPKSpec` prints them for keys and indexes).
  public var include: [String] = []
  public var pagePerRange: Int64? = nil

  public init(parts: [IndexPart]) { self.parts = parts }
  public init(columns: [String]) { self.parts = columns.map { IndexPart(column: $0) } }
}

public struct Index: Sendable, Equatable, Codable {
  public var name: String
  public var unique: Bool
  public var parts: [IndexPart]
  public var comment: String? = nil
  /// The index method when Atlas prints it (`GIN`, `HASH`, `FULLTEXT`, …).
  public var type: HCLValue? = nil
  /// A partial index's predicate, as the database returns it.
  public var predicate: String? = nil
  /// PostgreSQL 15 `NULLS NOT DISTINCT` prints `nulls_distinct = false`.
  public var nullsDistinct = true
  /// PostgreSQL `INCLUDE` columns.
  public var include: [String] = []
  /// PostgreSQL: a BRIN index's pages_per_range, when Atlas prints it (see `PostgresTypes.pagePerRange`).
  public var pagePerRange: Int64? = nil
  /// MySQL: a FULLTEXT index's parser (`ngram`, `mecab`, or a quoted name).
  public var parser: HCLValue? = nil

  public init(name: String, unique: Bool, parts: [IndexPart]) {
    self.name = name
    self.unique = unique
    self.parts = parts
  }
}

/// One key part: a column or an expression.
public struct IndexPart: Sendable, Equatable, Codable {
  public enum Key: Sendable, Equatable, Codable {
    case column(String)
    case expression(String)
  }

  public var key: Key
  public var descending = false
  /// PostgreSQL: a non-default operator class.
  public var operatorClass: HCLValue? = nil
  /// MySQL: a prefix length.
  public var prefix: Int? = nil
  /// PostgreSQL: a NULLS position that is not the default for the direction (FIRST for ASC, LAST for DESC).
  public var nullsFirst = false
  public var nullsLast = false

  public init(column: String, descending: Bool = false) {
    self.key = .column(column)
    self.descending = descending
  }

  public init(expression: String, descending: Bool = false) {
    self.key = .expression(expression)
    self.descending = descending
  }

  /// Whether the part prints as a plain `column.x` in a `columns` list (else the index needs `on` blocks).
  var isPlainColumn: Bool {
    guard case .column = key else { return false }
    return !descending && operatorClass == nil && prefix == nil && !nullsFirst && !nullsLast
  }
}

public struct ForeignKey: Sendable, Equatable, Codable {
  public var name: String
  public var columns: [String]
  public var referencedSchema: String
  public var referencedTable: String
  public var referencedColumns: [String]
  /// `NO ACTION`, `CASCADE`, … as the database spells them; nil when it reports none.
  public var onUpdate: String?
  public var onDelete: String?

  public init(
    name: String, columns: [String], referencedSchema: String, referencedTable: String, referencedColumns: [String],
    onUpdate: String?, onDelete: String?
  ) {
    self.name = name
    self.columns = columns
    self.referencedSchema = referencedSchema
    self.referencedTable = referencedTable
    self.referencedColumns = referencedColumns
    self.onUpdate = onUpdate
    self.onDelete = onDelete
  }
}

public struct Check: Sendable, Equatable, Codable {
  /// Empty for an unnamed check (printed `check {`).
  public var name: String
  public var expression: String
  /// MySQL: whether an `enforced` attribute was inspected (Atlas then prints `enforced = true`, whatever its value).
  public var hasEnforcedAttribute = false

  public init(name: String, expression: String) {
    self.name = name
    self.expression = expression
  }
}

/// A PostgreSQL enum type: `enum "name" { schema values }`.
public struct EnumType: Sendable, Equatable, Codable {
  public var name: String
  public var values: [String]

  public init(name: String, values: [String]) {
    self.name = name
    self.values = values
  }
}

/// A PostgreSQL partition key: the strategy (`RANGE`, `LIST`, `HASH`) and its parts.
public struct Partition: Sendable, Equatable, Codable {
  public enum Part: Sendable, Equatable, Codable {
    case column(String)
    case expression(String)
  }

  public var type: String
  public var parts: [Part]

  public init(type: String, parts: [Part]) {
    self.type = type
    self.parts = parts
  }
}

/// An attribute value of the kinds Atlas's writer emits.
public enum HCLValue: Sendable, Equatable, Codable {
  /// A quoted HCL string (hclwrite escaping).
  case string(String)
  /// A number, already in the digits Atlas prints (`1`, `-1`, `4.99`).
  case number(String)
  case bool(Bool)
  /// A bare identifier: `NO_ACTION`, `GIN`, `InnoDB`.
  case identifier(String)
  /// `sql("…")` with Go quoting.
  case raw(String)
}
