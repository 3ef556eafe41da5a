// Diagnostics: recomputed (with the parse the syntax features answer from) off the request queue after each change, pushed with `publishDiagnostics` to clients that
// do not pull, and answered to `textDocument/diagnostic` with result ids (`unchanged` when the client is current).
// An atlas.hcl is evaluated with the files its `file()`/`fileset()` read (open buffers first), and checked again
// when one of them changes: in the editor, on disk (`workspace/didChangeWatchedFiles`) or by being closed.
import AtlasLanguage
import Foundation
import HCLSyntax

/// The diagnostics of one open document: the latest result, whether a computation is running, who waits for it.
struct DocumentDiagnostics {
  struct Computed {
    var version: Int
    var revision: Int
    var settingsGeneration: Int
    var resultID: String
    var items: [LSPDiagnostic]
    /// The absolute paths the evaluation read (or looked for).
    var dependencies: Set<String>
  }

  var latest: Computed?
  var isComputing = false
  /// Asked for again while computing (a file it depends on changed): compute once more when done.
  var isStale = false
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
    if let path = Self.filePath(ofURI: uri) { recheckDependents(of: [path]) }
  }

  /// Schedules diagnostics again for every open atlas.hcl whose last evaluation read one of `paths`, or listed the
  /// folder one of them is in (a file created or deleted there changes what `fileset()` matches).
  func recheckDependents(of paths: Set<String>) {
    let touched = paths.union(paths.map { ($0 as NSString).deletingLastPathComponent })
    for (uri, state) in diagnostics where !(state.latest?.dependencies.isDisjoint(with: touched) ?? true) {
      scheduleDiagnostics(uri: uri)
    }
  }

  /// The local path a `file://` URI names, percent-decoded; nil for other schemes.
  static func filePath(ofURI uri: String) -> String? {
    guard uri.hasPrefix("file://"), let url = URL(string: uri), url.isFileURL else { return nil }
    return (url.path as NSString).standardizingPath
  }

  // MARK: workspace/didChangeWatchedFiles

  func didChangeWatchedFiles(params: JSONValue) throws {
    let reader = try ParamsReader(params)
    var paths: Set<String> = []
    for change in try reader.array("changes") {
      if let uri = change["uri"]?.stringValue, let path = Self.filePath(ofURI: uri) { paths.insert(path) }
    }
    recheckDependents(of: paths)
  }

  /// Asks the client to report changes to files on disk, when it can register for that (files that `file()`
  /// reads are rarely open in the editor).
  func registerFileWatching() {
    guard clientCapabilities.supportsWatchedFilesRegistration else { return }
    let watcher: JSONValue = ["globPattern": "**/*"]
    request("client/registerCapability", ["registrations": [[
      "id": "mercator-watched-files", "method": "workspace/didChangeWatchedFiles",
      "registerOptions": ["watchers": [watcher]],
    ]]]) { result in
      if case .failure(let error) = result { self.queue.async { self.log("file watching not registered: \(error.message)") } }
    }
  }

  func documentClosed(uri: String) {
    let state = diagnostics.removeValue(forKey: uri)
    for id in state?.waiters ?? [] { replyToPending(id: id, .failure(.contentModified)) }
    forgetSnapshot(uri: uri)
    if pushesDiagnostics { notify("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": []]) }
    // What depended on the buffer now reads the file on disk.
    if let path = Self.filePath(ofURI: uri) { recheckDependents(of: [path]) }
  }

  /// Starts parsing the document and computing its diagnostics unless that is already running: at most one per
  /// document runs at a time, and when it finishes on an outdated revision it starts again on the latest one, so a
  /// burst of edits costs one or two parses, not one per keystroke. The parse is kept as the document's snapshot
  /// for the syntax features (`Snapshots.swift`), so it runs even when diagnostics are disabled.
  func scheduleDiagnostics(uri: String) {
    guard let document = documents[uri] else { return }
    var state = diagnostics[uri] ?? DocumentDiagnostics()
    guard !state.isComputing else {
      state.isStale = true
      diagnostics[uri] = state
      return
    }
    state.isComputing = true
    diagnostics[uri] = state
    let version = document.version
    let revision = document.revision
    let generation = settingsGeneration
    let enabled = settings.diagnosticsEnabled && document.isHCL
    let encoding = positionEncoding
    let text = document.text
    let isProjectFile = Self.isAtlasProjectFile(uri)
    var files: ProjectFiles?
    if isProjectFile, let path = Self.filePath(ofURI: uri) {
      var overlay: [String: [UInt8]] = [:]
      for other in documents.uris where other != uri {
        if let otherPath = Self.filePath(ofURI: other), let open = documents[other] { overlay[otherPath] = open.text }
      }
      files = ProjectFiles(directory: ProjectFiles.directory(of: path), overlay: overlay)
    }
    backgroundQueue.async { [files] in
      let (snapshot, items) = Self.analyse(
        text: text, version: version, revision: revision, encoding: encoding, diagnosticsEnabled: enabled,
        isProjectFile: isProjectFile, files: files)
      let dependencies = files?.dependencies ?? []
      self.queue.async {
        self.finishDiagnostics(uri: uri, snapshot: snapshot, generation: generation, items: items,
                               dependencies: dependencies)
      }
    }
  }

  /// Whether a document is an Atlas project file, whose blocks the atlas.hcl checks judge: `atlas.hcl` or a name
  /// ending in it (`dev.atlas.hcl`). Other `.hcl` files (Atlas schema files, Terraform) get syntax diagnostics only.
  static func isAtlasProjectFile(_ uri: String) -> Bool {
    let name = uri.split(separator: "/").last.map { $0.lowercased() } ?? ""
    return name == "atlas.hcl" || name.hasSuffix(".atlas.hcl") || name.hasSuffix("_atlas.hcl")
  }

  /// Parses a text and gives its diagnostics in LSP terms: syntax, then (for project files) the atlas.hcl checks,
  /// evaluating with `files` for `file()` and `fileset()`. Runs on the background queue.
  static func analyse(
    text: [UInt8], version: Int, revision: Int, encoding: PositionEncoding, diagnosticsEnabled: Bool,
    isProjectFile: Bool, files: ProjectFiles? = nil
  ) -> (ParsedSnapshot, [LSPDiagnostic]) {
    let parsed = Parser.parseConfig(text)
    // A project file is analysed even with diagnostics off: completion, hover and the rest answer from it.
    let analysis = isProjectFile ? AtlasAnalysis(parsed, inputs: EvaluationInputs(host: files?.host ?? .init())) : nil
    let snapshot = ParsedSnapshot(version: version, revision: revision, file: parsed, lines: LineIndex(text),
                                  analysis: analysis)
    guard diagnosticsEnabled else { return (snapshot, []) }
    let converter = PositionConverter(lines: snapshot.lines, encoding: encoding)
    var items = parsed.diagnostics.map(converter.diagnostic)
    for checked in analysis?.diagnostics ?? [] { items.append(lspDiagnostic(checked, converter)) }
    return (snapshot, items)
  }

  private func finishDiagnostics(
    uri: String, snapshot: ParsedSnapshot, generation: Int, items: [LSPDiagnostic], dependencies: Set<String>
  ) {
    guard var state = diagnostics[uri], let document = documents[uri] else { return }
    state.isComputing = false
    guard document.revision == snapshot.revision, !state.isStale else {
      // Outdated before it was done (the text, or a file it reads, changed): compute again. The parse still
      // answers the requests waiting for it when the text is current.
      if state.isStale && document.revision == snapshot.revision { snapshotReady(uri: uri, snapshot) }
      state.isStale = false
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
    // The same text checked again because a file it reads changed: a pulling client must be told to pull.
    let isRecheck = state.latest?.revision == snapshot.revision
    let computed = DocumentDiagnostics.Computed(
      version: version, revision: snapshot.revision, settingsGeneration: generation, resultID: String(nextResultID),
      items: items, dependencies: dependencies)
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
    if isRecheck, !pushesDiagnostics, clientCapabilities.supportsDiagnosticRefresh {
      request("workspace/diagnostic/refresh", .null)
    }
    // After the diagnostics are out: the requests waiting for this parse are answered from it.
    snapshotReady(uri: uri, snapshot)
    // A file the text reads changed, so values the hints show may have too: the client asks again.
    if isRecheck, clientCapabilities.supportsInlayHintRefresh { request("workspace/inlayHint/refresh", .null) }
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
