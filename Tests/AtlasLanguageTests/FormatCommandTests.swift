// `mercator fmt` through the built binary: in place, --check (exit 1, names the file) and --diff (unified diff).
import Foundation
import Testing

@Suite struct FormatCommandTests {
  static let messy = "locals {\na=1\nbbb = 2 # c\n}\n"
  static let formatted = "locals {\n  a   = 1\n  bbb = 2 # c\n}\n"

  /// Runs `mercator fmt ARGS FILE` on a temporary file holding `text`; returns the status, stdout and the file after.
  static func run(_ arguments: [String], _ text: String) throws -> (status: Int32, output: String, after: String) {
    let binary = try #require(CheckCommandTests.binary, "mercator binary not found beside the test runner")
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mercator-fmt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("atlas.hcl")
    try Data(text.utf8).write(to: file)
    let process = Process()
    process.executableURL = binary
    process.arguments = ["fmt"] + arguments + [file.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let after = String(decoding: try Data(contentsOf: file), as: UTF8.self)
    return (process.terminationStatus, output.replacingOccurrences(of: file.path, with: "FILE"), after)
  }

  @Test func formatsInPlace() throws {
    let result = try Self.run([], Self.messy)
    #expect(result.status == 0)
    #expect(result.after == Self.formatted)
    #expect(try Self.run([], Self.formatted).after == Self.formatted)
  }

  @Test func checkNamesTheFileAndChangesNothing() throws {
    let result = try Self.run(["--check"], Self.messy)
    #expect(result.status == 1)
    #expect(result.output == "FILE\n")
    #expect(result.after == Self.messy)
    #expect(try Self.run(["--check"], Self.formatted).status == 0)
  }

  @Test func diffShowsTheChangeAndChangesNothing() throws {
    let result = try Self.run(["--diff"], Self.messy)
    #expect(result.status == 0)
    #expect(result.after == Self.messy)
    #expect(
      result.output
        == "--- FILE\n+++ FILE (formatted)\n@@ -1,4 +1,4 @@\n locals {\n-a=1\n-bbb = 2 # c\n+  a   = 1\n+  bbb = 2 # c\n }\n")
  }
}
