// Golden syntax trees: Tests/Fixtures/syntax/**/*.hcl with a `.tree` dump beside each (UPDATE_GOLDEN=1 rewrites).
import Foundation
import HCLSyntax
import Testing

/// The parser fixtures: `ok/` files must parse clean, `err/` files must report at least one error.
enum ParserFixtures {
  struct Fixture: CustomTestStringConvertible, Sendable {
    let url: URL
    let source: [UInt8]
    var name: String { url.deletingLastPathComponent().lastPathComponent + "/" + url.lastPathComponent }
    var testDescription: String { name }
    var expectsErrors: Bool { url.deletingLastPathComponent().lastPathComponent == "err" }
    var goldenURL: URL { url.deletingPathExtension().appendingPathExtension("tree") }
  }

  static let directory = packageRoot.appendingPathComponent("Tests/Fixtures/syntax")

  static func all() -> [Fixture] {
    Conformance.allFiles(under: directory).filter { $0.pathExtension == "hcl" }.compactMap { url in
      FileManager.default.contents(atPath: url.path).map { Fixture(url: url, source: Array($0)) }
    }
  }
}

@Suite struct ParserFixtureTests {
  @Test(arguments: ParserFixtures.all())
  func treeMatchesGolden(_ fixture: ParserFixtures.Fixture) throws {
    let parsed = Parser.parseConfig(fixture.source)
    let dump = parsed.dump()
    #expect(parsed.hasErrors == fixture.expectsErrors, "\(fixture.name): \(parsed.diagnostics.map(\.summary))")
    try Golden.check(dump, against: fixture.goldenURL)
  }

  @Test func fixturesExist() {
    #expect(ParserFixtures.all().count >= 20)
  }
}

/// Golden files: compared byte for byte; rewritten (never Swift) when `UPDATE_GOLDEN=1`.
enum Golden {
  static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

  static func check(_ actual: String, against url: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let existing = FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) }
    if updating {
      if existing != actual { try Data(actual.utf8).write(to: url) }
      return
    }
    guard let existing else {
      Issue.record("missing golden file \(url.path); run UPDATE_GOLDEN=1 swift test", sourceLocation: sourceLocation)
      return
    }
    #expect(existing == actual, "golden mismatch for \(url.lastPathComponent); run UPDATE_GOLDEN=1 swift test to accept",
            sourceLocation: sourceLocation)
  }
}
