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
  /// The Markdown for a topic, as hover shows it (`SchemaDocumentation`); nil when the topic names nothing Mercator
  /// knows.
  package static func documentation(_ topic: DocumentationTopic) -> String? {
    SchemaDocumentation.parts(topic).map(Hover.markdown)
  }
}

extension String {
  /// A URL template with its `{placeholder}` braces removed: an example URL.
  var replacingBraces: String { String(filter { $0 != "{" && $0 != "}" }) }
}
