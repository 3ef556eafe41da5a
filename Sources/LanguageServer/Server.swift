// The server: lifecycle, classification and dispatch of messages, pending requests and cancellation, outgoing calls.
import Dispatch
import HCLSyntax

/// Where outgoing messages go: the stdio transport in the binary, a collector in tests.
package protocol MessageSink: Sendable {
  func send(_ message: JSONValue)
}

/// The language server, independent of how bytes travel. Feed it message bodies with `receive(body:)`; it answers
/// through its `MessageSink`.
///
/// Threading: every piece of mutable state is confined to `queue`, a serial queue, so messages are handled one at a
/// time in arrival order (a `didChange` can never overtake the request after it). Slow work (parsing for
/// diagnostics) runs on `backgroundQueue` and hops back to `queue` with its result; nothing on `queue` ever waits
/// for it. A request whose answer needs such a result is kept as *pending* and answered when the result arrives,
/// unless `$/cancelRequest` answers it first.
package final class Server: @unchecked Sendable {
  package static let name = "mercator"
  package static let version = "0.1.0"

  package enum Lifecycle: Sendable, Equatable {
    case uninitialized
    case running
    case shutDown
    case exited
  }

  let queue = DispatchQueue(label: "mercator.server")
  let backgroundQueue = DispatchQueue(label: "mercator.background", qos: .utility, attributes: .concurrent)
  let sink: any MessageSink
  let log: ServerLog
  private let onExit: @Sendable (Int32) -> Void

  // MARK: State (confined to `queue`)

  var lifecycle: Lifecycle = .uninitialized
  var clientCapabilities = ClientCapabilities()
  var positionEncoding: PositionEncoding = .utf16
  var trace: TraceValue = .off
  var settings = ServerSettings()
  /// The workspace folders' paths (for `workspace/symbol`), from `initialize` and `didChangeWorkspaceFolders`.
  var workspaceFolders: [String] = []
  /// The definitions of the atlas.hcl files on disk, cached by modification time (`workspace/symbol`).
  let workspaceSymbolIndex = WorkspaceSymbolIndex()
  /// Bumped whenever settings change, so results computed under older settings are not served.
  var settingsGeneration = 0
  var documents = DocumentStore()
  var diagnostics: [String: DocumentDiagnostics] = [:]
  /// The latest parse of each open document, made off the queue with its diagnostics (see `Snapshots.swift`).
  var snapshots: [String: ParsedSnapshot] = [:]
  /// Feature requests waiting for the parse of the revision they were made against.
  var snapshotWaiters: [String: [SnapshotWaiter]] = [:]
  /// The last full or delta semantic tokens sent for each document, for `semanticTokens/full/delta`.
  var semanticTokenResults: [String: SemanticTokensResult] = [:]
  /// Requests that will be answered later; `$/cancelRequest` answers them with RequestCancelled.
  var pendingRequests: [RequestID: PendingRequest] = [:]
  /// Callbacks for the server's own requests to the client, by id.
  var outgoingRequests: [RequestID: @Sendable (Result<JSONValue, ResponseError>) -> Void] = [:]
  private var nextOutgoingID = 1
  var nextResultID = 1
  /// A `shutdown` waiting for the requests pending before it.
  var shutdownRequest: RequestID?
  /// `clientInfo.name` from `initialize`, for the few things only some editors understand.
  var clientName: String?
  /// Where completion reads AWS profile names from (the user's shared AWS files; tests put their own).
  var awsProfileNames: @Sendable () -> [String] = Server.sharedConfigProfileNames
  /// The commands the lenses run, and their files (Commands/CommandRuns.swift).
  let commands = CommandState()

  package init(sink: any MessageSink, log: ServerLog = .standardError, onExit: @escaping @Sendable (Int32) -> Void) {
    self.sink = sink
    self.log = log
    self.onExit = onExit
  }

  // MARK: Input

  /// Handles one message body, asynchronously and in order with the others.
  package func receive(body: [UInt8]) {
    queue.async { self.handle(body: body) }
  }

  /// The client's end of the stream closed: exit as `exit` would (0 only after `shutdown`).
  package func endOfInput() {
    queue.async {
      guard self.lifecycle != .exited else { return }
      self.log("input closed")
      self.exit()
    }
  }

  /// Runs `body` on the server's queue and waits for it; for tests that inspect state.
  package func sync<T>(_ body: () -> T) -> T { queue.sync(execute: body) }

  private func handle(body: [UInt8]) {
    guard lifecycle != .exited else { return }
    switch IncomingMessage(body: body) {
    case .unparsable(let error):
      log("invalid JSON (\(error)); answered ParseError")
      send(OutgoingMessage.response(id: nil, result: .failure(.parseError("Invalid JSON: \(error)"))))
    case .invalid(let id, let reason):
      log("invalid message: \(reason)")
      send(OutgoingMessage.response(id: id, result: .failure(.invalidRequest(reason))))
    case .response(let id, let result):
      guard let callback = outgoingRequests.removeValue(forKey: id) else {
        log("response to unknown request \(id) ignored")
        return
      }
      callback(result)
    case .notification(let method, let params):
      traceReceived(kind: "notification", method: method, id: nil, params: params)
      handleNotification(method: method, params: params)
    case .request(let id, let method, let params):
      traceReceived(kind: "request", method: method, id: id, params: params)
      handleRequest(id: id, method: method, params: params)
    }
  }

  private func handleRequest(id: RequestID, method: String, params: JSONValue) {
    if pendingRequests[id] != nil {
      log("request id \(id) reused while pending")
    }
    switch lifecycle {
    case .uninitialized where method != "initialize":
      reply(id: id, .failure(.serverNotInitialized))
      return
    case .shutDown:
      reply(id: id, .failure(.invalidRequest("The server is shutting down; only exit is accepted")))
      return
    default: break
    }
    guard let handler = Self.requestHandlers[method] else {
      reply(id: id, .failure(.methodNotFound(method)))
      return
    }
    do {
      switch try handler(self, id, params) {
      case .result(let result): reply(id: id, .success(result))
      case .pending(let pending): pendingRequests[id] = pending
      }
    } catch let error as ResponseError {
      reply(id: id, .failure(error))
    } catch {
      reply(id: id, .failure(ResponseError(code: ResponseError.internalErrorCode, message: "\(error)")))
    }
  }

  private func handleNotification(method: String, params: JSONValue) {
    if method == "exit" {
      exit()
      return
    }
    guard lifecycle == .running || (lifecycle == .shutDown && method == "$/cancelRequest") else {
      // Before `initialize` notifications are dropped (the spec says so); after `shutdown` too.
      return
    }
    guard let handler = Self.notificationHandlers[method] else {
      if !method.hasPrefix("$/") { log("unknown notification \(method) ignored") }
      return
    }
    do {
      try handler(self, params)
    } catch {
      // Notifications have no answer: a bad one is logged and dropped.
      let reason = (error as? ResponseError)?.message ?? "\(error)"
      log("\(method): \(reason)")
      logMessage(.warning, "Ignored \(method): \(reason)")
    }
  }

  private func exit() {
    let code: Int32 = lifecycle == .shutDown ? 0 : 1
    lifecycle = .exited
    removeScratchFiles()
    onExit(code)
  }

  // MARK: Output

  func send(_ message: JSONValue) { sink.send(message) }

  /// Answers a request once: a pending request is forgotten; an answer to one already answered (say, cancelled) is
  /// dropped.
  func reply(id: RequestID, _ result: Result<JSONValue, ResponseError>) {
    send(OutgoingMessage.response(id: id, result: result))
  }

  /// Answers a request that was left pending, unless it was cancelled meanwhile.
  func replyToPending(id: RequestID, _ result: Result<JSONValue, ResponseError>) {
    guard pendingRequests.removeValue(forKey: id) != nil else { return }
    reply(id: id, result)
    if let shutdownRequest, shutdownRequest != id, pendingRequests.count == 1 {
      replyToPending(id: shutdownRequest, .success(.null))
    }
  }

  func notify(_ method: String, _ params: JSONValue) {
    send(OutgoingMessage.notification(method: method, params: params))
  }

  /// Sends a request to the client; `onResponse` runs on the server's queue.
  func request(
    _ method: String, _ params: JSONValue,
    onResponse: @escaping @Sendable (Result<JSONValue, ResponseError>) -> Void = { _ in }
  ) {
    let id = RequestID.number(nextOutgoingID)
    nextOutgoingID += 1
    outgoingRequests[id] = onResponse
    send(OutgoingMessage.request(id: id, method: method, params: params))
  }

  /// `window/logMessage`: shown or logged by the client. Never pass document text.
  func logMessage(_ type: MessageType, _ message: String) {
    notify("window/logMessage", ["type": .int(type.rawValue), "message": .string(message)])
  }

  /// `$/logTrace` for each received message when the client asked for tracing; only the method and id, never the
  /// parameters (they may hold document text).
  private func traceReceived(kind: String, method: String, id: RequestID?, params: JSONValue) {
    guard trace != .off, method != "$/logTrace" else { return }
    var object: [String: JSONValue] = [
      "message": .string("Received \(kind) '\(method)'\(id.map { " - (\($0))" } ?? "")")
    ]
    if trace == .verbose { object["verbose"] = .string("params: \(params.serialized.count) bytes") }
    notify("$/logTrace", .object(object))
  }
}

// MARK: - Handler registry

/// What a request handler gives back: an answer now, or a promise to answer later.
enum HandlerOutcome {
  case result(JSONValue)
  case pending(PendingRequest)
}

/// A request that will be answered later, and what it waits for.
struct PendingRequest {
  var method: String
  var uri: String?
}

typealias RequestHandler = @Sendable (Server, RequestID, JSONValue) throws -> HandlerOutcome
typealias NotificationHandler = @Sendable (Server, JSONValue) throws -> Void

extension Server {
  /// Every request the server answers. Adding one: a handler file under `Handlers/`, a line here, and its capability
  /// in `serverCapabilities` (Lifecycle.swift).
  static let requestHandlers: [String: RequestHandler] = [
    "initialize": { try $0.initialize(params: $2) },
    "shutdown": { server, id, _ in server.shutdown(id: id) },
    "textDocument/diagnostic": { try $0.pullDiagnostics(id: $1, params: $2) },
    "textDocument/documentSymbol": { try $0.documentSymbols(id: $1, params: $2) },
    "textDocument/foldingRange": { try $0.foldingRanges(id: $1, params: $2) },
    "textDocument/selectionRange": { try $0.selectionRanges(id: $1, params: $2) },
    "textDocument/semanticTokens/full": { try $0.semanticTokensFull(id: $1, params: $2) },
    "textDocument/semanticTokens/full/delta": { try $0.semanticTokensDelta(id: $1, params: $2) },
    "textDocument/semanticTokens/range": { try $0.semanticTokensRange(id: $1, params: $2) },
    "textDocument/formatting": { try $0.formatDocument(id: $1, params: $2) },
    "textDocument/rangeFormatting": { try $0.formatRange(id: $1, params: $2) },
    "textDocument/linkedEditingRange": { try $0.linkedEditingRanges(id: $1, params: $2) },
    "textDocument/definition": { try $0.definition(id: $1, params: $2) },
    "textDocument/references": { try $0.references(id: $1, params: $2) },
    "textDocument/documentHighlight": { try $0.documentHighlight(id: $1, params: $2) },
    "textDocument/prepareRename": { try $0.prepareRename(id: $1, params: $2) },
    "textDocument/rename": { try $0.rename(id: $1, params: $2) },
    "textDocument/codeAction": { try $0.codeActions(id: $1, params: $2) },
    "codeAction/resolve": { try $0.resolveCodeAction(id: $1, params: $2) },
    "workspace/symbol": { try $0.workspaceSymbols(id: $1, params: $2) },
    "textDocument/hover": { try $0.hover(id: $1, params: $2) },
    "textDocument/inlayHint": { try $0.inlayHints(id: $1, params: $2) },
    "textDocument/codeLens": { try $0.codeLenses(id: $1, params: $2) },
    "codeLens/resolve": { try $0.resolveCodeLens(id: $1, params: $2) },
    "textDocument/completion": { try $0.completion(id: $1, params: $2) },
    "completionItem/resolve": { server, _, params in try server.resolveCompletionItem(params: params) },
    "textDocument/signatureHelp": { try $0.signatureHelp(id: $1, params: $2) },
    "workspace/executeCommand": { try $0.executeCommand(id: $1, params: $2) },
  ]

  /// Every notification the server acts on; others are ignored (and `$/…` ones silently).
  static let notificationHandlers: [String: NotificationHandler] = [
    "initialized": { server, _ in server.initialized() },
    "textDocument/didOpen": { try $0.didOpen(params: $1) },
    "textDocument/didChange": { try $0.didChange(params: $1) },
    "textDocument/didClose": { try $0.didClose(params: $1) },
    "workspace/didChangeConfiguration": { try $0.didChangeConfiguration(params: $1) },
    "workspace/didChangeWatchedFiles": { try $0.didChangeWatchedFiles(params: $1) },
    "workspace/didChangeWorkspaceFolders": { try $0.didChangeWorkspaceFolders(params: $1) },
    "$/cancelRequest": { try $0.cancelRequest(params: $1) },
    "$/setTrace": { try $0.setTrace(params: $1) },
    "window/workDoneProgress/cancel": { try $0.cancelWorkDoneProgress(params: $1) },
  ]
}
