// Atlas URLs as data: Tests/Fixtures/inspect/urls.txt lists `url: …` lines, each followed by what parsing gives
// (driver, user, host, port, path, database, schema, socket, SQLite target, parameters, redacted form) or the error.
// UPDATE_GOLDEN=1 rewrites the file from the `url:` lines. No printed form may show a password: checked too.
import Foundation
import Testing

@testable import DatabaseInspection

@Suite struct URLTests {
  static let file = Fixtures.root.appendingPathComponent("urls.txt")

  @Test func parsesEveryURLAsTheFileSays() throws {
    let text = try String(contentsOf: Self.file, encoding: .utf8)
    let urls = text.split(separator: "\n").filter { $0.hasPrefix("url: ") }.map { String($0.dropFirst(5)) }
    #expect(urls.count >= 30)
    let actual = urls.map(Self.describe).joined(separator: "\n")
    if Fixtures.updating {
      try actual.write(to: Self.file, atomically: true, encoding: .utf8)
    } else {
      let expected = text.split(separator: "\n\n", omittingEmptySubsequences: false).map(String.init)
      let got = actual.split(separator: "\n\n", omittingEmptySubsequences: false).map(String.init)
      for (expectedCase, gotCase) in zip(expected, got) { #expect(gotCase == expectedCase) }
      #expect(expected.count == got.count)
    }
    // The secret in these URLs is always spelled with "s3cr" (raw or percent-encoded): what is printed (the redacted
    // form, the description, errors) must never show it.
    for line in actual.split(separator: "\n")
    where line.hasPrefix("  redacted: ") || line.hasPrefix("  description: ") || line.hasPrefix("  error") {
      #expect(!line.lowercased().contains("s3cr"), "a password leaks: \(line)")
    }
  }

  static func describe(_ text: String) -> String {
    var lines = ["url: \(text)"]
    do {
      let url = try DatabaseURL.parse(text)
      lines.append("  driver: \(url.driver.rawValue)")
      if let user = url.user { lines.append("  user: \(user)") }
      // The decoded password, to pin percent-decoding; the leak check skips this line only.
      if let password = url.password { lines.append("  password: \(password)") }
      if !url.host.isEmpty { lines.append("  host: \(url.host)") }
      if let port = url.port { lines.append("  port: \(port)") }
      if !url.path.isEmpty { lines.append("  path: \(url.path)") }
      if let database = url.database { lines.append("  database: \(database)") }
      lines.append("  schema: \(url.schema ?? "(whole database)")")
      if let socket = url.socketPath { lines.append("  socket: \(socket)") }
      switch url.sqliteTarget {
      case .file(let path): lines.append("  sqlite file: \(path)")
      case .memory(let uri): lines.append("  sqlite memory: \(uri)")
      case nil: break
      }
      for (name, value) in url.parameters { lines.append("  parameter: \(name)=\(value)") }
      lines.append("  redacted: \(url.redacted)")
      lines.append("  description: \(url)")
    } catch {
      lines.append("  error[\(error.code.rawValue)]: \(error.message)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
