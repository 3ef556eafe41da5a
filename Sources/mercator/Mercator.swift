// The mercator command line: argument parsing and the commands of DESIGN §2, nothing else.
import ArgumentParser

@main
struct Mercator: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mercator",
    abstract: "Language server and tools for Atlas's atlas.hcl.",
    subcommands: [
      CheckCommand.self, ParseCommand.self, FormatCommand.self, TokenCommand.self, InspectCommand.self,
      ServeCommand.self,
    ]
  )
}
