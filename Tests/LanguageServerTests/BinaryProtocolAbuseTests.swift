// Protocol abuse against the built `mercator serve` binary over real pipes: every bad input is answered as the spec
// says, and afterwards the server still answers correctly and exits cleanly.
import Foundation
import Testing
@testable import LanguageServer

/// The `mercator` binary under test: `MERCATOR_BIN`, else the one built beside this test bundle, else the package's
/// default build directory. Missing is a failure, never a skip.
func mercatorBinary() throws -> URL {
  let fileManager = FileManager.default
  if let path = ProcessInfo.processInfo.environment["MERCATOR_BIN"] {
    guard fileManager.isExecutableFile(atPath: path) else { throw BinaryMissing(path: path) }
    return URL(fileURLWithPath: path)
  }
  var candidates: [URL] = []
  if let testBinary = CommandLine.arguments.first {
    candidates.append(URL(fileURLWithPath: testBinary).deletingLastPathComponent().appendingPathComponent("mercator"))
  }
  candidates.append(Bundle.main.bundleURL.appendingPathComponent("mercator"))
  let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  candidates.append(packageRoot.appendingPathComponent(".build/debug/mercator"))
  guard let found = candidates.first(where: { fileManager.isExecutableFile(atPath: $0.path) }) else {
    throw BinaryMissing(path: candidates.map(\.path).joined(separator: ", "))
  }
  return found
}

struct BinaryMissing: Error, CustomStringConvertible {
  var path: String
  var description: String { "the mercator binary is missing (looked at \(path)); build it or set MERCATOR_BIN" }
}

/// `mercator serve` in a child process, with stdout read and framed on a thread of its own.
final class BinaryClient: @unchecked Sendable {
  let process = Process()
  private let stdin = Pipe()
  private let stdout = Pipe()
  private let stderr = Pipe()
  let inbox = Inbox()
  /// Bytes on stdout that were not a well-framed JSON message (must stay empty: stdout is protocol only).
  let corruption = LogCollector()
  let standardError = LogCollector()
  private let done = DispatchGroup()

  init(binary: URL) throws {
    process.executableURL = binary
    process.arguments = ["serve", "--stdio"]
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    let inbox = inbox
    let corruption = corruption
    let output = stdout.fileHandleForReading
    done.enter()
    Thread.detachNewThread { [done] in
      var framer = MessageFramer()
      while true {
        let data = output.availableData
        if data.isEmpty { break }
        for event in framer.feed(data) {
          switch event {
          case .message(let body):
            if let message = try? JSONValue.parse(body) {
              inbox.send(message)
            } else {
              corruption.append("unparsable body of \(body.count) bytes")
            }
          case .malformedHeader(let reason): corruption.append(reason)
          }
        }
      }
      done.leave()
    }
    let errors = stderr.fileHandleForReading
    let standardError = standardError
    Thread.detachNewThread {
      while true {
        let data = errors.availableData
        if data.isEmpty { break }
        standardError.append(String(decoding: data, as: UTF8.self))
      }
    }
  }

  func writeRaw(_ bytes: [UInt8]) { stdin.fileHandleForWriting.write(Data(bytes)) }
  func writeRaw(_ text: String) { writeRaw(Array(text.utf8)) }
  func sendBody(_ text: String) { writeRaw(MessageFramer.frame(Array(text.utf8))) }
  func send(_ message: JSONValue) { writeRaw(MessageFramer.frame(message.serialized)) }

  func request(id: Int, _ method: String, _ params: JSONValue) {
    send(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])
  }

  func notify(_ method: String, _ params: JSONValue) {
    send(["jsonrpc": "2.0", "method": .string(method), "params": params])
  }

  func next(_ what: String, timeout: Double = 30, where predicate: (JSONValue) -> Bool) async throws -> JSONValue {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if let message = inbox.take(where: predicate) { return message }
      try await Task.sleep(nanoseconds: 5_000_000)
    }
    // Once more after the deadline: with CPU-bound tests holding the cooperative pool (2 cores), this task can wake
    // only after the deadline, with the answer long in the inbox.
    if let message = inbox.take(where: predicate) { return message }
    throw TestTimeout(description: "timed out waiting for \(what); stderr: \(standardError.all.joined().suffix(2000))")
  }

  func response(_ id: JSONValue, timeout: Double = 30) async throws -> JSONValue {
    try await next("response to \(id.serializedString)", timeout: timeout) { $0["id"] == id && $0["method"] == nil }
  }

  func closeInput() { try? stdin.fileHandleForWriting.close() }

  /// Waits for the process to end and returns its exit code.
  func waitForExit(timeout: Double = 30) async throws -> Int32 {
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning {
      guard Date() < deadline else {
        process.terminate()
        throw TestTimeout(description: "mercator serve did not exit")
      }
      try await Task.sleep(nanoseconds: 5_000_000)
    }
    _ = done.wait(timeout: .now() + 5)
    return process.terminationStatus
  }
}

@Suite struct BinaryProtocolAbuseTests {
  @Test func binaryIsPresent() throws {
    // Fails loudly when the binary was not built, instead of every other test here timing out.
    _ = try mercatorBinary()
  }

  @Test func survivesAbuseAndStillAnswers() async throws {
    let client = try BinaryClient(binary: try mercatorBinary())
    defer { if client.process.isRunning { client.process.terminate() } }

    // A request before initialize.
    client.request(id: 1, "textDocument/diagnostic", ["textDocument": ["uri": "file:///early.hcl"]])
    #expect(try await client.response(1).errorCode == -32002)

    // Malformed headers: each is skipped, and framing resumes at the next Content-Length.
    client.writeRaw("Content-Length: banana\r\n\r\n")
    client.writeRaw("this is not a header\r\n\r\n")
    client.writeRaw("Content-Type: application/json\r\n\r\n{}")
    client.writeRaw("CONTENT-LENGTH: 999999999999\r\n\r\n")
    client.request(id: 2, "initialize", ["processId": .null, "capabilities": ["textDocument": ["diagnostic": [:]]]])
    let initialize = try await client.response(2)
    #expect(initialize["result"]?["serverInfo"]?["name"] == "mercator")
    client.notify("initialized", [:])

    // Invalid JSON, and JSON that is not a request.
    client.sendBody("{\"jsonrpc\": \"2.0\", \"id\": 3, \"method\": ")
    let parseError = try await client.next("parse error") { $0.errorCode == -32700 }
    #expect(parseError["id"] == .null)
    client.sendBody("[1, 2, 3]")
    let invalidRequest = try await client.next("invalid request") { $0.errorCode == -32600 }
    #expect(invalidRequest["id"] == .null)
    client.sendBody(String(repeating: "{\"a\":", count: 50_000))
    _ = try await client.next("parse error for deep nesting") { $0.errorCode == -32700 }

    // Wrong parameter types, unknown methods.
    client.request(id: 4, "textDocument/diagnostic", ["textDocument": ["uri": ["not": "a string"]]])
    #expect(try await client.response(4).errorCode == -32602)
    client.request(id: 5, "textDocument/definitelyNotAMethod", [:])
    #expect(try await client.response(5).errorCode == -32601)
    client.notify("workspace/definitelyNotANotification", [:])

    // A 10 MiB message: a request for an unknown method carrying 10 MiB of text, then a 10 MiB document.
    let big = String(repeating: "x", count: 10 << 20)
    client.request(id: 6, "mercator/unknownWithBigParams", ["blob": .string(big)])
    #expect(try await client.response(6, timeout: 120).errorCode == -32601)
    client.notify(
      "textDocument/didOpen",
      ["textDocument": ["uri": "file:///big.hcl", "languageId": "hcl", "version": 1, "text": .string("# " + big + "\n")]])

    // A cancel storm: hundreds of cancels for ids that are unknown or already answered.
    for id in 0..<500 { client.notify("$/cancelRequest", ["id": .int(id)]) }
    for id in 0..<50 { client.notify("$/cancelRequest", ["id": .string("s\(id)")]) }
    client.notify("$/cancelRequest", ["id": ["bad": true]])

    // Edits with ranges past the end are clamped and logged.
    client.notify(
      "textDocument/didOpen",
      ["textDocument": ["uri": "file:///probe.hcl", "languageId": "hcl", "version": 1, "text": "a = 1\n"]])
    client.notify(
      "textDocument/didChange",
      [
        "textDocument": ["uri": "file:///probe.hcl", "version": 2],
        "contentChanges": [edit(40, 0, 99, 7, "b = \"😀\" @\n"), edit(-1, -1, 0, 0, "")],
      ])
    let warning = try await client.next("clamping warning") {
      $0["method"] == "window/logMessage" && $0["params"]?["message"]?.stringValue?.contains("clamped") == true
    }
    #expect(warning["params"]?["type"] == 2)
    #expect(warning["params"]?["message"]?.stringValue?.contains("2 edit range(s)") == true)

    // A lone surrogate half in document text.
    client.sendBody(
      #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///lone.hcl","languageId":"hcl","version":1,"text":"a = \"\ud83d\" @\n"}}}"#
    )
    client.request(id: 7, "textDocument/diagnostic", ["textDocument": ["uri": "file:///lone.hcl"]])
    let lone = try await client.response(7)
    // U+FFFD stands in for the lone half: one UTF-16 unit, so `@` is still at column 8.
    #expect(lone["result"]?["items"]?.arrayValue?.first?["range"]?["start"] == ["line": 0, "character": 8])

    // The final probe: the clamped edit went to the end; its error is reported in UTF-16 columns.
    client.request(id: 8, "textDocument/diagnostic", ["textDocument": ["uri": "file:///probe.hcl"]])
    let probe = try await client.response(8, timeout: 60)
    let items = try #require(probe["result"]?["items"]?.arrayValue)
    #expect(items.count == 1)
    #expect(items.first?["code"] == "syntax.invalid-character")
    #expect(items.first?["range"] == rangeJSON(1, 9, 1, 10))
    #expect(probe["result"]?["kind"] == "full")
    // And the issue's own probe: document symbols of the edited document, still right after all of the above.
    client.request(id: 11, "textDocument/documentSymbol", ["textDocument": ["uri": "file:///probe.hcl"]])
    let symbols = try #require(try await client.response(11, timeout: 60)["result"]?.arrayValue)
    #expect(symbols.map { $0["name"] } == ["a", "b"])
    #expect(symbols.last?["selectionRange"] == rangeJSON(1, 0, 1, 1))

    client.request(id: 9, "shutdown", .null)
    #expect(try await client.response(9, timeout: 60)["result"] == .null)
    client.request(id: 10, "textDocument/diagnostic", ["textDocument": ["uri": "file:///probe.hcl"]])
    #expect(try await client.response(10).errorCode == -32600)
    client.notify("exit", .null)
    #expect(try await client.waitForExit() == 0)
    #expect(client.corruption.all.isEmpty, "stdout carried non-protocol bytes: \(client.corruption.all)")
    #expect(!client.standardError.all.joined().contains("😀"), "document text leaked into the log")
  }

  @Test func endOfInputWithoutShutdownExitsWithOne() async throws {
    let client = try BinaryClient(binary: try mercatorBinary())
    defer { if client.process.isRunning { client.process.terminate() } }
    client.request(id: 1, "initialize", ["capabilities": [:]])
    _ = try await client.response(1)
    client.closeInput()
    #expect(try await client.waitForExit() == 1)
  }
}
