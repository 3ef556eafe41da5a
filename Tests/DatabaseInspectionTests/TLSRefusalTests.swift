// "TLS required but refused": a server that does not do TLS (Tests/Fixtures/db/tls_refusing_server.py answers the
// first protocol steps as such a server does) and a URL that requires it: a clear error, the password masked, at once.
import DatabaseInspection
import Foundation
import Testing

@Suite struct TLSRefusalTests {
  /// A running `tls_refusing_server.py` for one protocol.
  final class RefusingServer {
    let process = Process()
    let port: Int

    init(_ protocolName: String) throws {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = [
        "python3", Fixtures.root.deletingLastPathComponent().appendingPathComponent("db/tls_refusing_server.py").path,
        protocolName,
      ]
      let output = Pipe()
      process.standardOutput = output
      try process.run()
      var line = Data()
      while let byte = try output.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 0x0A {
        line.append(first)
      }
      let text = String(decoding: line, as: UTF8.self)
      guard text.hasPrefix("READY "), let port = Int(text.dropFirst(6)) else {
        kill(process.processIdentifier, SIGKILL)
        throw InspectionError(.connectionFailed, "the TLS-refusing server did not start: \(text)")
      }
      self.port = port
    }

    deinit {
      // SIGKILL: a child spawned from a test thread may inherit a mask that blocks SIGTERM.
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  @Test func postgresRequiredTLSRefused() throws {
    let server = try RefusingServer("postgres")
    let message = PostgresFaultTests.failure("postgres://mercator:pw-Tls4q@127.0.0.1:\(server.port)/db?sslmode=require")
    #expect(message?.contains("server does not support SSL, but SSL was required") == true, "\(message ?? "")")
  }

  @Test func mysqlRequiredTLSRefused() throws {
    let server = try RefusingServer("mysql")
    let message = PostgresFaultTests.failure("mysql://mercator:pw-Tls4q@127.0.0.1:\(server.port)/db?tls=true")
    #expect(message?.contains("SSL is required, but the server does not support it") == true, "\(message ?? "")")
  }
}
