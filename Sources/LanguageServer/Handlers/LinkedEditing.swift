// `textDocument/linkedEditingRange`: a heredoc's opening and closing markers, renamed together.
import AtlasLanguage

extension Server {
  /// What the client may type into a linked range and keep it linked: an HCL identifier (letters, digits, `_` and
  /// `-`, not starting with a digit or `-`). JavaScript syntax without flags (VS Code builds `new RegExp(pattern)`),
  /// so non-ASCII letters are admitted as a block of code units rather than with `\p{L}`.
  static let identifierWordPattern = #"[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_\-\u00C0-\uFFFF]*"#

  func linkedEditingRanges(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let reader = try ParamsReader(params)
    let uri = try reader.nested("textDocument").string("uri")
    let position = try Position(json: reader.object["position"] ?? .null, path: "params.position")
    let encoding = positionEncoding
    return try answerFromSnapshot(id: id, uri: uri, method: "textDocument/linkedEditingRange") { snapshot in
      let converter = PositionConverter(lines: snapshot.lines, encoding: encoding)
      let (offset, clamped) = converter.offset(of: position)
      guard !clamped, let ranges = LinkedEditing.ranges(snapshot.file, at: offset) else { return .null }
      return [
        "ranges": .array(ranges.map { converter.range(of: $0).json }),
        "wordPattern": .string(Self.identifierWordPattern),
      ]
    }
  }
}
