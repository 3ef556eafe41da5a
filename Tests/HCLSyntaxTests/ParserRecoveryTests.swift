// Recovery: each mistake gives exactly one diagnostic, and the block after it still parses at the top level.
import HCLSyntax
import Testing

@Suite struct ParserRecoveryTests {
  static let after = "\nenv \"after\" {\n  url = \"x\"\n}\n"

  /// (name, broken text, expected diagnostic code)
  static let cases: [(String, String, String)] = [
    ("unclosed brace", "locals {\n  a = 1\n", "syntax.unclosed-block"),
    ("unclosed nested brace", "env \"a\" {\n  migration {\n    dir = \"x\"\n}\n", "syntax.unclosed-block"),
    ("missing equals", "locals {\n  a 1\n}\n", "syntax.expected-body-item"),
    ("stray token", "locals {\n  a = 1\n  ]\n}\n", "syntax.expected-body-item"),
    ("stray closing brace", "}\n", "syntax.expected-body-item"),
    ("unterminated string", "locals {\n  a = \"abc\n}\n", "syntax.unterminated-template"),
    ("unterminated heredoc", "locals {\n  a = <<EOT\n  text\n}\n", "syntax.unterminated-template"),
    ("unclosed tuple", "locals {\n  a = [1, 2\n}\n", "syntax.unterminated-tuple"),
    ("unclosed call", "locals {\n  a = f(1\n}\n", "syntax.unclosed-call"),
    ("unclosed object", "locals {\n  a = {\n    b = 1\n}\n", "syntax.unclosed-block"),
    ("missing newline", "locals {\n  a = 1 b = 2\n}\n", "syntax.missing-newline"),
    ("missing value", "locals {\n  a =\n}\n", "syntax.invalid-expression"),
    ("bad interpolation", "locals {\n  a = \"${x y}\"\n}\n", "syntax.extra-characters-in-sequence"),
    ("quoted argument name", "\"a\" = 1\n", "syntax.quoted-argument-name"),
    ("equals in block header", "env = {\n}\nlocals \"x\" = 1\n", "syntax.invalid-block-definition"),
    ("namespaced call", "locals {\n  a = p::f(1)\n}\n", "syntax.namespaced-function"),
    ("tuple before a block", "env \"a\" {\n  schemas = [\"public\",\n  data \"sql\" {\n  }\n}\n", "syntax.unterminated-tuple"),
    ("call before an argument", "env \"a\" {\n  src = f(1,\n  url = \"x\"\n}\n", "syntax.unclosed-call"),
    ("object before a block", "env \"a\" {\n  o = {\n    a = 1\n  lint {\n  }\n}\n", "syntax.unterminated-object"),
  ]

  @Test(arguments: cases.map(\.0))
  func oneDiagnosticAndTheNextBlockParses(_ name: String) throws {
    let (_, broken, code) = try #require(Self.cases.first { $0.0 == name })
    let parsed = Parser.parseConfig(broken + Self.after)
    #expect(parsed.diagnostics.map(\.code) == [code], "\(name): \(parsed.diagnostics.map(\.summary))")
    #expect(parsed.reconstructedSource() == Array((broken + Self.after).utf8))
    let topLevelBlocks = parsed.root.firstChild(.body)?.childNodes.filter { $0.kind == .block } ?? []
    let names = topLevelBlocks.map { block in
      parsed.tokenIndices(in: block).map { parsed.tokens[$0] }.filter { $0.kind == .quotedLit }.first
        .map { parsed.text(of: $0) }
    }
    #expect(names.contains("after"), "\(name): the block after the mistake is not at the top level")
  }
}
