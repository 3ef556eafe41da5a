// Our own PostgreSQL cases (Tests/Fixtures/inspect/postgres/*.txtar) against the test server, for what no Atlas golden
// pins: each case gets a fresh database, its `-- setup.sql --`, an inspection with the header's `scope:` line, and a
// byte-for-byte comparison with `-- expected.hcl --` (UPDATE_GOLDEN=1 rewrites it). Headers name the Atlas source
// that justifies each expected shape.
import Foundation
import Testing

@testable import DatabaseInspection

@Suite(.serialized) struct PostgresFixtureTests {
  static let cases = Fixtures.files("postgres", extension: "txtar")

  @Test func thereAreCases() { #expect(Self.cases.count >= 8) }

  @Test(
    .enabled(
      if: TestServers.postgresURL != nil || TestServers.isCI,
      "MERCATOR_TEST_POSTGRES_URL is not set: run `bash scripts/db-servers.sh start` and source .build-db/env"),
    arguments: cases)
  func inspects(_ url: URL) throws {
    guard let server = TestServers.postgresURL else { return TestServers.missing("MERCATOR_TEST_POSTGRES_URL") }
    let file = SectionFile(try String(contentsOf: url, encoding: .utf8))
    let setup = try #require(file["setup.sql"], "\(url.lastPathComponent) needs a -- setup.sql -- section")
    let caseName = url.deletingPathExtension().lastPathComponent
    let database = "mercator_fx_pg_" + String(caseName.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }.prefix(40))
    let admin = try PostgresConnection(DatabaseURL.parse(server))
    try admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
    try admin.execute("CREATE DATABASE \(database)")
    defer { try? admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
    let databaseURL = PostgresConformanceTests.replacingDatabase(in: server, with: database)
    try PostgresConnection(DatabaseURL.parse(databaseURL)).execute(setup)

    // `scope: schema NAME` (search_path=NAME), `scope: realm`, or `scope: realm --schema a,b`.
    let scope = try #require(
      file.header.split(separator: "\n").first { $0.hasPrefix("scope:") }, "\(caseName) has no scope: line")
    let words = scope.dropFirst("scope:".count).split(separator: " ").map(String.init)
    var inspectURL = databaseURL
    var schemas: [String] = []
    switch words.first {
    case "schema":
      let schema = try #require(words.dropFirst().first, "\(caseName): scope: schema needs a name")
      inspectURL += (inspectURL.contains("?") ? "&" : "?") + "search_path=" + schema
    case "realm":
      if words.count == 3, words[1] == "--schema" { schemas = [words[2]] }
    default:
      Issue.record("\(caseName): unknown scope \(scope)")
      return
    }
    let output: String
    do {
      output = try DatabaseInspection.inspect(InspectRequest(url: inspectURL, schemas: schemas))
    } catch {
      // The message ends with the URL in parentheses, whose port and database vary: cut it.
      let message = error.message.range(of: " (postgres://", options: .backwards).map { error.message[..<$0.lowerBound] }
      output = "error: \(message ?? Substring(error.message))\n"
    }
    try checkSection(output, "expected.hcl", in: url)
  }
}
