// Invariants over every corpus file and fixture: lossless trees, and no crash on prefixes or deleted tokens.
import Foundation
import HCLSyntax
import Testing

@Suite struct ParserInvariantTests {
  static func inputs() -> [(name: String, bytes: [UInt8])] {
    var inputs: [(String, [UInt8])] = []
    // HCL inputs only (the corpus folder also holds licences), and tree-sitter's corpus split into its cases.
    for file in Conformance.sourceFiles() {
      guard let bytes = Conformance.read(file) else { continue }
      if ["hcl", "hcle", "tmpl"].contains(file.pathExtension) {
        inputs.append((Conformance.relativePath(file), bytes))
      } else if file.path.contains("/corpus/") {
        for (name, input) in TreeSitterCorpus.cases(in: String(decoding: bytes, as: UTF8.self)) {
          inputs.append(("\(file.lastPathComponent): \(name)", Array(input.utf8)))
        }
      }
    }
    for fixture in ParserFixtures.all() { inputs.append((fixture.name, fixture.source)) }
    return inputs
  }

  /// Parses in all three modes and checks that the tree gives back the input byte for byte.
  static func checkLossless(_ bytes: [UInt8], _ name: String) -> Bool {
    for parsed in [Parser.parseConfig(bytes), Parser.parseExpression(bytes), Parser.parseTemplate(bytes)] {
      guard parsed.reconstructedSource() == bytes else {
        Issue.record("\(name): the tree does not print back to the input")
        return false
      }
      for diagnostic in parsed.diagnostics where diagnostic.subject.end > bytes.count || diagnostic.subject.start < 0 {
        Issue.record("\(name): diagnostic range \(diagnostic.subject) outside the input")
        return false
      }
    }
    return true
  }

  @Test func everyFileRoundTrips() {
    let inputs = Self.inputs()
    #expect(inputs.count > 700)
    for (name, bytes) in inputs { _ = Self.checkLossless(bytes, name) }
  }

  /// Typing simulation: every prefix of every input parses without a crash and stays lossless.
  @Test func everyPrefixParses() {
    var prefixes = 0
    for (name, bytes) in Self.inputs() {
      for length in 0...bytes.count {
        prefixes += 1
        let prefix = Array(bytes[0..<length])
        let parsed = Parser.parseConfig(prefix)
        if parsed.reconstructedSource() != prefix {
          Issue.record("\(name): prefix of \(length) bytes does not round-trip")
          break
        }
      }
    }
    print("parsed \(prefixes) prefixes")
  }

  /// Deleting each token in turn (swift-syntax's presence flipping) never crashes and stays lossless.
  @Test func everyTokenDeletionParses() {
    var variants = 0
    for (name, bytes) in Self.inputs() {
      for token in Lexer.tokenize(bytes) where token.kind != .whitespace && token.length > 0 {
        variants += 1
        let mutated = Array(bytes[0..<token.start] + bytes[token.end...])
        if Parser.parseConfig(mutated).reconstructedSource() != mutated {
          Issue.record("\(name): deleting \(token.kind.name)@\(token.range) breaks the round trip")
          break
        }
      }
    }
    print("parsed \(variants) token deletions")
  }

  @Test(arguments: [
    "", "\u{FEFF}a = 1", "a = \"unterminated\nb = 2\n", "a = <<EOT\nnever closed", "/* open comment", "a = 1\rb = 2",
    "a = \"\\", "a = \"$", "}}}", "{{{", "((((", "a = [1, 2", "a { b = 1", "x = ${", "%{ if }", "a = \u{201C}x\u{201D}",
    "a = f(b)(c)", "a::b(1)", "a = 1 2 3", "a = -", "a = !", "a =", "= 1", "a \"b\" c = 1", "\u{0}\u{1}\u{2}",
  ])
  func nastyInputsParse(_ text: String) {
    _ = Self.checkLossless(Array(text.utf8), text.debugDescription)
    _ = Self.checkLossless([0xFF, 0xFE, 0x61, 0x20, 0x3D, 0x20, 0xC3] + Array(text.utf8), "invalid UTF-8 + \(text.debugDescription)")
  }
}

/// Pathological depth: nesting past the limit, and chains as deep as they are long, parse, print back and are freed
/// on a small thread stack with no recursion overflow. Release builds need under 256 KiB for the deepest input;
/// debug frames are about four times larger, so the test (a debug build) gives the thread 1 MiB.
@Suite struct DeepInputTests {
  static let inputs: [(String, String)] = [
    ("nested tuples", "a = " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"),
    ("nested blocks", String(repeating: "a {\n", count: 3000) + String(repeating: "}\n", count: 3000)),
    ("nested directives", "a = \"" + String(repeating: "%{if x}", count: 3000) + "\"\n"),
    ("unary chain", "a = " + String(repeating: "!", count: 100_000) + "x\n"),
    ("operator chain", "a = 1" + String(repeating: " + 1", count: 100_000) + "\n"),
    ("traversal chain", "a = x" + String(repeating: ".b[0]", count: 50_000) + "\n"),
    ("nested parentheses", "a = " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)),
    ("nested interpolations", "a = " + String(repeating: "\"${", count: 3000) + String(repeating: "}\"", count: 3000)),
  ]

  @Test(arguments: inputs.map(\.0))
  func parsesOnASmallStack(_ name: String) throws {
    let text = try #require(Self.inputs.first { $0.0 == name }?.1)
    let bytes = Array(text.utf8)
    let finished = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var roundTrips = false
    let thread = Thread {
      let parsed = Parser.parseConfig(bytes)
      roundTrips = parsed.reconstructedSource() == bytes
      _ = Formatter.format(bytes)
      finished.signal()
    }
    thread.stackSize = 1024 * 1024
    thread.start()
    finished.wait()
    #expect(roundTrips, "\(name) round-trips")
  }
}
