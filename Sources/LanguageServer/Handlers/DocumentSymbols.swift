// `textDocument/documentSymbol`: the outline, hierarchical (`DocumentSymbol[]`), from the parse of the current text.
import AtlasLanguage

extension Server {
  func documentSymbols(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let uri = try documentURI(params)
    let encoding = positionEncoding
    return try answerFromSnapshot(id: id, uri: uri, method: "textDocument/documentSymbol") { snapshot in
      let converter = PositionConverter(lines: snapshot.lines, encoding: encoding)
      return .array(DocumentSymbols.compute(snapshot.file).map { Self.symbolJSON($0, converter) })
    }
  }

  /// One symbol and its children. Recursion is bounded: symbols nest no deeper than the parser's nesting limit.
  static func symbolJSON(_ symbol: AtlasLanguage.DocumentSymbol, _ converter: PositionConverter) -> JSONValue {
    // Clients reject an empty name or a selection range outside the range; neither should occur, but never send one.
    let selection =
      symbol.range.start <= symbol.selectionRange.start && symbol.selectionRange.end <= symbol.range.end
      ? symbol.selectionRange : symbol.range
    var object: [String: JSONValue] = [
      "name": .string(symbol.name.isEmpty ? "?" : symbol.name),
      "kind": .int(lspSymbolKind(symbol.kind)),
      "range": converter.range(of: symbol.range).json,
      "selectionRange": converter.range(of: selection).json,
    ]
    if let detail = symbol.detail { object["detail"] = .string(detail) }
    if !symbol.children.isEmpty { object["children"] = .array(symbol.children.map { symbolJSON($0, converter) }) }
    return .object(object)
  }

  /// LSP `SymbolKind` numbers. A block reads best as a Namespace (`{}` in most editors' outlines: a block is a
  /// braced scope of attributes); an attribute whose value is no literal or collection is a Property.
  static func lspSymbolKind(_ kind: AtlasLanguage.SymbolKind) -> Int {
    switch kind {
    case .block: 3  // Namespace
    case .attribute: 7  // Property
    case .string: 15
    case .number: 16
    case .boolean: 17
    case .array: 18
    case .object: 19
    case .key: 20
    case .null: 21
    }
  }
}
