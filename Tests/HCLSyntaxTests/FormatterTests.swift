// Golden tests for the formatter: Tests/Fixtures/format/NAME.hcl must format to NAME.formatted.hcl, which is
// hclwrite.Format's output. `UPDATE_GOLDEN=1 swift test` regenerates the expected files by running hcl-oracle
// ($HCL_ORACLE, default /tmp/hcl-oracle), never from our own output.
import Foundation
@testable import HCLSyntax
import Testing

@Suite struct FormatterTests {
  static let formattedSuffix = ".formatted.hcl"

  /// Input fixtures by name (without `.hcl`), sorted.
  static func fixtureNames() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.formatFixtures.path)) ?? []
    return names.filter { $0.hasSuffix(".hcl") && !$0.hasSuffix(formattedSuffix) }
      .map { String($0.dropLast(".hcl".count)) }
      .sorted()
  }

  static func read(_ file: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: TestPaths.formatFixtures.appendingPathComponent(file)))
  }

  @Test func fixturesExist() {
    #expect(Self.fixtureNames().count >= 10, "format fixtures missing under \(TestPaths.formatFixtures.path)")
  }

  @Test(arguments: fixtureNames())
  func formatsLikeHclwrite(_ name: String) throws {
    let input = try Self.read("\(name).hcl")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
      guard Oracle.isAvailable else {
        Issue.record("UPDATE_GOLDEN=1 needs hcl-oracle at \(Oracle.path)")
        return
      }
      let golden = try Oracle.format(input)
      try Data(golden).write(to: TestPaths.formatFixtures.appendingPathComponent("\(name)\(Self.formattedSuffix)"))
    }
    let expected = try Self.read("\(name)\(Self.formattedSuffix)")
    let formatted = Formatter.format(input)
    #expect(formatted == expected, "\(name): got\n\(Self.show(formatted))\nexpected\n\(Self.show(expected))")
    #expect(Formatter.format(formatted) == formatted, "\(name): formatting is not idempotent")
  }

  static func show(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self).debugDescription }

  // Small cases that pin a single rule each; expected outputs checked against hcl-oracle.

  @Test func emptyInputStaysEmpty() {
    #expect(Formatter.format([]) == [])
  }

  @Test func neverTrapsOnArbitraryBytes() {
    var random = SplitMix64(seed: 42)
    for length in 0 ..< 300 {
      let bytes = (0 ..< length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      _ = Formatter.format(bytes)
    }
    for fragment in ["\u{FEFF}", "\r", "<<EOT\n", "${", "%{~", "~}", "\"", "/*", "#", "}", "{", "\u{FF}"] {
      _ = Formatter.format(Array(fragment.utf8))
      _ = Formatter.format(Array((fragment + fragment + "\n" + fragment).utf8))
    }
  }

  @Test(arguments: [
    ("a=1\nbbb=2\n", "a   = 1\nbbb = 2\n"),
    ("x = -1\ny = 2 -1\n", "x = -1\ny = 2 - 1\n"),
    ("v = [for x in [a]: x]\n", "v = [for x in [a] : x]\n"),
    ("b {}\nc { }\n", "b {}\nc {}\n"),
    ("s = \"${ {a=1} }\"\n", "s = \"${ { a = 1 } }\"\n"),
    ("t = \"${~ x ~}\"\n", "t = \"${~x~}\"\n"),
    ("trailing = 1   ", "trailing = 1   "),
  ])
  func singleRules(_ input: String, _ expected: String) {
    let formatted = Formatter.format(Array(input.utf8))
    #expect(String(decoding: formatted, as: UTF8.self) == expected)
  }
}
