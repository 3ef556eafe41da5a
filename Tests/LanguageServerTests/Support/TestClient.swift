// An in-process LSP client for tests: sends JSON to a `Server`, collects what it sends back, waits for replies.
import Foundation
import HCLSyntax
@testable import LanguageServer

struct TestTimeout: Error, CustomStringConvertible {
  var description: String
}

/// Collects the server's outgoing messages; tests take them out in order.
final class Inbox: MessageSink, @unchecked Sendable {
  private let lock = NSLock()
  private var messages: [JSONValue] = []

  func send(_ message: JSONValue) {
    lock.lock()
    messages.append(message)
    lock.unlock()
  }

  /// Removes and returns the first message matching `predicate`.
  func take(where predicate: (JSONValue) -> Bool) -> JSONValue? {
    lock.lock()
    defer { lock.unlock() }
    guard let index = messages.firstIndex(where: predicate) else { return nil }
    return messages.remove(at: index)
  }

  var all: [JSONValue] {
    lock.lock()
    defer { lock.unlock() }
    return messages
  }
}

/// A value set once from any thread.
final class Box<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: T?

  func set(_ value: T) {
    lock.lock()
    stored = value
    lock.unlock()
  }

  var value: T? {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }
}

final class TestClient: Sendable {
  let inbox = Inbox()
  let logLines = LogCollector()
  let exitCode = Box<Int32>()
  let server: Server
  private let nextID = Box<Int>()

  init() {
    let inbox = inbox
    let exitCode = exitCode
    let logLines = logLines
    server = Server(sink: inbox, log: ServerLog { logLines.append($0) }, onExit: { exitCode.set($0) })
  }

  /// Sends a raw body, as bytes or text.
  func sendRaw(_ text: String) { server.receive(body: Array(text.utf8)) }

  func send(_ message: JSONValue) { server.receive(body: message.serialized) }

  func notify(_ method: String, _ params: JSONValue = .object([:])) {
    send(["jsonrpc": "2.0", "method": .string(method), "params": params])
  }

  /// Sends a request and returns its id without waiting.
  @discardableResult
  func sendRequest(_ method: String, _ params: JSONValue = .object([:]), id: Int? = nil) -> Int {
    let id = id ?? freshID()
    send(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])
    return id
  }

  /// Sends a request and waits for its response (the whole response message).
  func request(_ method: String, _ params: JSONValue = .object([:])) async throws -> JSONValue {
    let id = sendRequest(method, params)
    return try await response(to: .int(id))
  }

  func response(to id: JSONValue, timeout: Double = 30) async throws -> JSONValue {
    try await next(timeout: timeout, "response to \(id.serializedString)") {
      $0["id"] == id && $0["method"] == nil
    }
  }

  func notification(_ method: String, timeout: Double = 30) async throws -> JSONValue {
    try await next(timeout: timeout, "notification \(method)") { $0["method"] == .string(method) && $0["id"] == nil }
  }

  func serverRequest(_ method: String, timeout: Double = 30) async throws -> JSONValue {
    try await next(timeout: timeout, "server request \(method)") { $0["method"] == .string(method) && $0["id"] != nil }
  }

  /// Waits for the first message matching `predicate`, and removes it from the inbox.
  func next(timeout: Double = 30, _ what: String, where predicate: @escaping (JSONValue) -> Bool) async throws
    -> JSONValue
  {
    let deadline = Date().addingTimeInterval(timeout)
    // Look once more after the deadline: on a busy machine (2 cores, CPU-bound tests holding the cooperative pool)
    // this task can wake only after the deadline has passed, with the answer long in the inbox.
    while true {
      if let message = inbox.take(where: predicate) { return message }
      if Date() >= deadline { break }
      try await Task.sleep(nanoseconds: 2_000_000)
    }
    throw TestTimeout(
      description: "timed out waiting for \(what); inbox: \(inbox.all.map(\.serializedString).joined(separator: "\n"))")
  }

  /// Waits until the server has handled everything sent so far (messages are handled in order on its queue).
  func settle() { server.sync {} }

  /// Runs `body` while the server's queue is suspended, so everything it sends is handled back to back afterwards.
  func withServerPaused(_ body: () -> Void) {
    server.queue.suspend()
    body()
    server.queue.resume()
  }

  @discardableResult
  func initialize(capabilities: JSONValue = .object([:]), trace: String? = nil) async throws -> JSONValue {
    var params: [String: JSONValue] = ["processId": .null, "capabilities": capabilities, "rootUri": .null]
    if let trace { params["trace"] = .string(trace) }
    let response = try await request("initialize", .object(params))
    notify("initialized")
    return response
  }

  func open(_ uri: String, _ text: String, version: Int = 1) {
    notify(
      "textDocument/didOpen",
      ["textDocument": ["uri": .string(uri), "languageId": "hcl", "version": .int(version), "text": .string(text)]])
  }

  func change(_ uri: String, version: Int, _ changes: [JSONValue]) {
    notify(
      "textDocument/didChange",
      ["textDocument": ["uri": .string(uri), "version": .int(version)], "contentChanges": .array(changes)])
  }

  func pullDiagnostics(_ uri: String, previousResultID: String? = nil) async throws -> JSONValue {
    var params: [String: JSONValue] = ["textDocument": ["uri": .string(uri)]]
    if let previousResultID { params["previousResultId"] = .string(previousResultID) }
    let response = try await request("textDocument/diagnostic", .object(params))
    return response["result"] ?? .null
  }

  func documentText(_ uri: String) -> String? {
    server.sync { server.documents[uri].map { String(decoding: $0.text, as: UTF8.self) } }
  }

  private func freshID() -> Int {
    let id = (nextID.value ?? 100) + 1
    nextID.set(id)
    return id
  }
}

final class LogCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var lines: [String] = []

  func append(_ line: String) {
    lock.lock()
    lines.append(line)
    lock.unlock()
  }

  var all: [String] {
    lock.lock()
    defer { lock.unlock() }
    return lines
  }
}

/// A ranged edit as JSON.
func edit(_ startLine: Int, _ startCharacter: Int, _ endLine: Int, _ endCharacter: Int, _ text: String) -> JSONValue {
  [
    "range": [
      "start": ["line": .int(startLine), "character": .int(startCharacter)],
      "end": ["line": .int(endLine), "character": .int(endCharacter)],
    ],
    "text": .string(text),
  ]
}

extension JSONValue {
  var errorCode: Int? { self["error"]?["code"]?.intValue }
}
