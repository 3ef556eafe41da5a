// Completion and signature help over an in-process server: the protocol shape for a client with every 3.17 nicety
// (snippets, insert/replace, item defaults, label details, lazy documentation) and for a bare one, UTF-16 and UTF-8
// positions after emoji, AWS profile names from a HOME's shared files, and signature help's active parameter.
import Foundation
import Testing
@testable import LanguageServer

/// The completion capabilities of a modern client (VS Code's, trimmed to what the server reads).
let richCompletionCapabilities: JSONValue = [
  "textDocument": [
    "completion": [
      "completionItem": [
        "snippetSupport": true, "insertReplaceSupport": true, "labelDetailsSupport": true,
        "documentationFormat": ["markdown", "plaintext"], "tagSupport": ["valueSet": [1]],
        "resolveSupport": ["properties": ["documentation", "detail"]],
        "insertTextModeSupport": ["valueSet": [1, 2]],
      ],
      "completionList": ["itemDefaults": ["commitCharacters", "editRange", "insertTextFormat", "insertTextMode", "data"]],
    ],
    "signatureHelp": [
      "signatureInformation": [
        "parameterInformation": ["labelOffsetSupport": true], "documentationFormat": ["markdown", "plaintext"],
      ]
    ],
  ]
]

func completionParams(_ line: Int, _ character: Int, trigger: String? = nil) -> JSONValue {
  var extra: [String: JSONValue] = ["position": positionJSON(line, character)]
  if let trigger { extra["context"] = ["triggerKind": 2, "triggerCharacter": .string(trigger)] }
  return docParams(extra: extra)
}

func item(_ list: JSONValue, _ label: String) -> JSONValue? {
  list["items"]?.arrayValue?.first { $0["label"]?.stringValue == label }
}

@Suite struct CompletionProtocolTests {
  let text = "env \"x\" {\n  mig\n  url = local.\n}\nlocals {\n  endpoint = \"h:5432\"\n}\n"

  @Test func announced() async throws {
    let client = TestClient()
    let response = try await client.initialize()
    let capabilities = response["result"]?["capabilities"]
    #expect(capabilities?["completionProvider"]?["resolveProvider"] == true)
    let triggers = capabilities?["completionProvider"]?["triggerCharacters"]?.arrayValue?.compactMap(\.stringValue) ?? []
    #expect(triggers.contains(".") && triggers.contains("\""))
    #expect(capabilities?["signatureHelpProvider"]?["triggerCharacters"] == ["(", ","])
  }

  @Test func richClientGetsSnippetsDefaultsAndLazyDocumentation() async throws {
    let client = try await openClient(.utf16, text, capabilities: richCompletionCapabilities)
    let list = try await client.result("textDocument/completion", completionParams(1, 5))
    // The range is shared by every item: it goes once, in itemDefaults, as insert and replace ranges.
    #expect(list["itemDefaults"]?["editRange"] == ["insert": rangeJSON(1, 2, 1, 5), "replace": rangeJSON(1, 2, 1, 5)])
    #expect(list["itemDefaults"]?["insertTextFormat"] == 2)
    #expect(list["itemDefaults"]?["insertTextMode"] == 1)
    let migration = try #require(item(list, "migration"))
    #expect(migration["textEditText"] == "migration {\n    $0\n  }")
    #expect(migration["textEdit"] == nil)
    #expect(migration["kind"] == 7)
    #expect(migration["labelDetails"]?["description"] == "block")
    // Documentation is not sent with the list, only the topic to resolve it from.
    #expect(migration["documentation"] == nil)
    let resolved = try await client.result("completionItem/resolve", migration)
    #expect(resolved["label"] == "migration")
    #expect(resolved["documentation"]?["kind"] == "markdown")
    #expect(resolved["documentation"]?["value"]?.stringValue?.contains("migration directory") == true)
    // A deprecated block is tagged.
    let log = try #require(item(list, "log"))
    #expect(log["tags"] == [1])
  }

  @Test func bareClientGetsPlainTextAndEagerDocumentation() async throws {
    let client = try await openClient(.utf16, text)
    let list = try await client.result("textDocument/completion", completionParams(1, 5))
    #expect(list["itemDefaults"] == nil)
    let items = try #require(list["items"]?.arrayValue)
    #expect(!items.isEmpty)
    for entry in items {
      #expect(entry["insertTextFormat"] == 1)
      let newText = entry["textEdit"]?["newText"]?.stringValue ?? ""
      #expect(!newText.contains("${") && !newText.contains("$0"), "snippet syntax in plain text: \(newText)")
      #expect(entry["textEdit"]?["range"] == rangeJSON(1, 2, 1, 5))
    }
    let migration = try #require(item(list, "migration"))
    #expect(migration["textEdit"]?["newText"] == "migration {\n    \n  }")
    // No documentation format declared: a bare string, which every client takes.
    #expect(migration["documentation"]?.stringValue?.contains("migration directory") == true)
    #expect(migration["detail"] == "migration { … }")
    #expect(migration["deprecated"] == nil)
    #expect(item(list, "log")?["deprecated"] == true)
  }

  @Test func insertReplaceWithoutItemDefaults() async throws {
    let capabilities: JSONValue = [
      "textDocument": ["completion": ["completionItem": ["snippetSupport": true, "insertReplaceSupport": true]]],
    ]
    // The cursor in the middle of `url`: inserting keeps `l`, replacing overwrites it.
    let client = try await openClient(.utf16, "env \"x\" {\n  ur\n}\n", capabilities: capabilities)
    let list = try await client.result("textDocument/completion", completionParams(1, 3))
    let url = try #require(item(list, "url"))
    #expect(url["textEdit"]?["insert"] == rangeJSON(1, 2, 1, 3))
    #expect(url["textEdit"]?["replace"] == rangeJSON(1, 2, 1, 4))
    #expect(url["textEdit"]?["newText"] == "url = \"${1}\"")
  }

  @Test(arguments: Encoding.allCases) func positionsAfterEmoji(encoding: Encoding) async throws {
    let source = "locals {\n  a = \"😀\"\n}\nenv \"x\" {\n  dev = \"😀${local.}\"\n}\n"
    let client = try await openClient(encoding, source, capabilities: richCompletionCapabilities)
    // After `local.` on line 4: `  dev = "😀${local.` is 19 UTF-16 units or 21 bytes.
    let column = encoding == .utf16 ? 19 : 21
    let list = try await client.result("textDocument/completion", completionParams(4, column, trigger: "."))
    #expect(item(list, "a") != nil)
    #expect(list["itemDefaults"]?["editRange"]?["insert"] == rangeJSON(4, column, 4, column))
  }

  @Test func suggestAgainOnlyForEditorsThatRunIt() async throws {
    for (name, expected) in [("Visual Studio Code", true), ("Neovim", false)] {
      let client = TestClient()
      _ = try await client.request("initialize", [
        "processId": .null, "capabilities": richCompletionCapabilities, "clientInfo": ["name": .string(name)],
      ])
      client.notify("initialized")
      client.open("file:///atlas.hcl", "env \"x\" {\n  url = lo\n}\n")
      let list = try await client.result("textDocument/completion", completionParams(1, 10))
      let local = try #require(item(list, "local"))
      #expect((local["command"]?["command"] == "editor.action.triggerSuggest") == expected, "\(name)")
    }
  }

  @Test func triggerCharacterOutsideStringsGivesNothing() async throws {
    let client = try await openClient(.utf16, "env \"x\" {\n  url =\n}\n")
    let list = try await client.result("textDocument/completion", completionParams(1, 7, trigger: "="))
    #expect(list["items"]?.arrayValue?.isEmpty == true)
  }

  @Test func urlQueryParameters() async throws {
    let source = "env \"x\" {\n  url = \"postgres://h/db?\"\n}\n"
    let client = try await openClient(.utf16, source, capabilities: richCompletionCapabilities)
    let list = try await client.result("textDocument/completion", completionParams(1, 25, trigger: "?"))
    let sslmode = try #require(item(list, "sslmode"))
    #expect(sslmode["textEditText"] == "sslmode=${1|disable,allow,prefer,require,verify-ca,verify-full|}")
  }

  @Test func awsProfilesFromTheSharedFiles() async throws {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("mercator-profiles-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    try Data("[default]\nregion = eu-west-1\n[profile prod]\nregion = us-east-1\n".utf8)
      .write(to: home.appendingPathComponent(".aws/config"))
    try Data("[ci]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n".utf8)
      .write(to: home.appendingPathComponent(".aws/credentials"))
    let source = "data \"aws_rds_token\" \"db\" {\n  endpoint = \"h:5432\"\n  username = \"u\"\n  profile = \"\"\n}\n"
    let client = TestClient()
    let path = home.path
    client.server.sync { client.server.awsProfileNames = { Server.sharedConfigProfileNames(variables: ["HOME": path]) } }
    try await client.initialize(capabilities: richCompletionCapabilities)
    client.open("file:///atlas.hcl", source)
    let list = try await client.result("textDocument/completion", completionParams(3, 13, trigger: "\""))
    let labels = list["items"]?.arrayValue?.compactMap { $0["label"]?.stringValue } ?? []
    #expect(labels == ["ci", "default", "prod"])
    // Nothing of the files but the names reaches the client.
    #expect(!list.serializedString.contains("AKIDEXAMPLE") && !list.serializedString.contains("secret"))
  }

  @Test func nonProjectFileGetsNoItems() async throws {
    let client = try await openClient(.utf16, "env \"x\" {\n  mig\n}\n", uri: "file:///schema.pg.hcl")
    let list = try await client.result(
      "textDocument/completion", docParams("file:///schema.pg.hcl", extra: ["position": positionJSON(1, 5)]))
    #expect(list["items"]?.arrayValue?.isEmpty == true)
  }
}

@Suite struct SignatureHelpProtocolTests {
  @Test(arguments: Encoding.allCases) func activeParameterWithOffsets(encoding: Encoding) async throws {
    let source = "locals {\n  a = \"😀\" == urlqueryset(\"u\", \n}\n"
    let client = try await openClient(encoding, source, capabilities: richCompletionCapabilities)
    let column = encoding == .utf16 ? 33 : 35
    let help = try await client.result("textDocument/signatureHelp", docParams(extra: ["position": positionJSON(1, column)]))
    #expect(help["activeParameter"] == 1)
    let signature = try #require(help["signatures"]?.arrayValue?.first)
    #expect(signature["label"] == "urlqueryset(url string, key string, value string) string")
    #expect(signature["parameters"]?.arrayValue?.dropFirst().first?["label"] == [24, 34])
    #expect(signature["documentation"]?["kind"] == "markdown")
  }

  @Test func stringLabelsWithoutOffsetSupport() async throws {
    let client = try await openClient(.utf16, "locals {\n  a = upper(\"x\")\n}\n")
    let help = try await client.result("textDocument/signatureHelp", docParams(extra: ["position": positionJSON(1, 12)]))
    let signature = help["signatures"]?.arrayValue?.first
    #expect(signature?["parameters"]?.arrayValue?.first?["label"] == "str string")
    #expect(help["activeParameter"] == 0)
  }

  @Test func outsideCallsIsNull() async throws {
    let client = try await openClient(.utf16, "locals {\n  a = 1\n}\n")
    let help = try await client.result("textDocument/signatureHelp", docParams(extra: ["position": positionJSON(1, 6)]))
    #expect(help == .null)
  }
}
