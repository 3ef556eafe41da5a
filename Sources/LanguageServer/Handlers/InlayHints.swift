// `textDocument/inlayHint`: values of static locals and variables after their uses and resolved env URLs, for the
// range asked, with positions in the negotiated encoding. Labels are complete: no `inlayHint/resolve`.
import AtlasLanguage

extension Server {
  func inlayHints(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let reader = try ParamsReader(params)
    let uri = try reader.nested("textDocument").string("uri")
    let range = try Range(json: reader.object["range"] ?? .null, path: "params.range")
    let encoding = positionEncoding
    return try answerFromSnapshot(id: id, uri: uri, method: "textDocument/inlayHint") { snapshot in
      guard let analysis = snapshot.analysis else { return [] }
      let converter = PositionConverter(lines: snapshot.lines, encoding: encoding)
      let hints = InlayHints.compute(analysis, in: converter.textRange(of: range).range)
      return .array(hints.map { hint in
        var object: [String: JSONValue] = [
          "position": converter.position(of: hint.offset).json, "label": .string(hint.label), "paddingLeft": true,
        ]
        if let tooltip = hint.tooltip { object["tooltip"] = .string(tooltip) }
        return .object(object)
      })
    }
  }
}
