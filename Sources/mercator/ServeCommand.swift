// `mercator serve`: the language server on stdin/stdout (`--stdio` is accepted and ignored, for VS Code's client).
import ArgumentParser
import LanguageServer

struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Run the language server on stdin/stdout."
  )

  @Flag(help: "Accepted and ignored: stdio is the only transport.")
  var stdio = false

  func run() throws {
    let code = StdioTransport.run()
    if code != 0 { throw ExitCode(code) }
  }
}
