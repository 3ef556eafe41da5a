// Rename of a variable, local, data source or env: where it may start (prepare), which new names are allowed, and the
// edits over the one file Atlas reads (see Navigation.swift). Renaming an env also renames the strings compared with
// `atlas.env`, which name it; a variable's new name is also the one `--var` must use from then on.
package import HCLSyntax

/// What a rename at a position would replace, and the current name to offer.
package struct RenameTarget: Sendable, Hashable {
  package var symbol: ProjectSymbol
  /// The name under the position (for a data source, its name even when the position is on its type).
  package var range: TextRange
  package var placeholder: String
}

package enum Rename {
  /// Where a rename at `offset` applies, or why it cannot.
  package static func prepare(at offset: Int, in analysis: AtlasAnalysis) -> Result<RenameTarget, NavigationRefusal> {
    Navigation.symbol(at: offset, in: analysis).map { found in
      RenameTarget(symbol: found.symbol, range: found.occurrence.range, placeholder: found.symbol.name)
    }
  }

  /// The edits that rename the symbol at `offset` to `newName`, in source order; refused when nothing renamable is
  /// there, when the name is not one Atlas accepts, or when it is taken.
  package static func edits(at offset: Int, to newName: String, in analysis: AtlasAnalysis)
    -> Result<[TextEdit], NavigationRefusal>
  {
    let target: RenameTarget
    switch prepare(at: offset, in: analysis) {
    case .success(let found): target = found
    case .failure(let refusal): return .failure(refusal)
    }
    if let problem = problem(with: newName, for: target.symbol, in: analysis.model) {
      return .failure(NavigationRefusal(problem))
    }
    let occurrences = Navigation.occurrences(of: target.symbol, in: analysis)
    let source = analysis.file.source
    return .success(occurrences.map { occurrence in
      // A bare-word label (`env dev {`) must stay an identifier: a new env name that is not one is written quoted.
      let start = occurrence.range.start
      let isBareLabel = occurrence.role == .definition && (start == 0 || source[start - 1] != UInt8(ascii: "\""))
      if case .env = target.symbol, isBareLabel, !isIdentifier(newName) {
        return TextEdit(range: occurrence.range, newText: "\"\(newName)\"")
      }
      return TextEdit(range: occurrence.range, newText: newName)
    })
  }

  /// What is wrong with a new name, or nil. Variables, locals and data sources are read as `var.NAME`, `local.NAME`
  /// and `data.TYPE.NAME`, so their names must be HCL identifiers. An env name is only ever a string (the label,
  /// `--env NAME`, `atlas.env`), but it must fit in a label without escapes and be typeable on a command line.
  static func problem(with newName: String, for symbol: ProjectSymbol, in model: ProjectModel) -> String? {
    if newName == symbol.name { return nil }
    switch symbol {
    case .env:
      let forbidden = newName.unicodeScalars.contains {
        $0 == "\"" || $0 == "\\" || $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F
      }
      if newName.isEmpty || forbidden || newName.contains("${") || newName.contains("%{") {
        return "\"\(newName)\" is not a usable env name: it must be non-empty, without blanks, quotes, backslashes or `${`/`%{`."
      }
    default:
      guard isIdentifier(newName) else {
        return "\"\(newName)\" is not a valid name: use letters, digits, `_` and `-`, starting with a letter or `_`."
      }
    }
    let taken: Bool
    switch symbol {
    case .variable: taken = model.variables.contains { $0.name == newName }
    case .local: taken = model.locals.contains { $0.name == newName }
    case .dataSource(let type, _): taken = model.dataSources.contains { $0.name == "\(type).\(newName)" }
    case .env: taken = model.envs.contains { $0.name == newName }
    }
    guard taken else { return nil }
    let renamed: ProjectSymbol = switch symbol {
    case .variable: .variable(newName)
    case .local: .local(newName)
    case .dataSource(let type, _): .dataSource(type: type, name: newName)
    case .env: .env(newName)
    }
    return "\(renamed.displayName) already exists: renaming \(symbol.displayName) to it would merge the two."
  }

  /// Whether a text is exactly one HCL identifier, as the lexer reads one.
  static func isIdentifier(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty else { return false }
    let tokens = Lexer.tokenize(bytes).filter { $0.kind != .eof }
    return tokens.count == 1 && tokens[0].kind == .ident && tokens[0].range == TextRange(start: 0, end: bytes.count)
  }
}
