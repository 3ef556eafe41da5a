// `mercator token`: an RDS IAM auth token for a data "aws_rds_token" block of an atlas.hcl, or for flags.
import ArgumentParser
import AWSAuth
import AtlasLanguage
import Foundation
import HCLSyntax
import LanguageServer

struct TokenCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "token",
    abstract: "Print an RDS IAM auth token (as `aws rds generate-db-auth-token` does).",
    discussion: """
      Either -c FILE NAME, for the data "aws_rds_token" "NAME" block of an atlas.hcl (its arguments are evaluated \
      as Atlas evaluates them), or --endpoint HOST:PORT --username USER. Credentials come from the standard AWS \
      chain (environment, profile files, SSO, credential_process, container, EC2 instance metadata). stdout holds \
      only the token.
      """
  )

  @Option(name: [.customShort("c"), .customLong("config")], help: "The atlas.hcl that declares the data source.")
  var config: String?

  @Argument(help: "The data source's name (its second label), with -c.")
  var name: String?

  @Option(help: "The database endpoint, HOST:PORT.")
  var endpoint: String?

  @Option(help: "The database user the token is for.")
  var username: String?

  @Option(help: "The AWS region (overrides the data source's).")
  var region: String?

  @Option(help: "The AWS profile (overrides the data source's).")
  var profile: String?

  @Option(help: "Sign as of this instant (ISO 8601, e.g. 2024-01-02T03:04:05Z), to reproduce a signature.")
  var signingTime: String?

  @Option(name: .customLong("env"), help: "The env Atlas would run with (the value of atlas.env), with -c.")
  var environment: String?

  @Option(name: .customLong("var"), help: "An input variable, KEY=VALUE (repeatable), with -c.")
  var variables: [String] = []

  @Flag(help: "Also print what the token was made from (user, endpoint, region, credential source) on stderr.")
  var verbose = false

  func validate() throws {
    if config != nil {
      guard name != nil else { throw ValidationError("-c FILE needs the data source's NAME") }
      guard endpoint == nil, username == nil else {
        throw ValidationError("give either -c FILE NAME or --endpoint and --username, not both")
      }
    } else {
      guard name == nil else { throw ValidationError("NAME needs -c FILE") }
      guard endpoint != nil, username != nil else {
        throw ValidationError("give -c FILE NAME, or both --endpoint HOST:PORT and --username USER")
      }
      guard environment == nil, variables.isEmpty else { throw ValidationError("--env and --var need -c FILE") }
    }
    if let signingTime, Self.instant(signingTime) == nil {
      throw ValidationError("--signing-time must be ISO 8601, such as 2024-01-02T03:04:05Z, not \"\(signingTime)\"")
    }
  }

  func run() async throws {
    var request: RDSTokenRequest
    if let config, let name {
      guard let source = SourceFile.readOrReport(config) else { throw ExitCode(1) }
      let file = Parser.parseConfig(source)
      let inputs = EvaluationInputs(
        env: environment, variables: try VariableArguments.parse(variables),
        host: ProjectFiles(directory: ProjectFiles.directory(of: config)).host)
      switch RDSTokenRequest.fromConfig(file, name: name, inputs: inputs) {
      case .success(let found): request = found
      case .failure(let failure):
        let location = SourceFile.location(config, source, failure.range)
        printError("\(location): error: data \"aws_rds_token\" \"\(name)\": \(failure.message)")
        throw ExitCode(1)
      }
    } else {
      request = RDSTokenRequest(endpoint: endpoint ?? "", username: username ?? "")
    }
    if let region { request.region = region }
    if let profile { request.profile = profile }

    do {
      let result = try await RDSTokenGeneration.generate(
        request, environment: .process, date: signingTime.flatMap(Self.instant))
      if verbose { printError(result.summary) }
      print(result.token)
    } catch {
      printError("mercator token: \(error)")
      throw ExitCode(1)
    }
  }

  /// An ISO 8601 instant with an offset, with or without fractional seconds.
  static func instant(_ text: String) -> Date? { RFC3339.parse(text) }
}
