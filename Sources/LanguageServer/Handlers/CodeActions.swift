// `textDocument/codeAction` and `codeAction/resolve`: the quick fixes of the diagnostics the client sent (each tied
// to its diagnostic, preferred when it is the obvious one) and `source.fixAll`. A client that can resolve `edit`
// gets the actions without edits and a `data` naming the fix and the document version; the edit is made when one
// is chosen, and refused (ContentModified) if the text changed since.
import AtlasLanguage
import HCLSyntax

extension Server {
  static let fixAllKind = "source.fixAll"

  /// The LSP form of an atlas.hcl diagnostic, exactly as `analyse` publishes it (so the client can match it).
  static func lspDiagnostic(_ checked: AtlasDiagnostic, _ converter: PositionConverter) -> LSPDiagnostic {
    var item = converter.diagnostic(checked.diagnostic)
    item.documentation = checked.documentation
    item.isUnnecessary = checked.isUnnecessary
    return item
  }

  func codeActions(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let reader = try ParamsReader(params)
    let uri = try reader.nested("textDocument").string("uri")
    let range = try Range(json: reader.object["range"] ?? .null, path: "params.range")
    let context = try reader.nested("context")
    // The diagnostics the client has at the range: only their fixes are offered. One is ours when its code and
    // range are, or its code, message and line (some clients, Neovim 0.7 among them, send columns back in bytes).
    var known: Set<String> = []
    for (index, item) in try context.array("diagnostics").enumerated() {
      let itemRange = try Range(json: item["range"] ?? .null, path: "params.context.diagnostics[\(index)].range")
      let code = item["code"]?.stringValue ?? item["code"]?.intValue.map(String.init) ?? ""
      known.insert(Self.diagnosticKey(code: code, range: itemRange))
      known.insert(Self.diagnosticKey(code: code, message: item["message"]?.stringValue ?? "", line: itemRange.start.line))
    }
    let only = context.object["only"]?.arrayValue?.compactMap(\.stringValue)
    func wants(_ kind: String) -> Bool { only.map { $0.contains { kind == $0 || kind.hasPrefix($0 + ".") } } ?? true }
    let encoding = positionEncoding
    let lazy = clientCapabilities.navigation.resolvesCodeActionEdits
    return try answerFromSnapshot(id: id, uri: uri, method: "textDocument/codeAction") { snapshot in
      guard let analysis = snapshot.analysis else { return [] }
      let converter = PositionConverter(lines: snapshot.lines, encoding: encoding)
      var actions: [JSONValue] = []
      if wants("quickfix") {
        for fix in CodeActions.quickFixes(in: analysis, overlapping: converter.textRange(of: range).range) {
          let diagnostic = Self.lspDiagnostic(fix.diagnostic, converter)
          guard known.contains(Self.diagnosticKey(code: diagnostic.code, range: diagnostic.range))
            || known.contains(Self.diagnosticKey(code: diagnostic.code, message: diagnostic.message,
                                                 line: diagnostic.range.start.line))
          else { continue }
          var action: [String: JSONValue] = [
            "title": .string(fix.fix.title), "kind": "quickfix", "diagnostics": [diagnostic.json],
          ]
          if fix.fix.isPreferred { action["isPreferred"] = true }
          if lazy {
            action["data"] = [
              "uri": .string(uri), "version": .int(snapshot.version), "diagnostic": .int(fix.diagnosticIndex),
              "fix": .int(fix.fixIndex),
            ]
          } else {
            action["edit"] = self.workspaceEdit(uri: uri, version: snapshot.version, edits: [fix.edit], converter: converter)
          }
          actions.append(.object(action))
        }
      }
      if wants(Self.fixAllKind) {
        let edits = CodeActions.fixAll(analysis)
        if !edits.isEmpty {
          var action: [String: JSONValue] = ["title": "Fix all obvious problems", "kind": .string(Self.fixAllKind)]
          if lazy {
            action["data"] = ["uri": .string(uri), "version": .int(snapshot.version), "fixAll": true]
          } else {
            action["edit"] = self.workspaceEdit(uri: uri, version: snapshot.version, edits: edits, converter: converter)
          }
          actions.append(.object(action))
        }
      }
      return .array(actions)
    }
  }

  static func diagnosticKey(code: String, range: Range) -> String {
    "\(code)@\(range.start.line):\(range.start.character)-\(range.end.line):\(range.end.character)"
  }

  static func diagnosticKey(code: String, message: String, line: Int) -> String { "\(code)@\(line)\u{0}\(message)" }

  func resolveCodeAction(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    guard case .object(let action) = params else { throw ResponseError.invalidParams("params must be a CodeAction") }
    let data = try ParamsReader(action["data"] ?? .null, path: "params.data")
    let uri = try data.string("uri")
    let version = try data.int("version")
    let fixAll = data.object["fixAll"]?.boolValue ?? false
    let indices = fixAll ? nil : (try data.int("diagnostic"), try data.int("fix"))
    guard documents[uri] != nil else {
      throw ResponseError(code: ResponseError.requestFailedCode, message: "The document of this code action is closed")
    }
    let encoding = positionEncoding
    return try answerFromSnapshot(id: id, uri: uri, method: "codeAction/resolve") { snapshot in
      guard snapshot.version == version, let analysis = snapshot.analysis else { throw ResponseError.contentModified }
      let converter = PositionConverter(lines: snapshot.lines, encoding: encoding)
      let edits: [AtlasLanguage.TextEdit]
      if case let (diagnostic, fix)? = indices {
        guard let found = CodeActions.fix(in: analysis, diagnosticIndex: diagnostic, fixIndex: fix) else {
          throw ResponseError.contentModified
        }
        edits = [found.edit]
      } else {
        edits = CodeActions.fixAll(analysis)
      }
      var resolved = action
      resolved["edit"] = self.workspaceEdit(uri: uri, version: snapshot.version, edits: edits, converter: converter)
      return .object(resolved)
    }
  }
}
