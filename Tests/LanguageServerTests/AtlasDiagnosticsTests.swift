// The atlas.hcl structure checks reach the editor for project files, with a documentation link; other .hcl files
// get syntax diagnostics only.
import HCLSyntax
import LanguageServer
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
}
