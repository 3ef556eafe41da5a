// The command lenses of `textDocument/codeLens` (Generate token, Inspect schema, Test connection, Show evaluated
// config): listed with only their data, resolved into the `workspace/executeCommand` they run when clicked.
import AtlasLanguage

extension Server {
  static func commandLensData(_ command: CodeLensCommand) -> [String: JSONValue] {
    ["kind": "command", "command": .string(command.identifier), "target": .string(command.target)]
  }

  /// Title and command; nothing is evaluated or run here (a click runs it).
  func resolveCommandLens(params: JSONValue, range: Range, uri: String, data: ParamsReader) throws -> HandlerOutcome {
    guard let command = CodeLensCommand(identifier: try data.string("command"), target: try data.string("target")) else {
      throw ResponseError.invalidParams("params.data.command is not a Mercator command")
    }
    return .result([
      "range": range.json, "data": params["data"] ?? .null,
      "command": [
        "title": .string(command.title), "command": .string(command.identifier),
        "arguments": [.string(uri), .string(command.target)],
      ],
    ])
  }

  /// Asks the client to list lenses again (a setting changed which are shown), when it supports that.
  func refreshCodeLenses() {
    guard clientCapabilities.supportsCodeLensRefresh, lifecycle == .running else { return }
    request("workspace/codeLens/refresh", .null)
  }
}
