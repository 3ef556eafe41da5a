// The atlas.hcl checks reach the editor for project files, with a documentation link; other .hcl files get syntax
// diagnostics only; an atlas.hcl is checked again when a file its file() reads changes.
import Foundation
import HCLSyntax
@testable import LanguageServer
import Testing

@Suite struct AtlasDiagnosticsTests {
  @Test func structureChecksArePulledWithTheirDocumentation() async throws {
    let client = TestClient()
    try await client.initialize(capabilities: ["textDocument": ["diagnostic": [:]]])
    client.open("file:///atlas.hcl", "variable \"v\" {\n  type = string\n  defaultt = \"x\"\n}\nenv \"a\" {\n  url = var.v\n}\n")
    let items = try #require(try await client.pullDiagnostics("file:///atlas.hcl")["items"]?.arrayValue)
    #expect(items.count == 1)
    #expect(items.first?["code"] == "atlas.unknown-attribute")
    #expect(items.first?["range"] == rangeJSON(2, 2, 2, 10))
    #expect(items.first?["message"]?.stringValue?.contains("Did you mean \"default\"") == true)
    #expect(items.first?["codeDescription"]?["href"]?.stringValue?.hasPrefix("https://atlasgo.io/") == true)
  }

  @Test func syntaxAndStructureTogetherAndAValidFileIsClean() async throws {
    let client = TestClient()
    try await client.initialize(capabilities: ["textDocument": ["diagnostic": [:]]])
    client.open("file:///both/atlas.hcl", "env \"a\" \"b\" {\n}\nlocals {\n  x = \n}\n")
    let items = try #require(try await client.pullDiagnostics("file:///both/atlas.hcl")["items"]?.arrayValue)
    let codes = items.map { $0["code"]?.stringValue ?? "" }
    #expect(codes.sorted() == ["atlas.label-count", "atlas.unused-local", "syntax.invalid-expression"])
    // An unused definition is tagged unnecessary (DiagnosticTag 1), and nothing else is.
    #expect(items.filter { $0["tags"] == .array([.int(1)]) }.map { $0["code"]?.stringValue } == ["atlas.unused-local"])
    client.open("file:///ok/dev.atlas.hcl", "env \"local\" {\n  url = \"sqlite://file?mode=memory\"\n  dev = \"sqlite://dev?mode=memory\"\n}\n")
    #expect(try await client.pullDiagnostics("file:///ok/dev.atlas.hcl")["items"] == .array([]))
  }

  @Test func otherHCLFilesGetSyntaxDiagnosticsOnly() async throws {
    let client = TestClient()
    try await client.initialize(capabilities: ["textDocument": ["diagnostic": [:]]])
    // An Atlas schema file: its blocks are not atlas.hcl's, and must not be judged as if they were.
    client.open("file:///schema.hcl", "table \"users\" {\n  schema = schema.public\n}\n")
    #expect(try await client.pullDiagnostics("file:///schema.hcl")["items"] == .array([]))
  }

  /// `file("schema.sql")` reads the open buffer first, the disk otherwise; opening, closing and changing the file
  /// (in the editor or, reported by the client, on disk) checks the atlas.hcl that reads it again.
  @Test func aFileThatTheConfigReadsIsFollowed() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mercator-deps-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let config = folder.appendingPathComponent("atlas.hcl").absoluteString
    let schema = folder.appendingPathComponent("schema.sql")
    let client = TestClient()
    try await client.initialize(capabilities: ["textDocument": ["publishDiagnostics": [:]]])
    func codes() async throws -> [String] {
      let published = try await client.next("diagnostics of atlas.hcl") {
        $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == config
      }
      return (published["params"]?["diagnostics"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }
    }
    client.open(config, "locals {\n  schema = file(\"schema.sql\")\n}\nenv \"a\" {\n  url = \"sqlite://x?${local.schema}\"\n}\n")
    #expect(try await codes() == ["eval.host-unavailable"])
    // Open in the editor (not on disk): the buffer is read.
    client.open(schema.absoluteString, "CREATE TABLE t (id int);\n")
    #expect(try await codes() == [])
    // Closed while missing on disk: missing again.
    client.notify("textDocument/didClose", ["textDocument": ["uri": .string(schema.absoluteString)]])
    #expect(try await codes() == ["eval.host-unavailable"])
    // Created on disk, as the client reports it.
    try Data("CREATE TABLE t (id int);\n".utf8).write(to: schema)
    client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(schema.absoluteString), "type": 1]]])
    #expect(try await codes() == [])
    // A file nothing reads changes nothing: no new diagnostics are published for atlas.hcl.
    client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(folder.appendingPathComponent("other.sql").absoluteString), "type": 1]]])
    client.settle()
    // Had it been scheduled, it would still be computing or its result would be in the inbox.
    let busy = client.server.sync { client.server.diagnostics[config]?.isComputing ?? false }
    #expect(!busy)
    #expect(client.inbox.take {
      $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == config
    } == nil)
  }

  /// A file created in a folder that `fileset()` listed checks the atlas.hcl again (the pattern matches more).
  @Test func aNewFileInAListedFolderIsFollowed() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mercator-fileset-\(UUID().uuidString)")
    let migrations = folder.appendingPathComponent("migrations")
    try FileManager.default.createDirectory(at: migrations, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let config = folder.appendingPathComponent("atlas.hcl").absoluteString
    let client = TestClient()
    try await client.initialize(capabilities: ["textDocument": ["publishDiagnostics": [:]]])
    func codes() async throws -> [String] {
      let published = try await client.next("diagnostics of atlas.hcl") {
        $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == config
      }
      return (published["params"]?["diagnostics"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }
    }
    client.open(config, "env \"a\" {\n  url = \"sqlite://x?${length(fileset(\"migrations/*.sql\")) > 0 ? \"ok\" : file(\"none.sql\")}\"\n}\n")
    #expect(try await codes() == ["eval.host-unavailable"])
    let added = migrations.appendingPathComponent("1.sql")
    try Data("CREATE TABLE t (id int);\n".utf8).write(to: added)
    client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(added.absoluteString), "type": 1]]])
    #expect(try await codes() == [])
  }

  /// A client that can register for file changes is asked to watch the workspace's files.
  @Test func watchingFilesIsRegisteredWhenTheClientCan() async throws {
    let client = TestClient()
    _ = try await client.initialize(capabilities: ["workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]]])
    client.notify("initialized")
    let request = try await client.serverRequest("client/registerCapability")
    let registration = request["params"]?["registrations"]?.arrayValue?.first
    #expect(registration?["method"] == "workspace/didChangeWatchedFiles")
  }

  /// A document that is not HCL (a `schema.sql` open beside the atlas.hcl) gets no HCL diagnostics; the same text
  /// named `.hcl` does.
  @Test func otherLanguagesGetNoHCLDiagnostics() async throws {
    let client = TestClient()
    try await client.initialize(capabilities: ["textDocument": ["diagnostic": [:]]])
    let sql = "CREATE TABLE t (id int);\n"
    client.notify("textDocument/didOpen", ["textDocument": [
      "uri": "file:///p/schema.sql", "languageId": "sql", "version": 1, "text": .string(sql)]])
    #expect(try await client.pullDiagnostics("file:///p/schema.sql")["items"] == .array([]))
    client.open("file:///p/schema.hcl", sql)
    let items = try #require(try await client.pullDiagnostics("file:///p/schema.hcl")["items"]?.arrayValue)
    #expect(!items.isEmpty)
  }
}
