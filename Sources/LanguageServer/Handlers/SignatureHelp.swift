// `textDocument/signatureHelp`: the signature of the function call around the position, with its active parameter.
import AtlasLanguage

/// What the client's `textDocument.signatureHelp` capability says it can take.
package struct SignatureHelpClientCapabilities: Sendable {
  /// Parameters as offsets into the label (else as substrings of it).
  package var labelOffsets = false
  package var documentationFormats: [String] = []

  package init() {}

  package init(json: JSONValue?) {
    let information = json?["signatureInformation"]
    labelOffsets = information?["parameterInformation"]?["labelOffsetSupport"]?.boolValue ?? false
    documentationFormats = (information?["documentationFormat"]?.arrayValue ?? []).compactMap(\.stringValue)
  }
}

extension Server {
  func signatureHelp(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let reader = try ParamsReader(params)
    let uri = try reader.nested("textDocument").string("uri")
    let position = try Position(json: reader.object["position"] ?? .null, path: "params.position")
    let encoding = positionEncoding
    let labelOffsets = clientCapabilities.signatureHelp.labelOffsets
    let formats = clientCapabilities.signatureHelp.documentationFormats
    return try answerFromSnapshot(id: id, uri: uri, method: "textDocument/signatureHelp") { snapshot in
      guard let analysis = snapshot.analysis else { return .null }
      let converter = PositionConverter(lines: snapshot.lines, encoding: encoding)
      guard let signature = SignatureHelp.signature(analysis, at: converter.offset(of: position).offset) else {
        return .null
      }
      let parameters: [JSONValue] = signature.parameters.map { parameter in
        if labelOffsets {
          return ["label": [.int(encoding.offset(parameter.start, in: signature.label)),
                            .int(encoding.offset(parameter.end, in: signature.label))]]
        }
        let bytes = Array(signature.label.utf8)
        let start = min(max(parameter.start, 0), bytes.count)
        let end = min(max(parameter.end, start), bytes.count)
        return ["label": .string(String(decoding: bytes[start..<end], as: UTF8.self))]
      }
      var information: [String: JSONValue] = [
        "label": .string(signature.label),
        "documentation": Self.markup(signature.documentation, formats: formats),
        "parameters": .array(parameters),
      ]
      var result: [String: JSONValue] = ["activeSignature": 0]
      // Past the last parameter of a fixed-arity function nothing is active: an index out of range says so (left
      // out, the field would default to the first parameter).
      let active = signature.activeParameter ?? parameters.count
      information["activeParameter"] = .int(active)
      result["activeParameter"] = .int(active)
      result["signatures"] = [.object(information)]
      return .object(result)
    }
  }
}
