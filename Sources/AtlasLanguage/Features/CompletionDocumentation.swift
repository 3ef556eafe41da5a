// The Markdown documentation of completion items, looked up from a topic when the editor shows an item
// (`completionItem/resolve`), so that a list of a hundred items does not carry a hundred documents.

/// What an item documents, written as a short key an editor hands back unchanged (`block:env/migration`).
package enum DocumentationTopic: Sendable, Hashable {
  /// A block by the path of block types from the top level; a data source's body is `data.TYPE`.
  case block([String])
  case attribute([String], String)
  case dataSource(String)
  case function(String)
  case region(String)
  case urlScheme(String)
  case urlParameter(scheme: String, name: String)

  package var key: String {
    switch self {
    case .block(let path): "block:" + path.joined(separator: "/")
    case .attribute(let path, let name): "attribute:" + path.joined(separator: "/") + ":" + name
    case .dataSource(let type): "data:" + type
    case .function(let name): "function:" + name
    case .region(let code): "region:" + code
    case .urlScheme(let name): "scheme:" + name
    case .urlParameter(let scheme, let name): "parameter:" + scheme + ":" + name
    }
  }

  package init?(key: String) {
    let parts = key.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard parts.count >= 2 else { return nil }
    let path = parts[1].split(separator: "/").map(String.init)
    switch (parts[0], parts.count) {
    case ("block", 2): self = .block(path)
    case ("attribute", 3): self = .attribute(path, parts[2])
    case ("data", 2): self = .dataSource(parts[1])
    case ("function", 2): self = .function(parts[1])
    case ("region", 2): self = .region(parts[1])
    case ("scheme", 2): self = .urlScheme(parts[1])
    case ("parameter", 3): self = .urlParameter(scheme: parts[1], name: parts[2])
    default: return nil
    }
  }
}

extension Completion {
  /// The Markdown for a topic; nil when the topic names nothing Mercator knows.
  package static func documentation(_ topic: DocumentationTopic) -> String? {
    switch topic {
    case .block(let path):
      guard let block = block(at: path) else { return nil }
      return blockMarkdown(block)
    case .attribute(let path, let name):
      guard let attribute = block(at: path)?.attribute(name) else { return nil }
      return attributeMarkdown(attribute)
    case .dataSource(let type):
      guard let source = AtlasSchema.dataSource(type) else { return nil }
      var text = "```hcl\ndata \"\(type)\" \"name\" { … }\n```\n\n\(source.body.doc)"
      switch source.result {
      case .string: text += "\n\nValue: a string, `data.\(type).NAME`."
      case .object(let fields):
        text += "\n\nValue: an object, `data.\(type).NAME` with "
          + fields.map { "`\($0.name)` (\($0.type))" }.joined(separator: ", ") + "."
      }
      let required = source.body.attributes.filter(\.required).map { "`\($0.name)`" }
      if !required.isEmpty { text += "\n\nRequired: \(required.joined(separator: ", "))." }
      if source.body.pro { text += "\n\n*Atlas Pro.*" }
      return text + "\n\n[Atlas documentation](\(source.body.link))"
    case .function(let name):
      guard let function = AtlasSchema.function(name) else { return nil }
      var text = "```hcl\n\(function.signature)\n```\n\n\(function.doc)"
      if let deprecation = function.deprecation { text += "\n\n*Deprecated:* \(deprecation)." }
      return text + "\n\n[Atlas documentation](\(function.link))"
    case .region(let code):
      guard let region = AtlasSchema.awsRegions.first(where: { $0.code == code }) else { return nil }
      return "**\(region.name)**: `\(region.code)`, partition `\(region.partition)`."
    case .urlScheme(let name):
      guard let scheme = AtlasSchema.urlScheme(name) else { return nil }
      let example = scheme.template.replacingBraces
      var text = "**\(scheme.title)**\n\n```\n\(name)://\(example)\n```\n\n\(scheme.doc)"
      if !scheme.parameters.isEmpty {
        text += "\n\nParameters: " + scheme.parameters.map { "`\($0.name)`" }.joined(separator: ", ") + "."
      }
      return text + "\n\n[Atlas documentation](\(AtlasSchema.Links.urls))"
    case .urlParameter(let schemeName, let name):
      guard let parameter = AtlasSchema.urlScheme(schemeName)?.parameters.first(where: { $0.name == name }) else {
        return nil
      }
      var text = "`\(name)` (\(schemeName)://): \(parameter.doc)"
      if !parameter.values.isEmpty { text += "\n\nValues: " + parameter.values.map { "`\($0)`" }.joined(separator: ", ") + "." }
      return text
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

  static func blockMarkdown(_ block: BlockSchema) -> String {
    let labels = block.labels.names.prefix(max(block.labels.max, 0)).map { " \"\($0)\"" }.joined()
    var text = "```hcl\n\(block.type)\(labels) { … }\n```\n\n\(block.doc)"
    var facts: [String] = []
    if block.required { facts.append("Required.") }
    if block.repeatable { facts.append("Repeatable.") }
    if block.pro { facts.append("Atlas Pro.") }
    if !facts.isEmpty { text += "\n\n*" + facts.joined(separator: " ") + "*" }
    if let deprecation = block.deprecation { text += "\n\n*Deprecated:* \(deprecation)." }
    return text + "\n\n[Atlas documentation](\(block.link))"
  }

  static func attributeMarkdown(_ attribute: AttributeSchema) -> String {
    var text = "```hcl\n\(attribute.name) = \(attribute.type)\n```\n\n\(attribute.doc)"
    var facts: [String] = []
    if attribute.required { facts.append("Required.") }
    if let value = attribute.defaultValue { facts.append("Default: `\(value)`.") }
    if !attribute.allowedValues.isEmpty {
      facts.append("Values: " + attribute.allowedValues.map { "`\($0)`" }.joined(separator: ", ")
        + (attribute.acceptsBareEnum ? " (quoted or bare)." : "."))
    }
    if attribute.pro { facts.append("Atlas Pro.") }
    if !facts.isEmpty { text += "\n\n" + facts.joined(separator: " ") }
    if let deprecation = attribute.deprecation { text += "\n\n*Deprecated:* \(deprecation)." }
    if let link = attribute.link { text += "\n\n[Atlas documentation](\(link))" }
    return text
  }
}

extension String {
  /// A URL template with its `{placeholder}` braces removed: an example URL.
  var replacingBraces: String { String(filter { $0 != "{" && $0 != "}" }) }
}
