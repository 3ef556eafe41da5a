// MySQL/MariaDB against Atlas's own inspect goldens (../shared/conformance/atlas-inspect/my-*.txtar) on the test
// MariaDB: each runnable expected output gets its setup's databases created fresh, an inspection with the case's
// scope, and a byte-for-byte comparison. Prints the true pass count and every failing or unrunnable output with why.
import Foundation
import Testing

@testable import DatabaseInspection

@Suite(.serialized) struct MySQLConformanceTests {
  static let folder = PostgresConformanceTests.folder

  /// Outputs known not to match yet, with why. The run fails when one starts passing or an unlisted one fails.
  static let knownFailures: [String: String] = [:]

  @Test func serverIsConfiguredInCI() {
    if TestServers.isCI && TestServers.mariaDBURL == nil { TestServers.missing("MERCATOR_TEST_MARIADB_URL") }
  }

  @Test(
    .enabled(
      if: TestServers.mariaDBURL != nil,
      "MERCATOR_TEST_MARIADB_URL is not set: run `bash scripts/db-servers.sh start && source .build-db/env` first"))
  func atlasGoldens() throws {
    let server = try #require(TestServers.mariaDBURL)
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
      .filter { $0.hasPrefix("my-") && $0.hasSuffix(".txtar") }.sorted()
    #expect(!names.isEmpty, "no my-*.txtar in \(Self.folder.path)")
    let admin = try Self.connect(server)
    let defaults = try admin.rows("SELECT @@character_set_server, @@collation_server").first
    let charset = try #require(defaults?[0])
    let collation = try #require(defaults?[1])
    var report = ConformanceReport()
    for name in names {
      let file = SectionFile(try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8))
      let caseName = String(name.dropLast(".txtar".count))
      let runsOn = file.header.split(separator: "\n").first { $0.hasPrefix("runs on:") } ?? ""
      for section in file.sections where section.name.hasPrefix("expected") {
        let id = caseName + "/" + section.name
        // "runs on: mysql8 only" (no MariaDB named) or a MySQL-8-specific output.
        if runsOn.contains("mysql8") && !runsOn.contains("maria") || section.name.contains("mysql8") {
          report.notRun.append((id, "MySQL 8 only; the test servers have MariaDB 10.11 and no MySQL 8"))
          continue
        }
        // HCL, or SQL DDL for an output whose header gives Atlas's `--format '{{ sql . … }}'`.
        guard let format = goldenFormat(for: section.name, header: file.header),
          section.name.hasSuffix(".hcl") || format != .hcl
        else {
          report.notRun.append((id, "neither HCL nor a --format template mercator inspect accepts"))
          continue
        }
        do {
          let (actual, schema) = try Self.run(file, case: caseName, server: server, admin: admin, format: format)
          let expected = PostgresConformanceTests.oneTrailingNewline(section.text)
            .replacingOccurrences(of: "$db", with: schema ?? "")
            .replacingOccurrences(of: "$charset", with: charset).replacingOccurrences(of: "$collate", with: collation)
          if actual == expected { report.passed.append(id) } else {
            report.failed.append((id, PostgresConformanceTests.difference(expected, actual)))
          }
        } catch {
          report.failed.append((id, "\(error)"))
        }
      }
    }
    report.finish("MySQL/MariaDB inspect conformance (MariaDB)", knownFailures: Self.knownFailures, showingRunnable: true)
  }

  /// The SQL writer checked by MariaDB itself: each runnable case's schema, printed as SQL, applied to emptied
  /// databases of the same names and inspected again, gives the same HCL.
  @Test(.enabled(if: TestServers.mariaDBURL != nil, "MERCATOR_TEST_MARIADB_URL is not set"))
  func sqlOutputRoundTrips() throws {
    let server = try #require(TestServers.mariaDBURL)
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
      .filter { $0.hasPrefix("my-") && $0.hasSuffix(".txtar") }.sorted()
    let admin = try Self.connect(server)
    var report = ConformanceReport()
    for name in names {
      let file = SectionFile(try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8))
      let caseName = String(name.dropLast(".txtar".count))
      let runsOn = file.header.split(separator: "\n").first { $0.hasPrefix("runs on:") } ?? ""
      guard !(runsOn.contains("mysql8") && !runsOn.contains("maria")),
        file.sections.contains(where: { $0.name == "expected.hcl" })
      else { continue }
      let id = caseName + "/expected.hcl"
      do {
        let (hcl, _) = try Self.run(file, case: caseName, server: server, admin: admin)
        let (sql, _) = try Self.run(file, case: caseName, server: server, admin: admin, format: .sql(indent: "  "))
        let setup = try #require(file["setup.sql"])
        let databases = Self.createdDatabases(setup)
        for database in databases.reversed() { try admin.execute("DROP DATABASE IF EXISTS `\(database)`") }
        defer { for database in databases.reversed() { try? admin.execute("DROP DATABASE IF EXISTS `\(database)`") } }
        let scope = file.header.split(separator: "\n").first { $0.hasPrefix("scope:") } ?? ""
        let again: String
        if let restricted = scope.range(of: "restricted to schemas ") {
          // Realm scope: the SQL creates the databases itself.
          try Self.connect(server).execute(sql)
          let schemas = String(scope[restricted.upperBound...].prefix { !$0.isWhitespace && $0 != ":" })
          let url = PostgresConformanceTests.replacingDatabase(in: server, with: "")
          again = try DatabaseInspection.inspect(InspectRequest(url: url, schemas: [schemas]))
        } else {
          let schema = try #require(databases.first)
          try admin.execute("CREATE DATABASE `\(schema)`")
          let url = PostgresConformanceTests.replacingDatabase(in: server, with: schema)
          try Self.connect(url).execute(sql)
          again = try DatabaseInspection.inspect(InspectRequest(url: url))
        }
        if again == hcl { report.passed.append(id) } else {
          report.failed.append((id, PostgresConformanceTests.difference(hcl, again)))
        }
      } catch {
        report.failed.append((id, "\(error)"))
      }
    }
    report.finish("MariaDB SQL output round trip", knownFailures: [:])
  }

  /// Atlas's batching: 7 round trips for one schema (variables, schemas, tables, then columns, indexes, foreign
  /// keys, checks with every table bound), whether it holds 1 table or 60.
  @Test(.enabled(if: TestServers.mariaDBURL != nil || TestServers.isCI, "MERCATOR_TEST_MARIADB_URL is not set"))
  func roundTripsDoNotGrowWithTables() throws {
    let server = try #require(TestServers.mariaDBURL)
    let admin = try Self.connect(server)
    var counts: [Int] = []
    for tables in [1, 60] {
      let database = "mercator_roundtrips_\(tables)"
      try admin.execute("DROP DATABASE IF EXISTS \(database); CREATE DATABASE \(database)")
      defer { try? admin.execute("DROP DATABASE IF EXISTS \(database)") }
      let script = (0..<tables).map { index in
        "CREATE TABLE \(database).t\(index) (id int PRIMARY KEY, v varchar(9) UNIQUE CHECK (v <> ''), "
          + "p int REFERENCES \(database).t\(index) (id));"
      }.joined(separator: "\n")
      try admin.execute(script)
      let url = try DatabaseURL.parse(PostgresConformanceTests.replacingDatabase(in: server, with: database))
      let connection = try MySQLConnection(url, certificateAuthority: TestServers.certificateAuthority)
      let realm = try MySQLInspector.inspect(connection, url: url, schemas: [], exclude: [])
      #expect(realm.schemas.first?.tables.count == tables)
      counts.append(connection.queryCount)
    }
    #expect(counts == [7, 7])
  }

  static func connect(_ text: String) throws -> MySQLConnection {
    try MySQLConnection(DatabaseURL.parse(text), certificateAuthority: TestServers.certificateAuthority)
  }

  /// Drops and creates the setup's databases, runs the setup, inspects with the header's scope. Returns the output
  /// and the schema name `$db` stands for.
  static func run(
    _ file: SectionFile, case caseName: String, server: String, admin: MySQLConnection, format: InspectFormat = .hcl
  ) throws -> (String, String?) {
    let setup = try #require(file["setup.sql"], "\(caseName) has no setup.sql")
    let databases = createdDatabases(setup)
    // Dropped in reverse order: a later database may hold foreign keys into an earlier one (my-10).
    for database in databases.reversed() { try admin.execute("DROP DATABASE IF EXISTS `\(database)`") }
    defer {
      for database in databases.reversed() {
        do { try admin.execute("DROP DATABASE IF EXISTS `\(database)`") } catch { Issue.record("cleanup: \(error)") }
      }
    }
    // A connection of its own: the setup's USE must not move the admin connection.
    try connect(server).execute(setup)
    let scope = file.header.split(separator: "\n").first { $0.hasPrefix("scope:") } ?? ""
    if let restricted = scope.range(of: "restricted to schemas ") {
      let schemas = String(scope[restricted.upperBound...].prefix { !$0.isWhitespace && $0 != ":" })
      let url = PostgresConformanceTests.replacingDatabase(in: server, with: "")
      return (try DatabaseInspection.inspect(InspectRequest(url: url, schemas: [schemas], format: format)), nil)
    }
    let schema = try #require(databases.first, "\(caseName): schema scope but no CREATE DATABASE in the setup")
    let url = PostgresConformanceTests.replacingDatabase(in: server, with: schema)
    return (try DatabaseInspection.inspect(InspectRequest(url: url, format: format)), schema)
  }

  static func createdDatabases(_ setup: String) -> [String] {
    setup.components(separatedBy: "CREATE DATABASE ").dropFirst().map { String($0.prefix { $0 != ";" && !$0.isWhitespace }) }
  }
}
