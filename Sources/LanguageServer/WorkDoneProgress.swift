// Server-initiated progress: `window/workDoneProgress/create`, then `$/progress` begin, reports and end.
import Foundation

/// Progress of one long task, shown by the client. Reports made before the client has accepted the token are held
/// back and sent once it has; if the client refuses the token, or does not support progress, nothing is sent.
/// Safe to use from any thread, the server's queue included (nothing here waits).
package final class WorkDoneProgress: @unchecked Sendable {
  package let token: String
  private let server: Server

  private enum State {
    case creating(held: [JSONValue])
    case active
    case refused
  }

  // Confined to the server's queue.
  private var state: State = .creating(held: [])

  fileprivate init(server: Server, token: String) {
    self.server = server
    self.token = token
  }

  package func report(message: String? = nil, percentage: Int? = nil) {
    var value: [String: JSONValue] = ["kind": "report"]
    if let message { value["message"] = .string(message) }
    if let percentage { value["percentage"] = .int(min(max(percentage, 0), 100)) }
    send(.object(value))
  }

  package func end(message: String? = nil) {
    var value: [String: JSONValue] = ["kind": "end"]
    if let message { value["message"] = .string(message) }
    send(.object(value))
  }

  fileprivate func send(_ value: JSONValue) {
    server.queue.async { self.sendOnQueue(value) }
  }

  fileprivate func sendOnQueue(_ value: JSONValue) {
    switch state {
    case .creating(var held):
      held.append(value)
      state = .creating(held: held)
    case .active:
      server.notify("$/progress", ["token": .string(token), "value": value])
    case .refused:
      break
    }
  }

  fileprivate func created(_ accepted: Bool) {
    guard case .creating(let held) = state else { return }
    state = accepted ? .active : .refused
    guard accepted else { return }
    for value in held { sendOnQueue(value) }
  }
}

extension Server {
  /// Starts progress titled `title`. Never blocks: the token is created on the server's queue, and when the client
  /// does not support server-initiated progress the returned object sends nothing.
  package func beginWorkDoneProgress(title: String, cancellable: Bool = false) -> WorkDoneProgress {
    let progress = WorkDoneProgress(server: self, token: "mercator/progress/\(Self.progressTokens.next())")
    queue.async {
      guard self.clientCapabilities.supportsWorkDoneProgress, self.lifecycle == .running else {
        progress.created(false)
        return
      }
      self.request("window/workDoneProgress/create", ["token": .string(progress.token)]) { result in
        if case .failure(let error) = result { self.log("progress token refused: \(error.message)") }
        progress.created((try? result.get()) != nil)
      }
      progress.sendOnQueue(["kind": "begin", "title": .string(title), "cancellable": .bool(cancellable)])
    }
    return progress
  }

  private static let progressTokens = Counter()
}

/// A thread-safe counter for unique tokens.
private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  func next() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
}
