// Lifecycle and JSON-RPC error tests over an in-process server: initialize, shutdown, exit, and each error code.
import Testing
@testable import LanguageServer

@Suite struct LifecycleTests {
  @Test func requestBeforeInitializeIsServerNotInitialized() async throws {
    let client = TestClient()
    let response = try await client.request("textDocument/diagnostic", ["textDocument": ["uri": "file:///a.hcl"]])
    #expect(response.errorCode == -32002)
    // Notifications before initialize are dropped without an answer.
    client.notify("textDocument/didOpen", ["textDocument": ["uri": "x", "languageId": "hcl", "version": 1, "text": ""]])
    client.settle()
    #expect(client.inbox.all.isEmpty)
  }

  @Test func initializeAnswersServerInfoAndCapabilities() async throws {
    let client = TestClient()
    let response = try await client.initialize()
    let result = try #require(response["result"])
    #expect(result["serverInfo"]?["name"] == "mercator")
    #expect(result["serverInfo"]?["version"]?.stringValue?.isEmpty == false)
    let capabilities = try #require(result["capabilities"])
    #expect(capabilities["positionEncoding"] == "utf-16")
    #expect(capabilities["textDocumentSync"] == ["openClose": true, "change": 2])
    #expect(capabilities["diagnosticProvider"]?["interFileDependencies"] == false)
    #expect(capabilities["diagnosticProvider"]?["workspaceDiagnostics"] == false)
    // Only what is implemented is advertised.
    #expect(
      capabilities.objectValue.map { Set($0.keys) } == [
        "positionEncoding", "textDocumentSync", "diagnosticProvider", "documentSymbolProvider", "foldingRangeProvider",
        "selectionRangeProvider", "semanticTokensProvider", "documentFormattingProvider",
        "documentRangeFormattingProvider", "linkedEditingRangeProvider",
        "definitionProvider", "referencesProvider", "documentHighlightProvider", "renameProvider", "codeActionProvider",
        "workspaceSymbolProvider", "workspace",
        "hoverProvider", "inlayHintProvider", "codeLensProvider",
        "completionProvider", "signatureHelpProvider", "executeCommandProvider",
      ])
    // Every advertised method has a handler.
    for method in [
      "textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/selectionRange",
      "textDocument/semanticTokens/full", "textDocument/semanticTokens/full/delta", "textDocument/semanticTokens/range",
      "textDocument/formatting", "textDocument/rangeFormatting", "textDocument/linkedEditingRange",
      "textDocument/definition", "textDocument/references", "textDocument/documentHighlight",
      "textDocument/prepareRename", "textDocument/rename", "textDocument/codeAction", "codeAction/resolve",
      "workspace/symbol",
      "textDocument/hover", "textDocument/inlayHint", "textDocument/codeLens", "codeLens/resolve",
      "textDocument/completion", "completionItem/resolve", "textDocument/signatureHelp", "workspace/executeCommand",
    ] {
      #expect(Server.requestHandlers[method] != nil, "\(method)")
    }
  }

  @Test func positionEncodingIsNegotiated() async throws {
    let utf8 = TestClient()
    let offered = try await utf8.initialize(capabilities: ["general": ["positionEncodings": ["utf-16", "utf-8"]]])
    #expect(offered["result"]?["capabilities"]?["positionEncoding"] == "utf-8")
    let utf32Only = TestClient()
    let fallback = try await utf32Only.initialize(capabilities: ["general": ["positionEncodings": ["utf-32"]]])
    #expect(fallback["result"]?["capabilities"]?["positionEncoding"] == "utf-16")
  }

  @Test func secondInitializeIsInvalidRequest() async throws {
    let client = TestClient()
    try await client.initialize()
    #expect(try await client.request("initialize", ["capabilities": [:]]).errorCode == -32600)
  }

  @Test func shutdownThenExitExitsWithZero() async throws {
    let client = TestClient()
    try await client.initialize()
    let shutdown = try await client.request("shutdown", .null)
    #expect(shutdown["result"] == .null)
    #expect(shutdown["error"] == nil)
    // Requests after shutdown are InvalidRequest.
    #expect(try await client.pullDiagnosticsResponse("file:///a.hcl").errorCode == -32600)
    client.notify("exit", .null)
    client.settle()
    #expect(client.exitCode.value == 0)
  }

  @Test func exitWithoutShutdownExitsWithOne() async throws {
    let client = TestClient()
    try await client.initialize()
    client.notify("exit", .null)
    client.settle()
    #expect(client.exitCode.value == 1)
    // After exit nothing is answered.
    client.sendRequest("shutdown", .null, id: 9)
    client.settle()
    #expect(client.inbox.take { $0["id"] == 9 } == nil)
  }

  @Test func endOfInputWithoutShutdownExitsWithOne() async throws {
    let client = TestClient()
    client.server.endOfInput()
    client.settle()
    #expect(client.exitCode.value == 1)
  }
}

@Suite struct ErrorTests {
  func initializedClient() async throws -> TestClient {
    let client = TestClient()
    try await client.initialize()
    return client
  }

  /// After every bad message the server still answers a good request.
  func expectStillServing(_ client: TestClient, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let report = try await client.pullDiagnostics("file:///not-open.hcl")
    #expect(report["kind"] == "full", sourceLocation: sourceLocation)
  }

  @Test(arguments: ["{bad json", "", "{\"jsonrpc\":\"2.0\",", "[1,2", "nul", "{\"a\":1}}"])
  func invalidJSONIsParseErrorWithNullID(body: String) async throws {
    let client = try await initializedClient()
    client.sendRaw(body)
    let response = try await client.next("parse error") { $0["error"] != nil }
    #expect(response.errorCode == -32700)
    #expect(response["id"] == .null)
    try await expectStillServing(client)
  }

  @Test func deepNestingIsParseErrorNotACrash() async throws {
    let client = try await initializedClient()
    client.sendRaw(String(repeating: "[", count: 100_000))
    let response = try await client.next("parse error") { $0["error"] != nil }
    #expect(response.errorCode == -32700)
    try await expectStillServing(client)
  }

  @Test(arguments: [
    "[]", "42", "\"text\"", "{}", "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"shutdown\"}",
    "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"shutdown\"}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"shutdown\",\"params\":3}",
    "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"shutdown\"}",
  ])
  func notARequestIsInvalidRequest(body: String) async throws {
    let client = try await initializedClient()
    client.sendRaw(body)
    let response = try await client.next("invalid request") { $0["error"] != nil }
    #expect(response.errorCode == -32600)
    try await expectStillServing(client)
  }

  @Test func unknownRequestIsMethodNotFound() async throws {
    let client = try await initializedClient()
    #expect(try await client.request("textDocument/unknownThing").errorCode == -32601)
    #expect(try await client.request("$/unknownRequest").errorCode == -32601)
    try await expectStillServing(client)
  }

  @Test func unknownNotificationsAreIgnored() async throws {
    let client = try await initializedClient()
    client.notify("workspace/somethingNew")
    client.notify("$/somethingPrivate")
    client.settle()
    #expect(client.inbox.all.isEmpty)
    try await expectStillServing(client)
  }

  @Test(arguments: [
    ["textDocument": 5] as JSONValue, ["textDocument": ["uri": 7]], .array([]), ["previousResultId": 3],
  ])
  func wrongParamsAreInvalidParams(params: JSONValue) async throws {
    let client = try await initializedClient()
    #expect(try await client.request("textDocument/diagnostic", params).errorCode == -32602)
    try await expectStillServing(client)
  }

  @Test func initializeWithoutCapabilitiesIsInvalidParams() async throws {
    let client = TestClient()
    #expect(try await client.request("initialize", ["processId": "nope"]).errorCode == -32602)
    // Still uninitialized, and initialize still works.
    #expect(try await client.initialize()["result"] != nil)
  }

  @Test func badNotificationParamsAreLoggedAndIgnored() async throws {
    let client = try await initializedClient()
    client.notify("textDocument/didOpen", ["textDocument": ["uri": 1]])
    let warning = try await client.notification("window/logMessage")
    #expect(warning["params"]?["type"] == 2)
    try await expectStillServing(client)
  }
}

extension TestClient {
  func pullDiagnosticsResponse(_ uri: String) async throws -> JSONValue {
    try await request("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)]])
  }
}
