// Parsed snapshots of open documents, and how the syntax features' requests are answered from them.
//
// Choice: a feature request (symbols, folding, selection, semantic tokens, linked editing) is answered from the
// parse of the document's current text. That parse is made off the request queue, by the same background job that
// computes diagnostics after every change (`scheduleDiagnostics`). When it is already there (the usual case: a
// client asks some time after its last keystroke) the answer is immediate. When it is not yet (a request right
// after a change), the request is kept pending — the queue does not wait — and answered as soon as the parse of
// that text arrives; if the text changes again before then, it is answered ContentModified (the positions it
// carries belong to a text that no longer exists), which clients retry. We never answer from an older parse: its
// ranges would be wrong for the text the client holds, and formatting or linked edits applied there would corrupt
// it. Formatting needs no parse at all (it formats the current text) and answers at once.
package import AtlasLanguage
package import HCLSyntax

/// The parse of one exact text of a document.
package struct ParsedSnapshot: Sendable {
  package var version: Int
  /// The document's revision this parse was made from (see `Document.revision`).
  package var revision: Int
  package var file: ParsedFile
  package var lines: LineIndex
  /// The atlas.hcl analysis of the text (model, values, diagnostics), for project files only (`isAtlasProjectFile`).
  package var analysis: AtlasAnalysis?

  package init(version: Int, revision: Int, file: ParsedFile, lines: LineIndex, analysis: AtlasAnalysis? = nil) {
    self.version = version
    self.revision = revision
    self.file = file
    self.lines = lines
    self.analysis = analysis
  }
}

/// A request waiting for the parse of the revision it was made against, and how to answer it from that parse.
struct SnapshotWaiter {
  var id: RequestID
  var revision: Int
  var answer: (ParsedSnapshot) throws -> JSONValue
}

extension Server {
  /// Answers from the parse of the document's current text, now or as soon as it is ready. A document that is not
  /// open answers null: every method served this way allows it, and Mercator only knows what the editor has open.
  func answerFromSnapshot(
    id: RequestID, uri: String, method: String, _ answer: @escaping (ParsedSnapshot) throws -> JSONValue
  ) throws -> HandlerOutcome {
    guard let document = documents[uri] else { return .result(.null) }
    if let snapshot = snapshots[uri], snapshot.revision == document.revision {
      return .result(try answer(snapshot))
    }
    snapshotWaiters[uri, default: []].append(SnapshotWaiter(id: id, revision: document.revision, answer: answer))
    scheduleDiagnostics(uri: uri)
    return .pending(PendingRequest(method: method, uri: uri))
  }

  /// A parse of the document's current text arrived: keep it, and answer the requests waiting for it (those made
  /// against an older text get ContentModified).
  func snapshotReady(uri: String, _ snapshot: ParsedSnapshot) {
    // The parse it replaces is freed on the background queue: tearing down the tree of a 1 MiB file takes
    // milliseconds, which the request queue must not spend.
    discard(snapshots.updateValue(snapshot, forKey: uri))
    guard let waiters = snapshotWaiters.removeValue(forKey: uri) else { return }
    for waiter in waiters where pendingRequests[waiter.id] != nil {
      guard waiter.revision == snapshot.revision else {
        replyToPending(id: waiter.id, .failure(.contentModified))
        continue
      }
      let result: Result<JSONValue, ResponseError>
      do {
        result = .success(try waiter.answer(snapshot))
      } catch let error as ResponseError {
        result = .failure(error)
      } catch {
        result = .failure(ResponseError(code: ResponseError.internalErrorCode, message: "\(error)"))
      }
      replyToPending(id: waiter.id, result)
    }
  }

  /// Frees a snapshot on the background queue. The box holds the only reference once the caller's temporary is
  /// gone, so the tree is torn down there whichever thread drops the box last.
  func discard(_ snapshot: consuming ParsedSnapshot?) {
    guard snapshot != nil else { return }
    let box = DisposalBox(snapshot)
    backgroundQueue.async { box.value = nil }
  }

  /// The document closed: its parse and cached results go, and waiting requests get ContentModified.
  func forgetSnapshot(uri: String) {
    discard(snapshots.removeValue(forKey: uri))
    semanticTokenResults.removeValue(forKey: uri)
    for waiter in snapshotWaiters.removeValue(forKey: uri) ?? [] {
      replyToPending(id: waiter.id, .failure(.contentModified))
    }
  }

  /// The `textDocument.uri` of a request's params.
  func documentURI(_ params: JSONValue) throws -> String {
    try ParamsReader(params).nested("textDocument").string("uri")
  }
}

/// Carries a snapshot to the queue that frees it.
private final class DisposalBox: @unchecked Sendable {
  var value: ParsedSnapshot?
  init(_ value: consuming ParsedSnapshot?) { self.value = value }
}
