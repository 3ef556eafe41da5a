// The server's own log: lines on stderr (stdout carries only the protocol). Never pass document text to it.
import Foundation

/// Where the server's log lines go. The default writes to stderr; tests may collect or drop them.
package struct ServerLog: Sendable {
  package let write: @Sendable (String) -> Void

  package init(write: @escaping @Sendable (String) -> Void) { self.write = write }

  package static let standardError = ServerLog { line in
    FileHandle.standardError.write(Data("mercator: \(line)\n".utf8))
  }

  package static let discard = ServerLog { _ in }

  package func callAsFunction(_ line: String) { write(line) }
}
