// The command lenses over an in-process server: listed without running anything, resolved into commands, turned off
// by `mercator.codeLens.run`, and executed: Show evaluated config (for_each expanded), Generate token (the token only
// behind Show token), Inspect schema of an SQLite database, and the failures that say which step and why.
import AWSAuth
import Foundation
import Testing
@testable import LanguageServer

let commandLensText = """
  variable "tenants" {
    type    = list(string)
    default = ["a", "b"]
  }
  locals {
    host = "db.example.us-east-1.rds.amazonaws.com"
  }
  data "aws_rds_token" "db" {
    endpoint = "${local.host}:5432"
    username = "app"
    region   = "us-east-1"
  }
  env "local" {
    url = "sqlite://file?mode=memory"
  }
  env "rds" {
    url = "postgres://app:${urlescape(data.aws_rds_token.db)}@${local.host}:5432/db"
  }
  env "tenant" {
    for_each = toset(var.tenants)
    url      = "postgres://u:pw@${local.host}:5432/${each.value}"
    migration {
      dir = "file://migrations/${each.key}"
    }
  }

  """

/// A server whose commands write under a fresh cache folder and sign with fixed test credentials.
func commandClient(settings: JSONValue? = nil, capabilities: JSONValue = .object([:])) async throws
  -> (TestClient, URL)
{
  let client = TestClient()
  let cache = FileManager.default.temporaryDirectory.appendingPathComponent("mercator-lens-\(UUID().uuidString)")
  client.server.commands.cacheDirectory = { cache.path }
  client.server.commands.awsEnvironment = {
    AWSEnvironment(
      variables: ["AWS_ACCESS_KEY_ID": "AKIDLENSEXAMPLE", "AWS_SECRET_ACCESS_KEY": "lens/secret+key"],
      homeDirectory: "/nonexistent")
  }
  var params: [String: JSONValue] = ["processId": .null, "capabilities": capabilities, "rootUri": .null]
  if let settings { params["initializationOptions"] = ["mercator": settings] }
  _ = try await client.request("initialize", .object(params))
  client.notify("initialized")
  client.open("file:///project/atlas.hcl", commandLensText)
  return (client, cache)
}

func commandLenses(_ client: TestClient) async throws -> [JSONValue] {
  try #require(
    try await client.result("textDocument/codeLens", docParams("file:///project/atlas.hcl")).arrayValue
  ).filter { $0["data"]?["kind"] == "command" }
}

func execute(_ client: TestClient, _ command: String, _ target: String) -> Int {
  client.sendRequest(
    "workspace/executeCommand",
    ["command": .string(command), "arguments": ["file:///project/atlas.hcl", .string(target)]])
}

@Suite struct CommandLensTests {
  /// Which lenses sit where, as `line: title target`, with the setting on and off.
  @Test(arguments: [
    (true, [
      "7: mercator.generateToken db", "12: mercator.inspectSchema local", "12: mercator.testConnection local",
      "12: mercator.showEvaluatedConfig local", "15: mercator.inspectSchema rds", "15: mercator.testConnection rds",
      "15: mercator.showEvaluatedConfig rds", "18: mercator.showEvaluatedConfig tenant",
    ]),
    (false, [
      "12: mercator.showEvaluatedConfig local", "15: mercator.showEvaluatedConfig rds",
      "18: mercator.showEvaluatedConfig tenant",
    ]),
  ])
  func listed(run: Bool, expected: [String]) async throws {
    let (client, _) = try await commandClient(settings: ["codeLens": ["run": .bool(run)]])
    let lenses = try await commandLenses(client)
    let shown = lenses.map { lens in
      "\(lens["range"]?["start"]?["line"]?.intValue ?? -1): \(lens["data"]?["command"]?.stringValue ?? "") "
        + (lens["data"]?["target"]?.stringValue ?? "")
    }
    #expect(shown == expected)
    #expect(lenses.allSatisfy { $0["command"] == nil })
  }

  @Test func resolvedIntoTheCommand() async throws {
    let (client, _) = try await commandClient()
    let lens = try #require(try await commandLenses(client).first { $0["data"]?["command"] == "mercator.inspectSchema" })
    let resolved = try await client.result("codeLens/resolve", lens)
    #expect(resolved["command"]?["title"] == "Inspect schema")
    #expect(resolved["command"]?["command"] == "mercator.inspectSchema")
    #expect(resolved["command"]?["arguments"] == ["file:///project/atlas.hcl", "local"])
  }

  @Test func settingRefusesToRun() async throws {
    let (client, _) = try await commandClient(settings: ["codeLens.run": false])
    let id = execute(client, "mercator.inspectSchema", "local")
    let response = try await client.response(to: .int(id), timeout: 120)
    #expect(response["error"]?["code"]?.intValue == -32803)
    #expect(response["error"]?["message"]?.stringValue?.contains("mercator.codeLens.run") == true)
  }

  @Test(arguments: [
    ("mercator.unknown", ["file:///project/atlas.hcl", "x"] as JSONValue),
    ("mercator.inspectSchema", ["file:///project/atlas.hcl"] as JSONValue),
    ("mercator.inspectSchema", [1, 2] as JSONValue),
  ])
  func badCommands(command: String, arguments: JSONValue) async throws {
    let (client, _) = try await commandClient()
    let response = try await client.request(
      "workspace/executeCommand", ["command": .string(command), "arguments": arguments])
    #expect(response["error"]?["code"]?.intValue == -32602)
  }

  @Test func showEvaluatedConfigExpandsForEach() async throws {
    let (client, cache) = try await commandClient()
    let id = execute(client, "mercator.showEvaluatedConfig", "tenant")
    let response = try await client.response(to: .int(id), timeout: 120)
    #expect(response["error"] == nil, "\(response.serializedString)")
    let shown = try await client.serverRequest("window/showDocument", timeout: 120)
    let path = cache.appendingPathComponent("evaluated/tenant.hcl")
    #expect(shown["params"]?["uri"]?.stringValue == path.absoluteString)
    let text = try String(contentsOf: path, encoding: .utf8)
    #expect(text.contains("url = \"postgres://u:****@db.example.us-east-1.rds.amazonaws.com:5432/a\""), "\(text)")
    #expect(text.contains("dir = \"file://migrations/b\""), "\(text)")
    #expect(!text.contains("pw@"))
  }

  @Test func generateTokenShowsItOnlyWhenAsked() async throws {
    let (client, cache) = try await commandClient()
    let id = execute(client, "mercator.generateToken", "db")
    let response = try await client.response(to: .int(id), timeout: 120)
    #expect(response["error"] == nil, "\(response.serializedString)")
    let offer = try await client.serverRequest("window/showMessageRequest", timeout: 120)
    let message = try #require(offer["params"]?["message"]?.stringValue)
    #expect(message.hasPrefix("token for app@db.example.us-east-1.rds.amazonaws.com:5432 in us-east-1"), "\(message)")
    #expect(message.contains("credentials from environment"), "\(message)")
    // Nothing sent so far holds the token.
    #expect(!client.inbox.all.contains { $0.serializedString.contains("X-Amz-Signature") })
    #expect(!(response.serializedString.contains("X-Amz-Signature")))
    client.send(["jsonrpc": "2.0", "id": offer["id"] ?? .null, "result": ["title": "Show token"]])
    let shown = try await client.serverRequest("window/showDocument", timeout: 120)
    let uri = try #require(shown["params"]?["uri"]?.stringValue)
    let path = try #require(URL(string: uri)).path
    #expect(path.hasPrefix(cache.appendingPathComponent("tokens").path))
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    let token = try #require(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").last)
    #expect(token.hasPrefix("db.example.us-east-1.rds.amazonaws.com:5432/?Action=connect&DBUser=app&"))
    // The file goes when the server exits.
    _ = try await client.request("shutdown")
    client.notify("exit")
    client.settle()
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func inspectSchemaOfSQLite() async throws {
    let (client, cache) = try await commandClient(capabilities: ["window": ["workDoneProgress": true]])
    let id = execute(client, "mercator.inspectSchema", "local")
    let create = try await client.serverRequest("window/workDoneProgress/create", timeout: 120)
    client.send(["jsonrpc": "2.0", "id": create["id"] ?? .null, "result": .null])
    let response = try await client.response(to: .int(id), timeout: 120)
    #expect(response["error"] == nil, "\(response.serializedString)")
    let path = cache.appendingPathComponent("inspect/local.hcl")
    #expect(try String(contentsOf: path, encoding: .utf8) == "schema \"main\" {\n}\n")
    let attributes = try FileManager.default.attributesOfItem(atPath: path.path)
    #expect((attributes[.posixPermissions] as? Int) == 0o444)
    _ = try await client.serverRequest("window/showDocument", timeout: 120)
    // Progress held until the client accepted the token may come after the answer: read up to its end.
    var messages: [String] = []
    while true {
      let progress = try await client.next(timeout: 120, "$/progress") { $0["method"] == "$/progress" }
      messages.append(progress["params"]?["value"]?["message"]?.stringValue ?? "")
      if progress["params"]?["value"]?["kind"] == "end" { break }
    }
    #expect(messages.contains("connecting"), "\(messages)")
  }

  /// Each failure names its step and says why; nothing secret in it.
  @Test(arguments: [
    ("mercator.inspectSchema", "nowhere", "failed while evaluating env \"nowhere\": not declared"),
    ("mercator.inspectSchema", "tenant", "uses for_each"),
    ("mercator.generateToken", "nothing", "no data \"aws_rds_token\" \"nothing\""),
    ("mercator.showEvaluatedConfig", "nowhere", "env \"nowhere\" is not declared"),
  ])
  func failuresSayWhichStep(command: String, target: String, expected: String) async throws {
    let (client, _) = try await commandClient()
    let id = execute(client, command, target)
    let response = try await client.response(to: .int(id), timeout: 120)
    let message = try #require(response["error"]?["message"]?.stringValue)
    #expect(message.contains(expected), "\(message)")
    let shown = try await client.notification("window/showMessage", timeout: 120)
    #expect(shown["params"]?["message"]?.stringValue == message)
    #expect(shown["params"]?["type"]?.intValue == 1)
  }
}
