// Workspace symbols: the variables, locals, data sources and envs one atlas.hcl defines, and the fuzzy match that
// ranks them against a query as rust-analyzer does (the query's characters in order, case-insensitive).
package import HCLSyntax

/// A definition as the symbol list shows it.
package struct SymbolDefinition: Sendable, Hashable {
  package var symbol: ProjectSymbol
  /// `var.x`, `local.x`, `data.T.N`, `env "x"`: what a user types to find it.
  package var name: String { symbol.displayName }
  /// The whole block (a local: its attribute).
  package var range: TextRange
  /// The name in it.
  package var selectionRange: TextRange
}

package enum WorkspaceSymbols {
  /// Every definition of the file, in source order (an unlabelled env has no name and is left out).
  package static func definitions(in file: ParsedFile, model: ProjectModel) -> [SymbolDefinition] {
    var result: [SymbolDefinition] = []
    func add(_ symbol: ProjectSymbol, _ definition: ProjectModel.Definition) {
      let occurrence = Navigation.definitionOccurrence(definition, in: file)
      result.append(SymbolDefinition(symbol: symbol, range: definition.range, selectionRange: occurrence.range))
    }
    for definition in model.variables { add(.variable(definition.name), definition) }
    for definition in model.locals { add(.local(definition.name), definition) }
    for definition in model.dataSources {
      guard let type = definition.dataType else { continue }
      add(.dataSource(type: type, name: String(definition.name.dropFirst(type.count + 1))), definition)
    }
    for definition in model.envs where Navigation.isLabelled(definition) { add(.env(definition.name), definition) }
    return result.sorted { $0.range.start < $1.range.start }
  }

  /// How well a name matches a query, lower is better; nil when it does not. The query's characters must appear in
  /// the name in order, ignoring case (`dbtok` finds `data.aws_rds_token.db_token`); an exact name ranks first, then
  /// a prefix, then a substring, then a subsequence whose characters sit closer together.
  package static func score(_ name: String, query: String) -> Int? {
    let candidate = Array(name.lowercased().unicodeScalars)
    let wanted = Array(query.lowercased().unicodeScalars)
    guard !wanted.isEmpty else { return 3_000_000 }
    if candidate == wanted { return 0 }
    let lowerName = name.lowercased()
    let lowerQuery = query.lowercased()
    if lowerName.hasPrefix(lowerQuery) { return 1_000 + candidate.count }
    // After a dot, as `local.` + query.
    if lowerName.contains("." + lowerQuery) || lowerName.hasSuffix(lowerQuery) { return 2_000 + candidate.count }
    if lowerName.contains(lowerQuery) { return 3_000 + candidate.count }
    var position = 0
    var first: Int?
    var last = 0
    for scalar in wanted {
      while position < candidate.count, candidate[position] != scalar { position += 1 }
      guard position < candidate.count else { return nil }
      if first == nil { first = position }
      last = position
      position += 1
    }
    let spread = last - (first ?? 0) + 1 - wanted.count
    return 10_000 + spread * 100 + candidate.count
  }

  /// The items whose names match the query, best first (ties by name), at most `limit`.
  package static func rank<Item>(_ items: [Item], query: String, limit: Int, name: (Item) -> String) -> [Item] {
    var scored: [(score: Int, name: String, index: Int)] = []
    for (index, item) in items.enumerated() {
      let itemName = name(item)
      if let score = score(itemName, query: query) { scored.append((score, itemName, index)) }
    }
    scored.sort { ($0.score, $0.name, $0.index) < ($1.score, $1.name, $1.index) }
    return scored.prefix(max(limit, 0)).map { items[$0.index] }
  }
}
