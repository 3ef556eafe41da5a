// Hover, inlay hints and code lenses over an in-process server: the protocol's shapes (Markdown or plain text as the
// client prefers, ranges and positions in UTF-16 or UTF-8 on text with emoji and CJK, lenses listed without a
// command and resolved with one), and nothing for documents that are not atlas.hcl project files.
import Foundation
import Testing
@testable import LanguageServer

/// An atlas.hcl whose names and values hold characters that are wider in UTF-8 than in UTF-16 (and the reverse).
let valuesText = [
  "locals {",  // 0
  "  名前 = \"😀db\"",  // 1
  "  port = 5432",  // 2
  "}",  // 3
  "",  // 4
  "env \"dev\" {",  // 5
  "  url = \"postgres://u:pw@h:${local.port}/${local.名前}\"",  // 6
  "  x   = local.名前 # 😀",  // 7
  "}",  // 8
  "",
].joined(separator: "\n")

func hoverCapabilities(_ formats: [String]) -> JSONValue {
  ["textDocument": ["hover": ["contentFormat": .array(formats.map { .string($0) })]]]
}

@Suite struct HoverProtocolTests {
  @Test(arguments: Encoding.allCases) func markdownWithRange(encoding: Encoding) async throws {
    let client = try await openClient(encoding, valuesText, capabilities: hoverCapabilities(["markdown", "plaintext"]))
    // On `名前` in `local.名前` of line 7: after "  x   = local." (the column in the encoding's units).
    let column = byteColumnUnits("  x   = local.", encoding) + 1
    let hover = try await client.result("textDocument/hover", docParams(extra: ["position": positionJSON(7, column)]))
    #expect(hover["contents"]?["kind"]?.stringValue == "markdown")
    let value = try #require(hover["contents"]?["value"]?.stringValue)
    #expect(value.contains("```hcl"))
    #expect(value.contains("\"😀db\""), "\(value)")
    #expect(rangeText(valuesText, hover["range"], encoding) == "local.名前")
  }

  @Test func plainTextWhenPreferred() async throws {
    let client = try await openClient(.utf16, valuesText, capabilities: hoverCapabilities(["plaintext", "markdown"]))
    let hover = try await client.result("textDocument/hover", docParams(extra: ["position": positionJSON(6, 12)]))
    #expect(hover["contents"]?["kind"]?.stringValue == "plaintext")
    let value = try #require(hover["contents"]?["value"]?.stringValue)
    #expect(!value.contains("`"), "\(value)")
    #expect(value.contains("password: ****"), "\(value)")
    #expect(!value.contains(":pw@"), "\(value)")
  }

  @Test func plainTextWithoutCapability() async throws {
    let client = try await openClient(.utf16, valuesText)
    let hover = try await client.result("textDocument/hover", docParams(extra: ["position": positionJSON(5, 1)]))
    #expect(hover["contents"]?["kind"]?.stringValue == "plaintext")
    #expect(hover["contents"]?["value"]?.stringValue?.contains("env") == true)
  }

  @Test func nothingOnBlanksOrOtherFiles() async throws {
    let client = try await openClient(.utf16, valuesText)
    let blank = try await client.result("textDocument/hover", docParams(extra: ["position": positionJSON(4, 0)]))
    #expect(blank == .null)
    client.open("file:///schema.pg.hcl", valuesText)
    let other = try await client.result(
      "textDocument/hover", docParams("file:///schema.pg.hcl", extra: ["position": positionJSON(7, 10)]))
    #expect(other == .null)
  }
}

/// The width of an ASCII-or-not prefix in the encoding's units.
func byteColumnUnits(_ prefix: String, _ encoding: Encoding) -> Int {
  encoding == .utf16 ? prefix.utf16.count : prefix.utf8.count
}

@Suite struct InlayHintProtocolTests {
  @Test(arguments: Encoding.allCases) func positionsAfterUses(encoding: Encoding) async throws {
    let client = try await openClient(encoding, valuesText)
    let whole: JSONValue = ["start": positionJSON(0, 0), "end": positionJSON(9, 0)]
    let hints = try #require(try await client.result("textDocument/inlayHint", docParams(extra: ["range": whole])).arrayValue)
    let shown = hints.map { hint -> String in
      let position = hint["position"] ?? .null
      let line = position["line"]?.intValue ?? -1
      let before = slice(valuesText, line: line, from: 0, to: position["character"]?.intValue ?? 0, encoding)
      return "\(line): …\(before.suffix(8)) \(hint["label"]?.stringValue ?? "")"
    }
    #expect(shown == [
      "6: …cal.port = 5432",
      "6: …local.名前 = \"😀db\"",
      "6: …cal.名前}\" → postgres://u:****@h:5432/😀db",
      "7: …local.名前 = \"😀db\"",
    ], "\(shown)")
    #expect(hints.allSatisfy { $0["paddingLeft"]?.boolValue == true })
  }

  /// A file the config reads changes: the values change with the text unchanged, so the client is asked to refresh.
  @Test func refreshWhenAFileReadChanges() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mercator-hints-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let config = folder.appendingPathComponent("atlas.hcl").absoluteString
    let schema = folder.appendingPathComponent("name.txt").absoluteString
    let client = TestClient()
    try await client.initialize(capabilities: ["workspace": ["inlayHint": ["refreshSupport": true]]])
    let text = "locals {\n  name = file(\"name.txt\")\n}\nenv \"a\" {\n  x = local.name\n}\n"
    client.open(config, text)
    // Its dependencies are known once its diagnostics are out (a request may be answered from the parse before).
    _ = try await client.next("diagnostics of atlas.hcl") {
      $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == config
    }
    let whole: JSONValue = ["start": positionJSON(0, 0), "end": positionJSON(6, 0)]
    let before = try await client.result("textDocument/inlayHint", docParams(config, extra: ["range": whole]))
    #expect(before.arrayValue?.isEmpty == true, "\(before)")
    client.open(schema, "orders")
    _ = try await client.serverRequest("workspace/inlayHint/refresh")
    let after = try await client.result("textDocument/inlayHint", docParams(config, extra: ["range": whole]))
    #expect(after.arrayValue?.map { $0["label"]?.stringValue } == ["= \"orders\""], "\(after)")
  }

  @Test func onlyTheRangeAsked() async throws {
    let client = try await openClient(.utf16, valuesText)
    let line7: JSONValue = ["start": positionJSON(7, 0), "end": positionJSON(8, 0)]
    let hints = try #require(try await client.result("textDocument/inlayHint", docParams(extra: ["range": line7])).arrayValue)
    #expect(hints.count == 1)
  }
}

@Suite struct CodeLensProtocolTests {
  @Test func lensThenResolve() async throws {
    let client = try await openClient(.utf16, valuesText)
    let lenses = try #require(try await client.result("textDocument/codeLens", docParams()).arrayValue)
      .filter { $0["data"]?["kind"] == "references" }
    #expect(lenses.count == 2)
    #expect(lenses.allSatisfy { $0["command"] == nil })
    let first = try #require(lenses.first)
    #expect(rangeText(valuesText, first["range"], .utf16) == "名前")
    let resolved = try await client.result("codeLens/resolve", first)
    let command = try #require(resolved["command"])
    #expect(command["title"]?.stringValue == "2 references")
    #expect(command["command"]?.stringValue == "mercator.showReferences")
    let arguments = try #require(command["arguments"]?.arrayValue)
    #expect(arguments.first?.stringValue == "file:///atlas.hcl")
    let locations = try #require(arguments.last?.arrayValue)
    #expect(locations.map { rangeText(valuesText, $0["range"], .utf16) } == ["名前", "名前"], "the names, as Find References gives them")
    #expect(resolved["range"] == first["range"])
  }

  @Test func clientCommandWhenDeclared() async throws {
    let client = try await openClient(
      .utf16, valuesText, capabilities: ["experimental": ["showReferencesCommandId": "client.showReferences"]])
    let lenses = try #require(try await client.result("textDocument/codeLens", docParams()).arrayValue)
      .filter { $0["data"]?["kind"] == "references" }
    let resolved = try await client.result("codeLens/resolve", try #require(lenses.last))
    #expect(resolved["command"]?["command"]?.stringValue == "client.showReferences")
    #expect(resolved["command"]?["title"]?.stringValue == "1 reference")
  }

  /// A lens of a document closed since it was listed comes back as it was (there is nothing left to count).
  @Test func lensOfAClosedDocument() async throws {
    let client = try await openClient(.utf16, valuesText)
    let lens = try #require(try await client.result("textDocument/codeLens", docParams()).arrayValue?.first)
    client.notify("textDocument/didClose", docParams())
    let resolved = try await client.result("codeLens/resolve", lens)
    #expect(resolved == lens)
  }

  @Test func foreignLensIsInvalid() async throws {
    let client = try await openClient(.utf16, valuesText)
    let response = try await client.request(
      "codeLens/resolve", ["range": ["start": positionJSON(0, 0), "end": positionJSON(0, 1)], "data": ["x": 1]])
    #expect(response["error"]?["code"]?.intValue == -32602)
  }
}

@Suite struct ValueFeatureParamsTests {
  /// Wrong shapes are InvalidParams; positions outside the text are clamped, never a crash.
  @Test func badParamsAndPositions() async throws {
    let client = try await openClient(.utf16, valuesText)
    for (method, params) in [
      ("textDocument/hover", docParams()),
      ("textDocument/hover", docParams(extra: ["position": "here"])),
      ("textDocument/inlayHint", docParams(extra: ["range": ["start": positionJSON(0, 0)]])),
      ("codeLens/resolve", ["range": ["start": positionJSON(0, 0), "end": positionJSON(0, 0)]] as JSONValue),
      ("codeLens/resolve", ["range": ["start": positionJSON(0, 0), "end": positionJSON(0, 0)], "data": ["uri": 3]] as JSONValue),
    ] {
      let response = try await client.request(method, params)
      #expect(response["error"]?["code"]?.intValue == -32602, "\(method): \(response.serializedString)")
    }
    for position in [positionJSON(-4, -1), positionJSON(500, 0), positionJSON(7, 10_000)] {
      let response = try await client.request("textDocument/hover", docParams(extra: ["position": position]))
      #expect(response["error"] == nil, "\(response.serializedString)")
    }
    let reversed: JSONValue = ["start": positionJSON(8, 0), "end": positionJSON(-1, 0)]
    let hints = try await client.request("textDocument/inlayHint", docParams(extra: ["range": reversed]))
    #expect(hints["error"] == nil && hints["result"]?.arrayValue != nil, "\(hints.serializedString)")
  }
}
