// The DatabaseInspection module: a live database's schema, printed as Atlas HCL the way `atlas schema inspect` does.
//
// Owns: Atlas URLs per driver (`DatabaseURL`, with the password masked in every message), the driver-neutral schema
// model (`Realm` … `Check`, after Atlas's `schema.*` types), `--exclude` globs with Atlas's semantics, the writer that
// prints Atlas HCL byte for byte (`HCLDocumentWriter`), and the connections through the C client libraries
// (SQLite, libpq and MariaDB Connector/C). Facts and sources: ../shared/reference/atlas-inspect.md and
// ariga/atlas's `sql/{sqlite,postgres,mysql}` drivers.
//
// Must not know: atlas.hcl, HCL parsing, LSP. A caller hands in a URL string and scope flags; it gets HCL text or an
// `InspectionError`.
//
// Invariants:
// - A password never reaches a description, an error message or a log line: messages use `DatabaseURL.redacted`.
// - Nothing a database returns can trap: every row and column read is checked, every index bounded.
// - Inspection only reads: SQLite files are opened read-only, and nothing is written to a database.
public import Foundation

/// What `mercator inspect` asks for: the URL plus Atlas's `--schema` and `--exclude` flags.
public struct InspectRequest: Sendable {
  public var url: String
  /// `--schema` values; a value may hold several names separated by commas, as Atlas accepts.
  public var schemas: [String]
  /// `--exclude` globs.
  public var exclude: [String]

  public init(url: String, schemas: [String] = [], exclude: [String] = []) {
    self.url = url
    self.schemas = schemas
    self.exclude = exclude
  }
}

public enum DatabaseInspection {
  /// Inspects the database the URL names and returns the HCL `atlas schema inspect` prints for it.
  public static func inspect(_ request: InspectRequest) throws(InspectionError) -> String {
    let url = try DatabaseURL.parse(request.url)
    let realm = try inspectRealm(url, schemas: request.schemas.flatMap { $0.split(separator: ",").map(String.init) },
      exclude: request.exclude)
    do {
      return try HCLDocumentWriter.write(realm)
    } catch {
      throw InspectionError(.unprintable, error.message, url: url)
    }
  }

  /// The same inspection, with what it cost: for Benchmarks/Inspect (issue 6 acceptance 4 checks that the catalog
  /// round trips do not grow with the number of tables). The text is the one `inspect` returns.
  public static func measure(_ request: InspectRequest) throws(InspectionError) -> (hcl: String, cost: InspectionCost) {
    let url = try DatabaseURL.parse(request.url)
    let schemas = request.schemas.flatMap { $0.split(separator: ",").map(String.init) }
    let clock = ContinuousClock()
    var cost = InspectionCost()
    let start = clock.now
    let realm: Realm
    switch url.driver {
    case .postgres:
      let connection = try PostgresConnection(url)
      cost.connect = clock.now - start
      realm = try PostgresInspector.inspect(connection, url: url, schemas: schemas, exclude: request.exclude)
      cost.queries = connection.queryCount
    case .mysql, .mariadb:
      let connection = try MySQLConnection(url)
      cost.connect = clock.now - start
      realm = try MySQLInspector.inspect(connection, url: url, schemas: schemas, exclude: request.exclude)
      cost.queries = connection.queryCount
    case .sqlite:
      realm = try SQLiteInspector.inspect(url, exclude: request.exclude)
    }
    let inspected = clock.now
    cost.catalog = inspected - start - cost.connect
    cost.tables = realm.schemas.reduce(0) { $0 + $1.tables.count }
    do {
      let hcl = try HCLDocumentWriter.write(realm)
      cost.write = clock.now - inspected
      return (hcl, cost)
    } catch {
      throw InspectionError(.unprintable, error.message, url: url)
    }
  }

  /// The realm Atlas would marshal: one schema when the URL names one (schema scope), else every schema or the
  /// `--schema` ones; `--exclude` applied as Atlas applies it.
  static func inspectRealm(_ url: DatabaseURL, schemas: [String], exclude: [String]) throws(InspectionError) -> Realm {
    switch url.driver {
    case .sqlite:
      return try SQLiteInspector.inspect(url, exclude: exclude)
    case .postgres:
      return try PostgresInspector.inspect(url, schemas: schemas, exclude: exclude)
    case .mysql, .mariadb:
      return try MySQLInspector.inspect(url, schemas: schemas, exclude: exclude)
    }
  }
}

/// What one `DatabaseInspection.measure` cost. `queries` counts catalog statements (nil for SQLite, which has no
/// round trips); `connect` is zero for SQLite, whose file is opened inside `catalog`.
public struct InspectionCost: Sendable {
  public var queries: Int? = nil
  public var tables = 0
  public var connect: Duration = .zero
  public var catalog: Duration = .zero
  public var write: Duration = .zero
}
