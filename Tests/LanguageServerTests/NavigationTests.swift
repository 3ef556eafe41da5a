// Navigation, rename, code actions and workspace symbols over an in-process server: the protocol shapes (Location vs
// LocationLink, changes vs documentChanges, lazy edits through codeAction/resolve), positions in UTF-16 and UTF-8
// with emoji before the names, refusals as errors, and workspace symbols read from a temporary folder.
import Foundation
import Testing
@testable import LanguageServer

/// A project with an emoji and CJK before the names, so that columns differ between the encodings.
let navigationText = """
  variable "region" { # 😀 中
    type    = string
    default = "us-east-1"
  }

  locals {
    endpoint = "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com:5432"
    label    = "😀中"
    greeting = "😀中 ${local.endpoint}"
    url      = "postgres://iam:${data.aws_rds_token.db}@${local.endpoint}/app?sslmode=disable" # 😀 ${local.endpoint}
  }

  data "aws_rds_token" "db" {
    endpoint = local.endpoint
    region   = "eu-west-1"
    username = "iam"
  }

  env "dev" {
    url = "${local.url}&application_name=${local.label}"
    dev = atlas.env == "dev" ? local.endpont : null
  }

  """

/// The LSP position of the `occurrence`-th (0-based) `needle` in a text with LF line breaks, `shift` bytes into it.
func lspPosition(_ text: String, of needle: String, occurrence: Int = 0, shift: Int = 0, _ encoding: Encoding) -> JSONValue {
  let bytes = Array(text.utf8)
  let pattern = Array(needle.utf8)
  var found = -1
  var seen = 0
  var i = 0
  while i + pattern.count <= bytes.count {
    if Array(bytes[i..<(i + pattern.count)]) == pattern {
      if seen == occurrence {
        found = i
        break
      }
      seen += 1
    }
    i += 1
  }
  let offset = max(found, 0) + shift
  let lineStart = (bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
  let line = bytes[..<offset].filter { $0 == 0x0A }.count
  let prefix = String(decoding: bytes[lineStart..<offset], as: UTF8.self)
  let column = encoding == .utf16 ? prefix.utf16.count : prefix.utf8.count
  return positionJSON(line, column)
}

func positionParams(_ text: String, _ needle: String, occurrence: Int = 0, shift: Int = 1, _ encoding: Encoding,
                    extra: [String: JSONValue] = [:]) -> JSONValue {
  var object = extra
  object["textDocument"] = ["uri": "file:///atlas.hcl"]
  object["position"] = lspPosition(text, of: needle, occurrence: occurrence, shift: shift, encoding)
  return .object(object)
}

@Suite struct NavigationServerTests {
  @Test(arguments: Encoding.allCases) func definitionAsLocationsAndLinks(encoding: Encoding) async throws {
    let plain = try await openClient(encoding, navigationText)
    let locations = try #require(try await plain.result("textDocument/definition",
      positionParams(navigationText, "local.endpoint}", shift: 7, encoding)).arrayValue)
    #expect(locations.count == 1)
    #expect(locations.first?["uri"] == "file:///atlas.hcl")
    #expect(rangeText(navigationText, locations.first?["range"], encoding) == "endpoint")
    #expect(locations.first?["range"]?["start"] == lspPosition(navigationText, of: "endpoint =", encoding))

    let linking = try await openClient(encoding, navigationText,
                                       capabilities: ["textDocument": ["definition": ["linkSupport": true]]])
    let links = try #require(try await linking.result("textDocument/definition",
      positionParams(navigationText, "data.aws_rds_token.db}", shift: 19, encoding)).arrayValue)
    let link = try #require(links.first)
    #expect(rangeText(navigationText, link["originSelectionRange"], encoding) == "db")
    #expect(rangeText(navigationText, link["targetSelectionRange"], encoding) == "db")
    #expect(rangeText(navigationText, link["targetRange"], encoding).hasPrefix("data \"aws_rds_token\" \"db\" {"))
    // Nothing to follow: null, not an error.
    let none = try await plain.result("textDocument/definition", positionParams(navigationText, "atlas.env", encoding))
    #expect(none == .null)
  }

  @Test(arguments: Encoding.allCases) func referencesAndHighlights(encoding: Encoding) async throws {
    let client = try await openClient(encoding, navigationText)
    let withDeclaration = try #require(try await client.result("textDocument/references",
      positionParams(navigationText, "endpoint =", encoding, extra: ["context": ["includeDeclaration": true]])).arrayValue)
    #expect(withDeclaration.count == 4)
    #expect(withDeclaration.allSatisfy { rangeText(navigationText, $0["range"], encoding) == "endpoint" })
    let usesOnly = try #require(try await client.result("textDocument/references",
      positionParams(navigationText, "endpoint =", encoding, extra: ["context": ["includeDeclaration": false]])).arrayValue)
    #expect(usesOnly.count == 3)

    let highlights = try #require(try await client.result("textDocument/documentHighlight",
      positionParams(navigationText, "\"dev\" {", encoding)).arrayValue)
    #expect(highlights.map { $0["kind"]?.intValue ?? 0 } == [3, 2])
    #expect(highlights.allSatisfy { rangeText(navigationText, $0["range"], encoding) == "dev" })
  }

  @Test(arguments: Encoding.allCases) func renameAsChangesAndAsDocumentChanges(encoding: Encoding) async throws {
    let plain = try await openClient(encoding, navigationText)
    let prepared = try await plain.result("textDocument/prepareRename",
      positionParams(navigationText, "local.label", shift: 8, encoding))
    #expect(prepared["placeholder"] == "label")
    #expect(rangeText(navigationText, prepared["range"], encoding) == "label")

    let edit = try await plain.result("textDocument/rename",
      positionParams(navigationText, "label    =", encoding, extra: ["newName": "title"]))
    #expect(edit["documentChanges"] == nil)
    let edits = try #require(edit["changes"]?["file:///atlas.hcl"]?.arrayValue)
    let renamed = applyEdits(navigationText, edits, encoding)
    #expect(renamed.contains("  title    = \"😀中\""))
    #expect(renamed.contains("url = \"${local.url}&application_name=${local.title}\""))
    #expect(!renamed.contains("label"))

    let versioned = try await openClient(encoding, navigationText,
                                         capabilities: ["workspace": ["workspaceEdit": ["documentChanges": true]]])
    let change = try await versioned.result("textDocument/rename",
      positionParams(navigationText, "\"dev\" ?", encoding, extra: ["newName": "development"]))
    #expect(change["changes"] == nil)
    let documentChange = try #require(change["documentChanges"]?.arrayValue?.first)
    #expect(documentChange["textDocument"] == ["uri": "file:///atlas.hcl", "version": 1])
    let envEdits = try #require(documentChange["edits"]?.arrayValue)
    #expect(envEdits.count == 2)
    #expect(applyEdits(navigationText, envEdits, encoding).contains("atlas.env == \"development\""))
  }

  @Test func refusalsAreErrorsWithAMessage() async throws {
    let client = try await openClient(.utf16, navigationText)
    let onEach = try await client.request("textDocument/prepareRename", positionParams(navigationText, "atlas.env", .utf16))
    #expect(onEach.errorCode == -32803)
    #expect(onEach["error"]?["message"]?.stringValue?.contains("rename the env itself") == true)
    let taken = try await client.request("textDocument/rename",
      positionParams(navigationText, "label    =", .utf16, extra: ["newName": "url"]))
    #expect(taken.errorCode == -32803)
    #expect(taken["error"]?["message"]?.stringValue == "local.url already exists: renaming local.label to it would merge the two.")
    let invalid = try await client.request("textDocument/rename",
      positionParams(navigationText, "label    =", .utf16, extra: ["newName": "9lives"]))
    #expect(invalid["error"]?["message"]?.stringValue?.hasPrefix("\"9lives\" is not a valid name") == true)
  }
}

@Suite struct CodeActionServerTests {
  /// The diagnostics the client holds for the document, as the server published them.
  static func diagnostics(_ client: TestClient) async throws -> [JSONValue] {
    try await client.pullDiagnostics("file:///atlas.hcl")["items"]?.arrayValue ?? []
  }

  static func actionParams(_ range: JSONValue, _ diagnostics: [JSONValue], only: [String]? = nil) -> JSONValue {
    var context: [String: JSONValue] = ["diagnostics": .array(diagnostics)]
    if let only { context["only"] = .array(only.map { .string($0) }) }
    return ["textDocument": ["uri": "file:///atlas.hcl"], "range": range, "context": .object(context)]
  }

  @Test(arguments: Encoding.allCases) func quickFixesAreTiedToTheirDiagnostics(encoding: Encoding) async throws {
    let client = try await openClient(encoding, navigationText)
    let all = try await Self.diagnostics(client)
    let typo = try #require(all.first { $0["code"] == "atlas.unknown-local" })
    let range = try #require(typo["range"])
    let actions = try #require(try await client.result("textDocument/codeAction", Self.actionParams(range, [typo])).arrayValue)
    let quickFixes = actions.filter { $0["kind"] == "quickfix" }
    #expect(quickFixes.count == 1)
    let fix = try #require(quickFixes.first)
    #expect(fix["title"] == "Change to \"local.endpoint\"")
    #expect(fix["isPreferred"] == true)
    #expect(fix["diagnostics"] == [typo])
    let edits = try #require(fix["edit"]?["changes"]?["file:///atlas.hcl"]?.arrayValue)
    #expect(applyEdits(navigationText, edits, encoding).contains("? local.endpoint : null"))

    // Diagnostics the client does not send get no fixes; `only` keeps the kinds asked for.
    let unsent = try #require(try await client.result("textDocument/codeAction", Self.actionParams(range, [])).arrayValue)
    #expect(unsent.allSatisfy { $0["kind"] != "quickfix" })
    // A client that sends columns in other units is still understood by code, message and line.
    var shifted = typo
    if case .object(var members) = typo, let start = range["start"] {
      members["range"] = ["start": start, "end": ["line": start["line"] ?? 0, "character": 999]]
      shifted = .object(members)
    }
    let tolerant = try #require(try await client.result("textDocument/codeAction", Self.actionParams(range, [shifted])).arrayValue)
    #expect(tolerant.filter { $0["kind"] == "quickfix" }.count == 1)
    let fixAll = try #require(try await client.result("textDocument/codeAction",
      Self.actionParams(range, [typo], only: ["source.fixAll"])).arrayValue)
    #expect(fixAll.map { $0["kind"] } == ["source.fixAll"])
    let fixAllEdits = try #require(fixAll.first?["edit"]?["changes"]?["file:///atlas.hcl"]?.arrayValue)
    let fixed = applyEdits(navigationText, fixAllEdits, encoding)
    #expect(fixed.contains("${urlescape(data.aws_rds_token.db)}@${local.endpoint}/app?sslmode=require\" # 😀 ${local.endpoint}"))
    #expect(fixed.contains("region   = \"us-east-1\""))
    #expect(fixed.contains("? local.endpoint : null"))
  }

  @Test func editsAreResolvedLazilyAndRefusedOnceTheTextChanged() async throws {
    let capabilities: JSONValue = [
      "textDocument": ["codeAction": ["dataSupport": true, "resolveSupport": ["properties": ["edit"]]]],
      "workspace": ["workspaceEdit": ["documentChanges": true]],
    ]
    let client = try await openClient(.utf16, navigationText, capabilities: capabilities)
    let all = try await Self.diagnostics(client)
    let region = try #require(all.first { $0["code"] == "atlas.rds-region-mismatch" })
    let regionRange = try #require(region["range"])
    let actions = try #require(try await client.result("textDocument/codeAction",
      Self.actionParams(regionRange, [region])).arrayValue)
    let fix = try #require(actions.first { $0["kind"] == "quickfix" })
    #expect(fix["edit"] == nil)
    #expect(fix["data"]?["version"] == 1)
    let resolved = try await client.result("codeAction/resolve", fix)
    #expect(resolved["title"] == fix["title"])
    let change = try #require(resolved["edit"]?["documentChanges"]?.arrayValue?.first)
    #expect(change["textDocument"]?["version"] == 1)
    let regionEdits = change["edits"]?.arrayValue ?? []
    #expect(applyEdits(navigationText, regionEdits, .utf16).contains("region   = \"us-east-1\""))

    client.change("file:///atlas.hcl", version: 2, [edit(0, 0, 0, 0, "# edited\n")])
    let stale = try await client.request("codeAction/resolve", fix)
    #expect(stale.errorCode == -32801)
  }
}

@Suite struct WorkspaceSymbolServerTests {
  @Test func symbolsOfTheFolderAndOfOpenDocuments() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mercator-symbols-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    func write(_ path: String, _ text: String) throws {
      let url = folder.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    try write("atlas.hcl", "locals {\n  shared_url = \"x\"\n}\nenv \"dev\" {\n  url = local.shared_url\n}\n")
    try write("services/billing/billing.atlas.hcl", "variable \"tenant\" {\n  type = string\n}\nenv \"prod\" {\n  url = var.tenant\n}\n")
    try write("services/billing/schema.hcl", "locals {\n  not_a_project_file = 1\n}\n")
    try write("node_modules/pkg/atlas.hcl", "locals {\n  hidden_in_dependencies = 1\n}\n")
    try write(".git/atlas.hcl", "locals {\n  hidden_in_git = 1\n}\n")

    let client = TestClient()
    let folderURI = folder.standardizedFileURL.absoluteString
    _ = try await client.request("initialize", [
      "processId": .null, "capabilities": Encoding.utf16.capabilities,
      "workspaceFolders": [["uri": .string(folderURI), "name": "project"]],
    ])
    client.notify("initialized")
    // The open buffer of the root atlas.hcl wins over the file on disk.
    let rootURI = folder.appendingPathComponent("atlas.hcl").standardizedFileURL.absoluteString
    client.open(rootURI, "locals {\n  edited_url = \"y\"\n}\n")

    let everything = try #require(try await client.result("workspace/symbol", ["query": ""]).arrayValue)
    let names = Set(everything.compactMap { $0["name"]?.stringValue })
    #expect(names == ["local.edited_url", "var.tenant", "env \"prod\""])

    let matched = try #require(try await client.result("workspace/symbol", ["query": "TNT"]).arrayValue)
    #expect(matched.map { $0["name"] } == ["var.tenant"])
    let symbol = try #require(matched.first)
    #expect(symbol["kind"] == 13)
    #expect(symbol["location"]?["uri"]?.stringValue?.hasSuffix("/services/billing/billing.atlas.hcl") == true)
    #expect(symbol["location"]?["range"] == rangeJSON(0, 10, 0, 16))
    #expect(symbol["containerName"] == "billing.atlas.hcl")

    // A folder taken out of the workspace takes its files' symbols with it; the open document stays.
    client.notify("workspace/didChangeWorkspaceFolders", ["event": [
      "added": [], "removed": [["uri": .string(folderURI), "name": "project"]],
    ]])
    let remaining = try #require(try await client.result("workspace/symbol", ["query": ""]).arrayValue)
    #expect(remaining.map { $0["name"] } == ["local.edited_url"])
  }
}
