// `workspace/executeCommand` for the command lenses: Generate token, Inspect schema, Test connection and Show
// evaluated config. Each runs off the server's queue (hover and completion keep answering), reports `$/progress`,
// stops on `$/cancelRequest` or `window/workDoneProgress/cancel`, and says which step failed, why and what to try,
// with every secret it learned masked.
import AWSAuth
import AtlasLanguage
import DatabaseInspection
import Foundation
import HCLSyntax

/// Why a command failed: the step, the reason, what to try. Shown to the user as one message.
struct CommandFailure: Error, Sendable {
  var step: String
  var message: String
  var hint: String?
}

extension Server {
  func executeCommand(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let reader = try ParamsReader(params)
    let identifier = try reader.string("command")
    let arguments = reader.object["arguments"]?.arrayValue ?? []
    guard arguments.count == 2, let uri = arguments[0].stringValue, let target = arguments[1].stringValue,
      let command = CodeLensCommand(identifier: identifier, target: target)
    else {
      throw ResponseError.invalidParams(
        "unknown command or arguments: Mercator runs \(CodeLensCommand.identifiers.joined(separator: ", ")) with "
          + "[document URI, name]")
    }
    if command.executes && !settings.codeLensRun {
      throw ResponseError(
        code: ResponseError.requestFailedCode,
        message: "\(command.title) is turned off by the setting mercator.codeLens.run")
    }
    guard let source = commandSource(uri: uri) else {
      throw ResponseError.invalidParams("\(uri) is neither open nor a readable file")
    }
    let label = command.subject
    let progress = beginWorkDoneProgress(title: "\(command.title) (\(label))", cancellable: true)
    let control = InspectionControl { step in
      switch step {
      case .connecting: progress.report(message: "connecting")
      case .inspecting(let tables): progress.report(message: "inspecting \(tables) table\(tables == 1 ? "" : "s")")
      case .writing: progress.report(message: "writing the schema")
      }
    }
    let run = CommandRun(id: id, progress: progress, control: control)
    commands.running[id] = run
    let aws = commands.awsEnvironment()
    let cache = commands.cacheDirectory()
    Task.detached {
      let result: Result<CommandOutcome, CommandFailure>
      switch command {
      case .generateToken(let name): result = await Self.generateToken(name, source: source, run: run, aws: aws)
      case .inspectSchema(let env): result = await Self.inspectSchema(env, source: source, run: run, aws: aws, cache: cache)
      case .testConnection(let env): result = await Self.testConnection(env, source: source, run: run, aws: aws)
      case .showEvaluatedConfig(let env): result = Self.showEvaluatedConfig(env, source: source, cache: cache)
      }
      self.queue.async { self.finishCommand(command, run: run, result) }
    }
    return .pending(PendingRequest(method: "workspace/executeCommand", uri: uri))
  }

  /// Stops the command a `$/cancelRequest` or a progress cancel names, if one runs.
  func cancelCommand(id: RequestID) {
    guard let run = commands.running[id] else { return }
    run.control.cancel()
    replyToPending(id: id, .failure(.requestCancelled))
  }

  func cancelWorkDoneProgress(params: JSONValue) throws {
    let token = ParamsReader.tokenString(params["token"])
    guard let run = commands.running.values.first(where: { $0.progress.token == token }) else { return }
    cancelCommand(id: run.id)
  }

  /// What a command gives back: a message to show, and a file to open.
  struct CommandOutcome: Sendable {
    var message: String
    var document: String?
    /// The token, for Generate token only: kept on the server, never sent unless Show token is chosen.
    var token: RDSTokenResult?
  }

  private func finishCommand(_ command: CodeLensCommand, run: CommandRun, _ result: Result<CommandOutcome, CommandFailure>) {
    commands.running[run.id] = nil
    let wasCancelled = run.control.isCancelled
    if wasCancelled, case .success = result {
      // Finished after all: the user no longer wants what it found (no document, no token offer).
      run.progress.end(message: "cancelled")
      return
    }
    switch result {
    case .success(let outcome):
      run.progress.end(message: "done")
      var answer: [String: JSONValue] = ["message": .string(run.masked(outcome.message))]
      if let document = outcome.document {
        let uri = URL(fileURLWithPath: document).absoluteString
        answer["uri"] = .string(uri)
        request("window/showDocument", ["uri": .string(uri), "takeFocus": true])
      }
      if let token = outcome.token {
        offerToken(token, summary: run.masked(outcome.message))
      } else if outcome.document == nil || !clientCapabilities.supportsShowDocument {
        // A client that may not open documents is at least told where the file is (the message names it).
        notify("window/showMessage", ["type": .int(MessageType.info.rawValue), "message": .string(run.masked(outcome.message))])
      }
      replyToPending(id: run.id, .success(.object(answer)))
    case .failure(let failure):
      run.progress.end(message: wasCancelled ? "cancelled" : "failed")
      guard !wasCancelled else {
        replyToPending(id: run.id, .failure(.requestCancelled))
        return
      }
      var text = "\(command.title) (\(command.subject)) failed while \(failure.step): \(failure.message)"
      if let hint = failure.hint { text += "\nTry: \(hint)" }
      text = run.masked(text)
      log("\(command.identifier): failed while \(failure.step)")
      notify("window/showMessage", ["type": .int(MessageType.error.rawValue), "message": .string(text)])
      replyToPending(id: run.id, .failure(ResponseError(code: ResponseError.requestFailedCode, message: text)))
    }
  }

  // MARK: - Inputs

  /// The text (the open document's, else the file's) and the evaluation inputs of a command's atlas.hcl.
  struct CommandSource: Sendable {
    var file: ParsedFile
    var inputs: EvaluationInputs
  }

  private func commandSource(uri: String) -> CommandSource? {
    guard let path = Self.filePath(ofURI: uri) else { return nil }
    let text: [UInt8]
    if let document = documents[uri] {
      text = document.text
    } else if let data = FileManager.default.contents(atPath: path) {
      text = Array(data)
    } else {
      return nil
    }
    var overlay: [String: [UInt8]] = [:]
    for other in documents.uris where other != uri {
      if let otherPath = Self.filePath(ofURI: other), let open = documents[other] { overlay[otherPath] = open.text }
    }
    let files = ProjectFiles(directory: ProjectFiles.directory(of: path), overlay: overlay)
    return CommandSource(file: Parser.parseConfig(text), inputs: EvaluationInputs(host: files.host))
  }

  // MARK: - Generate token

  static func generateToken(
    _ name: String, source: CommandSource, run: CommandRun, aws: AWSEnvironment
  ) async -> Result<CommandOutcome, CommandFailure> {
    let request: RDSTokenRequest
    switch RDSTokenRequest.fromConfig(source.file, name: name, inputs: source.inputs) {
    case .success(let found): request = found
    case .failure(let failure):
      return .failure(CommandFailure(step: "reading data.aws_rds_token.\(name)", message: failure.message, hint: nil))
    }
    run.progress.report(message: "signing")
    do {
      let result = try await RDSTokenGeneration.generate(request, environment: aws)
      run.learn([result.token])
      return .success(CommandOutcome(message: result.summary, document: nil, token: result))
    } catch {
      return .failure(CommandFailure(step: "generating the token (\(error.step.rawValue))", message: error.message, hint: error.hint))
    }
  }

  /// "token for …" with a Show token action; only choosing it writes the token where the user can read it.
  private func offerToken(_ token: RDSTokenResult, summary: String) {
    let action = "Show token"
    let params: JSONValue = [
      "type": .int(MessageType.info.rawValue), "message": .string(summary), "actions": [["title": .string(action)]],
    ]
    let cache = commands.cacheDirectory()
    request("window/showMessageRequest", params) { result in
      guard case .success(let answer) = result, answer["title"]?.stringValue == action else { return }
      self.showToken(token, cache: cache)
    }
  }

  /// The token in a 0600 file of the cache folder, opened with showDocument and deleted when it expires or the
  /// server exits. A file, because LSP cannot hand an editor text to show without one, and a message would stay in
  /// the editor's message log long after the token expired.
  private func showToken(_ token: RDSTokenResult, cache: String?) {
    let name = "\(token.username)@\(token.endpoint.host)-\(UUID().uuidString.prefix(8)).txt"
    let text =
      "# RDS IAM token for \(token.username)@\(token.endpoint.authority) in \(token.region.name), valid until "
      + "\(RDSTokenResult.timestamp(token.expiresAt)). Mercator deletes this file then.\n\(token.token)\n"
    let path: String
    do {
      path = try CacheFiles.store(text, root: cache, folder: "tokens", name: name, permissions: 0o600)
    } catch {
      notify("window/showMessage", ["type": .int(MessageType.error.rawValue), "message": .string("Show token: \(error.message)")])
      return
    }
    commands.scratchFiles.insert(path)
    let delay = max(0, token.expiresAt.timeIntervalSinceNow)
    queue.asyncAfter(deadline: .now() + delay) { [weak self] in
      _ = unlink(path)
      self?.commands.scratchFiles.remove(path)
    }
    request("window/showDocument", ["uri": .string(URL(fileURLWithPath: path).absoluteString), "takeFocus": true])
    if !clientCapabilities.supportsShowDocument {
      notify("window/showMessage", [
        "type": .int(MessageType.info.rawValue), "message": .string("The token is in \(path) until it expires"),
      ])
    }
  }

  /// Deletes the token files still there; called when the server exits.
  func removeScratchFiles() {
    for path in commands.scratchFiles { _ = unlink(path) }
    commands.scratchFiles.removeAll()
  }

  // MARK: - Inspect schema and Test connection

  /// The env's connection, its tokens signed; a failure says which step.
  private static func connection(
    _ env: String, source: CommandSource, run: CommandRun, aws: AWSEnvironment
  ) async -> Result<EnvironmentConnection, CommandFailure> {
    run.progress.report(message: "evaluating env \"\(env)\"")
    let resolved = await EnvironmentConnection.resolve(
      env: env, in: source.file, inputs: source.inputs, aws: aws,
      willSign: { run.progress.report(message: "generating the token of data.\($0)") })
    switch resolved {
    case .success(let connection):
      run.learn(connection.request.secrets)
      return .success(connection)
    case .failure(let failure):
      let step = failure.message.hasPrefix("data.") ? "running the data sources of its url" : "evaluating env \"\(env)\""
      return .failure(CommandFailure(step: step, message: failure.message, hint: nil))
    }
  }

  static func inspectSchema(
    _ env: String, source: CommandSource, run: CommandRun, aws: AWSEnvironment, cache: String?
  ) async -> Result<CommandOutcome, CommandFailure> {
    let inspected = await onDatabase(env, source: source, run: run, aws: aws) { (request, control) throws(InspectionError) in
      try DatabaseInspection.inspect(request, control: control)
    }
    switch inspected {
    case .failure(let failure): return .failure(failure)
    case .success(let (hcl, _)):
      do {
        let path = try CacheFiles.store(hcl, root: cache, folder: "inspect", name: env + ".hcl", permissions: 0o444)
        return .success(CommandOutcome(message: "Inspected env \"\(env)\" into \(path)", document: path))
      } catch {
        return .failure(CommandFailure(step: "writing the schema", message: error.message, hint: nil))
      }
    }
  }

  static func testConnection(
    _ env: String, source: CommandSource, run: CommandRun, aws: AWSEnvironment
  ) async -> Result<CommandOutcome, CommandFailure> {
    let tested = await onDatabase(env, source: source, run: run, aws: aws) { (request, control) throws(InspectionError) in
      try DatabaseInspection.testConnection(url: request.url, secrets: request.secrets, control: control)
    }
    switch tested {
    case .failure(let failure): return .failure(failure)
    case .success(let (result, _)):
      let message =
        "Connected to \(result.driver.displayName) \(result.serverVersion) (env \"\(env)\", \(result.redactedURL)) "
        + "in \(milliseconds(result.connectTime)); round trip \(milliseconds(result.roundTrip))"
      return .success(CommandOutcome(message: message, document: nil))
    }
  }

  /// The env's connection, then `work` with it off the cooperative pool (libpq and Connector/C block), under the
  /// run's control; a database error becomes a failure with its hint.
  static func onDatabase<T: Sendable>(
    _ env: String, source: CommandSource, run: CommandRun, aws: AWSEnvironment,
    _ work: @escaping @Sendable (InspectRequest, InspectionControl) throws(InspectionError) -> T
  ) async -> Result<(T, EnvironmentConnection), CommandFailure> {
    let connection: EnvironmentConnection
    switch await Self.connection(env, source: source, run: run, aws: aws) {
    case .success(let found): connection = found
    case .failure(let failure): return .failure(failure)
    }
    let request = connection.request
    let control = run.control
    let outcome = await CommandState.blocking { () -> Result<T, InspectionError> in
      do throws(InspectionError) {
        return .success(try work(request, control))
      } catch {
        return .failure(error)
      }
    }
    switch outcome {
    case .success(let value): return .success((value, connection))
    case .failure(let error): return .failure(Self.databaseFailure(error, connection: connection))
    }
  }

  /// A database error as a failure with a hint: an authentication failure after signing a token is the token
  /// refused, whose usual causes are the region, the grant and the clock.
  static func databaseFailure(_ error: InspectionError, connection: EnvironmentConnection) -> CommandFailure {
    let step: String
    var hint: String?
    switch error.code {
    case .connectionFailed:
      step = "connecting"
      let refused = ["PAM authentication failed", "password authentication failed", "Access denied"]
        .contains { error.message.contains($0) }
      if refused && !connection.tokens.isEmpty {
        hint = "the RDS IAM token was refused: check the region, the user's rds_iam grant, the clock"
      } else if refused {
        hint = "check the user name and password of the url"
      } else {
        hint = "check the host and port of the url, that the database runs, and its TLS settings (sslmode, tls)"
      }
    case .invalidURL, .unsupportedDriver: step = "reading the url"
    case .cancelled: step = "inspecting (cancelled)"
    case .queryFailed, .unexpectedCatalog: step = "reading the catalog"
    case .invalidExclude: step = "applying exclude"
    case .unprintable, .unsupportedFormat: step = "writing the schema"
    }
    return CommandFailure(step: step, message: error.message, hint: hint)
  }

  private static func milliseconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let value = Double(seconds) * 1000 + Double(attoseconds) / 1e15
    return String(format: "%.1f ms", value)
  }

  // MARK: - Show evaluated config

  static func showEvaluatedConfig(_ env: String, source: CommandSource, cache: String?) -> Result<CommandOutcome, CommandFailure> {
    let text: String
    switch EvaluatedConfig.render(env: env, in: source.file, inputs: source.inputs) {
    case .success(let rendered): text = rendered
    case .failure(let failure):
      return .failure(CommandFailure(step: "evaluating env \"\(env)\"", message: failure.message, hint: nil))
    }
    do {
      let path = try CacheFiles.store(text, root: cache, folder: "evaluated", name: env + ".hcl", permissions: 0o444)
      return .success(CommandOutcome(message: "Evaluated env \"\(env)\" into \(path)", document: path))
    } catch {
      return .failure(CommandFailure(step: "writing the file", message: error.message, hint: nil))
    }
  }
}

extension CodeLensCommand {
  /// How messages name what the command works on.
  var subject: String {
    switch self {
    case .generateToken(let name): "data.aws_rds_token.\(name)"
    default: "env \"\(target)\""
    }
  }
}

extension ParamsReader {
  /// A progress token (integer or string) as the string form WorkDoneProgress uses.
  static func tokenString(_ value: JSONValue?) -> String? {
    if let text = value?.stringValue { return text }
    return value?.intValue.map(String.init)
  }
}
