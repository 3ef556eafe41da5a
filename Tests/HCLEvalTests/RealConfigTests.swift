// Every attribute of every real-world atlas.hcl in conformance/atlas-configs evaluates with no diagnostic beyond
// the names an evaluator cannot know (type keywords, scoped enum identifiers): functions and operators all work.

import Foundation
import HCLEval
import HCLSyntax
import Testing

@Suite struct RealConfigTests {
  static let directory = EvalPaths.conformance.appendingPathComponent("atlas-configs")

  static func files() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".hcl") }.sorted()
  }

  /// The references atlas.hcl allows (atlas-config.md §4), unknown here: values come from the project model.
  static let scope = Scope(
    variables: Dictionary(uniqueKeysWithValues: ["var", "local", "data", "atlas", "each", "docker", "env", "self", "lint", "diff", "test"].map { ($0, Value.unknown()) }),
    functions: StandardLibrary.functions(host: HostEnvironment(
      environment: { _ in nil }, readFile: { _ in .success("") }, fileset: { _ in .success([]) }, glob: { _ in .success([]) })))

  /// Names that are not variables where they appear: type keywords of `variable.type`, scoped enums (§1.8).
  static let notVariables: Set<String> = [
    "string", "number", "bool", "int", "any", "list", "set", "map", "tuple", "object",
    "atlas", "golang-migrate", "goose", "flyway", "liquibase", "dbmate", "LINEAR", "LINEAR_SKIP", "NON_LINEAR",
    "ALWAYS", "WARNING", "ERROR",
  ]

  /// Attributes with the type of the block they sit in.
  static func attributes(in node: SyntaxNode, _ file: ParsedFile) -> [(attribute: SyntaxNode, block: String)] {
    var out: [(SyntaxNode, String)] = []
    var stack = [(node, "")]
    while let (current, blockType) = stack.popLast() {
      for child in current.childNodes {
        switch child.kind {
        case .attribute: out.append((child, blockType))
        case .body: stack.append((child, blockType))
        case .block: stack.append((child, TypeExpression.identifierText(child, file) ?? ""))
        default: break
        }
      }
    }
    return out
  }

  static func name(of attribute: SyntaxNode, _ file: ParsedFile) -> String { TypeExpression.identifierText(attribute, file) ?? "" }

  /// Files SOURCES.md marks invalid (e.g. calling `env()`, which Atlas does not have).
  static func invalidFiles() -> Set<String> {
    let text = (try? String(contentsOf: directory.appendingPathComponent("SOURCES.md"), encoding: .utf8)) ?? ""
    var names: Set<String> = []
    for line in text.components(separatedBy: "\n") where line.contains("INVALID") {
      if let start = line.range(of: "`"), let end = line[start.upperBound...].range(of: "`") {
        names.insert(String(line[start.upperBound..<end.lowerBound]))
      }
    }
    return names
  }

  @Test func configsArePresent() {
    #expect(Self.files().count >= 20, "missing \(Self.directory.path)")
    #expect(Self.invalidFiles().count >= 3)
  }

  @Test(arguments: [
    ("string", "string"), ("int", "number"), ("list(string)", "list(string)"), ("map(list(bool))", "map(list(bool))"),
    ("tuple([string, number])", "tuple([string, number])"), ("object({a = string, b = set(number)})", "object({a = string, b = set(number)})"),
    ("any", "error"), ("list", "error"), ("list(foo)", "error"), ("\"string\"", "error"), ("object({\"a\" = string})", "error"),
  ])
  func typeExpressions(_ source: String, _ expected: String) {
    let file = Parser.parseExpression(Array(source.utf8))
    guard let node = file.root.childNodes.first else { return }
    let (type, diagnostics) = TypeExpression.evaluate(node, in: file)
    #expect((type?.description ?? "error") == expected)
    #expect(type == nil ? diagnostics.map(\.code) == ["eval.invalid-type"] : diagnostics.isEmpty)
  }

  @Test(arguments: files()) func evaluatesCleanly(_ name: String) throws {
    let file = Parser.parseConfig([UInt8](try Data(contentsOf: Self.directory.appendingPathComponent(name))))
    guard !file.hasErrors, !Self.invalidFiles().contains(name) else { return }
    for (attribute, block) in Self.attributes(in: file.root, file) {
      guard let expression = attribute.childNodes.first else { continue }
      let diagnostics: [Diagnostic]
      if block == "variable" && Self.name(of: attribute, file) == "type" {
        let (type, typeDiagnostics) = TypeExpression.evaluate(expression, in: file)
        #expect(type != nil)
        diagnostics = typeDiagnostics
      } else {
        diagnostics = Evaluator.evaluate(expression, in: file, scope: Self.scope).1
      }
      let text = String(decoding: file.source[expression.range.start..<expression.range.end], as: UTF8.self)
      for diagnostic in diagnostics {
        let subject = String(decoding: file.source[diagnostic.subject.start..<diagnostic.subject.end], as: UTF8.self)
        if diagnostic.code == "eval.unknown-variable" && (Self.notVariables.contains(subject) || subject.first?.isUppercase == true) { continue }
        Issue.record("\(name): \(text) → \(diagnostic.message)")
      }
    }
  }
}
