// `textDocument/selectionRange`: for each position, the ranges around it, innermost first, linked by `parent`.
import AtlasLanguage

extension Server {
  /// At most this many steps per position. A left-deep chain (`a+a+a…`) nests as deep as it is long; a client gains
  /// nothing from thousands of steps and JSON that deep is refused by some parsers. The innermost steps and the
  /// outermost ones are kept (each still contains the one before, as dropping middle steps keeps containment).
  static let maximumSelectionDepth = 200

  func selectionRanges(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let reader = try ParamsReader(params)
    let uri = try reader.nested("textDocument").string("uri")
    let positions = try reader.array("positions").enumerated().map { index, json in
      try Position(json: json, path: "params.positions[\(index)]")
    }
    let encoding = positionEncoding
    return try answerFromSnapshot(id: id, uri: uri, method: "textDocument/selectionRange") { snapshot in
      let converter = PositionConverter(lines: snapshot.lines, encoding: encoding)
      return .array(
        positions.map { position in
          // A position outside the text is clamped to the nearest one, like an edit's.
          var ranges = SelectionRanges.compute(snapshot.file, at: converter.offset(of: position).offset)
          if ranges.count > Self.maximumSelectionDepth {
            let outer = Self.maximumSelectionDepth / 4
            ranges = Array(ranges.prefix(Self.maximumSelectionDepth - outer)) + ranges.suffix(outer)
          }
          var chain: JSONValue? = nil
          for range in ranges.reversed() {
            var object: [String: JSONValue] = ["range": converter.range(of: range).json]
            if let chain { object["parent"] = chain }
            chain = .object(object)
          }
          // Never empty (the whole file is always a step), but a result per position is required regardless.
          return chain ?? ["range": Range(start: position, end: position).json]
        })
    }
  }
}
