// Parser conformance: hashicorp/hcl's verdicts (oracle, hclsyntax cases, spec suite) and tree-sitter-hcl's corpus.
import Foundation
import HCLSyntax
import Testing

@Suite struct ParserConformanceTests {
  /// Our clean-vs-error verdict agrees with hashicorp/hcl on every `.hcl` config file of the corpus.
  @Test func agreesWithOracleOnEveryConfigFile() throws {
    let files = Conformance.sourceFiles().filter { $0.pathExtension == "hcl" }
    guard !files.isEmpty, let output = ExternalTool.hclOracle.run(["parse"] + files.map(\.path)) else { return }
    var oracleSaysClean: [String: Bool] = [:]
    for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard fields.count >= 2 else { continue }
      oracleSaysClean[String(fields[0])] = fields[1] == "ok"
    }
    var mismatches: [String] = []
    for file in files {
      guard let clean = oracleSaysClean[file.path] else {
        mismatches.append("\(Conformance.relativePath(file)): no verdict from the oracle")
        continue
      }
      guard let source = Conformance.read(file) else { continue }
      let parsed = Parser.parseConfig(source)
      if parsed.hasErrors == clean {
        let ours = parsed.diagnostics.first.map { "\($0.summary) at \($0.subject)" } ?? "clean"
        mismatches.append("\(Conformance.relativePath(file)): oracle \(clean ? "clean" : "error"), ours \(ours)")
      }
    }
    print("parser agrees with hashicorp/hcl (clean vs error) on \(files.count - mismatches.count)/\(files.count) files")
    #expect(mismatches.isEmpty, "\(mismatches.prefix(20).joined(separator: "\n"))")
  }

  /// hclsyntax's own test inputs, read in the mode their extension names; the expected verdict is what hcl
  /// v2.14.1 observed when parsing them (SOURCES.md's "observed" column).
  @Test func hclsyntaxCasesMatchObservedVerdicts() throws {
    guard let root = Conformance.requireDirectory() else { return }
    let casesRoot = root.appendingPathComponent("hcl-syntax-cases")
    guard let table = Conformance.read(casesRoot.appendingPathComponent("SOURCES.md")) else { return }
    let files = Conformance.allFiles(under: casesRoot.appendingPathComponent("hclsyntax"))
    var byName: [String: URL] = [:]
    for file in files { byName[file.lastPathComponent] = file }
    var checked = 0
    var mismatches: [String] = []
    for row in String(decoding: table, as: UTF8.self).split(separator: "\n") where row.hasPrefix("| `") {
      let columns = row.split(separator: "|", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard columns.count > 6 else { continue }
      let name = columns[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
      guard let file = byName[name], let source = Conformance.read(file) else { continue }
      let expectClean = columns[6].hasPrefix("no diagnostics")
      let parsed: ParsedFile =
        switch file.pathExtension {
        case "hcle": Parser.parseExpression(source)
        case "tmpl": Parser.parseTemplate(source)
        default: Parser.parseConfig(source)
        }
      checked += 1
      if parsed.hasErrors == expectClean {
        mismatches.append("\(name): expected \(expectClean ? "clean" : columns[6]), got \(parsed.diagnostics.map(\.summary))")
      }
    }
    print("hclsyntax cases: \(checked - mismatches.count)/\(checked) verdicts match")
    #expect(checked == files.count, "every case file has a row in SOURCES.md")
    #expect(mismatches.isEmpty, "\(mismatches.prefix(20).joined(separator: "\n"))")
  }

  /// Cases of tree-sitter-hcl's corpus that hashicorp/hcl itself rejects, so we must reject them too.
  static let casesHCLRejects: Set<String> = [
    "empty template interpolation",  // "${}": an interpolation needs an expression
    "numeric literal hex 1",  // hcl has no hexadecimal numbers
    "namespaced function call",  // `a::b()` came after hcl 2.18
    "top level object",  // a JSON document is not native syntax
  ]

  @Test func treeSitterCorpusParsesClean() throws {
    guard let root = Conformance.requireDirectory() else { return }
    let corpus = Conformance.allFiles(under: root.appendingPathComponent("hcl-syntax-cases/tree-sitter-hcl/corpus"))
      .filter { $0.pathExtension == "txt" }
    #expect(!corpus.isEmpty, "tree-sitter-hcl corpus files")
    var cases = 0
    var rejected: [String] = []
    var failures: [String] = []
    for file in corpus {
      guard let bytes = Conformance.read(file) else { continue }
      for (name, input) in TreeSitterCorpus.cases(in: String(decoding: bytes, as: UTF8.self)) {
        cases += 1
        let parsed = Parser.parseConfig(input)
        if Self.casesHCLRejects.contains(name.trimmingCharacters(in: .whitespaces).lowercased()) {
          rejected.append(name)
          if !parsed.hasErrors { failures.append("\(file.lastPathComponent) '\(name)': hcl rejects it, we accepted") }
        } else if parsed.hasErrors {
          failures.append("\(file.lastPathComponent) '\(name)': \(parsed.diagnostics.map(\.summary))")
        }
      }
    }
    print("tree-sitter-hcl corpus: \(cases - failures.count)/\(cases) cases as expected (\(rejected.count) rejected as hcl does)")
    #expect(rejected.count == Self.casesHCLRejects.count, "each case hcl rejects was found: \(rejected)")
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }

  /// hcl's specsuite: the syntax diagnostics each `.t` file expects, by byte range. Cases whose expected diagnostic
  /// comes from decoding against the `.hcldec` schema (not from syntax) are listed and checked to parse clean.
  static let schemaLevelCases: Set<String> = ["structure/attributes/unexpected"]

  @Test func specSuiteSyntaxDiagnostics() throws {
    guard let root = Conformance.requireDirectory() else { return }
    let testsRoot = root.appendingPathComponent("hcl-spec/tests")
    let specs = Conformance.allFiles(under: testsRoot).filter { $0.pathExtension == "t" }
    #expect(specs.count >= 15, "spec suite cases found: \(specs.count)")
    for spec in specs {
      let name = String(spec.deletingPathExtension().path.dropFirst(testsRoot.path.count + 1))
      let input = spec.deletingPathExtension().appendingPathExtension("hcl")
      guard let specBytes = Conformance.read(spec), let source = Conformance.read(input) else { continue }
      let expected = SpecExpectation.diagnosticRanges(in: Parser.parseConfig(specBytes))
      let actual = Parser.parseConfig(source).diagnostics.map { [$0.subject.start, $0.subject.end] }
      if Self.schemaLevelCases.contains(name) {
        #expect(actual.isEmpty, "\(name): no syntax error expected, got \(actual)")
        #expect(!expected.isEmpty, "\(name) still expects a schema-level diagnostic")
      } else {
        #expect(actual == expected, "\(name): expected diagnostics at \(expected), got \(actual)")
      }
    }
  }
}

/// Splits tree-sitter corpus files: `===` / name / `===`, input, `---`, expected tree.
enum TreeSitterCorpus {
  static func cases(in text: String) -> [(name: String, input: String)] {
    var result: [(String, String)] = []
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var i = 0
    while i < lines.count {
      guard lines[i].hasPrefix("==="), i + 2 < lines.count else {
        i += 1
        continue
      }
      let name = String(lines[i + 1])
      i += 3
      var input: [Substring] = []
      while i < lines.count, !lines[i].hasPrefix("---") {
        input.append(lines[i])
        i += 1
      }
      result.append((name, input.joined(separator: "\n") + "\n"))
    }
    return result
  }
}

/// Reads the `diagnostics { error { from { byte = N } to { byte = M } } }` blocks of a specsuite `.t` file.
enum SpecExpectation {
  static func diagnosticRanges(in parsed: ParsedFile) -> [[Int]] {
    var ranges: [[Int]] = []
    for diagnostics in blocks(named: "diagnostics", in: parsed.root, parsed) {
      for entry in blocks(named: "error", in: diagnostics, parsed) + blocks(named: "warning", in: diagnostics, parsed) {
        let from = blocks(named: "from", in: entry, parsed).first.flatMap { byteAttribute(in: $0, parsed) }
        let to = blocks(named: "to", in: entry, parsed).first.flatMap { byteAttribute(in: $0, parsed) }
        if let from, let to { ranges.append([from, to]) }
      }
    }
    return ranges.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
  }

  /// Blocks named `name` anywhere below `node`.
  static func blocks(named name: String, in node: SyntaxNode, _ parsed: ParsedFile) -> [SyntaxNode] {
    var found: [SyntaxNode] = []
    for child in node.childNodes {
      if child.kind == .block, let index = child.children.first?.tokenIndex,
        parsed.text(of: parsed.tokens[index]) == name
      {
        found.append(child)
      } else {
        found += blocks(named: name, in: child, parsed)
      }
    }
    return found
  }

  static func byteAttribute(in block: SyntaxNode, _ parsed: ParsedFile) -> Int? {
    guard let body = block.firstChild(.body) else { return nil }
    for attribute in body.childNodes where attribute.kind == .attribute {
      let texts = parsed.tokenIndices(in: attribute).map { parsed.tokens[$0] }.filter { $0.kind != .whitespace }
      if texts.count >= 3, parsed.text(of: texts[0]) == "byte" { return Int(parsed.text(of: texts[2])) }
    }
    return nil
  }
}
