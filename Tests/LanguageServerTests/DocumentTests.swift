// Text sync, diagnostics (pushed and pulled), cancellation, configuration, progress and trace over an in-process server.
import Testing
@testable import LanguageServer

@Suite struct SyncTests {
  @Test func incrementalEditsApplyInOrder() async throws {
    let client = TestClient()
    try await client.initialize()
    client.open("file:///a.hcl", "a = 1\nb = 2\n")
    client.change("file:///a.hcl", version: 2, [edit(0, 4, 0, 5, "10"), edit(1, 0, 1, 0, "# x\n")])
    client.settle()
    #expect(client.documentText("file:///a.hcl") == "a = 10\n# x\nb = 2\n")
    client.change("file:///a.hcl", version: 3, [["text": "whole = true\n"]])
    client.settle()
    #expect(client.documentText("file:///a.hcl") == "whole = true\n")
    #expect(client.server.sync { client.server.documents["file:///a.hcl"]?.version } == 3)
    client.notify("textDocument/didClose", ["textDocument": ["uri": "file:///a.hcl"]])
    client.settle()
    #expect(client.documentText("file:///a.hcl") == nil)
  }

  @Test(arguments: [
    edit(5, 0, 9, 0, "X"), edit(0, 40, 0, 99, "X"), edit(-3, -1, 0, 1, "X"), edit(0, 3, 0, 1, "X"),
    edit(1, 0, 100_000, 100_000, "X"), edit(Int.max, Int.max, Int.max, Int.max, "X"),
    edit(Int.min, Int.min, Int.min, Int.min, "X"), edit(0, Int.max, Int.min, 0, "X"),
  ])
  func outOfRangeEditsAreClampedAndLogged(change: JSONValue) async throws {
    let client = TestClient()
    try await client.initialize()
    client.open("file:///a.hcl", "a = 1\n")
    client.change("file:///a.hcl", version: 2, [change])
    let warning = try await client.notification("window/logMessage")
    #expect(warning["params"]?["type"] == 2)
    #expect(client.documentText("file:///a.hcl")?.contains("X") == true)
    #expect(try await client.pullDiagnostics("file:///a.hcl")["kind"] == "full")
  }

  @Test func changeToUnopenedDocumentIsIgnored() async throws {
    let client = TestClient()
    try await client.initialize()
    client.change("file:///nope.hcl", version: 2, [edit(0, 0, 0, 0, "X")])
    _ = try await client.notification("window/logMessage")
    #expect(client.documentText("file:///nope.hcl") == nil)
  }

  @Test func loneSurrogateBecomesReplacementCharacter() async throws {
    let client = TestClient()
    try await client.initialize()
    client.sendRaw(
      #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///s.hcl","languageId":"hcl","version":1,"text":"a = \"\ud83d\" + \udc00x\n"}}}"#
    )
    client.settle()
    #expect(client.documentText("file:///s.hcl") == "a = \"\u{FFFD}\" + \u{FFFD}x\n")
    // A UTF-16 position after the lone half still lands where the client meant: U+FFFD is one unit, like it.
    client.change("file:///s.hcl", version: 2, [edit(0, 11, 0, 12, "y")])
    client.settle()
    #expect(client.documentText("file:///s.hcl") == "a = \"\u{FFFD}\" + \u{FFFD}y\n")
    #expect(try await client.pullDiagnostics("file:///s.hcl")["kind"] == "full")
  }
}

@Suite struct DiagnosticsTests {
  /// Text with emoji, CJK, a combining mark, a tab and CRLF before the errors.
  static let text = "a = \"😀中e\u{301}\t\" @\r\nb = \"e\u{301}\" @\r\n"

  @Test func rangesInUTF16() async throws {
    let client = TestClient()
    try await client.initialize()
    client.open("file:///u.hcl", Self.text)
    let items = try #require(try await client.pullDiagnostics("file:///u.hcl")["items"]?.arrayValue)
    #expect(items.count == 2)
    #expect(items.first?["range"] == rangeJSON(0, 13, 0, 14))
    #expect(items.last?["range"] == rangeJSON(1, 9, 1, 10))
    #expect(items.first?["code"] == "syntax.invalid-character")
    #expect(items.first?["source"] == "mercator")
    #expect(items.first?["severity"] == 1)
    #expect(items.first?["message"]?.stringValue?.hasPrefix("Invalid character; ") == true)
  }

  @Test func rangesInUTF8() async throws {
    let client = TestClient()
    try await client.initialize(capabilities: ["general": ["positionEncodings": ["utf-8"]]])
    client.open("file:///u.hcl", Self.text)
    let items = try #require(try await client.pullDiagnostics("file:///u.hcl")["items"]?.arrayValue)
    #expect(items.first?["range"] == rangeJSON(0, 18, 0, 19))
    #expect(items.last?["range"] == rangeJSON(1, 10, 1, 11))
  }

  @Test(arguments: [(PositionEncoding.utf16, 8), (.utf8, 12)])
  func editsUseTheNegotiatedEncoding(encoding: PositionEncoding, column: Int) async throws {
    let client = TestClient()
    try await client.initialize(capabilities: ["general": ["positionEncodings": [.string(encoding.rawValue)]]])
    client.open("file:///e.hcl", "x = \"😀中\"\n")
    // The column just after 中: `x = "` is 5 units in both, 😀 is 2 UTF-16 units or 4 bytes, 中 1 unit or 3 bytes.
    client.change("file:///e.hcl", version: 2, [edit(0, column, 0, column, "!")])
    client.settle()
    #expect(client.documentText("file:///e.hcl") == "x = \"😀中!\"\n")
  }

  @Test func pushedWithVersionToClientsThatDoNotPull() async throws {
    let client = TestClient()
    try await client.initialize()
    client.open("file:///p.hcl", "a = \n", version: 4)
    let published = try await client.notification("textDocument/publishDiagnostics")
    #expect(published["params"]?["version"] == 4)
    #expect(published["params"]?["uri"] == "file:///p.hcl")
    #expect(published["params"]?["diagnostics"]?.arrayValue?.count == 1)
    client.change("file:///p.hcl", version: 5, [edit(0, 4, 0, 4, "1")])
    let fixed = try await client.next("publish of version 5") {
      $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["version"] == 5
    }
    #expect(fixed["params"]?["diagnostics"] == .array([]))
    client.notify("textDocument/didClose", ["textDocument": ["uri": "file:///p.hcl"]])
    let cleared = try await client.next("publish on close") {
      $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["version"] == nil
    }
    #expect(cleared["params"]?["diagnostics"] == .array([]))
  }

  @Test func notPushedToClientsThatPull() async throws {
    let client = TestClient()
    try await client.initialize(capabilities: ["textDocument": ["diagnostic": ["dynamicRegistration": false]]])
    client.open("file:///p.hcl", "a = \n")
    _ = try await client.pullDiagnostics("file:///p.hcl")
    client.settle()
    #expect(client.inbox.take { $0["method"] == "textDocument/publishDiagnostics" } == nil)
  }

  @Test func pulledWithResultIDsAndUnchanged() async throws {
    let client = TestClient()
    try await client.initialize(capabilities: ["textDocument": ["diagnostic": [:]]])
    client.open("file:///r.hcl", "a = \n")
    let first = try await client.pullDiagnostics("file:///r.hcl")
    #expect(first["kind"] == "full")
    let resultID = try #require(first["resultId"]?.stringValue)
    #expect(first["items"]?.arrayValue?.count == 1)
    let again = try await client.pullDiagnostics("file:///r.hcl", previousResultID: resultID)
    #expect(again == ["kind": "unchanged", "resultId": .string(resultID)])
    client.change("file:///r.hcl", version: 2, [edit(0, 4, 0, 4, "1")])
    let changed = try await client.pullDiagnostics("file:///r.hcl", previousResultID: resultID)
    #expect(changed["kind"] == "full")
    #expect(changed["resultId"] != .string(resultID))
    #expect(changed["items"] == .array([]))
  }

  @Test func pullWaitsForTheLatestVersion() async throws {
    let client = TestClient()
    try await client.initialize(capabilities: ["textDocument": ["diagnostic": [:]]])
    var id = 0
    client.withServerPaused {
      client.open("file:///w.hcl", "a = \n")
      for version in 2...20 { client.change("file:///w.hcl", version: version, [edit(0, 4, 0, 4, " ")]) }
      client.change("file:///w.hcl", version: 21, [["text": "a = 1\nb = \n"]])
      id = client.sendRequest("textDocument/diagnostic", ["textDocument": ["uri": "file:///w.hcl"]])
    }
    let report = try await client.response(to: .int(id))
    #expect(report["result"]?["items"]?.arrayValue?.first?["range"]?["start"] == ["line": 1, "character": 4])
  }

  @Test func cancelledPendingRequestAnswersRequestCancelled() async throws {
    let client = TestClient()
    try await client.initialize(capabilities: ["textDocument": ["diagnostic": [:]]])
    var id = 0
    client.withServerPaused {
      client.open("file:///c.hcl", "a = \n")
      id = client.sendRequest("textDocument/diagnostic", ["textDocument": ["uri": "file:///c.hcl"]])
      client.notify("$/cancelRequest", ["id": .int(id)])
    }
    let response = try await client.response(to: .int(id))
    #expect(response.errorCode == -32800)
    // The result computed afterwards is not sent a second time, and the server keeps serving.
    #expect(try await client.pullDiagnostics("file:///c.hcl")["kind"] == "full")
    #expect(client.inbox.take { $0["id"] == .int(id) } == nil)
    // Cancelling what is already answered, or was never sent, does nothing.
    for unknown in 0..<300 { client.notify("$/cancelRequest", ["id": .int(unknown)]) }
    client.notify("$/cancelRequest", ["id": "string-id"])
    client.settle()
    #expect(client.inbox.all.allSatisfy { $0["id"] == nil })
  }

  @Test func closingWhilePendingAnswersContentModified() async throws {
    let client = TestClient()
    try await client.initialize(capabilities: ["textDocument": ["diagnostic": [:]]])
    var id = 0
    client.withServerPaused {
      client.open("file:///m.hcl", "a = \n")
      id = client.sendRequest("textDocument/diagnostic", ["textDocument": ["uri": "file:///m.hcl"]])
      client.notify("textDocument/didClose", ["textDocument": ["uri": "file:///m.hcl"]])
    }
    #expect(try await client.response(to: .int(id)).errorCode == -32801)
  }

  @Test func shutdownWaitsForPendingRequests() async throws {
    let client = TestClient()
    try await client.initialize(capabilities: ["textDocument": ["diagnostic": [:]]])
    var ids: (Int, Int) = (0, 0)
    client.withServerPaused {
      client.open("file:///s.hcl", "a = \n")
      ids.0 = client.sendRequest("textDocument/diagnostic", ["textDocument": ["uri": "file:///s.hcl"]])
      ids.1 = client.sendRequest("shutdown", .null)
    }
    #expect(try await client.response(to: .int(ids.0))["result"]?["kind"] == "full")
    #expect(try await client.response(to: .int(ids.1))["result"] == .null)
  }
}

@Suite struct ConfigurationTests {
  @Test func pulledAfterInitializedAndAppliedToDiagnostics() async throws {
    let client = TestClient()
    try await client.initialize(capabilities: [
      "workspace": ["configuration": true, "diagnostics": ["refreshSupport": true]],
      "textDocument": ["diagnostic": [:]],
    ])
    let configurationRequest = try await client.serverRequest("workspace/configuration")
    #expect(configurationRequest["params"] == ["items": [["section": "mercator"]]])
    client.open("file:///c.hcl", "a = \n")
    #expect(try await client.pullDiagnostics("file:///c.hcl")["items"]?.arrayValue?.count == 1)
    client.send([
      "jsonrpc": "2.0", "id": configurationRequest["id"] ?? .null, "result": [["diagnostics": ["enable": false]]],
    ])
    _ = try await client.serverRequest("workspace/diagnostic/refresh")
    #expect(client.server.sync { client.server.settings.diagnosticsEnabled } == false)
    #expect(try await client.pullDiagnostics("file:///c.hcl")["items"] == .array([]))
    client.notify("workspace/didChangeConfiguration", ["settings": ["mercator": ["diagnostics": ["enable": true]]]])
    #expect(try await client.pullDiagnostics("file:///c.hcl")["items"]?.arrayValue?.count == 1)
    // A change without our section makes the server ask again.
    client.notify("workspace/didChangeConfiguration", ["settings": .null])
    _ = try await client.serverRequest("workspace/configuration")
  }

  @Test func notRequestedFromClientsWithoutSupport() async throws {
    let client = TestClient()
    try await client.initialize()
    client.settle()
    #expect(client.inbox.take { $0["method"] == "workspace/configuration" } == nil)
    client.notify("workspace/didChangeConfiguration", ["settings": ["mercator": ["diagnostics.enable": false]]])
    client.settle()
    #expect(client.server.sync { client.server.settings.diagnosticsEnabled } == false)
  }
}

@Suite struct ProgressAndTraceTests {
  @Test func progressIsCreatedThenReported() async throws {
    let client = TestClient()
    try await client.initialize(capabilities: ["window": ["workDoneProgress": true]])
    let progress = client.server.beginWorkDoneProgress(title: "Inspecting")
    progress.report(message: "tables", percentage: 50)
    let create = try await client.serverRequest("window/workDoneProgress/create")
    #expect(create["params"]?["token"] == .string(progress.token))
    client.settle()
    // Nothing is reported before the client accepts the token.
    #expect(client.inbox.take { $0["method"] == "$/progress" } == nil)
    client.send(["jsonrpc": "2.0", "id": create["id"] ?? .null, "result": .null])
    progress.end(message: "done")
    var kinds: [JSONValue] = []
    for _ in 0..<3 {
      let message = try await client.notification("$/progress")
      #expect(message["params"]?["token"] == .string(progress.token))
      kinds.append(message["params"]?["value"]?["kind"] ?? .null)
    }
    #expect(kinds == ["begin", "report", "end"])
  }

  @Test func progressRefusedOrUnsupportedSendsNothing() async throws {
    let refusing = TestClient()
    try await refusing.initialize(capabilities: ["window": ["workDoneProgress": true]])
    let progress = refusing.server.beginWorkDoneProgress(title: "x")
    let create = try await refusing.serverRequest("window/workDoneProgress/create")
    refusing.send(["jsonrpc": "2.0", "id": create["id"] ?? .null, "error": ["code": -32603, "message": "no"]])
    progress.end()
    refusing.settle()
    #expect(refusing.inbox.take { $0["method"] == "$/progress" } == nil)

    let unsupported = TestClient()
    try await unsupported.initialize()
    unsupported.server.beginWorkDoneProgress(title: "x").end()
    unsupported.settle()
    #expect(unsupported.inbox.all.allSatisfy { $0["method"] != "$/progress" && $0["method"] != "window/workDoneProgress/create" })
  }

  @Test func traceLogsReceivedRequestsWithoutParams() async throws {
    let client = TestClient()
    try await client.initialize()
    client.notify("$/setTrace", ["value": "verbose"])
    client.open("file:///t.hcl", "password = \"hunter2\"\n")
    let trace = try await client.notification("$/logTrace")
    #expect(trace["params"]?["message"]?.stringValue?.contains("textDocument/didOpen") == true)
    #expect(trace["params"]?.serializedString.contains("hunter2") == false)
    client.notify("$/setTrace", ["value": "off"])
    client.settle()
    _ = client.inbox.take { $0["method"] == "$/logTrace" }
    _ = try await client.request("textDocument/diagnostic", ["textDocument": ["uri": "file:///t.hcl"]])
    #expect(client.inbox.take { $0["method"] == "$/logTrace" } == nil)
    #expect(client.logLines.all.allSatisfy { !$0.contains("hunter2") })
  }
}

func rangeJSON(_ startLine: Int, _ startCharacter: Int, _ endLine: Int, _ endCharacter: Int) -> JSONValue {
  [
    "start": ["line": .int(startLine), "character": .int(startCharacter)],
    "end": ["line": .int(endLine), "character": .int(endCharacter)],
  ]
}
