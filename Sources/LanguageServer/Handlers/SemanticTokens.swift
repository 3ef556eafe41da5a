// `textDocument/semanticTokens/full`, `/full/delta` and `/range`: what each word, literal, operator and comment is,
// from the syntax alone, in the LSP's relative integer encoding.
import AtlasLanguage
import HCLSyntax

/// The last full (or delta) result sent for a document, kept for the next `full/delta` request.
struct SemanticTokensResult {
  var resultID: String
  var data: [UInt32]
}

/// One edit of a semantic tokens delta: replace `deleteCount` integers at `start` with `data`.
struct SemanticTokensEdit: Equatable {
  var start: Int
  var deleteCount: Int
  var data: ArraySlice<UInt32>

  var json: JSONValue {
    ["start": .int(start), "deleteCount": .int(deleteCount), "data": Server.integersJSON(data)]
  }
}

extension Server {
  /// The legend announced at `initialize`: our token types and modifiers, by index and bit.
  static var semanticTokensLegend: JSONValue {
    [
      "tokenTypes": .array(SemanticTokenType.allCases.map { .string($0.name) }),
      "tokenModifiers": .array(SemanticTokenModifiers.allNames.map { .string($0) }),
    ]
  }

  func semanticTokensFull(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let uri = try documentURI(params)
    let encoding = positionEncoding
    return try answerFromSnapshot(id: id, uri: uri, method: "textDocument/semanticTokens/full") { snapshot in
      let data = Self.semanticTokenData(snapshot, in: nil, encoding: encoding)
      let resultID = self.storeSemanticTokens(uri: uri, data: data)
      return ["resultId": .string(resultID), "data": Self.integersJSON(data[...])]
    }
  }

  /// A delta against the result the client names; when that is not the one kept (never sent, or superseded), the
  /// full result, which the specification allows in place of a delta.
  func semanticTokensDelta(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let reader = try ParamsReader(params)
    let uri = try reader.nested("textDocument").string("uri")
    let previousResultID = try reader.string("previousResultId")
    let encoding = positionEncoding
    return try answerFromSnapshot(id: id, uri: uri, method: "textDocument/semanticTokens/full/delta") { snapshot in
      let data = Self.semanticTokenData(snapshot, in: nil, encoding: encoding)
      let previous = self.semanticTokenResults[uri]
      let resultID = self.storeSemanticTokens(uri: uri, data: data)
      guard let previous, previous.resultID == previousResultID else {
        return ["resultId": .string(resultID), "data": Self.integersJSON(data[...])]
      }
      let edits = Self.semanticTokensEdits(from: previous.data, to: data)
      return ["resultId": .string(resultID), "edits": .array(edits.map(\.json))]
    }
  }

  /// Tokens overlapping a range; no result id (range results are not the base of a delta).
  func semanticTokensRange(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let reader = try ParamsReader(params)
    let uri = try reader.nested("textDocument").string("uri")
    let range = try Range(json: reader.object["range"] ?? .null, path: "params.range")
    let encoding = positionEncoding
    return try answerFromSnapshot(id: id, uri: uri, method: "textDocument/semanticTokens/range") { snapshot in
      let converter = PositionConverter(lines: snapshot.lines, encoding: encoding)
      let (textRange, _) = converter.textRange(of: range)
      return ["data": Self.integersJSON(Self.semanticTokenData(snapshot, in: textRange, encoding: encoding)[...])]
    }
  }

  static func semanticTokenData(_ snapshot: ParsedSnapshot, in range: TextRange?, encoding: PositionEncoding)
    -> [UInt32]
  {
    let tokens = SemanticTokens.compute(snapshot.file, in: range)
    return PositionConverter(lines: snapshot.lines, encoding: encoding).semanticTokenData(tokens)
  }

  private func storeSemanticTokens(uri: String, data: [UInt32]) -> String {
    let resultID = String(nextResultID)
    nextResultID += 1
    semanticTokenResults[uri] = SemanticTokensResult(resultID: resultID, data: data)
    return resultID
  }

  /// The edits that turn `old` into `new`: none when equal, else one replacing what lies between their common
  /// prefix and common suffix.
  static func semanticTokensEdits(from old: [UInt32], to new: [UInt32]) -> [SemanticTokensEdit] {
    guard old != new else { return [] }
    var prefix = 0
    let shorter = min(old.count, new.count)
    while prefix < shorter, old[prefix] == new[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < shorter - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
    return [
      SemanticTokensEdit(
        start: prefix, deleteCount: old.count - prefix - suffix, data: new[prefix..<(new.count - suffix)])
    ]
  }

  static func integersJSON(_ values: ArraySlice<UInt32>) -> JSONValue {
    .array(values.map { .int(Int($0)) })
  }
}
