// The HCL writer as data: Tests/Fixtures/inspect/writer/*.txtar hold a model (`-- realm.json --`) and the HCL Atlas
// prints for it (`-- expected.hcl --`, from the Atlas unit test or golden named in the header).
import Foundation
import HCLSyntax
import Testing

@testable import DatabaseInspection

@Suite struct WriterTests {
  static let cases = Fixtures.files("writer", extension: "txtar")

  @Test func thereAreCases() { #expect(Self.cases.count >= 5) }

  /// The ASCII fast paths of HCLText (for 1,000-table speed) agree with the general rules: the lexer decides what
  /// a reference name is; a quoted string spells each scalar as the escaping loop does.
  @Test func textFastPathsAgree() {
    let pieces = ["a", "Z", "_", "-", "1", ".", " ", "$", "{", "%", "\"", "\\", "é", "\u{7F}", "\t"]
    var names: Set<String> = [""]
    for _ in 0..<3 { names.formUnion(names.flatMap { name in pieces.map { name + $0 } }) }
    for name in names {
      let tokens = Lexer.tokenize(Array(name.utf8)).filter { $0.kind != .eof }
      let lexed = HCLText.isNumber(name)
        || (tokens.count == 1 && tokens[0].kind == .ident && tokens[0].length == name.utf8.count)
      #expect(HCLText.isReferenceName(name) == lexed, "isReferenceName(\(name.debugDescription))")
      // Through a non-ASCII suffix the fast path is skipped; the suffix's own spelling is then removed.
      let general = HCLText.quoted(name + "é")
      #expect(HCLText.quoted(name) == String(general.dropLast(2)) + "\"", "quoted(\(name.debugDescription))")
    }
  }

  @Test(arguments: cases) func writes(_ url: URL) throws {
    let file = SectionFile(try String(contentsOf: url, encoding: .utf8))
    let json = try #require(file["realm.json"], "\(url.lastPathComponent) needs a -- realm.json -- section")
    let realm = try JSONDecoder().decode(Realm.self, from: Data(json.utf8))
    let output: String
    do {
      output = try HCLDocumentWriter.write(realm)
    } catch {
      output = "error: \(error.message)\n"
    }
    try checkSection(output, "expected.hcl", in: url)
    // The writer aligns by itself; what it prints must be what hclwrite's layout (our formatter) gives. Not where a
    // Go-quoted `sql("…${…}")` holds a `${`: Atlas writes it as one raw token, our formatter would lex a template.
    if !output.hasPrefix("error:"), !output.replacingOccurrences(of: "$${", with: "").contains("${") {
      #expect(String(decoding: Formatter.format(Array(output.utf8)), as: UTF8.self) == output)
    }
  }
}
