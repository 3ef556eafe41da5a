// The lenses that do work when clicked: Generate token on `data "aws_rds_token"`, Inspect schema, Test connection and
// Show evaluated config on `env`. Descriptors only: what runs, and on which block; running is the server's business.
package import HCLSyntax

/// What a command lens runs, and on which definition (a data source's label, an env's name).
package enum CodeLensCommand: Sendable, Hashable {
  case generateToken(dataSource: String)
  case inspectSchema(env: String)
  case testConnection(env: String)
  case showEvaluatedConfig(env: String)

  /// The command identifier of `workspace/executeCommand`.
  package var identifier: String {
    switch self {
    case .generateToken: "mercator.generateToken"
    case .inspectSchema: "mercator.inspectSchema"
    case .testConnection: "mercator.testConnection"
    case .showEvaluatedConfig: "mercator.showEvaluatedConfig"
    }
  }

  package var title: String {
    switch self {
    case .generateToken: "Generate token"
    case .inspectSchema: "Inspect schema"
    case .testConnection: "Test connection"
    case .showEvaluatedConfig: "Show evaluated config"
    }
  }

  /// The data source label or env name the command takes.
  package var target: String {
    switch self {
    case .generateToken(let name), .inspectSchema(let name), .testConnection(let name), .showEvaluatedConfig(let name):
      name
    }
  }

  /// Whether it reaches outside the editor (AWS credentials, a database): those lenses a setting turns off.
  package var executes: Bool {
    if case .showEvaluatedConfig = self { return false }
    return true
  }

  package static let identifiers = [
    "mercator.generateToken", "mercator.inspectSchema", "mercator.testConnection", "mercator.showEvaluatedConfig",
  ]

  /// The command for an identifier and its target.
  package init?(identifier: String, target: String) {
    switch identifier {
    case "mercator.generateToken": self = .generateToken(dataSource: target)
    case "mercator.inspectSchema": self = .inspectSchema(env: target)
    case "mercator.testConnection": self = .testConnection(env: target)
    case "mercator.showEvaluatedConfig": self = .showEvaluatedConfig(env: target)
    default: return nil
    }
  }
}

extension CodeLenses {
  /// The command lenses of a file, in source order; `executing: false` leaves out those that reach outside (only
  /// Show evaluated config stays). An env with `for_each` gets Show evaluated config only: which of its copies to
  /// connect to is not a question a lens can ask. Unlabelled envs and data blocks get none.
  package static func commands(_ analysis: AtlasAnalysis, executing: Bool = true) -> [CodeLens] {
    let model = analysis.model
    var lenses: [CodeLens] = []
    for source in model.dataSources where source.dataType == "aws_rds_token" && executing {
      let label = String(source.name.dropFirst("aws_rds_token.".count))
      guard !label.isEmpty else { continue }
      lenses.append(CodeLens(kind: .command(.generateToken(dataSource: label)), range: header(of: source)))
    }
    for env in model.envs where !env.name.isEmpty {
      var commands: [CodeLensCommand] = []
      if executing && !env.usesForEach {
        commands += [.inspectSchema(env: env.name), .testConnection(env: env.name)]
      }
      commands.append(.showEvaluatedConfig(env: env.name))
      for command in commands { lenses.append(CodeLens(kind: .command(command), range: header(of: env))) }
    }
    // Stable: lenses on the same header keep the order above.
    return lenses.enumerated().sorted { ($0.element.range.start, $0.offset) < ($1.element.range.start, $1.offset) }
      .map(\.element)
  }

  private static func header(of definition: ProjectModel.Definition) -> TextRange {
    TextRange(start: definition.range.start, end: definition.nameRange.end)
  }
}
