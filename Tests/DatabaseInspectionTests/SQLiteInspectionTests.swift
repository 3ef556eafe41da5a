// SQLite end to end: each Tests/Fixtures/inspect/sqlite/*.txtar is applied to a fresh database file in a temporary
// folder (`-- setup.sql --`), inspected through a `sqlite://` URL with the case's flags (`-- flags --`: one
// `--exclude GLOB` per line), and compared with `-- expected.hcl --` byte for byte. Headers say where each
// expectation comes from. The same inspection printed as SQL (`--format '{{ sql . "  " }}'`) is compared with
// `-- expected.sql --`, and must build, in an empty database, a schema that inspects to the same HCL.
import CSQLite
import Foundation
import Testing

@testable import DatabaseInspection

@Suite struct SQLiteInspectionTests {
  static let cases = Fixtures.files("sqlite", extension: "txtar")

  @Test func thereAreCases() { #expect(Self.cases.count >= 15) }

  @Test(arguments: cases) func inspects(_ url: URL) throws {
    let file = SectionFile(try String(contentsOf: url, encoding: .utf8))
    let setup = try #require(file["setup.sql"], "\(url.lastPathComponent) needs a -- setup.sql -- section")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mercator-sqlite-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let database = folder.appendingPathComponent("test.db").path
    try execute(setup, in: database)
    var exclude: [String] = []
    for line in (file["flags"] ?? "").split(separator: "\n") where line.hasPrefix("--exclude ") {
      exclude.append(String(line.dropFirst("--exclude ".count)))
    }
    let output: String
    do {
      output = try DatabaseInspection.inspect(InspectRequest(url: "sqlite://" + database, exclude: exclude))
    } catch {
      output = "error: \(error.message.replacingOccurrences(of: database, with: "TEST.DB"))\n"
    }
    try checkSection(output, "expected.hcl", in: url)
    guard !output.hasPrefix("error:") else { return }
    let sql = try DatabaseInspection.inspect(
      InspectRequest(url: "sqlite://" + database, exclude: exclude, format: .sql(indent: "  ")))
    // An empty plan prints nothing; the golden section says so in words (an empty section cannot be told apart).
    try checkSection(sql.isEmpty ? "(no statements)\n" : sql, "expected.sql", in: url)
    // Atlas's SQLite SQL loses some facts on purpose (sizes, automatic index names, …): such a case says why in a
    // `-- sql-round-trip --` section, and must then really not round trip (so the section stays true).
    let rebuilt = folder.appendingPathComponent("rebuilt.db").path
    let again: String
    do {
      try execute(sql, in: rebuilt)
      again = try DatabaseInspection.inspect(InspectRequest(url: "sqlite://" + rebuilt, exclude: exclude))
    } catch {
      again = "error: \(error)"
    }
    if file["sql-round-trip"] == nil {
      #expect(
        again == output,
        "\(url.lastPathComponent): the SQL output does not rebuild the schema: \(PostgresConformanceTests.difference(output, again))")
    } else {
      #expect(again != output, "\(url.lastPathComponent) round trips now: remove its -- sql-round-trip -- section")
    }
  }

  @Test func patternsCompile() {
    for pattern in Pattern.all { #expect(pattern != nil) }
  }

  @Test func aMissingFileIsAnErrorNotANewFile() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("mercator-missing-\(UUID().uuidString).db")
      .path
    #expect(throws: InspectionError.self) { try DatabaseInspection.inspect(InspectRequest(url: "sqlite://" + path)) }
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func memoryDatabasesAreEmpty() throws {
    let output = try DatabaseInspection.inspect(InspectRequest(url: "sqlite://file?mode=memory&_fk=1"))
    #expect(output == "schema \"main\" {\n}\n")
  }

  func execute(_ sql: String, in path: String) throws {
    var handle: OpaquePointer?
    guard sqlite3_open(path, &handle) == SQLITE_OK, let handle else { throw SetupError(message: "cannot open \(path)") }
    defer { sqlite3_close(handle) }
    var error: UnsafeMutablePointer<CChar>?
    if sqlite3_exec(handle, sql, nil, nil, &error) != SQLITE_OK {
      let message = error.map { String(cString: $0) } ?? "unknown error"
      sqlite3_free(error)
      throw SetupError(message: message)
    }
  }

  struct SetupError: Error { var message: String }
}
