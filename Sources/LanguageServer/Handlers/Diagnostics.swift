// Diagnostics: recomputed (with the parse the syntax features answer from) off the request queue after each change, pushed with `publishDiagnostics` to clients that
// do not pull, and answered to `textDocument/diagnostic` with result ids (`unchanged` when the client is current).
import AtlasLanguage
import HCLSyntax

/// The diagnostics of one open document: the latest result, whether a computation is running, who waits for it.
struct DocumentDiagnostics {
  struct Computed {
    var version: Int
    var revision: Int
    var settingsGeneration: Int
    var resultID: String
    var items: [LSPDiagnostic]
  }

  var latest: Computed?
  var isComputing = false
  /// Pull requests waiting for the result of the document's current version.
  var waiters: [RequestID] = []
}

extension Server {
  /// Diagnostics are pushed only to clients that cannot pull them; a client that does both would show each twice.
  var pushesDiagnostics: Bool { !clientCapabilities.supportsPullDiagnostics }

  func documentChanged(uri: String) {
    // The parse of the old text answers nothing any more (requests are answered only from the current text's), and
    // freeing it now keeps one tree alive at a time instead of two while the new text is parsed.
    discard(snapshots.removeValue(forKey: uri))
    scheduleDiagnostics(uri: uri)
  }

  func documentClosed(uri: String) {
    let state = diagnostics.removeValue(forKey: uri)
    for id in state?.waiters ?? [] { replyToPending(id: id, .failure(.contentModified)) }
    forgetSnapshot(uri: uri)
    if pushesDiagnostics { notify("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": []]) }
  }

  /// Starts parsing the document and computing its diagnostics unless that is already running: at most one per
  /// document runs at a time, and when it finishes on an outdated revision it starts again on the latest one, so a
  /// burst of edits costs one or two parses, not one per keystroke. The parse is kept as the document's snapshot
  /// for the syntax features (`Snapshots.swift`), so it runs even when diagnostics are disabled.
  func scheduleDiagnostics(uri: String) {
    guard let document = documents[uri] else { return }
    var state = diagnostics[uri] ?? DocumentDiagnostics()
    guard !state.isComputing else { return }
    state.isComputing = true
    diagnostics[uri] = state
    let version = document.version
    let revision = document.revision
    let generation = settingsGeneration
    let enabled = settings.diagnosticsEnabled
    let encoding = positionEncoding
    let text = document.text
    let isProjectFile = Self.isAtlasProjectFile(uri)
    backgroundQueue.async {
      let (snapshot, items) = Self.analyse(
        text: text, version: version, revision: revision, encoding: encoding, diagnosticsEnabled: enabled,
        isProjectFile: isProjectFile)
      self.queue.async {
        self.finishDiagnostics(uri: uri, snapshot: snapshot, generation: generation, items: items)
      }
    }
  }

  /// Whether a document is an Atlas project file, whose blocks the atlas.hcl checks judge: `atlas.hcl` or a name
  /// ending in it (`dev.atlas.hcl`). Other `.hcl` files (Atlas schema files, Terraform) get syntax diagnostics only.
  static func isAtlasProjectFile(_ uri: String) -> Bool {
    let name = uri.split(separator: "/").last.map { $0.lowercased() } ?? ""
    return name == "atlas.hcl" || name.hasSuffix(".atlas.hcl") || name.hasSuffix("_atlas.hcl")
  }

  /// Parses a text and gives its diagnostics in LSP terms: syntax, then (for project files) the atlas.hcl structure
  /// checks. Runs on the background queue.
  static func analyse(
    text: [UInt8], version: Int, revision: Int, encoding: PositionEncoding, diagnosticsEnabled: Bool,
    isProjectFile: Bool
  ) -> (ParsedSnapshot, [LSPDiagnostic]) {
    let parsed = Parser.parseConfig(text)
    let snapshot = ParsedSnapshot(version: version, revision: revision, file: parsed, lines: LineIndex(text))
    guard diagnosticsEnabled else { return (snapshot, []) }
    let converter = PositionConverter(lines: snapshot.lines, encoding: encoding)
    var items = parsed.diagnostics.map(converter.diagnostic)
    for checked in isProjectFile ? AtlasChecks.checkDetailed(parsed) : [] {
      var item = converter.diagnostic(checked.diagnostic)
      item.documentation = checked.documentation
      item.isUnnecessary = checked.isUnnecessary
      items.append(item)
    }
    return (snapshot, items)
  }

  private func finishDiagnostics(uri: String, snapshot: ParsedSnapshot, generation: Int, items: [LSPDiagnostic]) {
    guard var state = diagnostics[uri], let document = documents[uri] else { return }
    state.isComputing = false
    guard document.revision == snapshot.revision else {
      // Outdated before it was done: compute again for the current text.
      diagnostics[uri] = state
      scheduleDiagnostics(uri: uri)
      return
    }
    guard generation == settingsGeneration else {
      // The text is current but the settings changed meanwhile: the diagnostics must be recomputed.
      diagnostics[uri] = state
      snapshotReady(uri: uri, snapshot)
      scheduleDiagnostics(uri: uri)
      return
    }
    let version = snapshot.version
    let computed = DocumentDiagnostics.Computed(
      version: version, revision: snapshot.revision, settingsGeneration: generation, resultID: String(nextResultID),
      items: items)
    nextResultID += 1
    state.latest = computed
    let waiters = state.waiters
    state.waiters = []
    diagnostics[uri] = state
    if pushesDiagnostics {
      notify(
        "textDocument/publishDiagnostics",
        ["uri": .string(uri), "version": .int(version), "diagnostics": .array(items.map(\.json))])
    }
    for id in waiters { replyToPending(id: id, .success(fullReport(computed))) }
    // After the diagnostics are out: the requests waiting for this parse are answered from it.
    snapshotReady(uri: uri, snapshot)
  }

  /// The current result for a document, if it matches its text and the settings.
  private func currentDiagnostics(uri: String) -> DocumentDiagnostics.Computed? {
    guard let document = documents[uri], let latest = diagnostics[uri]?.latest,
      latest.revision == document.revision, latest.settingsGeneration == settingsGeneration
    else { return nil }
    return latest
  }

  // MARK: textDocument/diagnostic

  func pullDiagnostics(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let reader = try ParamsReader(params)
    let uri = try reader.nested("textDocument").string("uri")
    let previousResultID = try reader.optionalString("previousResultId")
    guard documents[uri] != nil else {
      // Mercator analyses only what the editor has open; a closed document has nothing to report.
      return .result(["kind": "full", "items": []])
    }
    if let current = currentDiagnostics(uri: uri) {
      if let previousResultID, previousResultID == current.resultID {
        return .result(["kind": "unchanged", "resultId": .string(current.resultID)])
      }
      return .result(fullReport(current))
    }
    // Not computed yet for this version: answer when it is (the request loop does not wait).
    diagnostics[uri, default: DocumentDiagnostics()].waiters.append(id)
    scheduleDiagnostics(uri: uri)
    return .pending(PendingRequest(method: "textDocument/diagnostic", uri: uri))
  }

  private func fullReport(_ computed: DocumentDiagnostics.Computed) -> JSONValue {
    ["kind": "full", "resultId": .string(computed.resultID), "items": .array(computed.items.map(\.json))]
  }

  /// Settings changed what diagnostics say: recompute every open document, and ask a pulling client to pull again.
  func diagnosticsSettingsChanged() {
    for uri in documents.uris { scheduleDiagnostics(uri: uri) }
    if clientCapabilities.supportsPullDiagnostics && clientCapabilities.supportsDiagnosticRefresh {
      request("workspace/diagnostic/refresh", .null)
    }
  }
}
