// Invariants of every feature over the whole conformance corpus and the fixtures, and no trap on typed prefixes.
import AtlasLanguage
import HCLSyntax
import Testing

@Suite struct InvariantTests {
  static func inputs() -> [(name: String, bytes: [UInt8])] {
    var inputs = Corpus.files()
    for feature in ["symbols", "folding", "selection", "semantic-tokens", "linked-editing", "formatting"] {
      for fixture in FeatureFixture.all(feature) { inputs.append((fixture.name, fixture.source)) }
    }
    return inputs
  }

  @Test func semanticTokensAreSortedSingleLineAndInside() {
    for (name, bytes) in Self.inputs() {
      let file = Parser.parseConfig(bytes)
      let tokens = SemanticTokens.compute(file)
      var previousEnd = 0
      for token in tokens {
        let text = bytes[token.range.start..<min(token.range.end, bytes.count)]
        guard token.range.start >= previousEnd, token.range.end <= bytes.count, !token.range.isEmpty,
          !text.contains(UInt8(ascii: "\n")), !text.contains(UInt8(ascii: "\r"))
        else {
          Issue.record("\(name): bad semantic token \(token) after end \(previousEnd)")
          break
        }
        previousEnd = token.range.end
      }
      // A range request gives the whole-file tokens that overlap it (pieces may only be merged differently).
      let half = TextRange(start: bytes.count / 3, end: 2 * bytes.count / 3)
      for token in SemanticTokens.compute(file, in: half) where token.range.end <= half.start || token.range.start >= half.end {
        Issue.record("\(name): token \(token) outside the requested range \(half)")
      }
    }
  }

  @Test func selectionRangesNest() {
    for (name, bytes) in Self.inputs() {
      let file = Parser.parseConfig(bytes)
      let offsets = Set([0, bytes.count, bytes.count / 2, bytes.count / 3, bytes.count / 5, 2 * bytes.count / 3])
      for offset in offsets.sorted() {
        let ranges = SelectionRanges.compute(file, at: offset)
        guard let last = ranges.last, last == TextRange(start: 0, end: bytes.count) else {
          Issue.record("\(name)@\(offset): selection does not end with the whole file: \(ranges)")
          continue
        }
        for (inner, outer) in zip(ranges, ranges.dropFirst())
        where !(outer.start <= inner.start && inner.end <= outer.end && inner != outer) {
          Issue.record("\(name)@\(offset): \(outer) does not strictly contain \(inner)")
        }
        if let first = ranges.first, first != last, !(first.start <= offset && offset <= first.end) {
          Issue.record("\(name)@\(offset): innermost range \(first) misses the offset")
        }
      }
    }
  }

  @Test func foldingRangesAreValid() {
    for (name, bytes) in Self.inputs() {
      let file = Parser.parseConfig(bytes)
      let lines = LineIndex(bytes)
      let ranges = FoldingRanges.compute(file)
      for range in ranges {
        if range.range.start < 0 || range.range.end > bytes.count
          || lines.line(of: range.range.start) >= lines.line(of: range.range.end)
        {
          Issue.record("\(name): invalid folding range \(range)")
        }
      }
      #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.range.start <= $1.range.start }, "\(name): unsorted")
    }
  }

  @Test func formattingEditsReproduceTheFormatter() {
    for (name, bytes) in Self.inputs() {
      let edits = DocumentFormatting.edits(bytes)
      let expected = Formatter.format(bytes)
      // Edits carry Swift strings: invalid UTF-8 inside a changed region cannot survive (LSP text is valid anyway).
      guard String(validating: bytes, as: UTF8.self) != nil else { continue }
      if apply(edits, to: bytes) != expected {
        Issue.record("\(name): applying \(edits.count) edits does not give the formatter's output")
      }
      if zip(edits, edits.dropFirst()).contains(where: { $0.range.end >= $1.range.start }) {
        Issue.record("\(name): edits overlap, touch or are unsorted")
      }
    }
  }

  @Test func symbolsAndLinkedEditingStayInside() {
    for (name, bytes) in Self.inputs() {
      let file = Parser.parseConfig(bytes)
      var stack = DocumentSymbols.compute(file)
      while let symbol = stack.popLast() {
        if symbol.range.end > bytes.count || symbol.selectionRange.start < symbol.range.start
          || symbol.selectionRange.end > symbol.range.end || symbol.name.isEmpty
        {
          Issue.record("\(name): bad symbol \(symbol.name) \(symbol.range) \(symbol.selectionRange)")
        }
        stack.append(contentsOf: symbol.children)
      }
      for (index, token) in file.tokens.enumerated() where token.kind == .oHeredoc || token.kind == .cHeredoc {
        _ = index
        if let ranges = LinkedEditing.ranges(file, at: token.end) {
          let texts = ranges.map { bytes[$0.start..<$0.end] }
          if ranges.count != 2 || texts[0].elementsEqual(texts[1]) == false {
            Issue.record("\(name): linked ranges \(ranges) do not name the same marker")
          }
        }
      }
    }
  }

  /// Typing simulated: every feature on every prefix of a few files (and every offset of the shorter ones).
  @Test func noTrapOnPrefixes() {
    let files = Corpus.files().filter {
      $0.name.contains("atlas-configs") || $0.name.hasSuffix("heredoc.hcl") || $0.name.contains("template")
    }.prefix(6)
    var inputs = Array(files)
    for fixture in FeatureFixture.all("semantic-tokens") + FeatureFixture.all("selection") {
      inputs.append((fixture.name, fixture.source))
    }
    for (_, bytes) in inputs where bytes.count < 6000 {
      for length in stride(from: 0, through: bytes.count, by: 1) {
        let prefix = Array(bytes[0..<length])
        let file = Parser.parseConfig(prefix)
        _ = DocumentSymbols.compute(file)
        _ = FoldingRanges.compute(file)
        _ = SemanticTokens.compute(file)
        _ = SelectionRanges.compute(file, at: length / 2)
        _ = LinkedEditing.ranges(file, at: length)
        if length % 7 == 0 { _ = DocumentFormatting.edits(prefix, in: TextRange(start: length / 3, end: length)) }
      }
    }
  }

  /// Trees as deep as the input is long (left-deep chains) must not overflow the stack in any feature.
  @Test func deepInputs() {
    let chains = [
      "a = x" + String(repeating: ".a", count: 50_000) + "\n",
      "a = 1" + String(repeating: " + 1", count: 50_000) + "\n",
      String(repeating: "b {\n", count: 300) + String(repeating: "}\n", count: 300),
    ]
    for text in chains {
      let bytes = Array(text.utf8)
      let file = Parser.parseConfig(bytes)
      #expect(!SemanticTokens.compute(file).isEmpty)
      #expect(!DocumentSymbols.compute(file).isEmpty)
      _ = FoldingRanges.compute(file)
      #expect(SelectionRanges.compute(file, at: bytes.count / 2).last == TextRange(start: 0, end: bytes.count))
    }
  }
}
