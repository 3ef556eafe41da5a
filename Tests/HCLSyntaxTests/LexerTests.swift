// Invariants of the lexer that need no oracle: every byte is covered, in order, and the stream ends with EOF.
import Foundation
import HCLSyntax
import Testing

@Suite struct LexerTests {
  /// Inputs that have broken lexers before: bad UTF-8, lone CRs, unterminated constructs, deep nesting.
  static let nastyInputs: [[UInt8]] = [
    [],
    Array("\n".utf8),
    Array("\r".utf8),
    Array("a = 1\rb = 2\r".utf8),
    Array("a = \"x\ry\"\r\n".utf8),
    [0xEF, 0xBB, 0xBF] + Array("a = 1\n".utf8),  // byte order mark
    [0xEF, 0xBB],  // truncated byte order mark
    Array("a = \"".utf8) + [0xFF, 0xFE] + Array("\"\n".utf8),  // invalid UTF-8 in a string
    [0xC3] + Array(" = 1".utf8),  // truncated 2-byte sequence
    [0xE0, 0x80, 0x80, 0x0A],  // overlong
    [0xED, 0xA0, 0x80, 0x0A],  // surrogate
    [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
    [0x80, 0x80, 0x80],  // stray continuation bytes
    Array("a = \"unterminated".utf8),
    Array("a = \"unterminated\nb = 2\n".utf8),
    Array("a = \"${".utf8),
    Array("a = \"${b".utf8),
    Array("a = \"%{ if x }".utf8),
    Array("a = <<EOT\nno end".utf8),
    Array("a = <<-EOT\n  text\n  EOT".utf8),  // closing marker without a final newline
    Array("a = <<EOT\n${\nEOT\n".utf8),
    Array("a = <<".utf8),
    Array("a = <<EOT".utf8),
    Array("/* unterminated".utf8),
    Array("/* a /* b */ c */".utf8),
    Array("# comment without newline".utf8),
    Array("// comment\r\n".utf8),
    Array("a = 1 /".utf8),
    Array("a = \"\\".utf8),
    Array("a = \"\\u12\"".utf8),
    Array("}}}]]])))\n".utf8),
    Array("a = { b = \"${ { c = 1 } }\" }\n".utf8),
    Array("a = 1e\nb = 1.\nc = 0x10\n".utf8),
    Array("\u{0}\u{1}\u{7F} = ';`&|^~\n".utf8),
    Array(String(repeating: "{", count: 2000).utf8),
    Array(String(repeating: "\"${", count: 500).utf8),
    Array("a = \"é🎉\u{301}\"\nb = <<EOT\n🎉\nEOT\n".utf8),
  ]

  /// Tokens must tile the input: start at 0, each begins where the previous ended, none is negative, and the last
  /// is an empty `.eof` at the end.
  static func coverageProblem(_ bytes: [UInt8]) -> String? {
    let tokens = Lexer.tokenize(bytes)
    guard let last = tokens.last else { return "no tokens" }
    guard last.kind == .eof else { return "last token is \(last.kind.name), not EOF" }
    guard last.start == bytes.count, last.end == bytes.count else {
      return "EOF token at \(last.start)..\(last.end), input has \(bytes.count) bytes"
    }
    var offset = 0
    for (index, token) in tokens.enumerated() {
      if token.start != offset { return "token #\(index) \(token.kind.name) starts at \(token.start), expected \(offset)" }
      if token.end < token.start { return "token #\(index) \(token.kind.name) ends before it starts" }
      if token.kind == .eof, index != tokens.count - 1 { return "EOF token #\(index) before the end" }
      offset = token.end
    }
    var rebuilt: [UInt8] = []
    rebuilt.reserveCapacity(bytes.count)
    for token in tokens { rebuilt.append(contentsOf: bytes[token.start..<token.end]) }
    return rebuilt == bytes ? nil : "tokens do not round-trip to the input"
  }

  @Test func tokensCoverEveryByteOfNastyInputs() {
    for bytes in Self.nastyInputs {
      let problem = Self.coverageProblem(bytes)
      #expect(problem == nil, "\(String(decoding: bytes.prefix(80), as: UTF8.self).debugDescription): \(problem ?? "")")
    }
  }

  @Test func tokensCoverEveryByteOfTheCorpus() {
    let files = Conformance.sourceFiles()
    var checked = 0
    for file in files {
      guard let bytes = Conformance.read(file) else { continue }
      let problem = Self.coverageProblem(bytes)
      #expect(problem == nil, "\(Conformance.relativePath(file)): \(problem ?? "")")
      checked += 1
    }
    #expect(checked > 0 || files.isEmpty, "no corpus file could be read")
  }

  /// Every prefix of a file is a file someone is typing; the invariants hold for each.
  @Test func tokensCoverEveryPrefix() {
    let text = Array("""
      locals {
        url = "postgres://${var.user}:${urlescape(data.aws_rds_token.db)}@host:5432/db?sslmode=require"
        doc = <<-EOT
          héllo ${x} %{ if y }z%{ endif }
          EOT
      }
      # done\r\n/* end */
      """.utf8)
    for length in 0...text.count {
      let problem = Self.coverageProblem(Array(text[0..<length]))
      #expect(problem == nil, "prefix of length \(length): \(problem ?? "")")
      if problem != nil { break }
    }
  }

  @Test func emptyInputIsJustEOF() {
    #expect(Lexer.tokenize([]) == [Token(.eof, 0, 0)])
  }
}
