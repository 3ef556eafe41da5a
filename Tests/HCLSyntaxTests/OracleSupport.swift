// The formatter tests' view of the reference implementation (hcl-oracle, hashicorp/hcl v2.14.1), on Support/.
import Foundation

enum Oracle {
  /// `$HCL_ORACLE`, else `.build-tools/hcl-oracle` (scripts/test.sh builds it).
  static var path: String { ExternalTool.hclOracle.expectedPath }

  static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

  /// `hcl-oracle fmt`: hclwrite.Format of `input`.
  static func format(_ input: [UInt8]) throws -> [UInt8] {
    let output = try ExternalTool.run(path, ["fmt"], stdin: input)
    guard output.status == 0 else {
      throw ExternalTool.Failure(description: "hcl-oracle fmt exited with status \(output.status)")
    }
    return output.stdout
  }
}

enum TestPaths {
  static var conformance: URL { Conformance.directory }
  static var formatFixtures: URL { packageRoot.appendingPathComponent("Tests/Fixtures/format") }
}
