// Small helpers the commands share: reading files, printing to stderr, rendering diagnostics as text.
import Foundation
import HCLSyntax

enum SourceFile {
  /// The file's bytes, or nil when it cannot be read.
  static func read(_ path: String) -> [UInt8]? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return Array(data)
  }
}

func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

enum DiagnosticRenderer {
  /// `path:line:column: severity: summary [code]` then the detail indented; lines and columns are 1-based and
  /// columns count Unicode scalars, as `mercator check --format json` does.
  static func text(_ diagnostic: Diagnostic, path: String, lines: LineIndex) -> String {
    let start = lines.position(of: diagnostic.subject.start, unit: .unicodeScalar)
    var out = "\(path):\(start.line + 1):\(start.column + 1): \(diagnostic.severity.rawValue): \(diagnostic.summary)"
    out += " [\(diagnostic.code)]"
    if let detail = diagnostic.detail, !detail.isEmpty { out += "\n  \(detail)" }
    return out
  }
}

