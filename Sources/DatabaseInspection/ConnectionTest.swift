// A connection test: connect, ask the server its version in one round trip, and time both; what the Test connection
// lens reports. Uses the same connectors (and so the same TLS and masking rules) as inspection.
import Foundation

/// What a successful connection test learned.
public struct ConnectionTestResult: Sendable {
  public var driver: DatabaseURL.Driver
  public var serverVersion: String
  /// Connecting, TLS and authentication included.
  public var connectTime: Duration
  /// One query's round trip once connected.
  public var roundTrip: Duration
  /// The URL with every secret masked, for the report.
  public var redactedURL: String
}

extension DatabaseInspection {
  /// Connects to the database of `url` and runs one query; `secrets` are masked in errors as in `inspect`.
  public static func testConnection(
    url text: String, secrets: [String] = [], control: InspectionControl? = nil
  ) throws(InspectionError) -> ConnectionTestResult {
    let url = try DatabaseURL.parse(text, secrets: secrets)
    let clock = ContinuousClock()
    let start = clock.now
    control?.report(.connecting)
    let version: String
    var connected = start
    var queried = start
    switch url.driver {
    case .postgres:
      let connection = try PostgresConnection(url, control: control)
      connected = clock.now
      version = try connection.rows("SHOW server_version").first?[0] ?? "unknown"
      queried = clock.now
    case .mysql, .mariadb:
      try control?.checkpoint()
      let connection = try MySQLConnection(url)
      connection.control = control
      connected = clock.now
      version = try connection.rows("SELECT @@version").first?[0] ?? "unknown"
      queried = clock.now
    case .sqlite:
      guard let target = url.sqliteTarget else { throw InspectionError(.invalidURL, "not an SQLite URL", url: url) }
      let connection = try SQLiteConnection(target)
      connected = clock.now
      // The file is only opened lazily: reading the schema is what proves it is a database.
      _ = try connection.rows("SELECT count(*) FROM sqlite_master")
      queried = clock.now
      version = SQLiteConnection.libraryVersion + " (library)"
    }
    return ConnectionTestResult(
      driver: url.driver, serverVersion: version, connectTime: connected - start, roundTrip: queried - connected,
      redactedURL: url.redacted)
  }
}
