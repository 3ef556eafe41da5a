// The evaluated arguments of one data source block, for a command that runs it (`mercator token`, a code lens):
// the analysis evaluates them anyway; this hands them out as text, or says why one has no text yet.
package import HCLEval
package import HCLSyntax

package struct DataSourceArguments: Sendable {
  /// One argument as a command needs it.
  package enum Argument: Sendable, Equatable {
    /// Not written in the block.
    case missing
    /// Known, and a string (or converted to one, as Atlas converts a number or bool given for a string).
    case text(String)
    /// Written, but known only when Atlas runs: the reason names what it depends on.
    case unknown(reason: String)
    /// Known, but no string: the reason says what it is.
    case invalid(reason: String)
  }

  package let type: String
  package let name: String
  /// The whole block, and where its labels are written (for messages that point at it).
  package let range: TextRange
  package let labelRange: TextRange
  /// The errors Mercator reports inside the block: a command should not run a block Atlas would reject.
  package let errors: [AtlasDiagnostic]

  private let values: [String: (value: Value, range: TextRange)]
  private let dependencies: [String: [String]]

  /// The labels of the data sources of `type` the file declares, in source order (for "did you mean" and listings).
  package static func declaredNames(ofType type: String, in file: ParsedFile) -> [String] {
    ProjectModel(file).dataSources.compactMap { source in
      source.dataType == type ? String(source.name.dropFirst(type.count + 1)) : nil
    }
  }

  /// The arguments of `data "TYPE" "NAME"`, evaluated as the analysis evaluates them; nil when no such block exists.
  package init?(type: String, name: String, in file: ParsedFile, inputs: EvaluationInputs = EvaluationInputs()) {
    let views = StructureChecker(file: file)
    let (_, blocks) = views.items(of: file.root.firstChild(.body))
    guard
      let block = blocks.first(where: {
        $0.type == "data" && $0.labels.count == 2 && $0.labels[0].text == type && $0.labels[1].text == name
      }), let lastLabel = block.labels.last
    else { return nil }
    let model = ProjectModel(file, views: views)
    let evaluation = ProjectEvaluation(file, model: model, inputs: inputs, views: views)
    self.type = type
    self.name = name
    range = block.node.range
    labelRange = TextRange(start: block.labels[0].range.start, end: lastLabel.range.end)

    var values: [String: (value: Value, range: TextRange)] = [:]
    var dependencies: [String: [String]] = [:]
    for attribute in views.items(of: block.body).attributes {
      guard let expression = attribute.value else { continue }
      values[attribute.name] = (evaluation.values[expression.range] ?? .unknown(.dynamic), expression.range)
      // What only a run can know: other data sources and `atlas.env` (unknown in the editor).
      dependencies[attribute.name] = model.references.compactMap { reference in
        guard expression.range.start <= reference.rootRange.start, reference.rootRange.end <= expression.range.end,
          reference.root == "data" || reference.root == "atlas"
        else { return nil }
        return reference.names.prefix(reference.root == "data" ? 2 : 1).reduce(reference.root) { $0 + "." + $1 }
      }
    }
    self.values = values
    self.dependencies = dependencies
    errors = AtlasChecks.checkDetailed(file, inputs: inputs).filter {
      $0.diagnostic.severity == .error && block.node.range.start <= $0.diagnostic.subject.start
        && $0.diagnostic.subject.end <= block.node.range.end
    }
  }

  /// Where an argument's expression is written; nil when it is not.
  package func range(of attribute: String) -> TextRange? { values[attribute]?.range }

  package func string(_ attribute: String) -> Argument {
    guard let (value, _) = values[attribute] else { return .missing }
    guard value.isKnown else {
      let names = dependencies[attribute] ?? []
      return .unknown(
        reason: names.isEmpty
          ? "\(attribute) has no value Mercator can compute"
          : "\(attribute) depends on \(names.joined(separator: ", ")), known only when Atlas runs")
    }
    if value.isNull { return .invalid(reason: "\(attribute) is null") }
    switch Conversion.convert(value, to: .string) {
    case .success(let converted):
      if let text = converted.stringValue { return .text(text) }
      return .unknown(reason: "\(attribute) has no value Mercator can compute")
    case .failure:
      return .invalid(reason: "\(attribute) must be a string, not \(value.type.friendlyName)")
    }
  }
}
