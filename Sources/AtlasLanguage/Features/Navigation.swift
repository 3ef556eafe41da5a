// Go to definition, find references and document highlight: the variables, locals, data sources and envs of one
// atlas.hcl, found from a definition's name or from a use. One file is the whole world: Atlas evaluates exactly the
// one config file `-c` names (`cmdapi.parseConfig` parses a single file), so no name resolves across files.
package import HCLSyntax

/// A name Atlas resolves in an atlas.hcl.
package enum ProjectSymbol: Sendable, Hashable {
  case variable(String)
  case local(String)
  case dataSource(type: String, name: String)
  /// An env by its label. Several blocks may share one (Atlas groups them, e.g. for `migrate apply`); they are one
  /// env, so all of them are its definitions.
  case env(String)

  /// The symbol a definition of the model defines; nil for a data source whose name lacks its type.
  package init?(_ kind: ProjectModel.DefinitionKind, name: String) {
    switch kind {
    case .variable: self = .variable(name)
    case .local: self = .local(name)
    case .env: self = .env(name)
    case .dataSource:
      // `ProjectModel.Definition.name` of a data source is `TYPE.NAME`; a type has no dot.
      guard let dot = name.firstIndex(of: ".") else { return nil }
      self = .dataSource(type: String(name[..<dot]), name: String(name[name.index(after: dot)...]))
    }
  }

  /// How the symbol is written where it is used: `var.x`, `local.x`, `data.T.N`, `env "x"`.
  package var displayName: String {
    switch self {
    case .variable(let name): "var.\(name)"
    case .local(let name): "local.\(name)"
    case .dataSource(let type, let name): "data.\(type).\(name)"
    case .env(let name): "env \"\(name)\""
    }
  }

  /// The name alone, as rename replaces it (a data source's name label, not its type).
  package var name: String {
    switch self {
    case .variable(let name), .local(let name), .env(let name): name
    case .dataSource(_, let name): name
    }
  }
}

/// One place a symbol's name is written. `range` is exactly the text a rename replaces: a label without its quotes,
/// a local's attribute name, the last name of `var.x`, `local.x` or `data.T.N`, the content of `"x"` in
/// `atlas.env == "x"`.
package struct SymbolOccurrence: Sendable, Hashable {
  package enum Role: Sendable, Hashable {
    /// Where the symbol is defined (written, in LSP highlight terms).
    case definition
    /// Where it is read.
    case use
  }

  package var range: TextRange
  package var role: Role
  /// For a definition, the whole block (for a local, its attribute); else nil.
  package var declarationRange: TextRange?
}

/// Why no symbol can be taken from a position, in words for the user.
package struct NavigationRefusal: Error, Sendable, Hashable {
  package var message: String
  package init(_ message: String) { self.message = message }
}

package enum Navigation {
  /// The symbol at a position and the occurrence the position is on; or why there is none there.
  package static func symbol(at offset: Int, in analysis: AtlasAnalysis)
    -> Result<(symbol: ProjectSymbol, occurrence: SymbolOccurrence), NavigationRefusal>
  {
    let file = analysis.file
    let model = analysis.model
    // Definitions first: a label or a local's name is never inside a reference.
    for definition in model.variables where definition.nameRange.touches(offset) {
      return .success((.variable(definition.name), definitionOccurrence(definition, in: file)))
    }
    for definition in model.locals where definition.nameRange.touches(offset) {
      return .success((.local(definition.name), definitionOccurrence(definition, in: file)))
    }
    for definition in model.dataSources where definition.nameRange.touches(offset) {
      guard let type = definition.dataType else { continue }
      let name = String(definition.name.dropFirst(type.count + 1))
      return .success((.dataSource(type: type, name: name), definitionOccurrence(definition, in: file)))
    }
    for definition in model.envs where definition.nameRange.touches(offset) {
      guard isLabelled(definition) else {
        return .failure(NavigationRefusal(
          "This env has no label: Atlas names it by its `name` attribute when it is selected, so there is no name here to follow."))
      }
      return .success((.env(definition.name), definitionOccurrence(definition, in: file)))
    }
    for comparison in envComparisons(in: analysis) where comparison.range.touches(offset) {
      return .success((.env(comparison.name), SymbolOccurrence(range: comparison.range, role: .use)))
    }
    guard let reference = CursorContext.reference(at: offset, in: model) else {
      return .failure(NavigationRefusal(
        "There is no variable, local, data source or env here: only those can be followed or renamed."))
    }
    return symbol(of: reference, at: offset, in: model)
  }

  /// The symbol a reference names, when the position is on the part of it that names one.
  static func symbol(of reference: ProjectModel.Reference, at offset: Int, in model: ProjectModel)
    -> Result<(symbol: ProjectSymbol, occurrence: SymbolOccurrence), NavigationRefusal>
  {
    let text = ([reference.root] + reference.names).joined(separator: ".")
    switch reference.root {
    case "each":
      return .failure(NavigationRefusal("`each.key` and `each.value` are set by `for_each` for each copy of the block; they have no definition to follow or rename."))
    case "atlas":
      return .failure(NavigationRefusal("`atlas.env` is set by Atlas to the name of the selected env (`--env`); rename the env itself instead."))
    default: break
    }
    // How many steps name the symbol: one for `var.x` and `local.x`, two for `data.T.N`.
    let nameSteps = reference.root == "data" ? 2 : 1
    guard reference.steps.count >= nameSteps, let last = reference.name(at: nameSteps - 1),
      let first = reference.name(at: 0)
    else {
      return .failure(NavigationRefusal("`\(text)` is incomplete: it names no \(reference.root == "data" ? "data source" : reference.root == "var" ? "variable" : "local") yet."))
    }
    guard offset <= reference.steps[nameSteps - 1].range.end else {
      return .failure(NavigationRefusal("This is a part of the value of `\(reference.root).\(reference.names.prefix(nameSteps).joined(separator: "."))`, not a name defined in the file; only the name itself can be followed or renamed."))
    }
    let symbol: ProjectSymbol
    let defined: Bool
    switch reference.root {
    case "var":
      symbol = .variable(first)
      defined = model.variables.contains { $0.name == first }
    case "local":
      symbol = .local(first)
      defined = model.locals.contains { $0.name == first }
    default:
      symbol = .dataSource(type: first, name: last)
      defined = model.dataSources.contains { $0.name == "\(first).\(last)" }
    }
    guard defined else {
      return .failure(NavigationRefusal("\(symbol.displayName) is not defined in this file."))
    }
    return .success((symbol, SymbolOccurrence(range: reference.steps[nameSteps - 1].nameRange, role: .use)))
  }

  /// Every place the symbol's name is written, in source order: definitions and uses.
  package static func occurrences(of symbol: ProjectSymbol, in analysis: AtlasAnalysis) -> [SymbolOccurrence] {
    let file = analysis.file
    let model = analysis.model
    var result: [SymbolOccurrence] = []
    switch symbol {
    case .variable(let name):
      for definition in model.variables where definition.name == name {
        result.append(definitionOccurrence(definition, in: file))
      }
      result += uses(in: model, root: "var", names: [name])
    case .local(let name):
      for definition in model.locals where definition.name == name {
        result.append(definitionOccurrence(definition, in: file))
      }
      result += uses(in: model, root: "local", names: [name])
    case .dataSource(let type, let name):
      for definition in model.dataSources where definition.name == "\(type).\(name)" {
        result.append(definitionOccurrence(definition, in: file))
      }
      result += uses(in: model, root: "data", names: [type, name])
    case .env(let name):
      for definition in model.envs where definition.name == name && isLabelled(definition) {
        result.append(definitionOccurrence(definition, in: file))
      }
      for comparison in envComparisons(in: analysis) where comparison.name == name {
        result.append(SymbolOccurrence(range: comparison.range, role: .use))
      }
    }
    return result.sorted { $0.range.start < $1.range.start }
  }

  /// The uses `root.names…` (more steps after them are the value's own and do not matter).
  static func uses(in model: ProjectModel, root: String, names: [String]) -> [SymbolOccurrence] {
    var result: [SymbolOccurrence] = []
    for reference in model.references where reference.root == root && reference.steps.count >= names.count {
      guard names.indices.allSatisfy({ reference.name(at: $0) == names[$0] }) else { continue }
      result.append(SymbolOccurrence(range: reference.steps[names.count - 1].nameRange, role: .use))
    }
    return result
  }

  /// An unlabelled env (or one labelled `""`, which Atlas refuses) has no name to follow.
  static func isLabelled(_ env: ProjectModel.Definition) -> Bool { !env.name.isEmpty }

  /// A definition as an occurrence: its name without quotes (for a data source, the name label alone).
  static func definitionOccurrence(_ definition: ProjectModel.Definition, in file: ParsedFile) -> SymbolOccurrence {
    var nameRange = definition.nameRange
    if definition.kind == .dataSource, let label = lastLabel(endingAt: nameRange.end, in: file) { nameRange = label }
    if definition.kind != .local { nameRange = labelContent(nameRange, in: file) }
    return SymbolOccurrence(range: nameRange, role: .definition, declarationRange: definition.range)
  }

  /// The range of the block label that ends at `end` (the model keeps a data source's two labels as one range):
  /// found from its tokens, back from the closing quote to the opening one, since a path down the tree from the root
  /// costs as much as the file has blocks.
  static func lastLabel(endingAt end: Int, in file: ParsedFile) -> TextRange? {
    guard end > 0, var index = file.tokenIndex(at: end - 1) else { return nil }
    // `tokenIndex` prefers the word before a boundary; the label's last token is the one that ends at `end`.
    while index + 1 < file.tokens.count, file.tokens[index].end < end { index += 1 }
    let last = file.tokens[index]
    guard last.end == end else { return nil }
    if last.kind == .ident { return last.range }
    guard last.kind == .cQuote else { return nil }
    // Inside a label only the literal's tokens stand between the quotes.
    while index > 0, end - file.tokens[index].start < 1 << 20 {
      index -= 1
      let token = file.tokens[index]
      if token.kind == .oQuote { return TextRange(start: token.start, end: end) }
      if token.kind == .newline || token.kind == .cQuote { return nil }
    }
    return nil
  }

  /// A label's text without its quotes; a bare-word label as it is. An unterminated label keeps what it has.
  static func labelContent(_ range: TextRange, in file: ParsedFile) -> TextRange {
    let source = file.source
    guard range.start < range.end, range.end <= source.count, source[range.start] == UInt8(ascii: "\"") else {
      return range
    }
    let closed = range.end - range.start >= 2 && source[range.end - 1] == UInt8(ascii: "\"")
    return TextRange(start: range.start + 1, end: closed ? range.end - 1 : range.end)
  }

  /// `atlas.env == "x"` and `"x" != atlas.env`: Atlas sets `atlas.env` to the selected env's name, so such a string
  /// names the env `x`. Only a plain string compared directly counts (a map keyed by env names does not).
  static func envComparisons(in analysis: AtlasAnalysis) -> [(name: String, range: TextRange)] {
    let file = analysis.file
    var result: [(String, TextRange)] = []
    for reference in analysis.model.references where reference.root == "atlas" && reference.steps.count == 1 {
      guard reference.name(at: 0) == "env", let token = file.tokenIndex(at: reference.rootRange.start) else { continue }
      let traversal = reference.range(throughSteps: 1)
      let path = file.nodePath(toToken: token)
      guard let position = path.lastIndex(where: { $0.range == traversal }), position > 0 else { continue }
      let parent = path[position - 1]
      guard parent.kind == .binary,
        file.directTokens(of: parent).contains(where: { $0.token.kind == .equalOp || $0.token.kind == .notEqual }),
        let other = parent.childNodes.first(where: { $0.range != traversal }),
        let literal = plainString(other, in: file)
      else { continue }
      result.append(literal)
    }
    return result
  }

  /// A quoted string with no interpolation: its text and the range of its content.
  static func plainString(_ node: SyntaxNode, in file: ParsedFile) -> (String, TextRange)? {
    guard node.kind == .quotedTemplate,
      let open = file.directToken(.oQuote, of: node), let close = file.directToken(.cQuote, of: node)
    else { return nil }
    var text = ""
    for part in node.childNodes {
      guard part.kind == .templateLiteral else { return nil }
      for (_, token) in file.directTokens(of: part) where token.kind == .quotedLit { text += file.text(of: token) }
    }
    // A name with escapes is no env label anyone writes; leaving it out keeps ranges and text in step.
    guard !text.contains("\\") else { return nil }
    return (text, TextRange(start: open.end, end: close.start))
  }
}

extension TextRange {
  /// Whether an offset is in the range, both ends included (a cursor right after a name is on it).
  func touches(_ offset: Int) -> Bool { start <= offset && offset <= end }
}
