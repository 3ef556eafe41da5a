// `mercator check` output formats, through the built binary (it sits beside the test bundle in the build folder).
import Foundation
import Testing

@Suite struct CheckCommandTests {
  /// `.build…/debug/mercator`, next to the test runner.
  static var binary: URL? {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("mercator")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return nil
  }

  /// Writes `text` to a temporary atlas.hcl (and `files` beside it) and runs `mercator check --format FORMAT` on it.
  static func run(
    _ format: String, _ text: String, files: [String: String] = [:], arguments: [String] = []
  ) throws -> (status: Int32, output: String, path: String) {
    guard let binary else {
      Issue.record("mercator binary not found beside \(CommandLine.arguments[0]); build it first")
      return (-1, "", "")
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mercator-check-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("atlas.hcl")
    try Data(text.utf8).write(to: file)
    for (name, content) in files {
      let path = directory.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(content.utf8).write(to: path)
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = ["check", "--format", format] + arguments + [file.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self), file.path)
  }

  /// An error after non-ASCII text on its line (columns count Unicode scalars: 😀 is one, so `"x"` starts at 22,
  /// where UTF-16 would say 23 and UTF-8 26) and a warning.
  static let sample = "env \"é😀\" { schemas = \"x\" }\nenv \"b\" {\n  migration {\n    dri = \"d\"\n  }\n}\n"

  @Test func json() throws {
    let (status, output, path) = try Self.run("json", Self.sample)
    #expect(status == 1)
    let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]]
    let items = try #require(parsed)
    #expect(items.count == 2)
    for item in items {
      #expect(Set(item.keys) == ["path", "line", "column", "endLine", "endColumn", "severity", "code", "message"])
      #expect(item["path"] as? String == path)
    }
    let first = items[0]
    #expect(first["line"] as? Int == 1)
    #expect(first["column"] as? Int == 22)
    #expect(first["endLine"] as? Int == 1)
    #expect(first["endColumn"] as? Int == 25)
    #expect(first["severity"] as? String == "error")
    #expect(first["code"] as? String == "atlas.type-mismatch")
    #expect(first["message"] as? String == "\"schemas\" must be a list of strings, not a string")
    let second = items[1]
    #expect(second["line"] as? Int == 4)
    #expect(second["column"] as? Int == 5)
    #expect(second["severity"] as? String == "warning")
    #expect(second["code"] as? String == "atlas.unknown-attribute")
  }

  @Test func jsonIsAnEmptyArrayAndExitZeroWhenClean() throws {
    let (status, output, _) = try Self.run("json", "env \"a\" {\n  url = \"sqlite://a\"\n}\n")
    #expect(status == 0)
    #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    // Warnings alone do not fail the run.
    let warned = try Self.run("json", "env \"b\" {\n  migration {\n    dri = \"d\"\n  }\n}\n")
    #expect(warned.status == 0)
  }

  @Test func github() throws {
    let (status, output, path) = try Self.run("github", Self.sample)
    #expect(status == 1)
    let lines = output.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    #expect(lines.first == "::error file=\(path),line=1,col=22,endLine=1,endColumn=25,title=atlas.type-mismatch::\"schemas\" must be a list of strings, not a string")
    #expect(lines.last?.hasPrefix("::warning file=\(path),line=4,col=5,endLine=4,endColumn=8,title=atlas.unknown-attribute::Unknown attribute \"dri\"") == true)
  }

  @Test func sarif() throws {
    let (status, output, path) = try Self.run("sarif", Self.sample)
    #expect(status == 1)
    let log = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    #expect(log["version"] as? String == "2.1.0")
    #expect((log["$schema"] as? String)?.contains("sarif") == true)
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    #expect(driver["name"] as? String == "mercator")
    #expect(driver["version"] is String)
    let rules = try #require(driver["rules"] as? [[String: Any]])
    #expect(Set(rules.compactMap { $0["id"] as? String }) == ["atlas.type-mismatch", "atlas.unknown-attribute"])
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == 2)
    let first = results[0]
    #expect(first["ruleId"] as? String == "atlas.type-mismatch")
    #expect(first["level"] as? String == "error")
    #expect((first["message"] as? [String: Any])?["text"] as? String == "\"schemas\" must be a list of strings, not a string")
    let location = try #require(((first["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
    #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == path)
    let region = try #require(location["region"] as? [String: Any])
    #expect(region["startLine"] as? Int == 1)
    #expect(region["startColumn"] as? Int == 22)
    #expect(region["endLine"] as? Int == 1)
    #expect(region["endColumn"] as? Int == 25)
    #expect(results[1]["level"] as? String == "warning")
  }

  @Test func textIncludesSyntaxErrors() throws {
    let (status, output, path) = try Self.run("text", "env \"a\" {\n  url = \n}\n")
    #expect(status == 1)
    #expect(output.hasPrefix("\(path):"))
    #expect(output.contains("[syntax."))
  }

  /// `file()` and `fileset()` read beside the atlas.hcl, wherever mercator runs from; a missing file is a warning.
  @Test func filesAreReadBesideTheConfig() throws {
    let config = """
      locals {
        schema = file("schema.sql")
        count  = length(fileset("migrations/*.sql"))
      }
      env "a" {
        url = "sqlite://x?mode=memory"
        dev = "sqlite://dev?mode=memory"
        src = local.count == 2 ? local.schema : file("missing.sql")
      }

      """
    let present = try Self.run("text", config, files: ["schema.sql": "CREATE TABLE t (id int);\n",
      "migrations/1.sql": "", "migrations/2.sql": ""])
    #expect(present.status == 0)
    #expect(present.output == "", "\(present.output)")
    let missing = try Self.run("text", config, files: ["migrations/1.sql": ""])
    #expect(missing.status == 0)
    #expect(missing.output.contains("warning: No file \"schema.sql\""), "\(missing.output)")
    #expect(missing.output.contains("warning: No file \"missing.sql\""), "\(missing.output)")
  }

  /// `--var` gives variables their values (a list when repeated or comma-separated) and `--env` sets atlas.env; the
  /// checks see them (here: the URL's user against the token's); a malformed `--var` is a usage error.
  @Test func variablesAndEnvFromFlags() throws {
    let config = """
      variable "user" {
        type = string
      }
      variable "schemas" {
        type = list(string)
      }
      data "aws_rds_token" "db" {
        endpoint = "db.example.com:5432"
        username = "deployer"
      }
      env {
        name    = atlas.env
        url     = "postgres://${var.user}:${urlescape(data.aws_rds_token.db)}@db.example.com:5432/${atlas.env}"
        schemas = var.schemas
      }

      """
    let right = try Self.run("text", config, arguments: ["--env", "dev", "--var", "user=deployer", "--var", "schemas=a,schemas=b"])
    #expect(right.status == 0, "\(right.output)")
    #expect(right.output == "", "\(right.output)")
    let wrong = try Self.run("text", config, arguments: ["--env", "dev", "--var", "user=admin"])
    #expect(wrong.status == 1)
    #expect(wrong.output.contains("[atlas.rds-url-user-mismatch]"), "\(wrong.output)")
    let unknown = try Self.run("text", config)
    #expect(unknown.status == 0, "without --var the user is unknown: \(unknown.output)")
    let bad = try Self.run("text", config, arguments: ["--var", "user"])
    #expect(bad.status == 64)
  }
}
