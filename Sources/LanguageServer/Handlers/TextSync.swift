// Handlers for text synchronisation: `didOpen`, incremental `didChange` (clamped, logged) and `didClose`.

extension Server {
  func didOpen(params: JSONValue) throws {
    let reader = try ParamsReader(params)
    let item = try TextDocumentItem(json: reader.object["textDocument"] ?? .null)
    documents.open(uri: item.uri, version: item.version, text: Array(item.text.utf8), languageID: item.languageID)
    documentChanged(uri: item.uri)
  }

  func didChange(params: JSONValue) throws {
    let reader = try ParamsReader(params)
    let identifier = try reader.nested("textDocument")
    let uri = try identifier.string("uri")
    let version = try identifier.int("version")
    let changes = try reader.array("contentChanges").enumerated().map { index, change in
      try TextDocumentContentChange(json: change, path: "params.contentChanges[\(index)]")
    }
    guard let current = documents[uri] else {
      log("didChange for a document that is not open; ignored")
      logMessage(.warning, "Ignored a change to \(uri): the document is not open")
      return
    }
    if version <= current.version {
      log("didChange version \(version) is not after \(current.version); applied anyway")
    }
    let clamped = documents.change(uri: uri, version: version, changes: changes, encoding: positionEncoding) ?? 0
    if clamped > 0 {
      log("didChange: \(clamped) edit range(s) out of the document, clamped")
      logMessage(.warning, "\(clamped) edit range(s) in a change to \(uri) were outside the document and were clamped")
    }
    documentChanged(uri: uri)
  }

  func didClose(params: JSONValue) throws {
    let reader = try ParamsReader(params)
    let uri = try reader.nested("textDocument").string("uri")
    guard documents.close(uri: uri) else { return }
    documentClosed(uri: uri)
  }
}
