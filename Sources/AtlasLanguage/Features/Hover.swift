// Hover: what the thing under a position is — the documentation of a block, label, attribute, data source, function
// or enum value; for a reference, its definition and (when it is static and known) its value; for a URL, its parts.
// Values pass through `SecretFilter`, so a token, a password or anything computed from them is never shown.
import HCLEval
package import HCLSyntax

/// A hover as plain parts, rendered as Markdown or plain text for the client to choose.
package struct Hover: Sendable, Hashable {
  package enum Part: Sendable, Hashable {
    /// HCL (a signature, a definition, a value): a fenced block in Markdown.
    case code(String)
    /// A paragraph; `inline code` in backticks.
    case text(String)
    /// A bulleted list of short lines.
    case list([String])
    case link(title: String, url: String)
  }

  /// What the hover is about (a reference, a name, a value), for the editor to highlight.
  package var range: TextRange
  package var parts: [Part]

  package var markdown: String { Self.markdown(parts) }

  /// Parts as Markdown: also how completion and signature help show the schema's documentation.
  static func markdown(_ parts: [Part]) -> String {
    parts.map { part in
      switch part {
      case .code(let text):
        // A fence longer than any run of backticks inside (a Go template may hold some).
        let fence = String(repeating: "`", count: max(3, Self.longestBacktickRun(in: text) + 1))
        return "\(fence)hcl\n\(text)\n\(fence)"
      case .text(let text): return text
      case .list(let items): return items.map { "- \($0)" }.joined(separator: "\n")
      case .link(let title, let url): return "[\(title)](\(url))"
      }
    }.joined(separator: "\n\n")
  }

  static func longestBacktickRun(in text: String) -> Int {
    var longest = 0
    var run = 0
    for byte in text.utf8 {
      run = byte == UInt8(ascii: "`") ? run + 1 : 0
      longest = max(longest, run)
    }
    return longest
  }

  package var plainText: String {
    parts.map { part in
      switch part {
      case .code(let text): text
      case .text(let text): Self.withoutCodeMarks(text)
      case .list(let items): items.map { "- " + Self.withoutCodeMarks($0) }.joined(separator: "\n")
      case .link(let title, let url): "\(title): \(url)"
      }
    }.joined(separator: "\n\n")
  }

  /// Markdown's code marks dropped: a backtick pair (or the double pair used around text holding one) goes.
  static func withoutCodeMarks(_ text: String) -> String {
    text.replacing("`` ", with: "").replacing(" ``", with: "").replacing("`", with: "")
  }

  /// The hover at a UTF-8 offset, or nil when there is nothing to say.
  package static func compute(_ analysis: AtlasAnalysis, at offset: Int) -> Hover? {
    var builder = HoverBuilder(analysis: analysis)
    // Only what is under the position: blanks between a name and its `=`, or around a header, have no hover.
    guard let hover = builder.hover(at: offset), hover.range.start <= offset, offset <= hover.range.end else { return nil }
    return hover
  }
}

/// Inline code in Markdown, whatever the text holds.
func inlineCode(_ text: String) -> String {
  let single = text.replacing("\n", with: " ")
  return single.contains("`") ? "`` \(single) ``" : "`\(single)`"
}

private struct HoverBuilder {
  let analysis: AtlasAnalysis
  let views: StructureChecker
  /// Made on first use: only hovers that show values or source need it.
  private let secrets: LazySecretFilter

  /// How long a value or expression may be in a hover.
  static let valueLimit = 400
  static let expressionLines = 12

  init(analysis: AtlasAnalysis) {
    self.analysis = analysis
    self.views = StructureChecker(file: analysis.file)
    self.secrets = LazySecretFilter(analysis)
  }

  var file: ParsedFile { analysis.file }
  var model: ProjectModel { analysis.model }
  var evaluation: ProjectEvaluation { analysis.evaluation }

  func filter() -> SecretFilter { secrets.filter }

  mutating func hover(at offset: Int) -> Hover? {
    guard offset >= 0, offset <= file.source.count else { return nil }
    let context = CursorContext(analysis, offset: offset)
    if let reference = context.reference, let hover = self.reference(reference, at: offset) { return hover }
    if let call = model.functionCalls.last(where: { $0.nameRange.start <= offset && offset <= $0.nameRange.end }) {
      return function(call)
    }
    switch context.place {
    case .blockType:
      guard let block = context.innermost else { return nil }
      return blockType(block, nested: context.blocks.count > 1)
    case .blockLabel(let index):
      guard let block = context.innermost, index < block.view.labels.count else { return nil }
      return label(index, of: block, topLevel: context.blocks.count == 1)
    case .attributeName(let attribute):
      return attributeName(attribute, context: context)
    case .attributeValue(let attribute):
      return attributeValue(attribute, context: context, at: offset)
    case .body:
      return nil
    }
  }

  // MARK: Source

  /// The 1-based line of an offset.
  func line(of offset: Int) -> Int {
    var count = 1
    for byte in file.source[..<min(max(offset, 0), file.source.count)] where byte == UInt8(ascii: "\n") { count += 1 }
    return count
  }

  /// Source text for a hover: cleaned of secrets and shortened to a few lines.
  mutating func sourceText(_ range: TextRange) -> String {
    // A definition may be as long as the file: only its start can be shown anyway. The window reaches the length of
    // the longest secret past what can be shown, so that a secret the cut would split is whole when it is masked
    // (the text is cut to what is shown only after that).
    let longestSecret = filter().secrets.first?.utf8.count ?? 0
    let shown = TextRange(start: range.start, end: min(range.end, range.start + Self.valueLimit * 8 + longestSecret))
    var lines = file.text(in: shown).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // Lines after the first lose the indentation of the first, which the range starts after.
    var lineStart = min(max(range.start, 0), file.source.count)
    while lineStart > 0, file.source[lineStart - 1] == UInt8(ascii: " ") || file.source[lineStart - 1] == UInt8(ascii: "\t") {
      lineStart -= 1
    }
    let indentation = range.start - lineStart
    if indentation > 0, lineStart == 0 || file.source[lineStart - 1] == UInt8(ascii: "\n") {
      for index in lines.indices.dropFirst() {
        let blanks = lines[index].prefix { $0 == " " || $0 == "\t" }.count
        lines[index] = String(lines[index].dropFirst(min(blanks, indentation)))
      }
    }
    if lines.count > Self.expressionLines {
      lines = Array(lines.prefix(Self.expressionLines - 1)) + ["…"]
    } else if shown.end < range.end, let last = lines.indices.last {
      lines[last] += "…"
    }
    // At most 4 bytes a character: what is kept lies inside the window read above.
    return SecretFilter.shorten(filter().clean(lines.joined(separator: "\n")), to: Self.valueLimit * 2)
  }

  mutating func valueText(_ value: Value) -> String { filter().render(value, limit: Self.valueLimit) }

  /// `Value: …`, the value as inline code unless it is a placeholder for what cannot be shown.
  mutating func valueLine(_ value: Value) -> String {
    let text = valueText(value)
    return "Value: " + (text == SecretFilter.sensitive || text == SecretFilter.unknown ? text : inlineCode(text))
  }

  var topLevelBlocks: [BlockView] { views.items(of: file.root.firstChild(.body)).blocks }

  func block(at range: TextRange) -> BlockView? { topLevelBlocks.first { $0.node.range == range } }

  func attribute(_ name: String, of block: BlockView) -> AttributeView? {
    views.items(of: block.body).attributes.first { $0.name == name }
  }

  // MARK: References

  mutating func reference(_ reference: ProjectModel.Reference, at offset: Int) -> Hover? {
    // Which part the position is on: 0 for the root, k for step k.
    var position = 0
    for (index, step) in reference.steps.enumerated() where step.range.start <= offset && offset <= step.range.end {
      position = index + 1
      break
    }
    let names = reference.names
    switch reference.root {
    case "local":
      guard let name = names.first else { return namespace(reference, "Local values, read as `local.<name>`.") }
      let through = max(position, 1)
      let range = reference.range(throughSteps: min(through, reference.steps.count))
      return local(name, path: Array(names.prefix(through).dropFirst()), headline: file.text(in: range), range: range)
    case "var":
      guard let name = names.first else { return namespace(reference, "Input variables, read as `var.<name>`.") }
      let through = max(position, 1)
      let range = reference.range(throughSteps: min(through, reference.steps.count))
      return variable(name, path: Array(names.prefix(through).dropFirst()), headline: file.text(in: range), range: range)
    case "data":
      guard let type = names.first else {
        return namespace(reference, "Data sources, read as `data.<type>.<name>`.")
      }
      if position == 1 || names.count < 2 {
        return dataSourceType(type, range: reference.range(throughSteps: 1))
      }
      let through = max(position, 2)
      let range = reference.range(throughSteps: min(through, reference.steps.count))
      return dataSource(type: type, name: names[1], path: Array(names.prefix(through).dropFirst(2)),
                        headline: file.text(in: range), range: range)
    case "each":
      return each(reference, names: names)
    case "atlas":
      return atlas(reference, names: names)
    default:
      return nil
    }
  }

  func namespace(_ reference: ProjectModel.Reference, _ text: String) -> Hover {
    Hover(range: reference.rootRange, parts: [.code(reference.root), .text(text)])
  }

  mutating func local(_ name: String, path: [String], headline: String, range: TextRange) -> Hover {
    guard let definition = model.locals.last(where: { $0.name == name }) else {
      return Hover(range: range, parts: [.code(headline), .text("No local value \(inlineCode(name)) is defined in this file.")])
    }
    var parts: [Hover.Part] = [.code(headline), .text("Local value, defined on line \(line(of: definition.nameRange.start)):"),
                               .code(sourceText(definition.range))]
    if SecretFilter.looksSecret(name) {
      parts.append(.text("Value: (hidden: the name says it is a secret)"))
    } else if let value = evaluation.locals[name] {
      parts.append(.text(valueLine(value.following(path))))
    }
    parts.append(.link(title: "Local values", url: AtlasSchema.Links.projects + "#local-values"))
    return Hover(range: range, parts: parts)
  }

  mutating func variable(_ name: String, path: [String], headline: String, range: TextRange) -> Hover {
    guard let definition = model.variables.first(where: { $0.name == name }), let block = self.block(at: definition.range)
    else {
      return Hover(range: range, parts: [.code(headline), .text("No input variable \(inlineCode(name)) is defined in this file.")])
    }
    var parts: [Hover.Part] = [.code(headline)]
    var facts: [String] = []
    var summary = "Input variable, defined on line \(line(of: definition.nameRange.start))."
    if let description = attribute("description", of: block)?.value, case .string(let text) = views.literal(description) {
      summary += " " + filter().clean(text)
    }
    parts.append(.text(summary))
    if let type = attribute("type", of: block)?.value { facts.append("Type: " + inlineCode(file.text(in: type.range))) }
    let given = analysis.inputs.variables[name] != nil
    if let defaultValue = attribute("default", of: block)?.value {
      facts.append("Default: " + inlineCode(SecretFilter.looksSecret(name) ? SecretFilter.mask : sourceText(defaultValue.range)))
    } else if !given {
      facts.append("No default: give it with `--var \(name)=…`")
    }
    if given { facts.append("Set with `--var`") }
    if SecretFilter.looksSecret(name) {
      facts.append("Value: (hidden: the name says it is a secret)")
    } else if let value = evaluation.variables[name] {
      facts.append(valueLine(value.following(path)))
    }
    parts.append(.list(facts))
    parts.append(.link(title: "Input variables", url: AtlasSchema.Links.projects + "#input-variables"))
    return Hover(range: range, parts: parts)
  }

  mutating func dataSource(type: String, name: String, path: [String], headline: String, range: TextRange) -> Hover {
    let schema = AtlasSchema.dataSource(type)
    guard let definition = model.dataSources.first(where: { $0.name == "\(type).\(name)" }) else {
      return Hover(range: range, parts: [
        .code(headline), .text("No data source \(inlineCode("data \"\(type)\" \"\(name)\"")) is defined in this file."),
      ])
    }
    var parts: [Hover.Part] = [.code(headline)]
    parts.append(.text("Data source \(inlineCode(type)), defined on line \(line(of: definition.nameRange.start))."
      + (schema.map { " " + $0.body.doc } ?? "")))
    // From a use, the block itself is worth seeing; on its own label it is right there.
    if !(definition.range.start <= range.start && range.end <= definition.range.end) {
      parts.append(.code(sourceText(definition.range)))
    }
    var facts: [String] = []
    if let schema {
      if TokenMarker.sources.contains(type) {
        facts.append("Value: \(SecretFilter.sensitive) — a token, made only when Atlas runs (or by the *Generate token* lens)")
      } else if let ran = analysis.inputs.dataSources[definition.name] {
        facts.append(valueLine(ran.following(path)))
      } else {
        facts.append("Value: \(SecretFilter.unknown): data sources never run while editing")
      }
      switch schema.result {
      case .string: facts.append("Result: a string")
      case .object(let fields):
        if let field = path.first, let known = fields.first(where: { $0.name == field }) {
          facts.append("\(inlineCode(known.name)): \(known.type)")
        } else {
          facts.append("Result: an object with " + fields.map { "\(inlineCode($0.name)) (\($0.type))" }.joined(separator: ", "))
        }
      }
      if schema.body.pro { facts.append("Atlas Pro only") }
    } else {
      facts.append("Unknown data source type: Atlas fails with `missing data source handler for \"\(type)\"`")
    }
    parts.append(.list(facts))
    if let schema { parts.append(.link(title: "data \"\(type)\"", url: schema.body.link)) }
    return Hover(range: range, parts: parts)
  }

  func dataSourceType(_ type: String, range: TextRange) -> Hover {
    guard let schema = AtlasSchema.dataSource(type) else {
      return Hover(range: range, parts: [.code("data \"\(type)\""), .text("Unknown data source type \(inlineCode(type)).")])
    }
    return Hover(range: range, parts: SchemaDocumentation.dataSource(schema))
  }

  mutating func each(_ reference: ProjectModel.Reference, names: [String]) -> Hover {
    let range = reference.range(throughSteps: min(1, reference.steps.count))
    let headline = file.text(in: range)
    guard let context = reference.context.block, context.hasForEach, let block = self.block(at: context.range),
      let forEach = attribute("for_each", of: block)?.value
    else {
      return Hover(range: range, parts: [.code(headline), .text("`each` is defined only inside a block with `for_each`.")])
    }
    let owner = ([context.type] + context.labels.map { "\"\($0)\"" }).joined(separator: " ")
    var parts: [Hover.Part] = [.code(headline)]
    switch names.first {
    case "key": parts.append(.text("The key of the element this copy of \(inlineCode(owner)) is made for (for a set, the element itself; for a tuple, its index)."))
    case "value": parts.append(.text("The element this copy of \(inlineCode(owner)) is made for."))
    default: parts.append(.text("The element this copy of \(inlineCode(owner)) is made for: `each.key` and `each.value`."))
    }
    parts.append(.code("for_each = " + sourceText(forEach.range)))
    if let collection = evaluation.values[forEach.range], collection.isKnown {
      parts.append(.text("Elements: " + inlineCode(valueText(collection))))
    }
    parts.append(.link(title: "for_each", url: AtlasSchema.Links.projects + "#multi-environment-config"))
    return Hover(range: range, parts: parts)
  }

  func atlas(_ reference: ProjectModel.Reference, names: [String]) -> Hover {
    let range = reference.range(throughSteps: min(1, reference.steps.count))
    guard names.first == "env" else {
      return Hover(range: range, parts: [.code(file.text(in: range)), .text("`atlas` has one attribute: `env`, the name given with `--env`.")])
    }
    let value = analysis.inputs.env.map { Value.string($0).render() } ?? SecretFilter.unknown + ": any env may be selected"
    return Hover(range: range, parts: [
      .code("atlas.env"), .text("The name given with `--env` (`\"\"` when none is)."),
      .text("Value: " + (analysis.inputs.env == nil ? value : inlineCode(value))),
      .link(title: "Projects", url: AtlasSchema.Links.projects),
    ])
  }

  // MARK: Functions

  func function(_ call: ProjectModel.FunctionCall) -> Hover {
    guard let schema = AtlasSchema.function(call.name) else {
      let text = AtlasSchema.missingFunctions.contains(call.name)
        ? "\(inlineCode(call.name)) is a Terraform function that Atlas does not register: calling it fails."
        : "Atlas has no function \(inlineCode(call.name))."
      return Hover(range: call.nameRange, parts: [.code(call.name), .text(text)])
    }
    return Hover(range: call.nameRange, parts: SchemaDocumentation.function(schema))
  }

  // MARK: Blocks and labels

  func blockType(_ block: CursorContext.EnclosingBlock, nested: Bool) -> Hover? {
    let schema = nested ? block.schema : AtlasSchema.topLevelBlock(block.view.type)
    guard let schema else { return nil }
    return Hover(range: block.view.typeRange, parts: SchemaDocumentation.block(schema))
  }

  mutating func label(_ index: Int, of block: CursorContext.EnclosingBlock, topLevel: Bool) -> Hover? {
    let view = block.view
    let label = view.labels[index]
    guard topLevel else { return nil }
    switch (view.type, index) {
    case ("data", 0):
      return dataSourceType(label.text, range: label.range)
    case ("data", 1) where view.labels.count == 2:
      return dataSource(type: view.labels[0].text, name: label.text, path: [],
                        headline: "data.\(view.labels[0].text).\(label.text)", range: label.range)
    case ("variable", 0):
      return variable(label.text, path: [], headline: "var.\(label.text)", range: label.range)
    case ("env", 0):
      return env(view, range: label.range)
    default:
      guard let schema = block.schema, index < schema.labels.names.count else { return nil }
      return Hover(range: label.range, parts: [
        .code(file.text(in: label.range)),
        .text("The \(inlineCode(schema.labels.names[index])) label of \(inlineCode(view.type))."),
      ])
    }
  }

  mutating func env(_ view: BlockView, range: TextRange) -> Hover {
    let name = view.labels.first?.text ?? ""
    var parts: [Hover.Part] = [.code("env \"\(name)\""), .text("Environment, selected with `--env \(name)`.")]
    if let url = attribute("url", of: view)?.value, let text = urlText(url) {
      parts.append(.text("URL: " + inlineCode(filter().clean(text))))
    }
    parts.append(.link(title: "atlasgo.io: env", url: AtlasSchema.Links.config("env")))
    return Hover(range: range, parts: parts)
  }

  // MARK: Attributes

  mutating func attributeName(_ attribute: AttributeView, context: CursorContext) -> Hover? {
    let range = attribute.nameRange
    guard let block = context.innermost else { return nil }
    if context.blocks.count == 1, block.view.type == "locals" {
      return local(attribute.name, path: [], headline: "local.\(attribute.name)", range: range)
    }
    if let schema = context.attributeSchema { return Hover(range: range, parts: SchemaDocumentation.attribute(schema)) }
    if context.blocks.count == 1, block.view.type == "env" {
      var parts: [Hover.Part] = [
        .code(attribute.name),
        .text("An extra env attribute: Atlas passes it to HCL schema files as the input variable \(inlineCode(attribute.name))."),
      ]
      if let value = attribute.value.flatMap({ evaluation.values[$0.range] }) {
        parts.append(.text(valueLine(value)))
      }
      return Hover(range: range, parts: parts)
    }
    return nil
  }

  mutating func attributeValue(_ attribute: AttributeView, context: CursorContext, at offset: Int) -> Hover? {
    guard let value = attribute.value else { return nil }
    if let schema = context.attributeSchema, !schema.allowedValues.isEmpty, let hover = enumValue(schema, value: value) {
      return hover
    }
    if let text = urlText(value), let url = URLDisplay(text) { return self.url(url, text: text, range: value.range) }
    // A computed value (not a literal) is worth showing; a literal shows itself.
    guard case .computed = views.literal(value), let evaluated = evaluation.values[value.range] else { return nil }
    return Hover(range: value.range, parts: [.code(attribute.name + " = " + valueText(evaluated))])
  }

  func enumValue(_ schema: AttributeSchema, value: SyntaxNode) -> Hover? {
    let written: String
    switch views.literal(value) {
    case .string(let text): written = text
    case .bareIdentifier(let text): written = text
    default: return nil
    }
    let normalized = { (text: String) in
      schema.normalizesEnum ? text.lowercased().replacing("_", with: "-") : text
    }
    guard let allowed = schema.allowedValues.first(where: { normalized($0) == normalized(written) }) else { return nil }
    var parts: [Hover.Part] = [.code(allowed)]
    if let doc = AtlasSchema.enumValueDoc(attribute: schema.name, value: allowed) { parts.append(.text(doc)) }
    parts.append(.text("A value of \(inlineCode(schema.name)): " + schema.allowedValues.map(inlineCode).joined(separator: ", ") + "."))
    if let link = schema.link { parts.append(.link(title: "atlasgo.io: \(schema.name)", url: link)) }
    return Hover(range: value.range, parts: parts)
  }

  /// The text of a URL-valued expression: as it resolves (`URLDisplay.resolvedText`), else a template's source
  /// between its quotes.
  func urlText(_ value: SyntaxNode) -> String? {
    if let text = URLDisplay.resolvedText(of: value, in: evaluation) { return text }
    if value.kind == .quotedTemplate, value.range.length >= 2 {
      return file.text(in: TextRange(start: value.range.start + 1, end: value.range.end - 1))
    }
    return nil
  }

  mutating func url(_ url: URLDisplay, text: String, range: TextRange) -> Hover {
    let filter = self.filter()
    var facts = ["scheme: " + inlineCode(url.scheme) + (url.driver.map { " (\($0))" } ?? "")]
    if let user = url.user { facts.append("user: " + inlineCode(filter.clean(user))) }
    if url.hasPassword { facts.append("password: " + inlineCode(SecretFilter.mask)) }
    if let host = url.host, !host.isEmpty { facts.append("\(url.hostMeaning): " + inlineCode(filter.clean(host))) }
    if let port = url.port, !port.isEmpty { facts.append("port: " + inlineCode(port)) }
    let path = url.path.hasPrefix("/") && url.host != nil ? String(url.path.dropFirst()) : url.path
    if !path.isEmpty { facts.append("\(url.pathMeaning): " + inlineCode(filter.clean(path))) }
    for (key, value) in url.query {
      let shown = URLDisplay.isSecretParameter(key) ? SecretFilter.mask : filter.clean(value)
      facts.append("query \(inlineCode(key)): " + inlineCode(shown))
    }
    return Hover(range: range, parts: [
      .code(SecretFilter.shorten(filter.clean(text), to: Self.valueLimit)), .list(facts),
      .link(title: "atlasgo.io: URLs", url: AtlasSchema.Links.urls),
    ])
  }
}
