// What a command that connects for an env (`mercator inspect -c FILE --env NAME`, the Inspect schema lens) needs
// from `env "NAME"`: its evaluated `url`, `schemas` and `exclude`, as text, or why one has no value yet (a data
// source only a run can compute, such as `aws_rds_token`, or a `for_each` env).
package import HCLSyntax
import HCLEval

package struct EnvironmentSettings: Sendable {
  package let url: DataSourceArguments.Argument
  package let schemas: [String]
  package let exclude: [String]
  /// Where the env's `url` is written (for messages that point at it); nil when it has none.
  package let urlRange: TextRange?
  /// The data sources (`TYPE.NAME`) an unknown `url` reads: what a command must run before it can connect.
  package let urlDataSources: [String]

  /// Why no settings can be read: no such env, or an env Mercator cannot run (yet).
  package struct Failure: Error, Sendable, Equatable {
    package var message: String
    package var range: TextRange?
  }

  /// The settings of `env "NAME"`, evaluated with `inputs` (whose `env` should be NAME, as Atlas sets `atlas.env`).
  package static func read(env name: String, in file: ParsedFile, inputs: EvaluationInputs) -> Result<Self, Failure> {
    let views = StructureChecker(file: file)
    let (_, blocks) = views.items(of: file.root.firstChild(.body))
    let envs = blocks.filter { $0.type == "env" && $0.labels.first?.text == name }
    let declared = blocks.filter { $0.type == "env" }.compactMap { $0.labels.first?.text }
    guard let block = envs.first else {
      let known = declared.isEmpty ? "the file declares no env" : "declared: \(declared.joined(separator: ", "))"
      return .failure(Failure(message: "not declared (\(known))", range: nil))
    }
    guard envs.count == 1 else {
      return .failure(Failure(message: "declared \(envs.count) times", range: block.headerRange))
    }
    let attributes = views.items(of: block.body).attributes
    if let forEach = attributes.first(where: { $0.name == "for_each" }) {
      return .failure(
        Failure(
          message: "uses for_each; inspecting each of its instances is not supported yet",
          range: forEach.nameRange))
    }
    let model = ProjectModel(file, views: views)
    let evaluation = ProjectEvaluation(file, model: model, inputs: inputs, views: views)

    func value(_ attribute: String) -> (value: Value, range: TextRange)? {
      guard let expression = attributes.first(where: { $0.name == attribute })?.value else { return nil }
      return (evaluation.values[expression.range] ?? .unknown(.dynamic), expression.range)
    }
    func strings(_ attribute: String) -> Result<[String], Failure> {
      guard let (value, range) = value(attribute) else { return .success([]) }
      guard value.isWhollyKnown else {
        return .failure(Failure(message: "\(attribute) has no value Mercator can compute", range: range))
      }
      let items = value.elements?.compactMap(\.stringValue) ?? []
      guard let elements = value.elements, items.count == elements.count else {
        return .failure(Failure(message: "\(attribute) must be a list of strings", range: range))
      }
      return .success(items)
    }

    let url: DataSourceArguments.Argument
    let urlRange = value("url")?.range
    var urlDataSources: [String] = []
    if let (urlValue, range) = value("url") {
      if !urlValue.isKnown {
        // What only a run can know: the data sources the url reads, directly or through locals.
        urlDataSources = Self.dataSources(reachedFrom: range, model: model)
        url = .unknown(
          reason: urlDataSources.isEmpty
            ? "url has no value Mercator can compute"
            : "url depends on \(urlDataSources.map { "data." + $0 }.joined(separator: ", ")), which mercator "
              + "inspect cannot run (it runs aws_rds_token only)")
      } else if urlValue.isNull {
        url = .invalid(reason: "url is null")
      } else if let text = urlValue.stringValue {
        url = .text(text)
      } else {
        url = .invalid(reason: "url must be a string, not \(urlValue.type.friendlyName)")
      }
    } else {
      url = .missing
    }
    let schemas: [String]
    let exclude: [String]
    switch strings("schemas") {
    case .success(let items): schemas = items
    case .failure(let failure): return .failure(failure)
    }
    switch strings("exclude") {
    case .success(let items): exclude = items
    case .failure(let failure): return .failure(failure)
    }
    return .success(
      EnvironmentSettings(
        url: url, schemas: schemas, exclude: exclude, urlRange: urlRange, urlDataSources: urlDataSources))
  }

  /// `TYPE.NAME` of every data source an expression reads, following locals (and the data sources those read) to
  /// the end, sorted: `url = local.url` with `local.url` holding `${data.aws_rds_token.db}` gives `aws_rds_token.db`.
  static func dataSources(reachedFrom range: TextRange, model: ProjectModel) -> [String] {
    var found: Set<String> = []
    var visitedLocals: Set<String> = []
    var visitedSources: Set<String> = []
    var pending = [range]
    while let current = pending.popLast() {
      for reference in model.references
      where current.start <= reference.rootRange.start && reference.rootRange.end <= current.end {
        let names = reference.names
        if reference.root == "data", names.count >= 2 {
          let name = names[0] + "." + names[1]
          found.insert(name)
          if visitedSources.insert(name).inserted, let source = model.dataSources.first(where: { $0.name == name }) {
            pending.append(source.range)
          }
        } else if reference.root == "local", let name = names.first, visitedLocals.insert(name).inserted,
          let local = model.locals.first(where: { $0.name == name })
        {
          pending.append(local.range)
        }
      }
    }
    return found.sorted()
  }
}
