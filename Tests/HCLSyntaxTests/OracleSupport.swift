// Shared helpers for tests that compare Mercator with the reference implementation (hcl-oracle, hashicorp/hcl v2.14.1).
import Foundation

enum Oracle {
  /// The oracle binary: `$HCL_ORACLE`, or `/tmp/hcl-oracle` (built by `shared/tools/hcl-oracle/build`).
  static var path: String { ProcessInfo.processInfo.environment["HCL_ORACLE"] ?? "/tmp/hcl-oracle" }

  static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

  /// Whether missing reference material must fail the run instead of being reported as an issue.
  static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

  /// `hcl-oracle fmt`: hclwrite.Format of `input`.
  static func format(_ input: [UInt8]) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = ["fmt"]
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    try process.run()
    // Write from another thread so a large output cannot fill the pipe while we are still writing.
    let writer = Thread {
      stdin.fileHandleForWriting.write(Data(input))
      try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw OracleError.failed(status: process.terminationStatus) }
    return [UInt8](output)
  }
}

enum OracleError: Error {
  case failed(status: Int32)
}

enum TestPaths {
  /// The package root, found from this file's location (`<root>/Tests/HCLSyntaxTests/…`).
  static func packageRoot(_ filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  /// `shared/conformance`, which lives beside the repository checkout.
  static var conformance: URL {
    packageRoot().deletingLastPathComponent().appendingPathComponent("shared/conformance")
  }

  static var formatFixtures: URL { packageRoot().appendingPathComponent("Tests/Fixtures/format") }
}
