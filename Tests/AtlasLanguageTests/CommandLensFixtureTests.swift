// Golden tests of the command lenses (which lens on which block) and of Show evaluated config (every env of the
// fixture rendered as EvaluatedConfig renders it).
import AtlasLanguage
import HCLSyntax
import Testing

@Suite struct CommandLensFixtureTests {
  @Test(arguments: FeatureFixture.all("command-lenses"))
  func commandLenses(_ fixture: FeatureFixture) {
    let analysis = AtlasAnalysis(Parser.parseConfig(fixture.source))
    let render = Renderer(fixture.source)
    var out = ""
    for executing in [true, false] {
      out += "executing: \(executing)\n"
      for lens in CodeLenses.commands(analysis, executing: executing) {
        guard case .command(let command) = lens.kind else { continue }
        out += "  \(render.range(lens.range)) \(command.title) \(command.identifier) \(command.target)\n"
      }
    }
    Golden.check(out, against: fixture.goldenURL)
  }

  @Test(arguments: FeatureFixture.all("evaluated-config"))
  func evaluatedConfig(_ fixture: FeatureFixture) {
    let file = Parser.parseConfig(fixture.source)
    let envs = AtlasAnalysis(file).model.envs.map(\.name)
    var out = ""
    for env in envs + ["missing"] {
      switch EvaluatedConfig.render(env: env, in: file, inputs: EvaluationInputs()) {
      case .success(let text): out += text
      case .failure(let failure): out += "failure: \(failure.message)\n"
      }
      out += "----\n"
    }
    Golden.check(out, against: fixture.goldenURL)
  }
}
