// Golden tests of hover: for each marker, the range the hover is about and its Markdown.
@testable import AtlasLanguage
import HCLSyntax
import Testing

@Suite struct HoverTests {
  @Test(arguments: FeatureFixture.all("hover"))
  func hover(_ fixture: FeatureFixture) { checkHover(fixture) }

  @Test func plainTextHasNoMarkdown() throws {
    let analysis = AtlasAnalysis(Parser.parseConfig(Array("locals {\n  a = upper(\"x\")\n}\n".utf8)))
    let hover = try #require(Hover.compute(analysis, at: 16))
    #expect(hover.markdown.contains("```hcl"))
    #expect(!hover.plainText.contains("`"), "\(hover.plainText)")
  }
}

/// For each marker: `range` and the Markdown, indented; `no hover` when there is none.
func checkHover(_ fixture: FeatureFixture, sourceLocation: SourceLocation = #_sourceLocation) {
  let analysis = AtlasAnalysis(Parser.parseConfig(fixture.source))
  let render = Renderer(fixture.source)
  let out = fixture.perMarker { _, offset in
    guard let hover = Hover.compute(analysis, at: offset) else { return ": no hover\n" }
    #expect(hover.range.start <= offset && offset <= hover.range.end,
            "\(fixture.name): hover range \(hover.range) does not hold \(offset)", sourceLocation: sourceLocation)
    var out = ": " + render.range(hover.range) + "\n"
    for line in hover.markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      out += line.isEmpty ? "\n" : "  \(line)\n"
    }
    return out
  }
  Golden.check(out, against: fixture.goldenURL, sourceLocation: sourceLocation)
}
