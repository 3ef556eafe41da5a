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

  @Test func matchesHclwriteOnConformanceCorpus() throws {
    let root = TestPaths.conformance
    var missing: [String] = []
    if !FileManager.default.fileExists(atPath: root.path) { missing.append("conformance corpus at \(root.path)") }
    if !Oracle.isAvailable { missing.append("hcl-oracle at \(Oracle.path) (build it with shared/tools/hcl-oracle/build)") }
    guard missing.isEmpty else {
      let message = "formatter differential test cannot run: missing \(missing.joined(separator: " and ")) (root \(TestPaths.packageRoot().path))"
      if Oracle.isCI { Issue.record(Comment(rawValue: message)); #expect(Bool(false), "CI requires the oracle") }
      else { Issue.record(Comment(rawValue: message)) }
      return
    }
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
