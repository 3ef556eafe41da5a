// `mercator parse`: HCL syntax diagnostics for any .hcl file, optionally with the syntax tree.
import ArgumentParser
import HCLSyntax

struct ParseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parse",
    abstract: "Report HCL syntax errors (exit 1 if any); --dump prints the syntax tree."
  )

  @Flag(help: "Print the syntax tree of each file.")
  var dump = false

  @Option(help: "Read files as a config body, a lone expression or a bare template (default: config; .hcle files are expressions and .tmpl files templates).")
  var syntax: SyntaxMode?

  @Argument(help: "Files to parse.")
  var paths: [String]

  func run() throws {
    var failed = false
    for path in paths {
      guard let source = SourceFile.readOrReport(path) else {
        failed = true
        continue
      }
      let parsed: ParsedFile
      switch syntax ?? SyntaxMode(path: path) {
      case .config: parsed = Parser.parseConfig(source)
      case .expression: parsed = Parser.parseExpression(source)
      case .template: parsed = Parser.parseTemplate(source)
      }
      if dump {
        print("== \(path)")
        print(parsed.dump(), terminator: "")
      }
      guard !parsed.diagnostics.isEmpty else { continue }
      let lines = LineIndex(source)
      for diagnostic in parsed.diagnostics {
        print(DiagnosticRenderer.text(diagnostic, path: path, lines: lines))
      }
      if parsed.hasErrors { failed = true }
    }
    if failed { throw ExitCode(1) }
  }
}

enum SyntaxMode: String, ExpressibleByArgument, CaseIterable {
  case config, expression, template

  /// hcl's own convention for its test inputs: `.hcle` holds an expression, `.tmpl` a template.
  init(path: String) {
    if path.hasSuffix(".hcle") {
      self = .expression
    } else if path.hasSuffix(".tmpl") {
      self = .template
    } else {
      self = .config
    }
  }
}
