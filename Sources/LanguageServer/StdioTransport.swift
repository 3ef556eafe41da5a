// The stdio transport: reads framed messages from stdin on a thread of its own, writes framed messages to stdout.
import Foundation

/// Writes framed messages to a file descriptor; whole messages, one at a time, from any thread.
package final class FramedWriter: MessageSink, @unchecked Sendable {
  private let fileDescriptor: Int32
  private let lock = NSLock()

  package init(fileDescriptor: Int32) { self.fileDescriptor = fileDescriptor }

  package func send(_ message: JSONValue) {
    let bytes = MessageFramer.frame(message.serialized)
    lock.lock()
    defer { lock.unlock() }
    bytes.withUnsafeBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      var written = 0
      while written < buffer.count {
        let result = Foundation.write(fileDescriptor, base + written, buffer.count - written)
        if result < 0 {
          if errno == EINTR { continue }
          return  // The client is gone; the read side will see end of input.
        }
        written += result
      }
    }
  }
}

/// Runs a server on stdin/stdout until `exit` or end of input, and returns the exit code.
package enum StdioTransport {
  package static func run(log: ServerLog = .standardError) -> Int32 {
    // A client that vanishes must not kill us with SIGPIPE mid-write; the write just fails.
    signal(SIGPIPE, SIG_IGN)
    let exitCode = ExitCodeBox()
    let server = Server(sink: FramedWriter(fileDescriptor: STDOUT_FILENO), log: log) { code in
      exitCode.set(code)
    }
    let reader = Thread {
      var framer = MessageFramer()
      var buffer = [UInt8](repeating: 0, count: 1 << 16)
      while true {
        let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else { break }
        for event in framer.feed(buffer[0..<count]) {
          switch event {
          case .message(let body): server.receive(body: body)
          case .malformedHeader(let reason): log("malformed header (\(reason)); resynchronising")
          }
        }
      }
      server.endOfInput()
    }
    reader.stackSize = 1 << 20
    reader.start()
    return exitCode.wait()
  }
}

/// Holds the exit code until the server decides it.
private final class ExitCodeBox: @unchecked Sendable {
  private let condition = NSCondition()
  private var code: Int32?

  func set(_ value: Int32) {
    condition.lock()
    if code == nil { code = value }
    condition.signal()
    condition.unlock()
  }

  func wait() -> Int32 {
    condition.lock()
    defer { condition.unlock() }
    while code == nil { condition.wait() }
    return code ?? 1
  }
}
