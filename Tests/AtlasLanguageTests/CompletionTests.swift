// Golden tests of completion and signature help: one check helper each, one fixture directory each.
@testable import AtlasLanguage
import HCLEval
import HCLSyntax
import Testing

@Suite struct CompletionTests {
  @Test(arguments: FeatureFixture.all("completion"))
  func completion(_ fixture: FeatureFixture) { checkCompletion(fixture) }

  @Test(arguments: FeatureFixture.all("signature-help"))
  func signatureHelp(_ fixture: FeatureFixture) { checkSignatureHelp(fixture) }

  @Test func everyTopicHasDocumentation() {
    var topics: [DocumentationTopic] = AtlasSchema.functions.map { .function($0.name) }
      + AtlasSchema.dataSources.map { .dataSource($0.type) } + AtlasSchema.awsRegions.map { .region($0.code) }
      + AtlasSchema.urlSchemes.map { .urlScheme($0.name) }
    for block in AtlasSchema.topLevelBlocks {
      topics.append(.block([block.type]))
      topics += block.attributes.map { .attribute([block.type], $0.name) }
      topics += block.blocks.map { .block([block.type, $0.type]) }
    }
    for topic in topics {
      #expect(Completion.documentation(topic) != nil, "no documentation for \(topic.key)")
      #expect(DocumentationTopic(key: topic.key) == topic, "\(topic.key) does not read back")
    }
  }

  /// Typing simulated: completion and signature help at the end of every prefix of the fixtures and a few real
  /// configs, and at every offset of the whole fixtures; ranges stay inside the text and hold the position.
  @Test func noTrapOnPrefixesAndEveryOffset() {
    var inputs: [(name: String, bytes: [UInt8])] = (FeatureFixture.all("completion") + FeatureFixture.all("signature-help"))
      .map { ($0.name, $0.source) }
    inputs += Corpus.files().filter { $0.name.contains("atlas-configs") && $0.bytes.count < 3000 }.prefix(3)
    for (name, bytes) in inputs {
      for length in 0...bytes.count {
        let prefix = Array(bytes[0..<length])
        let analysis = AtlasAnalysis(Parser.parseConfig(prefix))
        let list = Completion.complete(analysis, at: length)
        #expect(list.replaceRange.start <= length && length <= list.replaceRange.end && list.replaceRange.end <= length,
                "\(name) prefix \(length): replace range \(list.replaceRange)")
        _ = SignatureHelp.signature(analysis, at: length)
      }
      let analysis = AtlasAnalysis(Parser.parseConfig(bytes))
      for offset in 0...bytes.count {
        let list = Completion.complete(analysis, at: offset, options: CompletionOptions(snippets: offset % 2 == 0))
        #expect(list.replaceRange.start <= offset && offset <= list.replaceRange.end && list.replaceRange.end <= bytes.count,
                "\(name) offset \(offset): replace range \(list.replaceRange)")
        _ = SignatureHelp.signature(analysis, at: offset)
      }
    }
  }

  /// Thousands of locals: the list is cut to what matches the typed text and says it is incomplete.
  @Test func longListsAreLimited() {
    let source = "locals {\n" + (0..<3000).map { "  l\($0) = \($0)\n" }.joined() + "}\nenv \"x\" {\n  url = local.l29\n}\n"
    let analysis = AtlasAnalysis(Parser.parseConfig(Array(source.utf8)))
    let end = source.utf8.count - "\n}\n".utf8.count
    let typed = Completion.complete(analysis, at: end)
    #expect(typed.isIncomplete)
    // Matched as editors match: the typed characters in order (`l29` finds `l1209`), in the file's order.
    #expect(typed.items.first?.label == "l29" && typed.items.count == 327)
    #expect(typed.items.allSatisfy { $0.label.firstRange(of: "2") != nil && $0.label.contains("9") })
    let dot = Completion.complete(analysis, at: end - 3)
    #expect(dot.isIncomplete && dot.items.count == Completion.maximumItems && dot.items.first?.label == "l0")
    #expect(!Completion.complete(analysis, at: 3).isIncomplete)
  }

  @Test func deepInputs() {
    for text in ["a = x" + String(repeating: ".a", count: 50_000) + ".", "a = f(" + String(repeating: "f(", count: 3000)] {
      let bytes = Array(text.utf8)
      let analysis = AtlasAnalysis(Parser.parseConfig(bytes))
      _ = Completion.complete(analysis, at: bytes.count)
      _ = SignatureHelp.signature(analysis, at: bytes.count)
    }
  }
}

/// Options from the fixture's first line: `# completion: plain profiles=a,b trigger=.`.
func completionOptions(_ fixture: FeatureFixture) -> CompletionOptions {
  var options = CompletionOptions()
  let firstLine = String(decoding: fixture.source.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
  guard firstLine.hasPrefix("# completion:") else { return options }
  for word in firstLine.dropFirst("# completion:".count).split(separator: " ") {
    if word == "plain" { options.snippets = false }
    if word.hasPrefix("profiles=") { options.awsProfiles = word.dropFirst(9).split(separator: ",").map(String.init) }
  }
  return options
}

/// For each marker: the ranges, then the items an editor would show for the typed prefix, in order, as
/// `kind label [labelDetail] — description -> inserted text (documentation topic)`. Function items are counted, not
/// listed, when nothing is typed yet (they are the same everywhere).
func checkCompletion(_ fixture: FeatureFixture, sourceLocation: SourceLocation = #_sourceLocation) {
  let analysis = AtlasAnalysis(Parser.parseConfig(fixture.source))
  let render = Renderer(fixture.source)
  let options = completionOptions(fixture)
  let out = fixture.perMarker { number, offset in
    let list = Completion.complete(analysis, at: offset, options: options)
    #expect(list.insertRange.start == list.replaceRange.start && list.insertRange.end == offset
              && list.replaceRange.end >= offset,
            "\(fixture.name) marker \(number): ranges must start together and hold the position",
            sourceLocation: sourceLocation)
    let typed = render.quoted(list.insertRange).dropFirst().dropLast().lowercased()
    var out = ": insert \(render.range(list.insertRange)) replace \(render.range(list.replaceRange))\n"
    let shown = list.items.filter { ($0.filterText ?? $0.label).lowercased().hasPrefix(typed) }
      .sorted { $0.sortText < $1.sortText }
    let functions = shown.filter { $0.kind == .function }
    for item in shown where !(typed.isEmpty && item.kind == .function && functions.count > 5) {
      var line = "  \(item.kind) \(item.label)"
      if let detail = item.labelDetail { line += " \(detail)" }
      if let description = item.labelDescription { line += " — \(description)" }
      if item.text != item.label { line += " -> \"\(ParsedFile.escapedForDump(item.text))\"" }
      if case .topic(let topic)? = item.documentation { line += " (\(topic.key))" }
      if item.deprecated { line += " [deprecated]" }
      if item.preselect { line += " [preselect]" }
      if item.retrigger { line += " [retrigger]" }
      out += line + "\n"
    }
    if typed.isEmpty, functions.count > 5 { out += "  … and \(functions.count) functions\n" }
    return out
  }
  Golden.check(out, against: fixture.goldenURL, sourceLocation: sourceLocation)
}

/// For each marker: the signature with the active parameter in brackets, or `none`.
func checkSignatureHelp(_ fixture: FeatureFixture, sourceLocation: SourceLocation = #_sourceLocation) {
  let analysis = AtlasAnalysis(Parser.parseConfig(fixture.source))
  let out = fixture.perMarker { _, offset in
    guard let signature = SignatureHelp.signature(analysis, at: offset) else { return ": none\n" }
    var label = Array(signature.label.utf8)
    if let active = signature.activeParameter, active < signature.parameters.count {
      let (start, end) = signature.parameters[active]
      label.insert(contentsOf: Array("]".utf8), at: end)
      label.insert(contentsOf: Array("[".utf8), at: start)
    }
    return ": " + String(decoding: label, as: UTF8.self)
      + " (active \(signature.activeParameter.map(String.init) ?? "none"))\n"
  }
  Golden.check(out, against: fixture.goldenURL, sourceLocation: sourceLocation)
}
