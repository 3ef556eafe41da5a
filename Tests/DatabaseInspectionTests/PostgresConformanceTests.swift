// PostgreSQL against Atlas's own inspect goldens (../shared/conformance/atlas-inspect/pg-*.txtar): each expected
// output gets a fresh database, its setup script, an inspection with the case's scope and flags, and a byte-for-byte
// comparison. The run prints the true pass count and every failing or unrunnable output with its reason.
import Foundation
import Testing

@testable import DatabaseInspection

@Suite(.serialized) struct PostgresConformanceTests {
  static let environment = ProcessInfo.processInfo.environment
  static let serverURL = environment["MERCATOR_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("../shared/conformance/atlas-inspect").standardized

  /// Outputs known not to match yet, with why. The run fails when one of them starts passing (so the list stays
  /// true) or when an output not listed fails.
  static let knownFailures: [String: String] = [:]

  /// Outputs that cannot be produced by this inspector at all, reported as unrunnable.
  static let unrunnable: [String: String] = [:]

  @Test func serverIsConfiguredInCI() {
    let inCI = Self.environment["CI"].map { !$0.isEmpty } ?? false
    if inCI && Self.serverURL == nil {
      Issue.record("CI is set but MERCATOR_TEST_POSTGRES_URL is not: run scripts/db-servers.sh and source .build-db/env")
    }
  }

  @Test(
    .enabled(
      if: serverURL != nil,
      "MERCATOR_TEST_POSTGRES_URL is not set: run `bash scripts/db-servers.sh && source .build-db/env` first"))
  func atlasGoldens() throws {
    let server = try #require(Self.serverURL)
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
      .filter { $0.hasPrefix("pg-") && $0.hasSuffix(".txtar") }.sorted()
    #expect(!names.isEmpty, "no pg-*.txtar in \(Self.folder.path)")
    let admin = try PostgresConnection(DatabaseURL.parse(server))
    var report = ConformanceReport()
    for name in names {
      let file = SectionFile(try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8))
      let caseName = String(name.dropLast(".txtar".count))
      for section in file.sections where section.name.hasPrefix("expected") {
        let id = caseName + "/" + section.name
        if let reason = Self.unrunnable[id] {
          report.notRun.append((id, reason))
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
          let actual = try Self.run(
            file, expected: section.name, case: caseName, server: server, admin: admin, format: format)
          let expected = Self.oneTrailingNewline(section.text)
          if actual == expected { report.passed.append(id) } else { report.failed.append((id, Self.difference(expected, actual))) }
        } catch {
          report.failed.append((id, "\(error)"))
        }
      }
    }
    report.finish("PostgreSQL inspect conformance", knownFailures: Self.knownFailures)
  }

  /// The SQL writer checked by PostgreSQL itself: each golden case's schema, printed as SQL, applied to an empty
  /// database and inspected again, gives the same HCL. Outputs inspected with flags are skipped (an excluded table
  /// can still be referenced), and so are the cases whose SQL Atlas itself cannot apply.
  @Test(.enabled(if: serverURL != nil, "MERCATOR_TEST_POSTGRES_URL is not set"))
  func sqlOutputRoundTrips() throws {
    let server = try #require(Self.serverURL)
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
      .filter { $0.hasPrefix("pg-") && $0.hasSuffix(".txtar") }.sorted()
    let admin = try PostgresConnection(DatabaseURL.parse(server))
    var report = ConformanceReport()
    for name in names {
      let file = SectionFile(try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8))
      let caseName = String(name.dropLast(".txtar".count))
      for section in file.sections where section.name.hasPrefix("expected") && section.name.hasSuffix(".hcl") {
        let id = caseName + "/" + section.name
        let flags = Self.arguments(for: section.name, header: file.header)
        guard flags.exclude.isEmpty, flags.schemas.isEmpty else { continue }
        if let reason = Self.roundTripExceptions[caseName] {
          report.notRun.append((id, reason))
          continue
        }
        do {
          let hcl = try Self.run(file, expected: section.name, case: caseName, server: server, admin: admin)
          let sql = try Self.run(
            file, expected: section.name, case: caseName, server: server, admin: admin, format: .sql(indent: "  "))
          let again = try Self.apply(sql, like: file, case: caseName, server: server, admin: admin)
          if again == hcl { report.passed.append(id) } else { report.failed.append((id, Self.difference(hcl, again))) }
        } catch {
          report.failed.append((id, "\(error)"))
        }
      }
    }
    report.finish("PostgreSQL SQL output round trip", knownFailures: [:])
  }

  /// Cases whose SQL cannot be applied as Atlas prints it (it would fail the same way).
  static let roundTripExceptions: [String: String] = [
    "pg-04-column-domain-type": "the domain is Pro-only: the open-source plan uses it without creating it"
  ]

  /// Applies SQL to a fresh database in the case's scope (its schema created first in schema scope, as Atlas's SQL
  /// assumes) and inspects it as the case does.
  static func apply(
    _ sql: String, like file: SectionFile, case caseName: String, server: String, admin: PostgresConnection
  ) throws -> String {
    let database = databaseName(caseName + "_rt")
    try admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
    try admin.execute("CREATE DATABASE \(database)")
    defer { try? admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
    let databaseURL = replacingDatabase(in: server, with: database)
    let scope = file.header.split(separator: "\n").first { $0.hasPrefix("scope:") } ?? ""
    var url = databaseURL
    if scope.contains("SCHEMA"), let schema = createdSchema(try #require(file["setup.sql"])) {
      try PostgresConnection(DatabaseURL.parse(databaseURL)).execute("CREATE SCHEMA \(schema)")
      url += (url.contains("?") ? "&" : "?") + "search_path=" + schema
    }
    var schemas: [String] = []
    if let restricted = scope.range(of: "restricted to schemas ") {
      schemas = [String(scope[restricted.upperBound...].prefix { !$0.isWhitespace && $0 != "." })]
    }
    try PostgresConnection(DatabaseURL.parse(url)).execute(sql)
    return try DatabaseInspection.inspect(InspectRequest(url: url, schemas: schemas))
  }

  /// Atlas's batching: 7 round trips for one schema (schemas, enums, tables, then columns, indexes, foreign keys,
  /// checks with every table bound), whether it holds 1 table or 60.
  @Test(.enabled(if: serverURL != nil || TestServers.isCI, "MERCATOR_TEST_POSTGRES_URL is not set"))
  func roundTripsDoNotGrowWithTables() throws {
    let server = try #require(Self.serverURL)
    let admin = try PostgresConnection(DatabaseURL.parse(server))
    var counts: [Int] = []
    for tables in [1, 60] {
      let database = Self.databaseName("roundtrips_\(tables)")
      try admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
      try admin.execute("CREATE DATABASE \(database)")
      defer { try? admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
      let databaseURL = Self.replacingDatabase(in: server, with: database)
      let url = try DatabaseURL.parse(databaseURL + (databaseURL.contains("?") ? "&" : "?") + "search_path=s")
      let script = (0..<tables).map { index in
        "CREATE TABLE s.t\(index) (id int PRIMARY KEY, v text UNIQUE CHECK (v <> ''), "
          + "p int REFERENCES s.t\(index) (id)); CREATE INDEX t\(index)_v ON s.t\(index) (lower(v));"
      }.joined(separator: "\n")
      try PostgresConnection(DatabaseURL.parse(databaseURL)).execute("CREATE SCHEMA s;\n" + script)
      let connection = try PostgresConnection(url)
      let realm = try PostgresInspector.inspect(connection, url: url, schemas: [], exclude: [])
      #expect(realm.schemas.first?.tables.count == tables)
      counts.append(connection.queryCount)
    }
    #expect(counts == [7, 7])
  }

  // MARK: - One output

  /// Creates the case's database, applies its setup, inspects with the scope and flags of the header.
  static func run(
    _ file: SectionFile, expected: String, case caseName: String, server: String, admin: PostgresConnection,
    format: InspectFormat = .hcl
  ) throws -> String {
    // `expected.state2.hcl` → `.state2`, `expected.sql-format.sql` → `.sql-format`.
    let variant = expected.dropFirst("expected".count).dropLast(".hcl".count)
    let state = variant.hasPrefix(".state") ? String(variant.dropFirst()) : nil
    let setupName = state.map { "setup.\($0).sql" } ?? "setup.sql"
    let setup = try #require(file[setupName], "\(caseName) has no \(setupName)")
    let flags = arguments(for: expected, header: file.header)
    let database = databaseName(caseName + String(variant))
    try admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
    try admin.execute("CREATE DATABASE \(database)")
    defer { try? admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
    let databaseURL = replacingDatabase(in: server, with: database)
    do {
      let connection = try PostgresConnection(DatabaseURL.parse(databaseURL))
      try connection.execute(setup)
    }
    var url = databaseURL
    var schemas = flags.schemas
    let scope = file.header.split(separator: "\n").first { $0.hasPrefix("scope:") } ?? ""
    if scope.contains("SCHEMA") {
      let schema = try #require(createdSchema(setup), "\(caseName): schema scope but no CREATE SCHEMA in the setup")
      url += (url.contains("?") ? "&" : "?") + "search_path=" + schema
    } else if let restricted = scope.range(of: "restricted to schemas ") {
      schemas += [String(scope[restricted.upperBound...].prefix { !$0.isWhitespace && $0 != "." })]
    }
    return try DatabaseInspection.inspect(
      InspectRequest(url: url, schemas: schemas, exclude: flags.exclude, format: format))
  }

  /// The `args:` the header's `sections:` list gives for an output: `--exclude "x"`, `--schema a,b`.
  static func arguments(for section: String, header: String) -> (exclude: [String], schemas: [String]) {
    guard let line = header.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(section + ":") }),
      let args = line.range(of: "args:")
    else { return ([], []) }
    var words: [String] = []
    var current = ""
    var quoted = false
    for character in line[args.upperBound...] {
      if character == "\"" { quoted.toggle() } else if character == " " && !quoted {
        if !current.isEmpty { words.append(current) }
        current = ""
      } else {
        current.append(character)
      }
    }
    if !current.isEmpty { words.append(current) }
    var exclude: [String] = []
    var schemas: [String] = []
    var index = 0
    while index + 1 < words.count {
      switch words[index] {
      case "--exclude": exclude.append(words[index + 1])
      case "--schema", "-s": schemas.append(words[index + 1])
      default: break
      }
      index += 2
    }
    return (exclude, schemas)
  }

  static func createdSchema(_ setup: String) -> String? {
    guard let range = setup.range(of: "CREATE SCHEMA ") else { return nil }
    return String(setup[range.upperBound...].prefix { $0 != ";" && !$0.isWhitespace })
  }

  /// A lower-case identifier unique per output, within PostgreSQL's 63 bytes.
  static func databaseName(_ id: String) -> String {
    let cleaned = id.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
    return "mercator_conf_" + String(String(cleaned).prefix(45))
  }

  static func replacingDatabase(in url: String, with database: String) -> String {
    let query = url.firstIndex(of: "?").map { String(url[$0...]) } ?? ""
    let base = url.firstIndex(of: "?").map { String(url[..<$0]) } ?? url
    guard let scheme = base.range(of: "://"), let slash = base[scheme.upperBound...].firstIndex(of: "/") else {
      return base + "/" + database + query
    }
    return String(base[..<slash]) + "/" + database + query
  }

  /// Atlas prints exactly one trailing newline; some txtar sections carry an extra blank line.
  static func oneTrailingNewline(_ text: String) -> String {
    var trimmed = Substring(text)
    while trimmed.hasSuffix("\n") { trimmed = trimmed.dropLast() }
    return trimmed + "\n"
  }

  /// The first differing line, for the report.
  static func difference(_ expected: String, _ actual: String) -> String {
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(want.count, got.count) {
      let w = index < want.count ? String(want[index]) : "<end>"
      let g = index < got.count ? String(got[index]) : "<end>"
      if w != g { return "line \(index + 1): expected \(HCLText.goQuoted(w)), got \(HCLText.goQuoted(g))" }
    }
    return "outputs differ"
  }
}
