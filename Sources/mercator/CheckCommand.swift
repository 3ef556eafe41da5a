// `mercator check`: syntax and atlas.hcl structure diagnostics for files, as text, JSON, GitHub annotations or SARIF.
import ArgumentParser
import AtlasLanguage
import HCLSyntax
import LanguageServer

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Report diagnostics for atlas.hcl files (exit 1 if any error)."
  )

  @Option(help: "Output format: text, json, github or sarif.")
  var format: CheckFormat = .text

  @Option(name: .customLong("env"), help: "The env Atlas would run with (the value of atlas.env); unknown if not given.")
  var environment: String?

  @Option(name: .customLong("var"), help: "An input variable, KEY=VALUE (repeatable; comma-separated pairs as in Atlas).")
  var variables: [String] = []

  @Argument(help: "atlas.hcl files to check.")
  var paths: [String]

  func run() throws {
    let given = try VariableArguments.parse(variables)
    var reports: [CheckReport] = []
    var failed = false
    for path in paths {
      guard let source = SourceFile.readOrReport(path) else {
        failed = true
        continue
      }
      let report = CheckReport.make(path: path, source: source, environment: environment, variables: given)
      if report.hasErrors { failed = true }
      reports.append(report)
    }
    print(CheckOutput.render(reports, format: format), terminator: "")
    if failed { throw ExitCode(1) }
  }
}

enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, github, sarif
}

/// One file's diagnostics: syntax first, then structure, in source order.
struct CheckReport {
  let path: String
  let lines: LineIndex
  let diagnostics: [AtlasDiagnostic]

  var hasErrors: Bool { diagnostics.contains { $0.diagnostic.severity == .error } }

  /// `file()` and `fileset()` read relative to the file's folder, as Atlas does.
  static func make(
    path: String, source: [UInt8], environment: String? = nil, variables: [String: [String]] = [:]
  ) -> CheckReport {
    let parsed = Parser.parseConfig(source)
    var all = parsed.diagnostics.map { AtlasDiagnostic($0) }
    let files = ProjectFiles(directory: ProjectFiles.directory(of: path))
    all += AtlasChecks.checkDetailed(
      parsed, inputs: EvaluationInputs(env: environment, variables: variables, host: files.host))
    all.sort { $0.diagnostic.subject.start < $1.diagnostic.subject.start }
    return CheckReport(path: path, lines: LineIndex(source), diagnostics: all)
  }
}

/// A diagnostic's position: 1-based lines and columns, columns in Unicode scalars (DESIGN §2).
struct CheckLocation {
  let line: Int, column: Int, endLine: Int, endColumn: Int

  init(_ range: TextRange, _ lines: LineIndex) {
    let start = lines.position(of: range.start, unit: .unicodeScalar)
    let end = lines.position(of: max(range.end, range.start), unit: .unicodeScalar)
    (line, column, endLine, endColumn) = (start.line + 1, start.column + 1, end.line + 1, end.column + 1)
  }
}

enum CheckOutput {
  static let toolVersion = "0.1.0"

  static func render(_ reports: [CheckReport], format: CheckFormat) -> String {
    switch format {
    case .text: text(reports)
    case .json: json(reports)
    case .github: github(reports)
    case .sarif: sarif(reports)
    }
  }

  static func text(_ reports: [CheckReport]) -> String {
    var out = ""
    for report in reports {
      for item in report.diagnostics {
        out += DiagnosticRenderer.text(item.diagnostic, path: report.path, lines: report.lines) + "\n"
      }
    }
    return out
  }

  /// One array of `{"path","line","column","endLine","endColumn","severity","code","message"}`.
  static func json(_ reports: [CheckReport]) -> String {
    var items: [String] = []
    for report in reports {
      for item in report.diagnostics {
        let d = item.diagnostic
        let at = CheckLocation(d.subject, report.lines)
        items.append(
          "{\"path\":\(quote(report.path)),\"line\":\(at.line),\"column\":\(at.column),\"endLine\":\(at.endLine),"
            + "\"endColumn\":\(at.endColumn),\"severity\":\(quote(d.severity.rawValue)),\"code\":\(quote(d.code)),"
            + "\"message\":\(quote(d.message))}")
      }
    }
    return items.isEmpty ? "[]\n" : "[\n  " + items.joined(separator: ",\n  ") + "\n]\n"
  }

  /// GitHub Actions workflow commands: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`.
  static func github(_ reports: [CheckReport]) -> String {
    var out = ""
    for report in reports {
      for item in report.diagnostics {
        let d = item.diagnostic
        let at = CheckLocation(d.subject, report.lines)
        let command = switch d.severity {
        case .error: "error"
        case .warning: "warning"
        case .information: "notice"
        }
        out += "::\(command) file=\(githubProperty(report.path)),line=\(at.line),"
          + "col=\(at.column),endLine=\(at.endLine),endColumn=\(at.endColumn),title=\(githubProperty(d.code))::"
          + githubData(d.message) + "\n"
      }
    }
    return out
  }

  static func sarifLevel(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .information: "note"
    }
  }

  /// A minimal SARIF 2.1.0 log: one run, the rules used, one result per diagnostic.
  static func sarif(_ reports: [CheckReport]) -> String {
    var rules: [String: String?] = [:]
    var results: [String] = []
    for report in reports {
      for item in report.diagnostics {
        let d = item.diagnostic
        if rules[d.code] == nil { rules[d.code] = item.documentation }
        let at = CheckLocation(d.subject, report.lines)
        results.append(
          "{\"ruleId\":\(quote(d.code)),\"level\":\(quote(sarifLevel(d.severity))),"
            + "\"message\":{\"text\":\(quote(d.message))},\"locations\":[{\"physicalLocation\":{"
            + "\"artifactLocation\":{\"uri\":\(quote(report.path))},\"region\":{\"startLine\":\(at.line),"
            + "\"startColumn\":\(at.column),\"endLine\":\(at.endLine),\"endColumn\":\(at.endColumn)}}}]}")
      }
    }
    let ruleItems = rules.keys.sorted().map { code -> String in
      var rule = "{\"id\":\(quote(code))"
      if let link = rules[code] ?? nil { rule += ",\"helpUri\":\(quote(link))" }
      return rule + "}"
    }
    return "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{"
      + "\"name\":\"mercator\",\"version\":\(quote(toolVersion)),\"informationUri\":\"https://atlasgo.io/atlas-schema/projects\","
      + "\"rules\":[\(ruleItems.joined(separator: ","))]}},\"results\":[\(results.joined(separator: ","))]}]}\n"
  }

  /// A JSON string literal, written by the language server's JSON writer.
  static func quote(_ text: String) -> String { JSONValue.string(text).serializedString }

  /// GitHub's escaping of a command's message.
  static func githubData(_ text: String) -> String {
    text.replacingAll("%", "%25").replacingAll("\r", "%0D").replacingAll("\n", "%0A")
  }

  /// GitHub's escaping of a command's property value.
  static func githubProperty(_ text: String) -> String {
    githubData(text).replacingAll(":", "%3A").replacingAll(",", "%2C")
  }
}

extension String {
  fileprivate func replacingAll(_ target: Character, _ replacement: String) -> String {
    var out = ""
    for character in self { if character == target { out += replacement } else { out.append(character) } }
    return out
  }
}
