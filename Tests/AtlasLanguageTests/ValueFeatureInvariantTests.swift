// Invariants of hover, inlay hints and code lenses over the corpus's atlas.hcl files and the fixtures: answers lie
// inside the file and around the position asked, hints are sorted and inside the range, and nothing traps while a
// file is typed (every prefix) or on trees as deep as the input is long.
import AtlasLanguage
import HCLSyntax
import Testing

@Suite struct ValueFeatureInvariantTests {
  static func inputs() -> [(name: String, bytes: [UInt8])] {
    var inputs = Corpus.files().filter { $0.name.contains("atlas-configs") }
    for feature in ["hover", "inlay-hints", "code-lens", "cursor"] {
      for fixture in FeatureFixture.all(feature) { inputs.append((fixture.name, fixture.source)) }
    }
    return inputs
  }

  @Test func answersStayInside() {
    for (name, bytes) in Self.inputs() {
      let analysis = AtlasAnalysis(Parser.parseConfig(bytes))
      let step = max(1, bytes.count / 200)
      for offset in stride(from: 0, through: bytes.count, by: step) {
        guard let hover = Hover.compute(analysis, at: offset) else { continue }
        if !(hover.range.start <= offset && offset <= hover.range.end && hover.range.end <= bytes.count) {
          Issue.record("\(name)@\(offset): hover range \(hover.range) does not hold the position")
        }
        if hover.markdown.isEmpty { Issue.record("\(name)@\(offset): empty hover") }
      }
      let half = TextRange(start: bytes.count / 3, end: 2 * bytes.count / 3)
      let hints = InlayHints.compute(analysis, in: half)
      if hints.contains(where: { !(half.start <= $0.offset && $0.offset <= half.end) }) {
        Issue.record("\(name): a hint outside \(half)")
      }
      if !zip(hints, hints.dropFirst()).allSatisfy({ $0.offset <= $1.offset }) { Issue.record("\(name): unsorted hints") }
      for lens in CodeLenses.compute(analysis) where lens.range.start < 0 || lens.range.end > bytes.count {
        Issue.record("\(name): lens outside the file \(lens.range)")
      }
    }
  }

  /// Typing simulated: the features on every prefix of the fixtures, at the prefix's end and middle.
  @Test func noTrapOnPrefixes() {
    for feature in ["hover", "inlay-hints"] {
      for fixture in FeatureFixture.all(feature) {
        let bytes = fixture.source
        for length in stride(from: 0, through: bytes.count, by: 3) {
          let analysis = AtlasAnalysis(Parser.parseConfig(Array(bytes[0..<length])))
          _ = Hover.compute(analysis, at: length)
          _ = Hover.compute(analysis, at: length / 2)
          _ = InlayHints.compute(analysis, in: TextRange(start: 0, end: length))
          for lens in CodeLenses.compute(analysis) {
            if case .references(let kind, let name) = lens.kind { _ = CodeLenses.uses(of: kind, name: name, in: analysis) }
          }
        }
      }
    }
  }

  @Test func deepInputs() {
    let chains = [
      "locals {\n  a = local" + String(repeating: ".a", count: 20_000) + "\n}\n",
      "locals {\n  a = 1" + String(repeating: " + local.a", count: 5_000) + "\n}\n",
      "locals {\n  a = " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "\n}\n",
    ]
    for text in chains {
      let bytes = Array(text.utf8)
      let analysis = AtlasAnalysis(Parser.parseConfig(bytes))
      for offset in [12, 20, bytes.count / 2, bytes.count - 4] { _ = Hover.compute(analysis, at: offset) }
      _ = InlayHints.compute(analysis, in: TextRange(start: 0, end: bytes.count))
      _ = CodeLenses.compute(analysis)
    }
  }

  /// Positions outside the text answer nothing instead of trapping.
  @Test func positionsOutsideTheText() {
    let analysis = AtlasAnalysis(Parser.parseConfig(Array("locals {\n  a = 1\n}\n".utf8)))
    #expect(Hover.compute(analysis, at: -1) == nil)
    #expect(Hover.compute(analysis, at: 10_000) == nil)
    #expect(InlayHints.compute(analysis, in: TextRange(start: 5_000, end: 10_000)).isEmpty)
  }
}
