// Golden tests of `CursorContext`, the position lookup that completion, hover and signature help start from.
@testable import AtlasLanguage
import HCLSyntax
import Testing

@Suite struct CursorContextTests {
  @Test(arguments: FeatureFixture.all("cursor"))
  func cursorContext(_ fixture: FeatureFixture) { checkCursorContext(fixture) }
}

/// For each marker: the enclosing blocks (`*` when the schema is known, `{}` when inside the body), the place, the
/// reference and the call with the argument index.
func checkCursorContext(_ fixture: FeatureFixture, sourceLocation: SourceLocation = #_sourceLocation) {
  let analysis = AtlasAnalysis(Parser.parseConfig(fixture.source))
  let render = Renderer(fixture.source)
  let out = fixture.perMarker { _, offset in
    let context = CursorContext(analysis, offset: offset)
    let blocks = context.blocks.map { block in
      ([block.view.type] + block.view.labels.map { "\"\($0.text)\"" }).joined(separator: " ")
        + (block.schema == nil ? "" : "*") + (block.inBody ? "{}" : "")
    }
    var line = ": [\(blocks.joined(separator: " > "))] "
    switch context.place {
    case .blockType: line += "block-type"
    case .blockLabel(let index): line += "label \(index)"
    case .attributeName(let attribute): line += "name of \(attribute.name)"
    case .attributeValue(let attribute): line += "value of \(attribute.name)"
    case .body: line += "body"
    }
    if let schema = context.attributeSchema { line += " (\(schema.type))" }
    if let reference = context.reference { line += " ref \(render.quoted(reference.range(throughSteps: reference.steps.count)))" }
    if let (call, argument) = context.call { line += " call \(call.name) arg \(argument)" }
    return line + "\n"
  }
  Golden.check(out, against: fixture.goldenURL, sourceLocation: sourceLocation)
}
