// The checks over the real-world atlas.hcl corpus: no error on a file believed valid, and the problem of every file
// marked INVALID found on the line where it is.
import AtlasLanguage
import Foundation
import HCLSyntax
import Testing

/// `../shared/conformance/atlas-configs` and how its SOURCES.md judges each file.
enum AtlasConfigCorpus {
  static let directory = Corpus.directory.appendingPathComponent("atlas-configs", isDirectory: true)

  enum Validity: String { case valid, invalid, likelyInvalid, fragment, invalidHCL }

  /// Every file with its SOURCES.md mark; records an issue when the folder or its SOURCES.md is missing.
  static func files(sourceLocation: SourceLocation = #_sourceLocation) -> [(name: String, bytes: [UInt8], validity: Validity)] {
    guard let sources = FileManager.default.contents(atPath: directory.appendingPathComponent("SOURCES.md").path),
      let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
    else {
      Issue.record("atlas-configs corpus not found at \(directory.path); it must sit beside the package as ../shared",
                   sourceLocation: sourceLocation)
      return []
    }
    var marks: [String: Validity] = [:]
    for row in String(decoding: sources, as: UTF8.self).split(separator: "\n") where row.hasPrefix("| `") {
      let cells = row.split(separator: "|", omittingEmptySubsequences: false)
      guard cells.count > 1 else { continue }
      let name = cells[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`"))
      let validity: Validity =
        if row.contains("**INVALID HCL**") { .invalidHCL }
        else if row.contains("**LIKELY INVALID**") { .likelyInvalid }
        else if row.contains("**INVALID**") { .invalid }
        else if row.contains("FRAGMENT") { .fragment }
        else { .valid }
      marks[name] = validity
    }
    return names.filter { $0.hasSuffix(".hcl") }.sorted().compactMap { name in
      guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { return nil }
      return (name, Array(data), marks[name] ?? .valid)
    }
  }

  /// What each INVALID file's problem is and where. SOURCES.md does not give lines, so a piece of text on the line
  /// names it; every one must get an error on that line.
  static let invalidFindings: [String: (lineText: String, note: String)] = [
    "dunamismax__go-modern-scaffold__db_atlas.hcl": ("  lint {", "unknown block `lint` in `atlas`"),
    "Dissociable__Couploan__atlas.hcl": ("url = var.url",
      "undeclared `var.url`; the unknown `extension` block in `env` is only a warning (OSS keeps it as an extra)"),
    "erweixin__Go-GenAI-Stack__backend_atlas.hcl": ("env(\"DATABASE_URL\")", "unknown function `env`"),
    "ariga-docs__guides_database-per-tenant_02-db-groups__7.hcl": ("${var.group_id}",
      "undeclared `var.group_id` (the `var` block is a warning with did-you-mean `variable`)"),
    "ariga-docs__guides_database-per-tenant_02-db-groups__8.hcl": ("  url = var.url",
      "undeclared `var.url` (the `var` block is a warning with did-you-mean `variable`)"),
    "ariga-docs__guides_database-per-tenant_02-db-groups__9.hcl": ("urluserinfo(var.db_instance_url",
      "undeclared `var.db_instance_url` and `var.db_user`, and `.value` on the string `data.runtimevar.pass`"),
  ]
}

@Suite struct CheckCorpusTests {
  @Test func noErrorOnValidFiles() {
    let files = AtlasConfigCorpus.files()
    var checked = 0
    var warnings = 0
    for (name, bytes, validity) in files where validity == .valid {
      checked += 1
      let diagnostics = AtlasChecks.check(Parser.parseConfig(bytes))
      let lines = LineIndex(bytes)
      for diagnostic in diagnostics {
        let line = lines.position(of: diagnostic.subject.start, unit: .unicodeScalar).line + 1
        if diagnostic.severity == .error {
          Issue.record("false positive in \(name):\(line): \(diagnostic.code) \(diagnostic.message)")
        } else {
          warnings += 1
        }
      }
    }
    print("atlas-configs: \(checked) files believed valid checked, \(warnings) warnings, errors must be 0")
    #expect(checked > 150, "expected the whole corpus, found \(checked) valid files")
  }

  @Test func invalidFilesAreCaughtOnTheirLine() {
    let files = AtlasConfigCorpus.files()
    let invalid = files.filter { $0.validity == .invalid }
    var caught: [String] = []
    for (name, bytes, _) in invalid {
      guard let finding = AtlasConfigCorpus.invalidFindings[name] else {
        Issue.record("\(name) is marked INVALID but the test does not know its problem; add it to invalidFindings")
        continue
      }
      let text = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      guard let lineIndex = text.firstIndex(where: { $0.contains(finding.lineText) }) else {
        Issue.record("\(name): no line holds \(finding.lineText)")
        continue
      }
      let lines = LineIndex(bytes)
      let errorOnLine = AtlasChecks.check(Parser.parseConfig(bytes)).contains {
        $0.severity == .error && lines.position(of: $0.subject.start, unit: .unicodeScalar).line == lineIndex
      }
      #expect(errorOnLine, "\(name):\(lineIndex + 1): expected an error (\(finding.note))")
      if errorOnLine { caught.append("\(name):\(lineIndex + 1) \(finding.note)") }
    }
    print("atlas-configs INVALID: \(caught.count) of \(invalid.count) caught on their line")
    for entry in caught { print("  caught: \(entry)") }
  }
}
