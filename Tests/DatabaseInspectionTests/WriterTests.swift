// The HCL writer as data: Tests/Fixtures/inspect/writer/*.txtar hold a model (`-- realm.json --`) and the HCL Atlas
// prints for it (`-- expected.hcl --`, from the Atlas unit test or golden named in the header).
import Foundation
import HCLSyntax
import Testing

@testable import DatabaseInspection

@Suite struct WriterTests {
  static let cases = Fixtures.files("writer", extension: "txtar")

  @Test func thereAreCases() { #expect(Self.cases.count >= 5) }

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
