// Hostile YAML: every prefix of documents, deep nesting and alias bombs give a value or one diagnostic, never a trap.

import HCLEval
import Testing

@Suite struct YAMLRobustnessTests {
  static let documents = [
    "a: 1\nb:\n  - x\n  - {c: [1, 'q''s', \"e\\u00e9\"], d: &x y}\n  - *x\nc: |+\n  lit\n\nd: >-\n  fold\n  ed\n<<: {m: 1}\n",
    "--- !!map\n? \n- - a\n  - b: c\n    d: [e, {f: g}]\n...\n# end\n",
    "\"k\": 'v' # c\n&a k2: !!str 1\nk3: !!binary aGVsbG8=\nk4: 2001-12-14t21:59:43.10-05:00\n",
  ]

  static func run(_ function: String, _ text: String) {
    let scope = Scope(variables: ["src": .string(text)], functions: StandardLibrary.functions())
    let (value, diagnostics) = Evaluator.evaluate(expression: "\(function)(src)", scope: scope)
    _ = value.render()
    #expect(diagnostics.count <= 1)
  }

  @Test(arguments: documents) func everyPrefixAndDeletion(_ document: String) {
    let bytes = Array(document.utf8)
    for end in 0...bytes.count {
      let prefix = String(decoding: bytes[..<end], as: UTF8.self)
      Self.run("yamldecode", prefix)
      Self.run("yamlmerge", prefix)
    }
    for index in bytes.indices {
      var copy = bytes
      copy.remove(at: index)
      Self.run("yamldecode", String(decoding: copy, as: UTF8.self))
    }
  }

  @Test(arguments: [
    String(repeating: "[", count: 100_000),
    String(repeating: "{a: ", count: 50_000),
    String(repeating: "- ", count: 50_000) + "x",
    (0..<3000).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n"),
    "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + (1..<10).map { "l\($0): &l\($0) [" + Array(repeating: "*\($0 == 1 ? "a" : "l\($0 - 1)")", count: 10).joined(separator: ",") + "]" }.joined(separator: "\n"),
  ])
  func hostileDocumentsFailCleanly(_ document: String) {
    for function in ["yamldecode", "yamlmerge"] {
      let scope = Scope(variables: ["src": .string(document)], functions: StandardLibrary.functions())
      let expression = function == "yamldecode" ? "yamldecode(src)" : "yamlmerge(src, src)"
      let (_, diagnostics) = Evaluator.evaluate(expression: expression, scope: scope)
      #expect(diagnostics.count == 1)
    }
  }
}
