// `mercator inspect`: the live schema of a database as Atlas HCL, byte for byte what `atlas schema inspect` prints.
import ArgumentParser
import AtlasLanguage
import DatabaseInspection
import HCLSyntax
import LanguageServer

struct InspectCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Print a live database schema as Atlas HCL (as `atlas schema inspect` does).",
    discussion: """
      Either --url URL, or -c FILE --env NAME for the url (and schemas, exclude) of an env of an atlas.hcl; an \
      aws_rds_token data source the url reads is run first (credentials from the standard AWS chain). \
      Supported today: SQLite (sqlite://path, sqlite://name?mode=memory) and PostgreSQL (postgres://…; \
      ?search_path=s inspects one schema) and MySQL/MariaDB (mysql://, maria://, mariadb://, +unix). With \
      --format '{{ sql . }}' or '{{ sql . "  " }}' it prints the schema as SQL DDL instead, as \
      `atlas schema inspect --format` does. Errors go to stderr with the password masked.
      """
  )

  @Option(name: [.customShort("u"), .customLong("url")], help: "The database URL (postgres://, mysql://, sqlite://, …).")
  var url: String?

  @Option(name: [.customShort("c"), .customLong("config")], help: "The atlas.hcl that declares the env.")
  var config: String?

  @Option(name: .customLong("env"), help: "The env whose url to inspect, with -c.")
  var environment: String?

  @Option(name: .customLong("var"), help: "An input variable, KEY=VALUE (repeatable; comma-separated pairs), with -c.")
  var variables: [String] = []

  @Option(name: [.customShort("s"), .customLong("schema")], help: "A schema to inspect (repeatable, or a,b).")
  var schemas: [String] = []

  @Option(help: "A glob of resources to leave out, such as users or *.[ab]* (repeatable).")
  var exclude: [String] = []

  @Option(help: ArgumentHelp(
    "Print SQL DDL instead of HCL, as Atlas's template does: '{{ sql . }}' (one line per statement) or "
      + "'{{ sql . \"  \" }}' (statements indented by the given string).",
    valueName: "template"))
  var format: String?

  func validate() throws {
    switch (url, config) {
    case (.some, .some): throw ValidationError("give either --url or -c FILE --env NAME, not both")
    case (.none, .none): throw ValidationError("give --url URL, or -c FILE --env NAME")
    case (.some, .none):
      guard environment == nil, variables.isEmpty else { throw ValidationError("--env and --var need -c FILE") }
    case (.none, .some):
      guard environment != nil else { throw ValidationError("-c FILE needs --env NAME") }
    }
  }

  func run() async throws {
    var output = InspectFormat.hcl
    if let format {
      // Checked before anything runs: a template we cannot honour must not cost a connection.
      switch InspectFormat.parse(format) {
      case .success(let parsed): output = parsed
      case .failure(let error):
        printError("mercator inspect: \(error.message)")
        throw ExitCode(1)
      }
    }
    var request = InspectRequest(url: url ?? "", schemas: schemas, exclude: exclude)
    if let config, let environment {
      request = try await requestFromConfig(config, environment: environment)
    }
    request.format = output
    do {
      print(try DatabaseInspection.inspect(request), terminator: "")
    } catch {
      printError("mercator inspect: \(error.message)")
      throw ExitCode(1)
    }
  }

  /// The env's url, schemas and exclude, evaluated (running the aws_rds_token data sources the url reads) by the
  /// same function the Inspect schema lens uses; --schema/--exclude flags replace the env's.
  func requestFromConfig(_ config: String, environment: String) async throws -> InspectRequest {
    guard let source = SourceFile.readOrReport(config) else { throw ExitCode(1) }
    let inputs = EvaluationInputs(
      env: environment, variables: try VariableArguments.parse(variables),
      host: ProjectFiles(directory: ProjectFiles.directory(of: config)).host)
    let resolved = await EnvironmentConnection.resolve(
      env: environment, in: Parser.parseConfig(source), inputs: inputs, aws: .process, schemas: schemas,
      exclude: exclude)
    switch resolved {
    case .success(let connection): return connection.request
    case .failure(let failure):
      printError("\(SourceFile.location(config, source, failure.range)): error: env \"\(environment)\": \(failure.message)")
      throw ExitCode(1)
    }
  }
}
