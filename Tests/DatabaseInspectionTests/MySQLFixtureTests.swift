// Our own MySQL/MariaDB cases (Tests/Fixtures/inspect/mysql/*.txtar) against the test MariaDB, for what no Atlas
// golden pins: the setup's `CREATE DATABASE mercator_fx_…` databases are dropped and created, the first one is
// inspected in schema scope (`scope: schema`) or the server in realm scope restricted to them (`scope: realm`), and
// the output is compared with `-- expected.hcl --` byte for byte (UPDATE_GOLDEN=1 rewrites it). Each setup names its
// database's charset and collation, so no output depends on the server's defaults.
import Foundation
import Testing

@testable import DatabaseInspection

@Suite(.serialized) struct MySQLFixtureTests {
  static let cases = Fixtures.files("mysql", extension: "txtar")

  @Test func thereAreCases() { #expect(Self.cases.count >= 6) }

  @Test(
    .enabled(
      if: TestServers.mariaDBURL != nil || TestServers.isCI,
      "MERCATOR_TEST_MARIADB_URL is not set: run `bash scripts/db-servers.sh start` and source .build-db/env"),
    arguments: cases)
  func inspects(_ url: URL) throws {
    guard let server = TestServers.mariaDBURL else { return TestServers.missing("MERCATOR_TEST_MARIADB_URL") }
    let file = SectionFile(try String(contentsOf: url, encoding: .utf8))
    let setup = try #require(file["setup.sql"], "\(url.lastPathComponent) needs a -- setup.sql -- section")
    let databases = MySQLConformanceTests.createdDatabases(setup)
    try #require(
      !databases.isEmpty && databases.allSatisfy { $0.hasPrefix("mercator_fx_") },
      "\(url.lastPathComponent): the setup must create its databases, named mercator_fx_…")
    let admin = try MySQLConformanceTests.connect(server)
    for database in databases.reversed() { try admin.execute("DROP DATABASE IF EXISTS `\(database)`") }
    defer {
      for database in databases.reversed() {
        do { try admin.execute("DROP DATABASE IF EXISTS `\(database)`") } catch { Issue.record("cleanup: \(error)") }
      }
    }
    // A connection of its own: the setup's USE must not move the admin connection.
    try MySQLConformanceTests.connect(server).execute(setup)
    let scope = file.header.split(separator: "\n").first { $0.hasPrefix("scope:") } ?? ""
    let request =
      scope.contains("realm")
      ? InspectRequest(url: PostgresConformanceTests.replacingDatabase(in: server, with: ""), schemas: databases)
      : InspectRequest(url: PostgresConformanceTests.replacingDatabase(in: server, with: databases[0]))
    let output: String
    do {
      output = try DatabaseInspection.inspect(request)
    } catch {
      output = "error: \(error.message)\n"
    }
    try checkSection(output, "expected.hcl", in: url)
  }
}
