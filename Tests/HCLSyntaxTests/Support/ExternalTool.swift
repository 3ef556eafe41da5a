// Runs the reference tools (hcl-tokens, hcl-oracle) that scripts/test.sh builds into .build-tools/.
import Foundation
import Testing

/// A reference program found through an environment variable, or in `<package root>/.build-tools/<name>`.
struct ExternalTool: Sendable {
  /// The binary's name in `.build-tools/`.
  let name: String
  /// The environment variable that holds its absolute path.
  let environmentVariable: String

  /// hashicorp/hcl's token stream: `hcl-tokens PATH...` prints `== PATH` then `Kind<TAB>start<TAB>end` lines.
  static let hclTokens = ExternalTool(name: "hcl-tokens", environmentVariable: "HCL_TOKENS")
  /// hashicorp/hcl's parser and formatter: `hcl-oracle fmt|parse|diags` (../shared/tools/hcl-oracle).
  static let hclOracle = ExternalTool(name: "hcl-oracle", environmentVariable: "HCL_ORACLE")

  struct Output: Sendable {
    var status: Int32
    var stdout: [UInt8]
    var stderr: [UInt8]
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Where the tool should be: `$ENV_VAR` if set, else `.build-tools/<name>`.
  var expectedPath: String {
    if let path = ProcessInfo.processInfo.environment[environmentVariable], !path.isEmpty { return path }
    return packageRoot.appendingPathComponent(".build-tools/\(name)").path
  }

  /// The tool's path, or nil after recording an issue when it is not there. Skipping silently would let a test
  /// pass with nothing checked, so a missing tool is always reported (and is a hard failure under CI).
  func require(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
    let path = expectedPath
    if FileManager.default.isExecutableFile(atPath: path) { return path }
    let ci = isCI ? " CI is set: this is a hard failure." : ""
    Issue.record(
      "\(name) not found at \(path). Run `bash scripts/test.sh` (it builds .build-tools/\(name)) or set \(environmentVariable).\(ci)",
      sourceLocation: sourceLocation)
    return nil
  }

  /// Runs the tool at `path` with `arguments`, feeding `stdin`; returns its exit status and output.
  /// Output goes through temporary files, so large outputs cannot deadlock on a full pipe.
  static func run(_ path: String, _ arguments: [String], stdin: [UInt8] = []) throws -> Output {
    let fm = FileManager.default
    let dir = fm.temporaryDirectory.appendingPathComponent("mercator-tool-\(UUID().uuidString)", isDirectory: true)
    try fm.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: dir) }
    let inURL = dir.appendingPathComponent("stdin")
    let outURL = dir.appendingPathComponent("stdout")
    let errURL = dir.appendingPathComponent("stderr")
    try Data(stdin).write(to: inURL)
    _ = fm.createFile(atPath: outURL.path, contents: nil)
    _ = fm.createFile(atPath: errURL.path, contents: nil)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let inHandle = try FileHandle(forReadingFrom: inURL)
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)
    defer {
      try? inHandle.close()
      try? outHandle.close()
      try? errHandle.close()
    }
    process.standardInput = inHandle
    process.standardOutput = outHandle
    process.standardError = errHandle
    try process.run()
    process.waitUntilExit()
    guard let out = fm.contents(atPath: outURL.path), let err = fm.contents(atPath: errURL.path) else {
      throw Failure(description: "cannot read the output of \(path)")
    }
    return Output(status: process.terminationStatus, stdout: Array(out), stderr: Array(err))
  }

  /// Finds the tool (recording an issue if missing) and runs it; records an issue and returns nil if it cannot
  /// start or exits non-zero.
  func run(_ arguments: [String], stdin: [UInt8] = [], sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8]? {
    guard let path = require(sourceLocation: sourceLocation) else { return nil }
    do {
      let output = try Self.run(path, arguments, stdin: stdin)
      guard output.status == 0 else {
        Issue.record("\(name) exited with status \(output.status): \(output.stderrText.prefix(2000))",
                     sourceLocation: sourceLocation)
        return nil
      }
      return output.stdout
    } catch {
      Issue.record("cannot run \(path): \(error)", sourceLocation: sourceLocation)
      return nil
    }
  }
}
