// Open documents by URI: their text (UTF-8 bytes) and version, and applying incremental edits to them.

/// One open document. `text` is what the client holds, as UTF-8.
package struct Document: Sendable {
  package var uri: String
  package var version: Int
  package var text: [UInt8]
  /// The client's language id (`hcl`, `sql`, …), as given when it was opened.
  package var languageID: String = ""
  /// Bumped by the store at every open and change, so a result can be matched to the exact text it was computed
  /// from even when a client repeats a version number.
  package var revision: Int
}

/// The documents the client has opened. Confined to the server's queue.
package struct DocumentStore: Sendable {
  private var documents: [String: Document] = [:]
  private var nextRevision = 1

  package init() {}

  package subscript(uri: String) -> Document? { documents[uri] }

  package var uris: [String] { Array(documents.keys) }

  package mutating func open(uri: String, version: Int, text: [UInt8], languageID: String = "") {
    documents[uri] = Document(uri: uri, version: version, text: text, languageID: languageID, revision: nextRevision)
    nextRevision += 1
  }

  @discardableResult
  package mutating func close(uri: String) -> Bool { documents.removeValue(forKey: uri) != nil }

  /// Applies `changes` in order (each one's range refers to the text after the previous one) and sets `version`.
  /// Returns how many ranges had to be clamped, or nil when the document is not open.
  package mutating func change(
    uri: String, version: Int, changes: [TextDocumentContentChange], encoding: PositionEncoding
  ) -> Int? {
    guard var document = documents[uri] else { return nil }
    var clampedCount = 0
    for change in changes {
      guard let range = change.range else {
        document.text = Array(change.text.utf8)
        continue
      }
      let converter = PositionConverter(text: document.text, encoding: encoding)
      let (byteRange, clamped) = converter.textRange(of: range)
      if clamped { clampedCount += 1 }
      document.text.replaceSubrange(byteRange.start..<byteRange.end, with: change.text.utf8)
    }
    document.version = version
    document.revision = nextRevision
    nextRevision += 1
    documents[uri] = document
    return clampedCount
  }
}

extension Document {
  /// Whether the document is HCL: by its language id or, when the client says nothing useful, by its name. Other
  /// documents (a `schema.sql` that `file()` reads, open beside the atlas.hcl) get no HCL diagnostics.
  package var isHCL: Bool {
    let language = languageID.lowercased()
    if ["hcl", "atlas", "atlas-hcl", "hcl2", "terraform", "terraform-vars"].contains(language) { return true }
    let name = uri.lowercased()
    if [".hcl", ".tf", ".tfvars", ".hcle"].contains(where: { name.hasSuffix($0) }) { return true }
    return language.isEmpty || language == "plaintext"
  }
}
