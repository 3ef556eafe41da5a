// `textDocument/hover`: the feature's hover as Markdown when the client prefers it, else plain text, with the
// range of the hovered thing. Only atlas.hcl project files are analysed; other documents have no hover.
import AtlasLanguage

extension Server {
  func hover(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let reader = try ParamsReader(params)
    let uri = try reader.nested("textDocument").string("uri")
    let position = try Position(json: reader.object["position"] ?? .null, path: "params.position")
    let encoding = positionEncoding
    let markdown = clientCapabilities.prefersMarkdownHover
    return try answerFromSnapshot(id: id, uri: uri, method: "textDocument/hover") { snapshot in
      let converter = PositionConverter(lines: snapshot.lines, encoding: encoding)
      guard let analysis = snapshot.analysis,
        let hover = Hover.compute(analysis, at: converter.offset(of: position).offset)
      else { return .null }
      return [
        "contents": [
          "kind": markdown ? "markdown" : "plaintext", "value": .string(markdown ? hover.markdown : hover.plainText),
        ],
        "range": converter.range(of: hover.range).json,
      ]
    }
  }
}
