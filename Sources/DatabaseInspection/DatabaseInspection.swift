// The DatabaseInspection module: a live database's schema, printed as Atlas HCL the way `atlas schema inspect` does.
//
// Owns: Atlas URLs per driver (`DatabaseURL`, with the password masked in every message), the driver-neutral schema
// model (`Realm` … `Check`, after Atlas's `schema.*` types), `--exclude` globs with Atlas's semantics, the writer that
// prints Atlas HCL byte for byte (`HCLDocumentWriter`), the one that prints the SQL DDL of `--format '{{ sql . }}'`
// (`SQLDocumentWriter`), and the connections through the C client libraries
// (SQLite, libpq and MariaDB Connector/C). Facts and sources: ../shared/reference/atlas-inspect.md and
// ariga/atlas's `sql/{sqlite,postgres,mysql}` drivers.
//
// Must not know: atlas.hcl, HCL parsing, LSP. A caller hands in a URL string, scope flags and the output format; it
// gets HCL or SQL text, or an `InspectionError`.
//
// Invariants:
// - A password never reaches a description, an error message or a log line: messages use `DatabaseURL.redacted`.
// - Nothing a database returns can trap: every row and column read is checked, every index bounded.
// - Inspection only reads: SQLite files are opened read-only, and nothing is written to a database.
public import Foundation

/// What `mercator inspect` asks for: the URL plus Atlas's `--schema`, `--exclude` and `--format` flags.
public struct InspectRequest: Sendable {
  public var url: String
  /// `--schema` values; a value may hold several names separated by commas, as Atlas accepts.
  public var schemas: [String]
  /// `--exclude` globs.
  public var exclude: [String]
  public var format: InspectFormat
  /// Values masked in every message besides the URL's password: what came from a token data source, wherever in the
  /// URL it was interpolated.
  public var secrets: [String] = []

  public init(url: String, schemas: [String] = [], exclude: [String] = [], format: InspectFormat = .hcl) {
    self.url = url
    self.schemas = schemas
    self.exclude = exclude
    self.format = format
  }
}

/// The output of an inspection: Atlas HCL (the default), or the SQL of `--format '{{ sql . }}'`, one line per
/// statement, or with `{{ sql . "INDENT" }}` spread over lines indented by INDENT.
public enum InspectFormat: Sendable, Equatable {
  case hcl
  case sql(indent: String?)

  /// The templates `--format` accepts, for messages.
  public static let supported = #"{{ sql . }} and {{ sql . "INDENT" }}"#

  /// Reads a `--format` template. Atlas runs any Go template; we accept its SQL forms only: `{{ sql . }}` and
  /// `{{ sql . "  " }}` (white space inside the braces free, trim markers, `$` for `.`, a Go string or raw string
  /// argument).
  public static func parse(_ template: String) -> Result<InspectFormat, InspectionError> {
    let unsupported = InspectionError(
      .unsupportedFormat, "unsupported --format template \(HCLText.goQuoted(template)): supported are \(supported)")
    var rest = Substring(template)
    func skipSpace() { rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" } }
    func take(_ word: String) -> Bool {
      guard rest.hasPrefix(word) else { return false }
      rest = rest.dropFirst(word.count)
      return true
    }
    guard take("{{") else { return .failure(unsupported) }
    // Go's trim markers (`{{- … -}}`) trim text around the action; there is none, so they change nothing.
    if rest.hasPrefix("- ") || rest.hasPrefix("-\t") || rest.hasPrefix("-\n") { rest = rest.dropFirst() }
    skipSpace()
    guard take("sql"), rest.first == " " || rest.first == "\t" else { return .failure(unsupported) }
    skipSpace()
    guard take(".") || take("$") else { return .failure(unsupported) }
    skipSpace()
    var indent: String? = nil
    if rest.first == "\"" || rest.first == "`" {
      guard let (text, after) = goStringLiteral(rest) else { return .failure(unsupported) }
      indent = text
      rest = after
      skipSpace()
    }
    if rest.hasPrefix("-}}"), let before = template.dropLast(3).last, before == " " || before == "\t" || before == "\n" {
      rest = rest.dropFirst()
    }
    guard take("}}"), rest.isEmpty else { return .failure(unsupported) }
    return .success(.sql(indent: indent))
  }

  /// A Go interpreted (`"…"`, with the common escapes) or raw (`` `…` ``) string literal at the start of the text.
  static func goStringLiteral(_ text: Substring) -> (String, Substring)? {
    guard let quote = text.first else { return nil }
    var value = ""
    var index = text.index(after: text.startIndex)
    while index < text.endIndex {
      let character = text[index]
      if character == quote { return (value, text[text.index(after: index)...]) }
      if quote == "\"", character == "\\" {
        index = text.index(after: index)
        guard index < text.endIndex else { return nil }
        switch text[index] {
        case "t": value.append("\t")
        case "n": value.append("\n")
        case "r": value.append("\r")
        case "\\": value.append("\\")
        case "\"": value.append("\"")
        default: return nil
        }
      } else if quote == "\"", character == "\n" {
        return nil
      } else {
        value.append(character)
      }
      index = text.index(after: index)
    }
    return nil
  }
}

public enum DatabaseInspection {
  /// Inspects the database the URL names and returns the HCL `atlas schema inspect` prints for it.
  /// `control` cancels it from another thread and receives its progress.
  public static func inspect(
    _ request: InspectRequest, control: InspectionControl? = nil
  ) throws(InspectionError) -> String {
    let url = try DatabaseURL.parse(request.url, secrets: request.secrets)
    let options: SQLWriteOptions?
    switch request.format {
    case .hcl: options = nil
    case .sql(let indent):
      switch url.driver {
      case .postgres: options = SQLWriteOptions(dialect: .postgres, schemaScope: url.schema != nil, indent: indent)
      case .mysql, .mariadb: options = SQLWriteOptions(dialect: .mysql, schemaScope: url.schema != nil, indent: indent)
      // SQLite URLs name the `main` schema: always schema scope.
      case .sqlite: options = SQLWriteOptions(dialect: .sqlite, schemaScope: true, indent: indent)
      }
    }
    control?.report(.connecting)
    let realm = try inspectRealm(url, schemas: request.schemas.flatMap { $0.split(separator: ",").map(String.init) },
      exclude: request.exclude, control: control)
    try control?.checkpoint()
    control?.report(.writing)
    do {
      if let options { return try SQLDocumentWriter.write(realm, options: options) }
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
  static func inspectRealm(
    _ url: DatabaseURL, schemas: [String], exclude: [String], control: InspectionControl? = nil
  ) throws(InspectionError) -> Realm {
    switch url.driver {
    case .sqlite:
      try control?.checkpoint()
      return try SQLiteInspector.inspect(url, exclude: exclude)
    case .postgres:
      return try PostgresInspector.inspect(url, schemas: schemas, exclude: exclude, control: control)
    case .mysql, .mariadb:
      return try MySQLInspector.inspect(url, schemas: schemas, exclude: exclude, control: control)
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
