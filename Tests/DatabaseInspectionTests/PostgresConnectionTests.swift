// The libpq connector without a server: Atlas URL → conninfo (decoding, brackets, search_path as an option, the
// default timeout, pass-through parameters) and connection errors that never show the password.
import Foundation
import Testing

@testable import DatabaseInspection

@Suite struct PostgresConnectionTests {
  static func conninfo(_ text: String, environment: [String: String] = [:]) throws -> String {
    PostgresConnection.conninfo(try DatabaseURL.parse(text), environment: environment)
  }

  @Test func decodesCredentialsAndPassesParametersThrough() throws {
    #expect(
      try Self.conninfo("postgres://u%40x:p%2Fw'd@db.example:6543/app?sslmode=verify-full&sslrootcert=/ca.pem")
        == "host='db.example' port='6543' user='u@x' password='p/w\\'d' dbname='app' sslmode='verify-full' "
        + "sslrootcert='/ca.pem' connect_timeout='10'")
  }

  @Test func stripsIPv6BracketsAndKeepsAnExplicitTimeout() throws {
    #expect(
      try Self.conninfo("postgresql://[::1]:5432/db?connect_timeout=3")
        == "host='::1' port='5432' dbname='db' connect_timeout='3' sslmode='require'")
  }

  @Test func searchPathAndOtherSettingsBecomeServerOptions() throws {
    #expect(
      try Self.conninfo("postgres://h/db?search_path=my%20schema&options=-cwork_mem%3D1MB&lock_timeout=5")
        == "host='h' dbname='db' options='-cwork_mem=1MB -csearch_path=my\\\\ schema -clock_timeout=5' "
        + "sslmode='require' connect_timeout='10'")
  }

  @Test func tlsIsRequiredUnlessTheURLOrPGSSLMODESaysOtherwise() throws {
    #expect(try Self.conninfo("postgres://h/db") == "host='h' dbname='db' sslmode='require' connect_timeout='10'")
    #expect(
      try Self.conninfo("postgres://h/db", environment: ["PGSSLMODE": "disable"])
        == "host='h' dbname='db' connect_timeout='10'")
    #expect(
      try Self.conninfo("postgres://h/db?sslmode=disable") == "host='h' dbname='db' sslmode='disable' connect_timeout='10'")
  }

  @Test func connectionErrorsMaskThePassword() throws {
    // Port 1 on loopback refuses at once; the message must name the URL without its password.
    let url = "postgres://user:s3cr%2Fet@127.0.0.1:1/db?connect_timeout=2&sslmode=disable"
    let parsed = try DatabaseURL.parse(url)
    #expect(throws: InspectionError.self) { _ = try PostgresConnection(parsed) }
    do {
      _ = try PostgresConnection(parsed)
    } catch {
      #expect(error.code == .connectionFailed)
      #expect(!error.message.contains("s3cr"))
      #expect(error.message.contains("postgres://user:****@127.0.0.1:1/db"))
    }
  }
}
