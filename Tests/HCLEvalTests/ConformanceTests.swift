// HCL's own spec suite (hcl-spec/tests/expressions: .hcl with .hcldec variables and .t expected results) and the
// hclsyntax expression corpus, evaluated without a crash and, where hcl evaluates cleanly, without a real error.

import Foundation
import HCLEval
import HCLSyntax
import Testing

@Suite struct ConformanceTests {
  static let specDirectory = EvalPaths.conformance.appendingPathComponent("hcl-spec/tests/expressions")
  static let corpusDirectory = EvalPaths.conformance.appendingPathComponent("hcl-syntax-cases/hclsyntax/expression")

  /// A config body as a value: attributes by name, blocks nested by type then labels (as hcldec's block_map does).
  static func bodyValue(_ body: SyntaxNode, _ file: ParsedFile, _ scope: Scope, _ diagnostics: inout [Diagnostic]) -> Value {
    var attributes: [String: Value] = [:]
    for item in body.childNodes {
      let names = item.children.compactMap { $0.tokenIndex.map { file.tokens[$0] } }.filter { $0.kind == .ident }
      guard let name = names.first.map({ file.text(of: $0) }) else { continue }
      if item.kind == .attribute, let expression = item.childNodes.first {
        let (value, diags) = Evaluator.evaluate(expression, in: file, scope: scope)
        diagnostics += diags
        attributes[name] = value
      } else if item.kind == .block, let inner = item.firstChild(.body) {
        let labels = item.childNodes.filter { $0.kind == .blockLabel }.map { (label: SyntaxNode) -> String in
          let tokens: [Token] = file.tokenIndices(in: label).map { file.tokens[$0] }
          return tokens.filter { $0.kind == .quotedLit || $0.kind == .ident }.map { file.text(of: $0) }.joined()
        }
        let value = bodyValue(inner, file, scope, &diagnostics)
        if let label = labels.first {
          var group = attributes[name]?.attributes ?? [:]
          group[label] = value
          attributes[name] = .object(group)
        } else {
          attributes[name] = value
        }
      }
    }
    return .object(attributes)
  }

  static func parse(_ url: URL) throws -> ParsedFile {
    Parser.parseConfig([UInt8](try Data(contentsOf: url)))
  }

  /// Collections compared by content: lists and tuples alike, maps and objects alike.
  static func canonical(_ value: Value) -> String {
    switch value.content {
    case .elements(let es): return "[" + es.map(canonical).joined(separator: ", ") + "]"
    case .attributes(let attrs):
      return "{" + attrs.keys.sorted().map { "\($0) = \(attrs[$0].map(canonical) ?? "")" }.joined(separator: ", ") + "}"
    default: return value.render(revealSensitive: true)
    }
  }

  static func leaves(_ value: Value, _ path: String = "") -> [(String, String)] {
    switch value.content {
    case .elements(let es): return es.enumerated().flatMap { leaves($0.element, "\(path)[\($0.offset)]") }
    case .attributes(let attrs): return attrs.keys.sorted().flatMap { leaves(attrs[$0] ?? .null(), "\(path).\($0)") }
    default: return [(path, canonical(value))]
    }
  }

  /// Cases where IEEE doubles cannot match cty's 512-bit floats (documented in Number.swift).
  static let precisionLimits: Set<String> = [".arithmetic.add_big", ".arithmetic.mod_frac", ".fractional_number_precision"]

  @Test(arguments: ["heredoc", "operators", "primitive_literals"]) func specExpressions(_ name: String) throws {
    let source = try Self.parse(Self.specDirectory.appendingPathComponent("\(name).hcl"))
    let expected = try Self.parse(Self.specDirectory.appendingPathComponent("\(name).t"))
    var variables: [String: Value] = [:]
    let decURL = Self.specDirectory.appendingPathComponent("\(name).hcldec")
    let functions = StandardLibrary.functions()
    if let dec = try? Self.parse(decURL), let body = dec.root.firstChild(.body) {
      var ignored: [Diagnostic] = []
      for block in body.childNodes where block.kind == .block {
        let first = block.children.compactMap { $0.tokenIndex.map { dec.tokens[$0] } }.first { $0.kind == .ident }
        if first.map({ dec.text(of: $0) }) == "variables", let inner = block.firstChild(.body) {
          variables = Self.bodyValue(inner, dec, Scope(functions: functions), &ignored).attributes ?? [:]
        }
      }
    }
    var diagnostics: [Diagnostic] = []
    let scope = Scope(variables: variables, functions: functions)
    guard let sourceBody = source.root.firstChild(.body), let expectedBody = expected.root.firstChild(.body) else {
      Issue.record("no body in \(name)")
      return
    }
    let actual = Self.bodyValue(sourceBody, source, scope, &diagnostics)
    var ignored: [Diagnostic] = []
    let want = Self.bodyValue(expectedBody, expected, Scope(functions: functions), &ignored).attributes?["result"] ?? .null()
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    let actualLeaves = Dictionary(Self.leaves(actual), uniquingKeysWith: { a, _ in a })
    let wantLeaves = Self.leaves(want)
    #expect(wantLeaves.count > 5)
    for (path, value) in wantLeaves {
      if Self.precisionLimits.contains(path) {
        // Doubles keep 17 significant digits: the value must agree with cty's to that precision.
        let a = Double(actualLeaves[path] ?? "") ?? .nan
        let b = Double(value) ?? 0
        #expect((a - b).magnitude <= 1e-14 * max(1, b.magnitude), "\(name)\(path): \(a) vs \(b)")
        continue
      }
      #expect(actualLeaves[path] == value, "\(name)\(path)")
    }
  }

  static func corpusFiles() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: corpusDirectory.path)) ?? []).filter { $0.hasSuffix(".hcle") }.sorted()
  }

  /// Which corpus cases hcl itself evaluates without any diagnostic (SOURCES.md).
  static func cleanCases() -> Set<String> {
    let sources = EvalPaths.conformance.appendingPathComponent("hcl-syntax-cases/SOURCES.md")
    guard let text = try? String(contentsOf: sources, encoding: .utf8) else { return [] }
    var clean: Set<String> = []
    for line in text.components(separatedBy: "\n") where line.contains("evaluates without diagnostics") {
      if let start = line.range(of: "`"), let end = line[start.upperBound...].range(of: "`") {
        clean.insert(String(line[start.upperBound..<end.lowerBound]))
      }
    }
    return clean
  }

  @Test func corpusIsPresent() {
    #expect(Self.corpusFiles().count >= 150, "missing \(Self.corpusDirectory.path)")
    #expect(Self.cleanCases().count >= 100)
  }

  /// Every corpus expression evaluates without a trap. The Go tests evaluate them with variables and functions we
  /// do not have; for the cases hcl evaluates cleanly, the only diagnostics allowed are about those missing names.
  @Test(arguments: corpusFiles()) func corpusExpression(_ name: String) throws {
    let bytes = [UInt8](try Data(contentsOf: Self.corpusDirectory.appendingPathComponent(name)))
    let file = Parser.parseExpression(bytes)
    let (value, diagnostics) = Evaluator.evaluate(file.root, in: file, scope: TestScope.scope)
    _ = value.render()
    if Self.cleanCases().contains(name) && !file.hasErrors {
      let unexpected = diagnostics.filter {
        !["eval.unknown-variable", "eval.unknown-function", "eval.unsupported-attribute"].contains($0.code)
      }
      #expect(unexpected.isEmpty, "\(name): \(String(decoding: bytes, as: UTF8.self)) → \(unexpected.map(\.message))")
    }
  }
}
