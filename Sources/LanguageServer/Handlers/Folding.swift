// `textDocument/foldingRange`: blocks, brackets, heredocs, template directives and comment runs, by line (or by
// character at the end, for clients that do not declare `lineFoldingOnly`).
import AtlasLanguage

extension Server {
  func foldingRanges(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let uri = try documentURI(params)
    let encoding = positionEncoding
    let lineFoldingOnly = clientCapabilities.lineFoldingOnly
    return try answerFromSnapshot(id: id, uri: uri, method: "textDocument/foldingRange") { snapshot in
      let converter = PositionConverter(lines: snapshot.lines, encoding: encoding)
      var seen = Set<LSPFoldingRange>()
      var result: [JSONValue] = []
      for range in FoldingRanges.compute(snapshot.file) {
        // Two regions can map to the same lines (`[{` … `}]`); editors want each fold once.
        guard let fold = converter.foldingRange(range, lineFoldingOnly: lineFoldingOnly), seen.insert(fold).inserted
        else { continue }
        var object: [String: JSONValue] = [
          "startLine": .int(fold.startLine), "endLine": .int(fold.endLine),
          "kind": fold.kind == .comment ? "comment" : "region",
        ]
        if let endCharacter = fold.endCharacter { object["endCharacter"] = .int(endCharacter) }
        result.append(.object(object))
      }
      return .array(result)
    }
  }
}
