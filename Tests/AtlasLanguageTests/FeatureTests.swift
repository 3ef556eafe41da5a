// Golden tests of the editor features: one check helper per feature, one fixture directory per feature.
import AtlasLanguage
import HCLSyntax
import Testing

@Suite struct FeatureTests {
  @Test(arguments: FeatureFixture.all("symbols"))
  func documentSymbols(_ fixture: FeatureFixture) { checkDocumentSymbols(fixture) }

  @Test(arguments: FeatureFixture.all("folding"))
  func foldingRanges(_ fixture: FeatureFixture) { checkFoldingRanges(fixture) }

  @Test(arguments: FeatureFixture.all("selection"))
  func selectionRanges(_ fixture: FeatureFixture) { checkSelectionRanges(fixture) }

  @Test(arguments: FeatureFixture.all("semantic-tokens"))
  func semanticTokens(_ fixture: FeatureFixture) { checkSemanticTokens(fixture) }

  @Test(arguments: FeatureFixture.all("linked-editing"))
  func linkedEditing(_ fixture: FeatureFixture) { checkLinkedEditing(fixture) }

  @Test(arguments: FeatureFixture.all("formatting"))
  func formatting(_ fixture: FeatureFixture) { checkFormatting(fixture) }

  @Test func everyFeatureHasFixtures() {
    for feature in ["symbols", "folding", "selection", "semantic-tokens", "linked-editing", "formatting"] {
      #expect(FeatureFixture.all(feature).count >= 2, "\(feature) needs fixtures")
    }
  }
}

// MARK: - Check helpers

/// The outline as an indented list: `kind name range (selection range)`.
func checkDocumentSymbols(_ fixture: FeatureFixture, sourceLocation: SourceLocation = #_sourceLocation) {
  let file = Parser.parseConfig(fixture.source)
  let render = Renderer(fixture.source)
  var out = ""
  var stack: [(symbol: DocumentSymbol, depth: Int)] = DocumentSymbols.compute(file).reversed().map { ($0, 0) }
  while let (symbol, depth) = stack.popLast() {
    let detail = symbol.detail.map { " detail=\(ParsedFile.escapedForDump($0))" } ?? ""
    out += String(repeating: "  ", count: depth)
      + "\(symbol.kind) \(symbol.name)\(detail) @ \(render.range(symbol.range)) name \(render.position(symbol.selectionRange.start))-\(render.position(symbol.selectionRange.end))\n"
    #expect(symbol.range.start <= symbol.selectionRange.start && symbol.selectionRange.end <= symbol.range.end,
            "\(fixture.name): selection range of \(symbol.name) outside its range", sourceLocation: sourceLocation)
    stack.append(contentsOf: symbol.children.reversed().map { ($0, depth + 1) })
  }
  Golden.check(out, against: fixture.goldenURL, sourceLocation: sourceLocation)
}

/// Each folding range with its kind and lines.
func checkFoldingRanges(_ fixture: FeatureFixture, sourceLocation: SourceLocation = #_sourceLocation) {
  let file = Parser.parseConfig(fixture.source)
  let render = Renderer(fixture.source)
  var out = ""
  for range in FoldingRanges.compute(file) {
    out += "\(range.kind) \(render.range(range.range))\n"
  }
  Golden.check(out, against: fixture.goldenURL, sourceLocation: sourceLocation)
}

/// For each marker, the selection ranges from the innermost out.
func checkSelectionRanges(_ fixture: FeatureFixture, sourceLocation: SourceLocation = #_sourceLocation) {
  let file = Parser.parseConfig(fixture.source)
  let render = Renderer(fixture.source)
  var out = ""
  for (number, offsets) in fixture.markerOffsets {
    for offset in offsets {
      out += "marker \(number) at \(render.position(offset)):\n"
      for range in SelectionRanges.compute(file, at: offset) { out += "  \(render.range(range))\n" }
    }
  }
  Golden.check(out, against: fixture.goldenURL, sourceLocation: sourceLocation)
}

/// Every semantic token as `range type [modifiers]`; with markers 1️⃣…1️⃣ also the tokens of that range.
func checkSemanticTokens(_ fixture: FeatureFixture, sourceLocation: SourceLocation = #_sourceLocation) {
  let file = Parser.parseConfig(fixture.source)
  let render = Renderer(fixture.source)
  func lines(_ tokens: [SemanticToken]) -> String {
    tokens.map { token in
      let modifiers = SemanticTokenModifiers.allNames.enumerated()
        .filter { token.modifiers.contains(SemanticTokenModifiers(rawValue: 1 << UInt32($0.offset))) }.map(\.element)
      return "\(render.range(token.range)) \(token.type.name)\(modifiers.isEmpty ? "" : " [\(modifiers.joined(separator: ", "))]")\n"
    }.joined()
  }
  var out = lines(SemanticTokens.compute(file))
  for (number, offsets) in fixture.markerOffsets where offsets.count == 2 {
    let range = TextRange(start: offsets[0], end: offsets[1])
    out += "-- in range \(number) \(render.range(range)):\n" + lines(SemanticTokens.compute(file, in: range))
  }
  Golden.check(out, against: fixture.goldenURL, sourceLocation: sourceLocation)
}

/// For each marker, the linked ranges or `nil`.
func checkLinkedEditing(_ fixture: FeatureFixture, sourceLocation: SourceLocation = #_sourceLocation) {
  let file = Parser.parseConfig(fixture.source)
  let render = Renderer(fixture.source)
  var out = ""
  for (number, offsets) in fixture.markerOffsets {
    for offset in offsets {
      out += "marker \(number) at \(render.position(offset)): "
      if let ranges = LinkedEditing.ranges(file, at: offset) {
        out += ranges.map { render.range($0) }.joined(separator: ", ") + "\n"
      } else {
        out += "nil\n"
      }
    }
  }
  Golden.check(out, against: fixture.goldenURL, sourceLocation: sourceLocation)
}

/// The whole-document edits (which must reproduce the formatter's output) and, for each marker pair, the range
/// formatting edits.
func checkFormatting(_ fixture: FeatureFixture, sourceLocation: SourceLocation = #_sourceLocation) {
  let render = Renderer(fixture.source)
  func lines(_ edits: [TextEdit]) -> String {
    edits.map { "\(render.range($0.range)) -> \"\(ParsedFile.escapedForDump($0.newText))\"\n" }.joined()
  }
  let edits = DocumentFormatting.edits(fixture.source)
  #expect(apply(edits, to: fixture.source) == Formatter.format(fixture.source),
          "\(fixture.name): edits do not reproduce the formatter's output", sourceLocation: sourceLocation)
  var out = "-- document:\n" + lines(edits)
  for (number, offsets) in fixture.markerOffsets {
    let range = TextRange(start: offsets[0], end: offsets.count > 1 ? offsets[1] : offsets[0])
    out += "-- range \(number) \(render.range(range)):\n" + lines(DocumentFormatting.edits(fixture.source, in: range))
  }
  Golden.check(out, against: fixture.goldenURL, sourceLocation: sourceLocation)
}

/// Applies sorted, non-overlapping edits; nil when they are not.
func apply(_ edits: [TextEdit], to source: [UInt8]) -> [UInt8]? {
  var out: [UInt8] = []
  var position = 0
  for edit in edits {
    guard edit.range.start >= position, edit.range.end <= source.count else { return nil }
    out.append(contentsOf: source[position..<edit.range.start])
    out.append(contentsOf: Array(edit.newText.utf8))
    position = edit.range.end
  }
  out.append(contentsOf: source[position...])
  return out
}
