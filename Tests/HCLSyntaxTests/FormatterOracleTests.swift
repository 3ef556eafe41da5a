// Differential test: our formatter against hclwrite.Format (via hcl-oracle) on the shared conformance corpus.
import Foundation
@testable import HCLSyntax
import Testing

@Suite struct FormatterOracleTests {
  /// Every `.hcl` file of the corpus, plus every file of `hcl-syntax-cases` whatever its extension (expressions and
  /// templates are still token streams, and broken input is exactly what an editor formats).
  static func corpusFiles() -> [URL] {
    let root = TestPaths.conformance
    guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
      return []
    }
    var files: [URL] = []
    for case let url as URL in walker {
      guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
      let relative = url.path.dropFirst(root.path.count + 1)
      if url.pathExtension == "hcl" || relative.hasPrefix("hcl-syntax-cases/") { files.append(url) }
    }
    return files.sorted { $0.path < $1.path }
  }

  /// Whether the corpus and the oracle are both present. Records an issue when the corpus or the oracle is missing, so a run without them never passes silently.
  static func prerequisitesPresent(_ what: String) -> Bool {
    let root = TestPaths.conformance
    var missing: [String] = []
    if !FileManager.default.fileExists(atPath: root.path) { missing.append("conformance corpus at \(root.path)") }
    if !Oracle.isAvailable { missing.append("hcl-oracle at \(Oracle.path) (build it with shared/tools/hcl-oracle/build)") }
    guard missing.isEmpty else {
      // A test that checks nothing must not pass, in CI or not.
      Issue.record("\(what) cannot run: missing \(missing.joined(separator: " and ")); run bash scripts/test.sh")
      return false
    }
    return true
  }

  @Test func matchesHclwriteOnConformanceCorpus() throws {
    guard Self.prerequisitesPresent("formatter differential test") else { return }
    let root = TestPaths.conformance
    let files = Self.corpusFiles()
    #expect(!files.isEmpty, "no corpus files under \(root.path)")
    var differing: [String] = []
    for file in files {
      let input = [UInt8](try Data(contentsOf: file))
      let expected = try Oracle.format(input)
      if Formatter.format(input) != expected { differing.append(String(file.path.dropFirst(root.path.count + 1))) }
    }
    print("formatter matches hclwrite on \(files.count - differing.count)/\(files.count) files")
    #expect(differing.isEmpty, "formatter differs from hclwrite on \(differing.count) files, first: \(differing.prefix(10).joined(separator: ", "))")
  }
}

/// Corpus files with random bytes deleted, inserted or duplicated, formatted by both sides. Broken input is the normal
/// case in an editor, and mutations reach lexer and formatter states that well-formed files never do.
/// `FORMAT_MUTATIONS=N` runs N cases instead of the default (which keeps the suite fast); the seed is fixed.
/// `FORMAT_MUTATIONS_DUMP=DIR` writes each differing input, with our token list, to DIR.
///
/// Mutants that are not valid UTF-8 are skipped and counted: hclsyntax's scanner folds some malformed bytes into
/// identifiers (`a\u{D2}l` is one identifier there) and our lexer does not, so they measure the lexer, not this code.
@Suite struct FormatterMutationTests {
  @Test func mutatedCorpusMatchesHclwrite() throws {
    guard FormatterOracleTests.prerequisitesPresent("formatter mutation test") else { return }
    let count = ProcessInfo.processInfo.environment["FORMAT_MUTATIONS"].flatMap(Int.init) ?? 400
    let seeds = FormatterOracleTests.corpusFiles().compactMap { try? [UInt8](Data(contentsOf: $0)) }.filter { !$0.isEmpty }
    #expect(!seeds.isEmpty)
    guard !seeds.isEmpty else { return }
    var random = SplitMix64(seed: 0x6D65_7263_6174_6F72)
    var failures: [[UInt8]] = []
    var skipped = 0
    for _ in 0 ..< count {
      var input = seeds[Int(random.next() % UInt64(seeds.count))]
      for _ in 0 ..< 1 + Int(random.next() % 4) { mutate(&input, &random) }
      guard String(validating: input, as: UTF8.self) != nil else {
        skipped += 1
        continue
      }
      if Formatter.format(input) != (try Oracle.format(input)) { failures.append(input) }
    }
    let compared = count - skipped
    print("formatter matches hclwrite on \(compared - failures.count)/\(compared) mutated inputs (\(skipped) not UTF-8, skipped)")
    if let dump = ProcessInfo.processInfo.environment["FORMAT_MUTATIONS_DUMP"] {
      try? FileManager.default.createDirectory(atPath: dump, withIntermediateDirectories: true)
      for (n, input) in failures.enumerated() {
        _ = FileManager.default.createFile(atPath: "\(dump)/\(n).hcl", contents: Data(input))
        // Our tokens as hclsyntax would list them, to tell lexer differences from formatter differences.
        let tokens = Lexer.tokenize(input).filter { $0.kind != .whitespace }
          .map { "Token\($0.kind.name) \($0.start)-\($0.end)\n" }.joined()
        _ = FileManager.default.createFile(atPath: "\(dump)/\(n).tokens", contents: Data(tokens.utf8))
      }
    }
    let firstFailure = failures.first.map { String(decoding: $0, as: UTF8.self).debugDescription } ?? ""
    #expect(failures.count == 0, "first differing input: \(firstFailure)")
  }

  /// Bytes that steer the lexer between modes, plus some that are not ASCII or not UTF-8 at all.
  static let alphabet: [[UInt8]] = [
    "{", "}", "[", "]", "(", ")", "\"", "${", "%{", "~}", "~", "<<EOT\n", "<<-EOT\n", "EOT\n", "-", "=", "==", "#",
    "//", "/*", "*/", "\n", "\r\n", "\r", "\t", " ", "  ", ",", ".", "...", ":", "?", "!", "in", "for ", "a", "x1",
    "42", "é", "日本", "👍🏽", "न्द", "\\", "'", ";",
  ].map { Array($0.utf8) } + [[0xEF, 0xBB, 0xBF]]

  func mutate(_ input: inout [UInt8], _ random: inout SplitMix64) {
    let position = input.isEmpty ? 0 : Int(random.next() % UInt64(input.count + 1))
    switch random.next() % 4 {
    case 0:  // delete a short run
      let length = min(1 + Int(random.next() % 6), input.count - position)
      if length > 0 { input.removeSubrange(position ..< position + length) }
    case 1:  // insert a meaningful fragment
      input.insert(contentsOf: Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))], at: position)
    case 2:  // insert a random ASCII byte, control characters included
      input.insert(UInt8(truncatingIfNeeded: random.next() % 128), at: position)
    default:  // duplicate a short run elsewhere
      guard !input.isEmpty else { return }
      let from = Int(random.next() % UInt64(input.count))
      let length = min(1 + Int(random.next() % 20), input.count - from)
      input.insert(contentsOf: Array(input[from ..< from + length]), at: position)
    }
  }
}

/// A small deterministic generator, so mutation runs are reproducible everywhere.
struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
