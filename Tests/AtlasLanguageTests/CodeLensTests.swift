// Golden tests of code lenses: each lens with its range, then its resolved title and the uses it counts.
import AtlasLanguage
import HCLSyntax
import Testing

@Suite struct CodeLensTests {
  @Test(arguments: FeatureFixture.all("code-lens"))
  func codeLenses(_ fixture: FeatureFixture) { checkCodeLenses(fixture) }
}

/// `range kind: title` for each lens, and the range of each use below it.
func checkCodeLenses(_ fixture: FeatureFixture, sourceLocation: SourceLocation = #_sourceLocation) {
  let analysis = AtlasAnalysis(Parser.parseConfig(fixture.source))
  let render = Renderer(fixture.source)
  var out = ""
  for lens in CodeLenses.compute(analysis) {
    switch lens.kind {
    case .references(let kind, let name):
      let uses = CodeLenses.uses(of: kind, name: name, in: analysis)
      out += "\(render.range(lens.range)) \(kind) \(name): \(CodeLenses.referenceCountTitle(uses.count))\n"
      for use in uses { out += "  \(render.range(use))\n" }
    case .command:
      break  // `compute` lists reference counts only; command lenses have their own fixtures.
    }
  }
  Golden.check(out, against: fixture.goldenURL, sourceLocation: sourceLocation)
}
