// `textDocument/formatting` and `textDocument/rangeFormatting`: `atlas schema fmt` (hclwrite) style as minimal edits.
//
// `FormattingOptions` (tabSize, insertSpaces, trimTrailingWhitespace, …) are read for validity but otherwise
// ignored on purpose: hclwrite's style is fixed (two spaces, aligned `=`), and Mercator must format exactly as
// `atlas schema fmt` does whatever the editor's indentation settings are.
//
// These need no parse snapshot: the formatter works on the document's current text, so they answer at once and are
// never stale.
import AtlasLanguage
import HCLSyntax

extension Server {
  func formatDocument(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let reader = try ParamsReader(params)
    let uri = try reader.nested("textDocument").string("uri")
    guard let document = documents[uri] else { return .result(.null) }
    let converter = PositionConverter(text: document.text, encoding: positionEncoding)
    return .result(.array(DocumentFormatting.edits(document.text).map(converter.textEdit)))
  }

  func formatRange(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let reader = try ParamsReader(params)
    let uri = try reader.nested("textDocument").string("uri")
    let range = try Range(json: reader.object["range"] ?? .null, path: "params.range")
    guard let document = documents[uri] else { return .result(.null) }
    let converter = PositionConverter(text: document.text, encoding: positionEncoding)
    let (textRange, _) = converter.textRange(of: range)
    return .result(.array(DocumentFormatting.edits(document.text, in: textRange).map(converter.textEdit)))
  }
}
