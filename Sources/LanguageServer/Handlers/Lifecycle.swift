// Handlers for the lifecycle: `initialize` (capability and encoding negotiation), `initialized`, `shutdown`,
// `$/cancelRequest` and `$/setTrace`.
import AtlasLanguage

extension Server {
  func initialize(params: JSONValue) throws -> HandlerOutcome {
    guard lifecycle == .uninitialized else { throw ResponseError.invalidRequest("initialize was already received") }
    let reader = try ParamsReader(params)
    guard let capabilities = reader.object["capabilities"], capabilities.objectValue != nil else {
      throw ResponseError.invalidParams("params.capabilities must be an object")
    }
    if let value = reader.object["processId"], !value.isNull, value.intValue == nil {
      throw ResponseError.invalidParams("params.processId must be an integer or null")
    }
    if let traceName = try reader.optionalString("trace") {
      trace = TraceValue(rawValue: traceName) ?? .off
    }
    clientCapabilities = ClientCapabilities(json: capabilities)
    clientName = reader.object["clientInfo"]?["name"]?.stringValue
    positionEncoding = .negotiate(clientOffers: clientCapabilities.positionEncodings)
    workspaceFolders = Self.workspaceFolderPaths(reader.object)
    if let options = reader.object["initializationOptions"], let section = options["mercator"] ?? options["settings"] {
      applySettings(section)
    }
    lifecycle = .running
    log("initialized; position encoding \(positionEncoding.rawValue)")
    return .result([
      "capabilities": serverCapabilities,
      "serverInfo": ["name": .string(Self.name), "version": .string(Self.version)],
    ])
  }

  /// What the server implements, and nothing else.
  var serverCapabilities: JSONValue {
    [
      "positionEncoding": .string(positionEncoding.rawValue),
      "textDocumentSync": ["openClose": true, "change": 2],
      "diagnosticProvider": [
        "identifier": "mercator", "interFileDependencies": false, "workspaceDiagnostics": false,
      ],
      "documentSymbolProvider": true,
      "foldingRangeProvider": true,
      "selectionRangeProvider": true,
      "semanticTokensProvider": ["legend": Self.semanticTokensLegend, "full": ["delta": true], "range": true],
      "documentFormattingProvider": true,
      "documentRangeFormattingProvider": true,
      "linkedEditingRangeProvider": true,
      "definitionProvider": true,
      "referencesProvider": true,
      "documentHighlightProvider": true,
      "renameProvider": ["prepareProvider": true],
      "codeActionProvider": ["codeActionKinds": ["quickfix", .string(Self.fixAllKind)], "resolveProvider": true],
      "workspaceSymbolProvider": true,
      "workspace": ["workspaceFolders": ["supported": true, "changeNotifications": true]],
      "hoverProvider": true,
      "inlayHintProvider": ["resolveProvider": false],
      "codeLensProvider": ["resolveProvider": true],
      "executeCommandProvider": ["commands": .array(CodeLensCommand.identifiers.map(JSONValue.string))],
      "completionProvider": [
        "triggerCharacters": .array(Self.completionTriggerCharacters.map(JSONValue.string)), "resolveProvider": true,
        "completionItem": ["labelDetailsSupport": true],
      ],
      "signatureHelpProvider": ["triggerCharacters": ["(", ","], "retriggerCharacters": [")"]],
    ]
  }

  func initialized() {
    if clientCapabilities.supportsConfiguration { fetchConfiguration() }
    registerFileWatching()
  }

  /// From now on requests are refused. Requests still pending are answered first: `shutdown`'s own answer waits
  /// for them (their results are on the way; none waits on the client).
  func shutdown(id: RequestID) -> HandlerOutcome {
    lifecycle = .shutDown
    // A running command (an inspection) is stopped rather than waited for: the editor is closing.
    for running in commands.running.keys { cancelCommand(id: running) }
    guard pendingRequests.isEmpty else {
      shutdownRequest = id
      return .pending(PendingRequest(method: "shutdown", uri: nil))
    }
    return .result(.null)
  }

  func cancelRequest(params: JSONValue) throws {
    let reader = try ParamsReader(params)
    guard let raw = reader.object["id"], let id = RequestID(raw) else {
      throw ResponseError.invalidParams("params.id must be a number or a string")
    }
    // A running command is stopped as well as answered.
    cancelCommand(id: id)
    // Only pending requests can still be cancelled; every other one has already been answered.
    replyToPending(id: id, .failure(.requestCancelled))
  }

  func setTrace(params: JSONValue) throws {
    let reader = try ParamsReader(params)
    let name = try reader.string("value")
    guard let value = TraceValue(rawValue: name) else { throw ResponseError.invalidParams("unknown trace value") }
    trace = value
  }
}
