// Small helpers the commands share: reading files, printing to stderr, rendering diagnostics as text.
import ArgumentParser
import Foundation
import HCLSyntax

enum SourceFile {
  /// The file's bytes, or nil when it cannot be read. Read straight into the array: going through `Data` would copy
  /// a large file once more.
  static func read(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    let expected = fstat(descriptor, &status) == 0 ? max(Int(status.st_size), 0) : 0
    var failed = false
    var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, initialized in
      initialized = 0
      guard let base = buffer.baseAddress else { return }
      while initialized < expected {
        let count = Glibc.read(descriptor, base + initialized, expected - initialized)
        if count < 0 { failed = true }
        if count <= 0 { break }
        initialized += count
      }
    }
    // Whatever lies past the size `fstat` saw: a file still growing, or one that reports no size.
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while !failed {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 { failed = true }
      if count <= 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
    }
    return failed ? nil : bytes
  }

  /// `PATH:LINE:COLUMN` (1-based, columns in Unicode scalars as `check` prints them), or just `PATH` without a range.
  static func location(_ path: String, _ source: [UInt8], _ range: TextRange?) -> String {
    guard let range else { return path }
    let start = LineIndex(source).position(of: range.start, unit: .unicodeScalar)
    return "\(path):\(start.line + 1):\(start.column + 1)"
  }

  /// `read`, saying on stderr when the file cannot be read (every command reports it the same way).
  static func readOrReport(_ path: String) -> [UInt8]? {
    guard let bytes = read(path) else {
      printError("\(path): cannot read file")
      return nil
    }
    return bytes
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


enum VariableArguments {
  /// `--var KEY=VALUE` arguments as Atlas reads them: comma-separated pairs split too, a repeated key gives a list.
  static func parse(_ arguments: [String]) throws -> [String: [String]] {
    var given: [String: [String]] = [:]
    for item in arguments.flatMap({ $0.split(separator: ",") }) {
      let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard parts.count == 2, !parts[0].isEmpty else {
        throw ValidationError("variables must be given as key=value, not \"\(item)\"")
      }
      given[String(parts[0]), default: []].append(String(parts[1]))
    }
    return given
  }
}
