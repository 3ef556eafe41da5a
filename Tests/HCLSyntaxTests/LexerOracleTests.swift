// Differential test: our lexer against hashicorp/hcl's scanner (tools/hcl-tokens) on the whole conformance corpus.
import Foundation
import HCLSyntax
import Testing

@Suite struct LexerOracleTests {
  /// hcl-tokens's output, split into sections: path -> "Kind\tstart\tend" lines.
  static func parseSections(_ output: [UInt8]) -> [String: [String]] {
    var sections: [String: [String]] = [:]
    var current: String?
    for line in String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true) {
      if line.hasPrefix("== ") {
        let path = String(line.dropFirst(3))
        current = path
        sections[path] = []
      } else if let path = current {
        sections[path, default: []].append(String(line))
      }
    }
    return sections
  }

  /// Our token stream in hcl-tokens's format (whitespace is ours only, hclsyntax drops it).
  static func ourLines(_ bytes: [UInt8]) -> [String] {
    Lexer.tokenize(bytes).filter { $0.kind != .whitespace }.map { "\($0.kind.name)\t\($0.start)\t\($0.end)" }
  }

  /// Describes the first difference between two token listings, with the source text around it.
  static func firstDifference(expected: [String], actual: [String], bytes: [UInt8]) -> String? {
    guard expected != actual else { return nil }
    var index = 0
    while index < expected.count, index < actual.count, expected[index] == actual[index] { index += 1 }
    let want = index < expected.count ? expected[index] : "(end of hclsyntax's tokens)"
    let got = index < actual.count ? actual[index] : "(end of our tokens)"
    var snippet = ""
    if let offset = Int((index < expected.count ? expected[index] : got).split(separator: "\t").dropFirst().first ?? "") {
      let from = max(0, min(offset, bytes.count) - 20)
      let to = min(bytes.count, offset + 20)
      snippet = " near \(String(decoding: bytes[from..<to], as: UTF8.self).debugDescription)"
    }
    return "token #\(index): hclsyntax \(want.debugDescription), ours \(got.debugDescription)\(snippet)"
  }

  @Test func lexerMatchesHCLSyntaxOnTheCorpus() throws {
    let files = Conformance.sourceFiles()
    guard !files.isEmpty else { return }  // an issue has been recorded
    guard let output = ExternalTool.hclTokens.run(files.map(\.path)) else { return }
    let sections = Self.parseSections(output)

    var matched = 0
    var failures: [String] = []
    for file in files {
      let name = Conformance.relativePath(file)
      guard let bytes = Conformance.read(file) else { continue }
      guard let expected = sections[file.path] else {
        failures.append("\(name): no section in hcl-tokens's output")
        continue
      }
      if let difference = Self.firstDifference(expected: expected, actual: Self.ourLines(bytes), bytes: bytes) {
        failures.append("\(name): \(difference)")
      } else {
        matched += 1
      }
    }
    print("lexer matches hclsyntax on \(matched)/\(files.count) files")
    if !failures.isEmpty {
      let shown = failures.prefix(20).joined(separator: "\n")
      let more = failures.count > 20 ? "\n… and \(failures.count - 20) more" : ""
      Issue.record("lexer differs from hclsyntax on \(failures.count)/\(files.count) files:\n\(shown)\(more)")
    }
  }

  /// Hand-made inputs the corpus may not cover, checked against hclsyntax the same way.
  @Test func lexerMatchesHCLSyntaxOnNastyInputs() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("mercator-lexer-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var paths: [String] = []
    var inputs: [String: [UInt8]] = [:]
    for (index, input) in LexerTests.nastyInputs.enumerated() {
      let url = dir.appendingPathComponent("case\(index).hcl")
      try Data(input).write(to: url)
      paths.append(url.path)
      inputs[url.path] = input
    }
    guard let output = ExternalTool.hclTokens.run(paths) else { return }
    let sections = Self.parseSections(output)
    for path in paths {
      let bytes = inputs[path] ?? []
      let difference = Self.firstDifference(expected: sections[path] ?? [], actual: Self.ourLines(bytes), bytes: bytes)
      #expect(difference == nil, "input \(String(decoding: bytes, as: UTF8.self).debugDescription): \(difference ?? "")")
    }
  }
}
