// `textDocument/codeLens` and `codeLens/resolve`. Listing sends each lens without a command; resolving counts the
// references and adds the command that shows them. LSP has no standard "show references" command, so (as
// terraform-ls does) a client may name its own in `capabilities.experimental.showReferencesCommandId`; otherwise the
// command is `mercator.showReferences`. Its arguments are those of VS Code's `editor.action.showReferences`: the
// document URI, the lens position and the locations, so a client maps it with one line (see docs/code-lens.md).
import AtlasLanguage
import HCLSyntax

extension Server {
  static let showReferencesCommand = "mercator.showReferences"

  func codeLenses(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let uri = try documentURI(params)
    let encoding = positionEncoding
    let executing = settings.codeLensRun
    return try answerFromSnapshot(id: id, uri: uri, method: "textDocument/codeLens") { snapshot in
      guard let analysis = snapshot.analysis else { return [] }
      let converter = PositionConverter(lines: snapshot.lines, encoding: encoding)
      let lenses = CodeLenses.compute(analysis) + CodeLenses.commands(analysis, executing: executing)
      return .array(lenses.map { lens in
        var data: [String: JSONValue] = ["uri": .string(uri)]
        switch lens.kind {
        case .references(let kind, let name):
          data["kind"] = "references"
          data["definition"] = .string(Self.definitionKindName(kind))
          data["name"] = .string(name)
        case .command(let command): data.merge(Self.commandLensData(command)) { $1 }
        }
        return ["range": converter.range(of: lens.range).json, "data": .object(data)]
      })
    }
  }

  /// Resolves a lens by the kind its `data` names (one branch per `CodeLens.Kind`).
  func resolveCodeLens(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let reader = try ParamsReader(params)
    let lensRange = try Range(json: reader.object["range"] ?? .null, path: "params.range")
    let data = try reader.nested("data")
    let uri = try data.string("uri")
    switch try data.string("kind") {
    case "references":
      return try resolveReferenceCount(id: id, params: params, range: lensRange, uri: uri, data: data)
    case "command":
      return try resolveCommandLens(params: params, range: lensRange, uri: uri, data: data)
    default:
      throw ResponseError.invalidParams("params.data does not describe a Mercator code lens")
    }
  }

  /// The count of a definition's references as the title, and the command that shows them.
  private func resolveReferenceCount(
    id: RequestID, params: JSONValue, range lensRange: Range, uri: String, data: ParamsReader
  ) throws -> HandlerOutcome {
    guard let kind = Self.definitionKind(try data.string("definition")) else {
      throw ResponseError.invalidParams("params.data.definition is not variable, local or data")
    }
    let name = try data.string("name")
    // A lens of a document closed meanwhile comes back as it was: there is nothing to count any more.
    guard documents[uri] != nil else { return .result(params) }
    let encoding = positionEncoding
    let command = clientCapabilities.showReferencesCommand ?? Self.showReferencesCommand
    return try answerFromSnapshot(id: id, uri: uri, method: "codeLens/resolve") { snapshot in
      let uses = snapshot.analysis.map { CodeLenses.uses(of: kind, name: name, in: $0) } ?? []
      let converter = PositionConverter(lines: snapshot.lines, encoding: encoding)
      let title = CodeLenses.referenceCountTitle(uses.count)
      let locations: [JSONValue] = uses.map { ["uri": .string(uri), "range": converter.range(of: $0).json] }
      return [
        "range": lensRange.json, "data": params["data"] ?? .null,
        "command": [
          "title": .string(title), "command": .string(command),
          "arguments": [.string(uri), lensRange.start.json, .array(locations)],
        ],
      ]
    }
  }

  static func definitionKindName(_ kind: ProjectModel.DefinitionKind) -> String {
    switch kind {
    case .variable: "variable"
    case .local: "local"
    case .dataSource: "data"
    case .env: "env"
    }
  }

  static func definitionKind(_ name: String) -> ProjectModel.DefinitionKind? {
    switch name {
    case "variable": .variable
    case "local": .local
    case "data": .dataSource
    case "env": .env
    default: nil
    }
  }
}
