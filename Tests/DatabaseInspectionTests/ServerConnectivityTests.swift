// The real database servers of the tests (DESIGN §4, issue 6 acceptance 3) are reachable through the C client
// libraries: PostgreSQL through libpq with TLS in use, MariaDB through Connector/C (with TLS and the server
// certificate checked when the CA file is known). scripts/db-servers.sh starts both on 127.0.0.1 and writes their URLs
// to .build-db/env; scripts/test.sh exports them:
//   MERCATOR_TEST_POSTGRES_URL  postgres://…?sslmode=require
//   MERCATOR_TEST_MARIADB_URL   mysql://…
//   MERCATOR_TEST_DB_CA         the servers' self-signed certificate
// A URL that is not set skips its test with a message outside CI and fails it in CI: never a silent pass.
import CLibPQ
import CMariaDB
import Foundation
import Testing

@testable import DatabaseInspection

enum TestServers {
  static let environment = ProcessInfo.processInfo.environment

  static func value(_ name: String) -> String? {
    guard let value = environment[name], !value.isEmpty else { return nil }
    return value
  }

  static var postgresURL: String? { value("MERCATOR_TEST_POSTGRES_URL") }
  static var mariaDBURL: String? { value("MERCATOR_TEST_MARIADB_URL") }
  static var certificateAuthority: String? { value("MERCATOR_TEST_DB_CA") }

  /// Whether we run in CI (`CI` set to anything but empty, "0" or "false"): a missing server is then a failure.
  static var isCI: Bool {
    guard let value = environment["CI"] else { return false }
    return !["", "0", "false"].contains(value.lowercased())
  }

  /// Records the failure a missing server is in CI (the test only runs without its URL when CI is set).
  static func missing(_ variable: String, sourceLocation: SourceLocation = #_sourceLocation) {
    Issue.record(
      """
      \(variable) is not set and CI is set: the database servers must run in CI (scripts/test.sh runs \
      scripts/db-servers.sh before swift test).
      """, sourceLocation: sourceLocation)
  }
}

@Suite struct ServerConnectivityTests {
  // Skipped (with this message) only outside CI when the URL is missing; in CI the test runs and fails.
  @Test(
    .enabled(
      if: TestServers.postgresURL != nil || TestServers.isCI,
      """
      MERCATOR_TEST_POSTGRES_URL is not set: run `bash scripts/db-servers.sh` and export .build-db/env, \
      or use scripts/test.sh
      """))
  func postgresOverTLSThroughLibpq() throws {
    guard let url = TestServers.postgresURL else { return TestServers.missing("MERCATOR_TEST_POSTGRES_URL") }
    let redacted = DatabaseURL.redact(url)
    guard let connection = PQconnectdb(url) else {
      Issue.record("PQconnectdb returned no connection for \(redacted)")
      return
    }
    defer { PQfinish(connection) }
    guard PQstatus(connection) == CONNECTION_OK else {
      Issue.record("cannot connect to \(redacted): \(Self.message(PQerrorMessage(connection)))")
      return
    }
    #expect(PQsslInUse(connection) == 1, "TLS is not in use on \(redacted)")
    let proto = PQsslAttribute(connection, "protocol").map { String(cString: $0) } ?? "none"
    #expect(proto.hasPrefix("TLS"), "TLS protocol: \(proto)")

    guard let result = PQexec(connection, "select version()") else {
      Issue.record("PQexec returned no result: \(Self.message(PQerrorMessage(connection)))")
      return
    }
    defer { PQclear(result) }
    #expect(PQresultStatus(result) == PGRES_TUPLES_OK, "\(Self.message(PQresultErrorMessage(result)))")
    guard PQntuples(result) == 1, let cell = PQgetvalue(result, 0, 0) else {
      Issue.record("select version() gave \(PQntuples(result)) rows")
      return
    }
    let version = String(cString: cell)
    #expect(version.hasPrefix("PostgreSQL "), "version(): \(version)")
  }

  @Test(
    .enabled(
      if: TestServers.mariaDBURL != nil || TestServers.isCI,
      """
      MERCATOR_TEST_MARIADB_URL is not set: run `bash scripts/db-servers.sh` and export .build-db/env, \
      or use scripts/test.sh
      """))
  func mariaDBThroughConnectorC() throws {
    guard let text = TestServers.mariaDBURL else { return TestServers.missing("MERCATOR_TEST_MARIADB_URL") }
    // Connector/C has no URL parser: the parts (password percent-decoded) come from ours.
    let url = try DatabaseURL.parse(text)
    guard let mysql = mysql_init(nil) else {
      Issue.record("mysql_init failed")
      return
    }
    defer { mysql_close(mysql) }
    if let ca = TestServers.certificateAuthority {
      #expect(mysql_options(mysql, MYSQL_OPT_SSL_CA, ca) == 0)
      var verify: my_bool = 1
      #expect(mysql_options(mysql, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify) == 0)
    }
    let port = UInt32(url.port ?? 3306)
    guard
      mysql_real_connect(mysql, url.host, url.user, url.password, url.database, port, nil, 0) != nil
    else {
      Issue.record("cannot connect to \(url.redacted): \(Self.message(mysql_error(mysql)))")
      return
    }
    if TestServers.certificateAuthority != nil {
      #expect(mysql_get_ssl_cipher(mysql) != nil, "TLS is not in use on \(url.redacted)")
    }
    #expect(mysql_query(mysql, "select version()") == 0, "\(Self.message(mysql_error(mysql)))")
    guard let result = mysql_store_result(mysql) else {
      Issue.record("select version() gave no result: \(Self.message(mysql_error(mysql)))")
      return
    }
    defer { mysql_free_result(result) }
    guard let row = mysql_fetch_row(result), let cell = row[0] else {
      Issue.record("select version() gave no row")
      return
    }
    let version = String(cString: cell)
    #expect(version.contains("MariaDB"), "version(): \(version)")
  }

  private static func message(_ text: UnsafePointer<CChar>?) -> String {
    text.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "(no message)"
  }
}
