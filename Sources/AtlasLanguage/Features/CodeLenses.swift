// Code lenses as plain descriptors: where each lens sits and what kind it is. Listing them is cheap; what a lens
// shows (a reference count) is worked out only when the editor resolves it. New kinds (commands that run something
// when clicked) are new cases of `CodeLens.Kind`.
package import HCLSyntax

package struct CodeLens: Sendable, Hashable {
  package enum Kind: Sendable, Hashable {
    /// How often a local, variable or data source is used: `name` as `ProjectModel.Definition.name` has it.
    case references(ProjectModel.DefinitionKind, name: String)
    /// A lens that runs something when clicked (see CommandLenses.swift).
    case command(CodeLensCommand)
  }

  package var kind: Kind
  /// Where the lens sits: the definition's header (the editor shows the lens above its first line).
  package var range: TextRange
}

package enum CodeLenses {
  /// One reference-count lens per local, variable and data source, in source order.
  package static func compute(_ analysis: AtlasAnalysis) -> [CodeLens] {
    let model = analysis.model
    var lenses: [CodeLens] = []
    for definition in model.variables + model.locals + model.dataSources {
      // For a block, from its type word to its name; a local's attribute name alone.
      let start = definition.kind == .local ? definition.nameRange.start : definition.range.start
      lenses.append(CodeLens(kind: .references(definition.kind, name: definition.name),
                             range: TextRange(start: start, end: definition.nameRange.end)))
    }
    return lenses.sorted { $0.range.start < $1.range.start }
  }

  /// The uses of a definition, in source order: Find References' occurrences without the definitions, so a lens
  /// counts exactly what its click lists.
  package static func uses(of kind: ProjectModel.DefinitionKind, name: String, in analysis: AtlasAnalysis) -> [TextRange] {
    guard let symbol = ProjectSymbol(kind, name: name) else { return [] }
    return Navigation.occurrences(of: symbol, in: analysis).filter { $0.role == .use }.map(\.range)
  }

  /// `1 reference`, `3 references`, `no references`.
  package static func referenceCountTitle(_ count: Int) -> String {
    switch count {
    case 0: "no references"
    case 1: "1 reference"
    default: "\(count) references"
    }
  }
}
