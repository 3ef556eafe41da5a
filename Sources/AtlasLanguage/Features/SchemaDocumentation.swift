// The documentation of the schema's blocks, attributes, data sources, functions, regions and URL schemes, as hover
// parts: one text that hover shows (with a reference's value or definition around it) and completion's resolve and
// signature help show as Markdown, so the two never say different things about one name.

enum SchemaDocumentation {
  /// The parts for a topic; nil when the topic names nothing Mercator knows.
  static func parts(_ topic: DocumentationTopic) -> [Hover.Part]? {
    switch topic {
    case .block(let path):
      return block(at: path).map(block)
    case .attribute(let path, let name):
      return block(at: path)?.attribute(name).map(attribute)
    case .dataSource(let type):
      return AtlasSchema.dataSource(type).map(dataSource)
    case .function(let name):
      return AtlasSchema.function(name).map(function)
    case .region(let code):
      guard let region = AtlasSchema.awsRegions.first(where: { $0.code == code }) else { return nil }
      return [.text("**\(region.name)**: `\(region.code)`, partition `\(region.partition)`.")]
    case .urlScheme(let name):
      guard let scheme = AtlasSchema.urlScheme(name) else { return nil }
      var parts: [Hover.Part] = [.text("**\(scheme.title)**"), .code("\(name)://\(scheme.template.replacingBraces)"),
                                 .text(scheme.doc)]
      if !scheme.parameters.isEmpty {
        parts.append(.text("Parameters: " + scheme.parameters.map { inlineCode($0.name) }.joined(separator: ", ") + "."))
      }
      return parts + [.link(title: "atlasgo.io: URLs", url: AtlasSchema.Links.urls)]
    case .urlParameter(let schemeName, let name):
      guard let parameter = AtlasSchema.urlScheme(schemeName)?.parameters.first(where: { $0.name == name }) else {
        return nil
      }
      var parts: [Hover.Part] = [.text("\(inlineCode(name)) (\(schemeName)://): \(parameter.doc)")]
      if !parameter.values.isEmpty {
        parts.append(.text("Values: " + parameter.values.map(inlineCode).joined(separator: ", ") + "."))
      }
      return parts
    }
  }

  /// The schema at a path of block types (`data.TYPE` first for a data source's body).
  static func block(at path: [String]) -> BlockSchema? {
    guard let first = path.first else { return nil }
    var current: BlockSchema?
    if first.hasPrefix("data."), let source = AtlasSchema.dataSource(String(first.dropFirst(5))) {
      current = source.body
    } else {
      current = AtlasSchema.topLevelBlock(first)
    }
    for type in path.dropFirst() { current = current?.block(type) }
    return current
  }

  static func block(_ schema: BlockSchema) -> [Hover.Part] {
    let header = ([schema.type] + schema.labels.names.map { "\"<\($0)>\"" }).joined(separator: " ")
    var facts: [String] = []
    if !schema.labels.names.isEmpty {
      let names = schema.labels.names.map(inlineCode).joined(separator: ", ")
      facts.append("Labels: \(names)" + (schema.labels.min < schema.labels.names.count ? " (optional)" : ""))
    }
    if schema.required { facts.append("Required") }
    facts.append(schema.repeatable ? "May appear several times" : "At most once")
    if schema.pro { facts.append("Atlas Pro only") }
    if let deprecation = schema.deprecation { facts.append("Deprecated: \(deprecation)") }
    return [.code(header), .text(schema.doc), .list(facts), .link(title: "atlasgo.io: \(schema.type)", url: schema.link)]
  }

  static func attribute(_ schema: AttributeSchema) -> [Hover.Part] {
    var header = "\(schema.name): " + (schema.type == .typeExpression ? "type expression" : schema.type.description)
    if schema.required { header += " (required)" } else if let value = schema.defaultValue { header += " = \(value)" }
    var parts: [Hover.Part] = [.code(header), .text(schema.doc)]
    var facts: [String] = []
    if !schema.allowedValues.isEmpty {
      facts.append("One of " + schema.allowedValues.map(inlineCode).joined(separator: ", ")
        + (schema.acceptsBareEnum ? " (quoted or as bare words)" : ""))
    }
    if schema.required { facts.append("Required") }
    if let value = schema.defaultValue { facts.append("Default: " + inlineCode(value)) }
    if let deprecation = schema.deprecation { facts.append("Deprecated: \(deprecation)") }
    if schema.pro { facts.append("Atlas Pro only") }
    if !facts.isEmpty { parts.append(.list(facts)) }
    if let link = schema.link { parts.append(.link(title: "atlasgo.io: \(schema.name)", url: link)) }
    return parts
  }

  static func dataSource(_ schema: DataSourceSchema) -> [Hover.Part] {
    let type = schema.type
    var facts: [String] = []
    let required = schema.body.attributes.filter(\.required).map { inlineCode($0.name) }
    if !required.isEmpty { facts.append("Required: " + required.joined(separator: ", ")) }
    let optional = schema.body.attributes.filter { !$0.required }.map { inlineCode($0.name) }
    if !optional.isEmpty { facts.append("Optional: " + optional.joined(separator: ", ")) }
    switch schema.result {
    case .string: facts.append("Result: a string" + (TokenMarker.sources.contains(type) ? " (a secret: never shown)" : ""))
    case .object(let fields):
      facts.append("Result: an object with " + fields.map { "\(inlineCode($0.name)) (\($0.type))" }.joined(separator: ", "))
    }
    if schema.body.pro { facts.append("Atlas Pro only") }
    return [
      .code("data \"\(type)\" \"<name>\""), .text(schema.body.doc), .list(facts),
      .link(title: "data \"\(type)\"", url: schema.body.link),
    ]
  }

  static func function(_ schema: FunctionSchema) -> [Hover.Part] {
    var parts: [Hover.Part] = [.code(schema.signature), .text(schema.doc)]
    if let deprecation = schema.deprecation { parts.append(.text("Deprecated: \(deprecation).")) }
    parts.append(.link(title: "Functions", url: schema.link))
    return parts
  }
}
