// `mercator inspect --format` through the built binary: Atlas's SQL templates print DDL (checked on a SQLite file and
// on a PostgreSQL database this test builds), any other template is refused with exit 1 and a message naming the
// supported ones.
import CSQLite
import Foundation
import Testing

@testable import DatabaseInspection

@Suite(.serialized) struct InspectFormatCommandTests {
  struct Run {
    var status: Int32
    var output: String
    var errors: String
  }

  /// The `mercator` binary the test build produced, next to the test bundle or a few folders up.
  static var binary: URL? {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("mercator")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return nil
  }

  static func run(_ arguments: [String]) throws -> Run {
    guard let binary else {
      Issue.record("mercator binary not found beside \(CommandLine.arguments[0]); build it first")
      return Run(status: -1, output: "", errors: "")
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = ["inspect"] + arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
      errors: String(decoding: err, as: UTF8.self))
  }

  /// Templates we do not run exit 1 before connecting (the URL names no reachable database) and say what works.
  @Test func otherTemplatesAreRefused() throws {
    for template in ["{{ json . }}", "{{ sql . \"  \" \"x\" }}", "{{ mermaid . }}", "sql", "{{ sql . }}\n{{ json . }}"] {
      let run = try Self.run(["--url", "postgres://u:secret@127.0.0.1:1/db", "--format", template])
      #expect(run.status == 1, "\(template): \(run.errors)")
      #expect(run.output.isEmpty)
      #expect(run.errors.contains("unsupported --format template"), "\(run.errors)")
      #expect(run.errors.contains(#"supported are {{ sql . }} and {{ sql . "INDENT" }}"#), "\(run.errors)")
      #expect(!run.errors.contains("secret"))
    }
  }

  /// Without a server: a SQLite file, printed with both templates, and as HCL without --format.
  @Test func sqlTemplatesOnSQLite() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mercator-format-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("app.db").path
    var handle: OpaquePointer?
    guard sqlite3_open(path, &handle) == SQLITE_OK, let handle else {
      Issue.record("cannot create \(path)")
      return
    }
    let created = sqlite3_exec(
      handle,
      """
      CREATE TABLE users (id integer PRIMARY KEY AUTOINCREMENT, name varchar(20) NOT NULL DEFAULT 'x');
      CREATE INDEX users_name ON users (name DESC) WHERE name <> '';
      """, nil, nil, nil)
    sqlite3_close(handle)
    #expect(created == SQLITE_OK)
    // SQLite reports an INTEGER PRIMARY KEY column as nullable, so Atlas writes `NULL` before the key.
    let indented = try Self.run(["--url", "sqlite://" + path, "--format", #"{{ sql . "  " }}"#])
    #expect(indented.status == 0, "\(indented.errors)")
    #expect(
      indented.output == """
        -- Create "users" table
        CREATE TABLE `users` (
          `id` integer NULL PRIMARY KEY AUTOINCREMENT,
          `name` varchar NOT NULL DEFAULT 'x'
        );
        -- Create index "users_name" to table: "users"
        CREATE INDEX `users_name` ON `users` (`name` DESC) WHERE name <> '';

        """)
    let oneLine = try Self.run(["--url", "sqlite://" + path, "--format", "{{ sql $ }}"])
    #expect(oneLine.status == 0, "\(oneLine.errors)")
    #expect(oneLine.output.contains("CREATE TABLE `users` (`id` integer NULL PRIMARY KEY AUTOINCREMENT, `name`"))
    let hcl = try Self.run(["--url", "sqlite://" + path])
    #expect(hcl.status == 0)
    #expect(hcl.output.hasPrefix("table \"users\" {\n"), "\(hcl.output)")
  }

  @Test(.enabled(if: TestServers.postgresURL != nil || TestServers.isCI, "MERCATOR_TEST_POSTGRES_URL is not set"))
  func sqlTemplatesPrintDDL() throws {
    let server = try #require(TestServers.postgresURL)
    let admin = try PostgresConnection(DatabaseURL.parse(server))
    let database = "mercator_cli_format"
    try admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
    try admin.execute("CREATE DATABASE \(database)")
    defer { try? admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
    let databaseURL = PostgresConformanceTests.replacingDatabase(in: server, with: database)
    try PostgresConnection(DatabaseURL.parse(databaseURL)).execute(
      """
      CREATE SCHEMA s;
      CREATE TABLE s.users (id int PRIMARY KEY, name text NOT NULL DEFAULT 'x');
      CREATE TABLE s.posts (id int, author int REFERENCES s.users (id) ON DELETE CASCADE);
      CREATE INDEX posts_author ON s.posts (author DESC);
      """)
    let url = databaseURL + (databaseURL.contains("?") ? "&" : "?") + "search_path=s"
    let indented = try Self.run(["--url", url, "--format", #"{{ sql . "  " }}"#])
    #expect(indented.status == 0, "\(indented.errors)")
    #expect(
      indented.output == """
        -- Create "users" table
        CREATE TABLE "users" (
          "id" integer NOT NULL,
          "name" text NOT NULL DEFAULT 'x',
          PRIMARY KEY ("id")
        );
        -- Create "posts" table
        CREATE TABLE "posts" (
          "id" integer NULL,
          "author" integer NULL,
          CONSTRAINT "posts_author_fkey" FOREIGN KEY ("author") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE CASCADE
        );
        -- Create index "posts_author" to table: "posts"
        CREATE INDEX "posts_author" ON "posts" ("author" DESC);

        """)
    let oneLine = try Self.run(["--url", url, "--format", "{{sql .}}"])
    #expect(oneLine.status == 0, "\(oneLine.errors)")
    #expect(oneLine.output.hasPrefix(#"-- Create "users" table"# + "\n" + #"CREATE TABLE "users" ("id" integer NOT NULL, "#))
    // Without --format the output stays HCL.
    let hcl = try Self.run(["--url", url])
    #expect(hcl.status == 0)
    #expect(hcl.output.hasPrefix("table \"posts\" {\n"), "\(hcl.output)")
  }
}
