// The SQL writer as data: Tests/Fixtures/inspect/sql/*.txtar hold a model (`-- realm.json --`), the plan options
// (`-- options.json --`: dialect, scope) and the SQL Atlas's `--format '{{ sql . "  " }}'` prints for it
// (`-- expected.sql --`) and `{{ sql . }}` (`-- expected.oneline.sql --`); UPDATE_GOLDEN=1 rewrites both.
import Foundation
import Testing

@testable import DatabaseInspection

@Suite struct SQLWriterTests {
  static let cases = Fixtures.files("sql", extension: "txtar")

  struct Options: Decodable {
    var dialect: SQLWriteOptions.Dialect
    var schemaScope: Bool
  }

  @Test func thereAreCases() { #expect(Self.cases.count >= 8) }

  @Test(arguments: cases) func writes(_ url: URL) throws {
    let file = SectionFile(try String(contentsOf: url, encoding: .utf8))
    let json = try #require(file["realm.json"], "\(url.lastPathComponent) needs a -- realm.json -- section")
    let optionsJSON = try #require(file["options.json"], "\(url.lastPathComponent) needs an -- options.json -- section")
    let realm = try JSONDecoder().decode(Realm.self, from: Data(json.utf8))
    let options = try JSONDecoder().decode(Options.self, from: Data(optionsJSON.utf8))
    for (section, indent) in [("expected.sql", "  " as String?), ("expected.oneline.sql", nil)] {
      let output: String
      do {
        output = try SQLDocumentWriter.write(
          realm, options: SQLWriteOptions(dialect: options.dialect, schemaScope: options.schemaScope, indent: indent))
      } catch {
        output = "error: \(error.message)\n"
      }
      try checkSection(output, section, in: url)
    }
  }

  /// `--format` accepts Atlas's two SQL templates, white space inside the braces free; anything else is refused.
  @Test func formatTemplates() {
    let accepted: [(String, InspectFormat)] = [
      ("{{ sql . }}", .sql(indent: nil)),
      ("{{sql .}}", .sql(indent: nil)),
      (#"{{ sql . "  " }}"#, .sql(indent: "  ")),
      (#"{{  sql   $   "\t"  }}"#, .sql(indent: "\t")),
      ("{{ sql . `    ` }}", .sql(indent: "    ")),
      ("{{- sql . -}}", .sql(indent: nil)),
      (#"{{- sql . "  " }}"#, .sql(indent: "  ")),
    ]
    for (template, format) in accepted {
      #expect((try? InspectFormat.parse(template).get()) == format, "\(template)")
    }
    for template in ["{{ json . }}", "{{ sql }}", "{{ sql . \"  \" \"x\" }}", "{{ sql . }} extra", "sql", "",
      "{{ sql . \"unterminated }}", "{{ sqlx . }}", "{{ mermaid . }}", "{{ $.MarshalHCL }}", "{{-sql . }}",
      "{{ sql .-}}"]
    {
      switch InspectFormat.parse(template) {
      case .success(let format): Issue.record("\(template) was accepted as \(format)")
      case .failure(let error):
        #expect(error.code == .unsupportedFormat)
        #expect(error.message.contains(#"{{ sql . }} and {{ sql . "INDENT" }}"#))
      }
    }
  }
}
