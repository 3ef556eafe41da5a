// Golden tests of navigation, rename and code actions: one check helper per feature, one fixture directory each.
@testable import AtlasLanguage
import Foundation
import HCLSyntax
import Testing

@Suite struct NavigationTests {
  @Test(arguments: FeatureFixture.all("definition"))
  func definition(_ fixture: FeatureFixture) { checkDefinition(fixture) }

  @Test(arguments: FeatureFixture.all("references"))
  func references(_ fixture: FeatureFixture) { checkReferences(fixture) }

  @Test(arguments: FeatureFixture.all("rename"))
  func rename(_ fixture: FeatureFixture) { checkRename(fixture) }

  @Test(arguments: FeatureFixture.all("code-actions"))
  func codeActions(_ fixture: FeatureFixture) { checkCodeActions(fixture) }

  @Test func everyFeatureHasFixtures() {
    for feature in ["definition", "references", "rename", "code-actions"] {
      #expect(FeatureFixture.all(feature).count >= 2, "\(feature) needs fixtures")
    }
  }

  @Test func namesMatchQueriesAsSubsequences() {
    let names = ["local.db_url", "data.aws_rds_token.db", "var.region", "env \"dev\"", "local.url"]
    #expect(WorkspaceSymbols.rank(names, query: "url", limit: 10) { $0 } == ["local.url", "local.db_url"])
    #expect(WorkspaceSymbols.rank(names, query: "DBTOK", limit: 10) { $0 } == [])
    #expect(WorkspaceSymbols.rank(names, query: "rdsdb", limit: 10) { $0 } == ["data.aws_rds_token.db"])
    #expect(WorkspaceSymbols.rank(names, query: "", limit: 2) { $0 }.count == 2)
    #expect(WorkspaceSymbols.rank(names, query: "dev", limit: 10) { $0 } == ["env \"dev\""])
  }
}

/// Over the corpus and every feature fixture: at each name-like token, navigation and rename neither trap nor
/// answer outside the file; a rename's edits do not overlap, and in the renamed text the new name is found at as
/// many places as were edited. Every quick fix and "fix all" stays inside the file without overlaps.
@Suite struct NavigationInvariantTests {
  static let files: [(name: String, bytes: [UInt8])] = Corpus.files()
    + ["definition", "references", "rename", "code-actions", "cursor"].flatMap(FeatureFixture.all).map { ($0.name, $0.source) }

  @Test func namesRenameConsistentlyEverywhere() {
    for (name, bytes) in Self.files {
      let analysis = AtlasAnalysis(Parser.parseConfig(bytes))
      var checked = 0
      for token in analysis.file.tokens where token.kind == .ident || token.kind == .quotedLit {
        guard checked < 200 else { break }
        checked += 1
        let offset = token.start + token.length / 2
        guard case .success(let found) = Navigation.symbol(at: offset, in: analysis) else { continue }
        let occurrences = Navigation.occurrences(of: found.symbol, in: analysis)
        #expect(occurrences.allSatisfy { $0.range.start >= 0 && $0.range.end <= bytes.count }, "\(name) at \(offset)")
        #expect(occurrences.contains { $0.range == found.occurrence.range }, "\(name): the occurrence at \(offset) is not listed")
        let newName = "renamed_name"
        guard case .success(let edits) = Rename.edits(at: offset, to: newName, in: analysis) else { continue }
        #expect(zip(edits, edits.dropFirst()).allSatisfy { $0.range.end <= $1.range.start }, "\(name): overlapping edits")
        var renamed = bytes
        for edit in edits.reversed() { renamed.replaceSubrange(edit.range.start..<edit.range.end, with: Array(edit.newText.utf8)) }
        let again = AtlasAnalysis(Parser.parseConfig(renamed))
        let symbol: ProjectSymbol = switch found.symbol {
        case .variable: .variable(newName)
        case .local: .local(newName)
        case .dataSource(let type, _): .dataSource(type: type, name: newName)
        case .env: .env(newName)
        }
        #expect(Navigation.occurrences(of: symbol, in: again).count == edits.count,
                "\(name): renaming \(found.symbol.displayName) at \(offset) is not consistent")
      }
    }
  }

  @Test func fixesStayInsideTheFile() {
    for (name, bytes) in Self.files {
      let analysis = AtlasAnalysis(Parser.parseConfig(bytes))
      for fix in CodeActions.quickFixes(in: analysis, overlapping: TextRange(start: 0, end: bytes.count)) {
        #expect(fix.edit.range.start >= 0 && fix.edit.range.start <= fix.edit.range.end && fix.edit.range.end <= bytes.count,
                "\(name): \(fix.fix.title)")
      }
      let all = CodeActions.fixAll(analysis)
      #expect(zip(all, all.dropFirst()).allSatisfy { $0.range.end <= $1.range.start && $0.range.start < $1.range.start },
              "\(name): fix all overlaps")
    }
  }
}

// MARK: - Check helpers


/// For each marker: the symbol there and its definitions (name, then the whole block), or why there is none.
func checkDefinition(_ fixture: FeatureFixture, sourceLocation: SourceLocation = #_sourceLocation) {
  let analysis = AtlasAnalysis(Parser.parseConfig(fixture.source))
  let render = Renderer(fixture.source)
  let out = fixture.perMarker { _, offset in
    switch Navigation.symbol(at: offset, in: analysis) {
    case .failure(let refusal): return ": none: \(refusal.message)\n"
    case .success(let found):
      var text = ": \(found.symbol.displayName) from \(render.range(found.occurrence.range))\n"
      for definition in Navigation.occurrences(of: found.symbol, in: analysis) where definition.role == .definition {
        text += "  defined at \(render.range(definition.range)) in \(definition.declarationRange.map(render.range) ?? "?")\n"
      }
      return text
    }
  }
  Golden.check(out, against: fixture.goldenURL, sourceLocation: sourceLocation)
}

/// For each marker: every occurrence of the symbol there, `def` or `use` (the document highlight kinds).
func checkReferences(_ fixture: FeatureFixture, sourceLocation: SourceLocation = #_sourceLocation) {
  let analysis = AtlasAnalysis(Parser.parseConfig(fixture.source))
  let render = Renderer(fixture.source)
  let out = fixture.perMarker { _, offset in
    guard case .success(let found) = Navigation.symbol(at: offset, in: analysis) else { return ": none\n" }
    return ": \(found.symbol.displayName)\n" + Navigation.occurrences(of: found.symbol, in: analysis).map {
      "  \($0.role == .definition ? "def" : "use") \(render.range($0.range))\n"
    }.joined()
  }
  Golden.check(out, against: fixture.goldenURL, sourceLocation: sourceLocation)
}

/// For each marker, renamed to the name a `# rename N: NAME` comment of the fixture gives (`renamed` when none):
/// the prepared range and placeholder, then the lines the rename changes, or the refusal.
func checkRename(_ fixture: FeatureFixture, sourceLocation: SourceLocation = #_sourceLocation) {
  let analysis = AtlasAnalysis(Parser.parseConfig(fixture.source))
  let render = Renderer(fixture.source)
  let text = String(decoding: fixture.source, as: UTF8.self)
  var newNames: [Int: String] = [:]
  for line in text.split(separator: "\n") {
    let words = line.split(separator: " ", maxSplits: 3)
    guard words.count == 4, words[0] == "#", words[1] == "rename", let number = Int(words[2].dropLast()) else { continue }
    newNames[number] = String(words[3])
  }
  let out = fixture.perMarker { number, offset in
    let newName = newNames[number] ?? "renamed"
    switch Rename.prepare(at: offset, in: analysis) {
    case .failure(let refusal): return " -> \(newName): cannot prepare: \(refusal.message)\n"
    case .success(let target):
      let prepared = " -> \(newName): prepare \(render.range(target.range)) placeholder \(target.placeholder)\n"
      switch Rename.edits(at: offset, to: newName, in: analysis) {
      case .failure(let refusal): return prepared + "  refused: \(refusal.message)\n"
      case .success(let edits): return prepared + changedLines(fixture.source, applying: edits)
      }
    }
  }
  Golden.check(out, against: fixture.goldenURL, sourceLocation: sourceLocation)
}

/// Every diagnostic with fixes: its code and range, then each fix's title (`*` when preferred) and the lines it
/// changes; last, the lines "fix all" changes.
func checkCodeActions(_ fixture: FeatureFixture, sourceLocation: SourceLocation = #_sourceLocation) {
  let analysis = AtlasAnalysis(Parser.parseConfig(fixture.source))
  let render = Renderer(fixture.source)
  var out = ""
  let everything = TextRange(start: 0, end: fixture.source.count)
  var lastDiagnostic: Int?
  for fix in CodeActions.quickFixes(in: analysis, overlapping: everything) {
    if lastDiagnostic != fix.diagnosticIndex {
      let diagnostic = fix.diagnostic.diagnostic
      out += "\(diagnostic.code ?? "?") \(render.range(diagnostic.subject)): \(diagnostic.summary)\n"
      lastDiagnostic = fix.diagnosticIndex
    }
    out += "  fix\(fix.fix.isPreferred ? "*" : "") \"\(fix.fix.title)\"\n"
    out += changedLines(fixture.source, applying: [fix.edit]).split(separator: "\n").map { "  \($0)\n" }.joined()
  }
  out += "fix all:\n" + changedLines(fixture.source, applying: CodeActions.fixAll(analysis))
  Golden.check(out, against: fixture.goldenURL, sourceLocation: sourceLocation)
}

/// The text with non-overlapping edits applied, shown as the lines that differ (`@N` the 1-based line, `-` old,
/// `+` new): line by line when the line count stays, else the changed run of lines. `\r` and tabs are made visible.
func changedLines(_ source: [UInt8], applying edits: [TextEdit]) -> String {
  var bytes = source
  for edit in edits.sorted(by: { $0.range.start > $1.range.start }) {
    bytes.replaceSubrange(edit.range.start..<edit.range.end, with: Array(edit.newText.utf8))
  }
  func visible(_ line: Substring) -> String {
    line.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\t", with: "\\t")
  }
  // Split by bytes: a String splits by characters, and `\r\n` is one character.
  func lines(_ bytes: [UInt8]) -> [Substring] {
    bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
      Substring(String(decoding: $0, as: UTF8.self))
    }
  }
  let old = lines(source)
  let new = lines(bytes)
  var out = ""
  if old.count == new.count {
    for index in old.indices where old[index] != new[index] {
      out += "    @\(index + 1) -\(visible(old[index]))\n    @\(index + 1) +\(visible(new[index]))\n"
    }
    return out.isEmpty ? "    (no change)\n" : out
  }
  var prefix = 0
  while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
  var suffix = 0
  while suffix < old.count - prefix, suffix < new.count - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] {
    suffix += 1
  }
  out += "    @\(prefix + 1)\n"
  for line in old[prefix..<(old.count - suffix)] { out += "    -\(visible(line))\n" }
  for line in new[prefix..<(new.count - suffix)] { out += "    +\(visible(line))\n" }
  return out
}
