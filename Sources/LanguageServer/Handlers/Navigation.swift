// `textDocument/definition`, `references`, `documentHighlight`, `prepareRename` and `rename` for the variables,
// locals, data sources and envs of an open atlas.hcl. Every answer stays inside the one document: Atlas evaluates
// exactly one config file (`-c` takes one URL and `cmdapi.parseConfig` parses that file alone), so no name in an
// atlas.hcl refers to another file, and a rename never edits one.
import AtlasLanguage
import HCLSyntax

/// The parts of the client's capabilities that navigation, rename and code actions act on.
package struct NavigationCapabilities: Sendable {
  /// `textDocument.definition.linkSupport`: answer `LocationLink`s (with the origin and the whole block).
  package var definitionLinks = false
  /// `workspace.workspaceEdit.documentChanges`: edits carry the document version they were made for.
  package var documentChanges = false
  /// `textDocument.codeAction.resolveSupport` for `edit`, with `dataSupport`: edits may be computed when chosen.
  package var resolvesCodeActionEdits = false

  package init() {}

  package init(json: JSONValue) {
    definitionLinks = json["textDocument"]?["definition"]?["linkSupport"]?.boolValue ?? false
    documentChanges = json["workspace"]?["workspaceEdit"]?["documentChanges"]?.boolValue ?? false
    let codeAction = json["textDocument"]?["codeAction"]
    let resolvable = (codeAction?["resolveSupport"]?["properties"]?.arrayValue ?? []).compactMap(\.stringValue)
    resolvesCodeActionEdits = resolvable.contains("edit") && codeAction?["dataSupport"]?.boolValue == true
  }
}

extension Server {
  /// A position request's document and offset, answered from the analysis of its current text; null for a document
  /// that is not an atlas.hcl project file (nothing there has a definition).
  private func answerAtPosition(
    id: RequestID, params: JSONValue, method: String,
    _ answer: @escaping (_ analysis: AtlasAnalysis, _ offset: Int, _ converter: PositionConverter, _ snapshot: ParsedSnapshot) throws -> JSONValue
  ) throws -> HandlerOutcome {
    let reader = try ParamsReader(params)
    let uri = try reader.nested("textDocument").string("uri")
    let position = try Position(json: reader.object["position"] ?? .null, path: "params.position")
    let encoding = positionEncoding
    return try answerFromSnapshot(id: id, uri: uri, method: method) { snapshot in
      guard let analysis = snapshot.analysis else { return .null }
      let converter = PositionConverter(lines: snapshot.lines, encoding: encoding)
      return try answer(analysis, converter.offset(of: position).offset, converter, snapshot)
    }
  }

  func definition(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let uri = try documentURI(params)
    let links = clientCapabilities.navigation.definitionLinks
    return try answerAtPosition(id: id, params: params, method: "textDocument/definition") { analysis, offset, converter, _ in
      guard case .success(let found) = Navigation.symbol(at: offset, in: analysis) else { return .null }
      let definitions = Navigation.occurrences(of: found.symbol, in: analysis).filter { $0.role == .definition }
      return .array(definitions.map { definition in
        guard links else { return ["uri": .string(uri), "range": converter.range(of: definition.range).json] }
        return [
          "originSelectionRange": converter.range(of: found.occurrence.range).json,
          "targetUri": .string(uri),
          "targetRange": converter.range(of: definition.declarationRange ?? definition.range).json,
          "targetSelectionRange": converter.range(of: definition.range).json,
        ]
      })
    }
  }

  func references(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let uri = try documentURI(params)
    let includeDeclaration = params["context"]?["includeDeclaration"]?.boolValue ?? true
    return try answerAtPosition(id: id, params: params, method: "textDocument/references") { analysis, offset, converter, _ in
      guard case .success(let found) = Navigation.symbol(at: offset, in: analysis) else { return .null }
      let occurrences = Navigation.occurrences(of: found.symbol, in: analysis)
        .filter { includeDeclaration || $0.role == .use }
      return .array(occurrences.map { ["uri": .string(uri), "range": converter.range(of: $0.range).json] })
    }
  }

  func documentHighlight(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    try answerAtPosition(id: id, params: params, method: "textDocument/documentHighlight") { analysis, offset, converter, _ in
      guard case .success(let found) = Navigation.symbol(at: offset, in: analysis) else { return .null }
      // DocumentHighlightKind: 3 Write (where it is defined), 2 Read (where it is used).
      return .array(Navigation.occurrences(of: found.symbol, in: analysis).map {
        ["range": converter.range(of: $0.range).json, "kind": .int($0.role == .definition ? 3 : 2)]
      })
    }
  }

  func prepareRename(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    try answerAtPosition(id: id, params: params, method: "textDocument/prepareRename") { analysis, offset, converter, _ in
      switch Rename.prepare(at: offset, in: analysis) {
      case .failure(let refusal): throw ResponseError(code: ResponseError.requestFailedCode, message: refusal.message)
      case .success(let target):
        return ["range": converter.range(of: target.range).json, "placeholder": .string(target.placeholder)]
      }
    }
  }

  func rename(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let uri = try documentURI(params)
    let newName = try ParamsReader(params).string("newName")
    return try answerAtPosition(id: id, params: params, method: "textDocument/rename") { analysis, offset, converter, snapshot in
      switch Rename.edits(at: offset, to: newName, in: analysis) {
      case .failure(let refusal): throw ResponseError(code: ResponseError.requestFailedCode, message: refusal.message)
      case .success(let edits):
        return self.workspaceEdit(uri: uri, version: snapshot.version, edits: edits, converter: converter)
      }
    }
  }

  /// Edits of one document as a `WorkspaceEdit`: `documentChanges` with the version they were made for when the
  /// client takes them (it then refuses them on a newer text), else `changes` keyed by URI.
  func workspaceEdit(uri: String, version: Int, edits: [AtlasLanguage.TextEdit], converter: PositionConverter) -> JSONValue {
    let textEdits = JSONValue.array(edits.map(converter.textEdit))
    guard clientCapabilities.navigation.documentChanges else { return ["changes": .object([uri: textEdits])] }
    return ["documentChanges": [["textDocument": ["uri": .string(uri), "version": .int(version)], "edits": textEdits]]]
  }
}
