// Fixture tests of the atlas.hcl structure checks: Tests/Fixtures/checks/*.hcl, expectations as comment annotations.
//
// Under a line of code, a comment `# ^^^ error[atlas.code]: Summary` expects a diagnostic whose range starts at the
// first `^` and covers the run (to the line's end when it spans lines), with that severity and code and a summary
// that starts with the text given. Every diagnostic must be annotated and every annotation matched (1:1), except
// that information diagnostics (Atlas Pro notes) are checked only in a fixture that annotates at least one.
import AtlasLanguage
import Foundation
import HCLSyntax
import Testing

struct CheckFixture: CustomTestStringConvertible, Sendable {
  let url: URL
  let source: [UInt8]
  var testDescription: String { "checks/" + url.lastPathComponent }

  static func all() -> [CheckFixture] {
    let directory = packageRoot.appendingPathComponent("Tests/Fixtures/checks")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".hcl") }.sorted().compactMap { name in
      let url = directory.appendingPathComponent(name)
      return FileManager.default.contents(atPath: url.path).map { CheckFixture(url: url, source: Array($0)) }
    }
  }
}

/// One expected diagnostic: 0-based line, columns in Unicode scalars, and the `severity[code]: summary` prefix.
struct Expectation: Hashable, CustomStringConvertible {
  let line: Int
  let startColumn: Int
  let endColumn: Int
  let text: String
  var description: String { "\(line + 1):\(startColumn + 1)-\(endColumn + 1) \(text)" }
}

enum CheckAnnotations {
  /// The annotations of a file: `#` then spaces then a run of `^` then the expectation.
  static func parse(_ source: [UInt8]) -> [Expectation] {
    let lines = String(decoding: source, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      .map { Array($0.unicodeScalars) }
    var result: [Expectation] = []
    var codeLine = -1
    for (number, line) in lines.enumerated() {
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      guard trimmed.first == "#", let caret = line.firstIndex(of: "^"),
        line[line.index(after: line.firstIndex(of: "#") ?? 0)..<caret].allSatisfy({ $0 == " " })
      else {
        codeLine = number
        continue
      }
      var end = caret
      while end < line.count, line[end] == "^" { end += 1 }
      var text = String(String.UnicodeScalarView(line[end...]))
      while text.first == " " { text.removeFirst() }
      result.append(Expectation(line: codeLine, startColumn: caret, endColumn: end, text: text))
    }
    return result
  }

  /// What a diagnostic looks like as an annotation would describe it (the summary in full).
  static func actual(_ diagnostic: Diagnostic, lines: LineIndex) -> Expectation {
    let start = lines.position(of: diagnostic.subject.start, unit: .unicodeScalar)
    let end = lines.position(of: diagnostic.subject.end, unit: .unicodeScalar)
    var endColumn = end.column
    if end.line != start.line {
      let lineEnd = lines.position(of: lines.contentEnd(ofLine: start.line), unit: .unicodeScalar)
      endColumn = lineEnd.column
    }
    return Expectation(
      line: start.line, startColumn: start.column, endColumn: max(endColumn, start.column + 1),
      text: "\(diagnostic.severity.rawValue)[\(diagnostic.code)]: \(diagnostic.summary)")
  }
}

@Suite struct CheckFixtureTests {
  @Test(arguments: CheckFixture.all())
  func fixture(_ fixture: CheckFixture) {
    let file = Parser.parseConfig(fixture.source)
    #expect(file.diagnostics.isEmpty, "fixture has syntax errors: \(file.diagnostics.map(\.summary))")
    let lines = LineIndex(fixture.source)
    var expected = CheckAnnotations.parse(fixture.source)
    var unexpected: [Expectation] = []
    let checksInformation = expected.contains { $0.text.hasPrefix("information[") }
    for diagnostic in AtlasChecks.check(file) where checksInformation || diagnostic.severity != .information {
      let actual = CheckAnnotations.actual(diagnostic, lines: lines)
      if let index = expected.firstIndex(where: {
        $0.line == actual.line && $0.startColumn == actual.startColumn && $0.endColumn == actual.endColumn
          && actual.text.hasPrefix($0.text) && $0.text.contains("]")
      }) {
        expected.remove(at: index)
      } else {
        unexpected.append(actual)
      }
    }
    #expect(unexpected.isEmpty, "unannotated diagnostics in \(fixture.testDescription):\n\(unexpected.map(\.description).joined(separator: "\n"))")
    #expect(expected.isEmpty, "annotations without a diagnostic in \(fixture.testDescription):\n\(expected.map(\.description).joined(separator: "\n"))")
  }

  @Test func everyCodeHasAFixtureThatFiresIt() {
    let all = CheckFixture.all().map { String(decoding: $0.source, as: UTF8.self) }.joined()
    for code in AtlasCode.all {
      #expect(all.contains("[\(code)]"), "no fixture fires \(code)")
    }
  }

  @Test func quickFixesAndLinks() {
    let file = Parser.parseConfig(Array("env \"a\" {\n  migration {\n    dri = \"x\"\n  }\n}\n".utf8))
    let results = AtlasChecks.checkDetailed(file)
    #expect(results.count == 1)
    #expect(results.first?.fixes.first?.replacement == "dir")
    #expect(results.first?.documentation?.hasPrefix("https://atlasgo.io/") == true)
  }
}

@Suite struct ReferenceCheckDetailTests {
  static func detailed(_ text: String) -> [AtlasDiagnostic] { AtlasChecks.checkDetailed(Parser.parseConfig(Array(text.utf8))) }

  @Test func didYouMeanFixesReplaceTheName() {
    let text = "locals {\n  tenants = 1\n}\nvariable \"url\" {\n  type = string\n}\ndata \"sql\" \"t\" {\n  url = var.url\n  query = \"q\"\n}\n"
      + "env \"a\" {\n  url = var.ulr\n  src = local.tenant\n  dev = data.sql.s.value\n  x = env(\"A\")\n  y = jsondecod(\"{}\")\n  z = local.tenants\n}\n"
    let results = Self.detailed(text)
    let bytes = Array(text.utf8)
    // The unused data source's fix removes it; the did-you-mean ones are the rest.
    let fixes = results.filter { !$0.isUnnecessary }.compactMap { result in
      result.fixes.first.map { (result.diagnostic.code, String(decoding: bytes[$0.range.start..<$0.range.end], as: UTF8.self), $0.replacement) }
    }
    #expect(fixes.map(\.0) == ["atlas.unknown-variable", "atlas.unknown-local", "atlas.undeclared-data-source",
                               "atlas.unknown-function", "atlas.unknown-function"])
    #expect(fixes.map(\.1) == ["ulr", "tenant", "sql.s", "env", "jsondecod"])
    #expect(fixes.map(\.2) == ["url", "tenants", "sql.t", "getenv", "jsondecode"])
    #expect(results.allSatisfy { $0.documentation?.hasPrefix("https://atlasgo.io/") == true })
    #expect(results.filter(\.isUnnecessary).map(\.diagnostic.code) == ["atlas.unused-data-source"])
  }

  @Test func stringSourceFixRemovesTheStep() {
    let text = "data \"aws_rds_token\" \"t\" {\n  endpoint = \"h:5432\"\n  username = \"u\"\n}\nenv \"a\" {\n  url = data.aws_rds_token.t.url\n}\n"
    let results = Self.detailed(text)
    #expect(results.map(\.diagnostic.code) == ["atlas.url-on-string-source"])
    var bytes = Array(text.utf8)
    if let fix = results.first?.fixes.first { bytes.replaceSubrange(fix.range.start..<fix.range.end, with: Array(fix.replacement.utf8)) }
    #expect(String(decoding: bytes, as: UTF8.self).contains("url = data.aws_rds_token.t\n"))
  }

  @Test func unusedDefinitionsAreTaggedUnnecessary() {
    let results = Self.detailed("locals {\n  a = 1\n  b = local.a\n}\n")
    #expect(results.map(\.diagnostic.summary) == ["Local \"b\" is never used"])
    #expect(results.map(\.isUnnecessary) == [true])
  }
}

@Suite struct RDSCheckDetailTests {
  static func applying(_ text: String) -> (codes: [String], fixed: String) {
    let results = ReferenceCheckDetailTests.detailed(text)
    var bytes = Array(text.utf8)
    for fix in results.compactMap(\.fixes.first).sorted(by: { $0.range.start > $1.range.start }) {
      bytes.replaceSubrange(fix.range.start..<fix.range.end, with: Array(fix.replacement.utf8))
    }
    return (results.map(\.diagnostic.code), String(decoding: bytes, as: UTF8.self))
  }

  @Test func fixesWrapTheTokenAndTakeTheEndpointsRegion() {
    let text = "data \"aws_rds_token\" \"t\" {\n  endpoint = \"a.b.eu-west-1.rds.amazonaws.com:5432\"\n  region = \"us-east-1\"\n"
      + "  username = \"u\"\n}\nenv \"a\" {\n  url = \"postgres://u:${data.aws_rds_token.t}@a.b.eu-west-1.rds.amazonaws.com/db\"\n}\n"
    let (codes, fixed) = Self.applying(text)
    #expect(codes == ["atlas.rds-region-mismatch", "atlas.rds-token-not-escaped"])
    #expect(fixed.contains("region = \"eu-west-1\"\n"))
    #expect(fixed.contains("${urlescape(data.aws_rds_token.t)}@a.b.eu-west-1.rds.amazonaws.com/db"))
    #expect(Self.applying(fixed).codes.isEmpty)
  }

  @Test func endpointsSplitAsAtlasDoes() {
    func summaries(_ endpoint: String) -> [String] {
      ReferenceCheckDetailTests.detailed("data \"aws_rds_token\" \"t\" {\n  endpoint = \"\(endpoint)\"\n  username = \"u\"\n}\n"
        + "locals {\n  x = data.aws_rds_token.t\n}\nenv \"a\" {\n  url = local.x\n}\n").map(\.diagnostic.summary)
    }
    for endpoint in ["h:5432", "https://h:5432", "http://h:1", "[::1]:5432", "H:65535"] { #expect(summaries(endpoint) == []) }
    #expect(summaries("https://h") == ["The endpoint \"https://h\" has no port"])
    #expect(summaries("h:") == ["The endpoint \"h:\" has an invalid port \"\""])
    #expect(summaries("h:+5432") == ["The endpoint \"h:+5432\" has an invalid port \"+5432\""])
    #expect(summaries("h:0") == ["The endpoint \"h:0\" has a port out of range (0)"])
  }
}

@Suite struct CheckInvariantTests {
  /// Typing simulated: the checks on every prefix of the check fixtures and a few corpus files.
  @Test func noTrapOnPrefixes() {
    var inputs = CheckFixture.all().map(\.source)
    inputs += AtlasConfigCorpus.files().filter { $0.validity != .valid }.prefix(6).map(\.bytes)
    for bytes in inputs where bytes.count < 8000 {
      for length in 0...bytes.count {
        let diagnostics = AtlasChecks.check(Parser.parseConfig(Array(bytes[0..<length])))
        for diagnostic in diagnostics where diagnostic.subject.start < 0 || diagnostic.subject.end > length {
          Issue.record("diagnostic outside the file: \(diagnostic)")
        }
      }
    }
  }

  /// Deeply nested input must not overflow the stack.
  @Test func deepInputs() {
    let inputs = [
      "variable \"x\" {\n  type = " + String(repeating: "list(", count: 20_000) + "string" + String(repeating: ")", count: 20_000) + "\n}\n",
      "env \"a\" {\n  url = " + String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000) + "\n}\n",
      "env \"a\" {\n  schemas = " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "\n}\n",
      String(repeating: "env {\n", count: 300) + String(repeating: "}\n", count: 300),
    ]
    for text in inputs { _ = AtlasChecks.check(Parser.parseConfig(Array(text.utf8))) }
  }
}
