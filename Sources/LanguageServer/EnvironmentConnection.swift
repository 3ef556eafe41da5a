// From an env of an atlas.hcl to what a database connection needs: its url, schemas and exclude evaluated as Atlas
// evaluates them, after running the aws_rds_token data sources the url reads (and nothing else). Shared by
// `mercator inspect -c` and the Inspect schema and Test connection lenses, so both run the same steps.
package import AWSAuth
package import AtlasLanguage
package import DatabaseInspection
import HCLEval
package import HCLSyntax

/// Why an env gives no connection: the message (no secret in it), where in the file when there is a place.
package struct EnvironmentConnectionFailure: Error, Sendable {
  package var message: String
  package var range: TextRange?
}

/// An env ready to connect to: the request (its `secrets` hold every token value) and the tokens signed for it.
package struct EnvironmentConnection: Sendable {
  package var request: InspectRequest
  package var tokens: [RDSTokenResult]

  /// Evaluates `env "NAME"` of `file`. When its url is unknown only because it reads `aws_rds_token` data sources,
  /// those are run (the token signed with `aws`'s credentials) and the env evaluated again with their values marked
  /// sensitive, as Atlas does before it connects. `schemas` and `exclude`, when given, replace the env's (as
  /// Atlas's flags do). `willSign` is told each data source before it runs, for progress.
  package static func resolve(
    env name: String, in file: ParsedFile, inputs: EvaluationInputs, aws: AWSEnvironment,
    schemas: [String] = [], exclude: [String] = [], willSign: @Sendable (String) -> Void = { _ in }
  ) async -> Result<EnvironmentConnection, EnvironmentConnectionFailure> {
    var inputs = inputs
    inputs.env = name
    var tokens: [RDSTokenResult] = []
    var read = EnvironmentSettings.read(env: name, in: file, inputs: inputs)
    let tokenType = RDSTokenRequest.dataSourceType + "."
    if case .success(let settings) = read, case .unknown = settings.url, !settings.urlDataSources.isEmpty,
      settings.urlDataSources.allSatisfy({ $0.hasPrefix(tokenType) })
    {
      for source in settings.urlDataSources {
        let label = String(source.dropFirst(tokenType.count))
        let request: RDSTokenRequest
        switch RDSTokenRequest.fromConfig(file, name: label, inputs: inputs) {
        case .success(let found): request = found
        case .failure(let failure):
          return .failure(.init(message: "data.\(source): \(failure.message)", range: failure.range))
        }
        willSign(source)
        do {
          let result = try await RDSTokenGeneration.generate(request, environment: aws)
          tokens.append(result)
          inputs.dataSources[source] = Value.string(result.token).marked(true)
        } catch {
          return .failure(.init(message: "data.\(source): \(error)", range: nil))
        }
      }
      read = EnvironmentSettings.read(env: name, in: file, inputs: inputs)
    }
    switch read {
    case .failure(let failure):
      return .failure(.init(message: failure.message, range: failure.range))
    case .success(let settings):
      switch settings.url {
      case .text(let text):
        var request = InspectRequest(
          url: text, schemas: schemas.isEmpty ? settings.schemas : schemas,
          exclude: exclude.isEmpty ? settings.exclude : exclude)
        request.secrets = tokens.map(\.token)
        return .success(EnvironmentConnection(request: request, tokens: tokens))
      case .missing: return .failure(.init(message: "the env has no url", range: nil))
      case .unknown(let reason), .invalid(let reason):
        return .failure(.init(message: reason, range: settings.urlRange))
      }
    }
  }
}
