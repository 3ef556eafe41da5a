// `mercator inspect -c atlas.hcl --env rds` through the RDS stand-in (Tests/Fixtures/rds/rds_standin.py), which
// checks the IAM token as RDS does and lets a good one through to the test PostgreSQL: the whole loop of the
// mission — credentials, token, urlescape, TLS, inspect — and the ways RDS refuses a token.
import Foundation
import Testing

@Suite(.serialized) struct RDSStandInTests {
  static let accessKey = "AKIDSTANDINEXAMPLE"
  static let secretKey = "standin/secret+key=example"
  static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures/rds")
  static let environment = ProcessInfo.processInfo.environment
  static var isConfigured: Bool {
    environment["MERCATOR_TEST_POSTGRES_SOCKET"] != nil && environment["MERCATOR_TEST_DB_KEY"] != nil
  }
  static var isCI: Bool { environment["CI"] == "true" }

  /// A running stand-in: its port and log.
  final class StandIn {
    let process = Process()
    let port: Int
    let log: URL

    init(region: String, clockOffset: Int = 0) throws {
      log = FileManager.default.temporaryDirectory.appendingPathComponent("rds-standin-\(UUID().uuidString).log")
      let env = RDSStandInTests.environment
      let certificate = try #require(env["MERCATOR_TEST_DB_CA"])
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = [
        "python3", fixtures.appendingPathComponent("rds_standin.py").path, "--region", region,
        "--access-key", "\(accessKey)=\(secretKey)", "--cert", certificate,
        "--key", try #require(env["MERCATOR_TEST_DB_KEY"]),
        "--backend-socket", try #require(env["MERCATOR_TEST_POSTGRES_SOCKET"]),
        "--clock-offset", String(clockOffset), "--log", log.path,
      ]
      let output = Pipe()
      process.standardOutput = output
      try process.run()
      // The first line is `READY <port>`; reading it waits until the stand-in listens.
      var line = Data()
      while let byte = try output.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 0x0A {
        line.append(first)
      }
      let text = String(decoding: line, as: UTF8.self)
      guard text.hasPrefix("READY "), let port = Int(text.dropFirst(6)) else {
        process.terminate()
        throw StandInError(message: "the stand-in did not start: \(text)")
      }
      self.port = port
    }

    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    deinit {
      // SIGKILL, not terminate(): a child spawned from a test thread may inherit a mask that blocks SIGTERM.
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      try? FileManager.default.removeItem(at: log)
    }
  }

  struct StandInError: Error { var message: String }

  /// The fixture's atlas.hcl for this stand-in, user and signing region.
  static func config(port: Int, user: String, region: String) throws -> String {
    let template = try String(contentsOf: fixtures.appendingPathComponent("atlas.hcl"), encoding: .utf8)
    return template.replacingOccurrences(of: "PORT", with: String(port))
      .replacingOccurrences(of: "USER", with: user)
      .replacingOccurrences(of: "REGION", with: region)
      .replacingOccurrences(of: "sslrootcert=CA", with: "sslrootcert=\(environment["MERCATOR_TEST_DB_CA"] ?? "")")
  }

  /// Builds the fixture's schema on the test server (psql over the trusted Unix socket).
  static func setUpSchema() throws {
    let socket = try #require(environment["MERCATOR_TEST_POSTGRES_SOCKET"])
    let directory = (socket as NSString).deletingLastPathComponent
    let port = (socket as NSString).pathExtension
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", directory, "-p", port, "-U", "mercator", "-d", "mercator_test",
      "-f", fixtures.appendingPathComponent("setup.sql").path,
    ]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "psql could not build the fixture schema")
  }

  static func inspect(_ config: String) throws -> TokenCommandTests.Run {
    try TokenCommandTests.run(
      ["inspect", "-c", "atlas.hcl", "--env", "rds"],
      environment: ["AWS_ACCESS_KEY_ID": accessKey, "AWS_SECRET_ACCESS_KEY": secretKey], files: ["atlas.hcl": config])
  }

  /// No secret of the run in what the user sees.
  static func expectNoSecret(_ run: TokenCommandTests.Run, sourceLocation: SourceLocation = #_sourceLocation) {
    for text in [run.output, run.errors] {
      #expect(!text.contains(secretKey), sourceLocation: sourceLocation)
      #expect(!text.contains("X-Amz-Signature"), "a token reached the output", sourceLocation: sourceLocation)
    }
  }

  @Test func serverIsConfiguredInCI() {
    if Self.isCI { #expect(Self.isConfigured, "CI must start the test servers (MERCATOR_TEST_POSTGRES_SOCKET)") }
  }

  @Test(.enabled(if: isConfigured || isCI, "the test servers are not configured"))
  func goodTokenInspectsThroughTheStandIn() throws {
    try Self.setUpSchema()
    let standIn = try StandIn(region: "us-east-1")
    let run = try Self.inspect(Self.config(port: standIn.port, user: "mercator", region: "us-east-1"))
    let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("expected.hcl"), encoding: .utf8)
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output == expected)
    #expect(standIn.logText.contains("accepted user=mercator database=mercator_test"), "\(standIn.logText)")
    Self.expectNoSecret(run)
  }

  /// Each way RDS refuses a token: the stand-in logs why, the user gets RDS's answer with the password masked.
  @Test(
    .enabled(if: isConfigured || isCI, "the test servers are not configured"),
    arguments: [
      ("wrong region", "us-west-2", "mercator", 0, "signed for region 'us-west-2'"),
      ("expired token", "us-east-1", "mercator", 20 * 60, "expired"),
      ("wrong user", "us-east-1", "someone_else", 0, "token for user 'someone_else', connecting as 'mercator'"),
    ])
  func refusedTokens(_ name: String, _ region: String, _ user: String, _ clockOffset: Int, _ reason: String) throws {
    let standIn = try StandIn(region: "us-east-1", clockOffset: clockOffset)
    var config = try Self.config(port: standIn.port, user: user, region: region)
    if user != "mercator" {
      // The token names another user than the one the URL logs in as.
      config = config.replacingOccurrences(of: "postgres://${local.username}:", with: "postgres://mercator:")
    }
    let run = try Self.inspect(config)
    #expect(run.status == 1, "\(name)")
    #expect(run.output.isEmpty, "\(name)")
    #expect(run.errors.contains("PAM authentication failed for user \"mercator\""), "\(name): \(run.errors)")
    #expect(run.errors.contains("****"), "\(name): the URL in the error should show the masked password")
    #expect(standIn.logText.contains(reason), "\(name): \(standIn.logText)")
    Self.expectNoSecret(run)
  }
}
