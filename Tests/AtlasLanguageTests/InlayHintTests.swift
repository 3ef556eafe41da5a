// Golden tests of inlay hints: every hint of the file (or, with markers 1️⃣…1️⃣, of that range) with its position.
import AtlasLanguage
import HCLSyntax
import Testing

@Suite struct InlayHintTests {
  @Test(arguments: FeatureFixture.all("inlay-hints"))
  func inlayHints(_ fixture: FeatureFixture) { checkInlayHints(fixture) }
}

/// `line:column kind label` for each hint, then ` (tooltip …)` when the label is shortened.
func checkInlayHints(_ fixture: FeatureFixture, sourceLocation: SourceLocation = #_sourceLocation) {
  let analysis = AtlasAnalysis(Parser.parseConfig(fixture.source))
  let render = Renderer(fixture.source)
  var range = TextRange(start: 0, end: fixture.source.count)
  if let marked = fixture.markerOffsets.first(where: { $0.number == 1 }), marked.offsets.count == 2 {
    range = TextRange(start: marked.offsets[0], end: marked.offsets[1])
  }
  var out = ""
  for hint in InlayHints.compute(analysis, in: range) {
    #expect(range.start <= hint.offset && hint.offset <= range.end, sourceLocation: sourceLocation)
    out += "\(render.position(hint.offset)) \(hint.kind) \(hint.label)"
    if let tooltip = hint.tooltip { out += " (tooltip \(tooltip))" }
    out += "\n"
  }
  Golden.check(out, against: fixture.goldenURL, sourceLocation: sourceLocation)
}
