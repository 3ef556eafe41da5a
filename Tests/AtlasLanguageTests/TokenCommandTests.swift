// `mercator token` through the built binary: flags or an atlas.hcl in, botocore's token out (stdout holds only the
// token), and failures that say which step failed without a secret.
import Foundation
import Testing

@Suite struct TokenCommandTests {
  /// The parts of Tests/Fixtures/aws/rds-token-vectors.json (botocore's tokens) this suite needs.
  struct Vectors: Decodable {
    struct Token: Decodable {
      var name: String
      var endpoint: String
      var username: String
      var region: String
      var signing_epoch: Double
      var session_token: String?
      var botocore_token: String
      var host_has_upper_case: Bool
    }
    var access_key_id: String
    var secret_access_key: String
    var rds_tokens: [Token]

    static func load() throws -> Vectors {
      let file = packageRoot.appendingPathComponent("Tests/Fixtures/aws/rds-token-vectors.json")
      return try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: file))
    }
  }

  /// An environment with no AWS configuration at all (HOME is an empty folder, IMDS off), plus `extra`.
  static func isolatedEnvironment(home: URL, _ extra: [String: String]) -> [String: String] {
    var environment = ["HOME": home.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    environment["AWS_EC2_METADATA_DISABLED"] = "true"
    environment["AWS_CONFIG_FILE"] = home.appendingPathComponent("no-config").path
    environment["AWS_SHARED_CREDENTIALS_FILE"] = home.appendingPathComponent("no-credentials").path
    return environment.merging(extra) { $1 }
  }

  struct Run {
    var status: Int32
    var output: String
    var errors: String
  }

  /// Runs `mercator token ARGUMENTS` in a fresh folder holding `files`, with `environment` added to an isolated one.
  static func run(_ arguments: [String], environment: [String: String] = [:], files: [String: String] = [:]) throws
    -> Run
  {
    guard let binary = CheckCommandTests.binary else {
      Issue.record("mercator binary not found beside \(CommandLine.arguments[0]); build it first")
      return Run(status: -1, output: "", errors: "")
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mercator-token-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    for (name, content) in files { try Data(content.utf8).write(to: directory.appendingPathComponent(name)) }
    let process = Process()
    process.executableURL = binary
    process.arguments = ["token"] + arguments
    process.currentDirectoryURL = directory
    process.environment = isolatedEnvironment(home: directory, environment)
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
      errors: String(decoding: errorData, as: UTF8.self))
  }

  static func signingTime(_ epoch: Double) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: Date(timeIntervalSince1970: epoch))
  }

  static func keys(_ vectors: Vectors, _ token: Vectors.Token) -> [String: String] {
    var environment = ["AWS_ACCESS_KEY_ID": vectors.access_key_id, "AWS_SECRET_ACCESS_KEY": vectors.secret_access_key]
    environment["AWS_SESSION_TOKEN"] = token.session_token
    return environment
  }

  /// A spread of botocore's vectors (partitions, ports, session tokens, odd user names) and every one with an
  /// upper-case host.
  static func sample() throws -> (Vectors, [Vectors.Token]) {
    let vectors = try Vectors.load()
    let usable = vectors.rds_tokens.filter { !$0.region.isEmpty }
    let spread = stride(from: 0, to: usable.count, by: max(1, usable.count / 12)).map { usable[$0] }
    return (vectors, spread + usable.filter { $0.host_has_upper_case && !spread.map(\.name).contains($0.name) })
  }

  @Test func flagsAndEnvironmentKeysGiveBotocoresToken() throws {
    let (vectors, tokens) = try Self.sample()
    #expect(tokens.count >= 10)
    for token in tokens {
      let run = try Self.run(
        ["--endpoint", token.endpoint, "--username", token.username, "--region", token.region,
         "--signing-time", Self.signingTime(token.signing_epoch)],
        environment: Self.keys(vectors, token))
      #expect(run.status == 0, "\(token.name): \(run.errors)")
      #expect(run.output == token.botocore_token + "\n", "\(token.name)")
      #expect(run.errors.isEmpty, "\(token.name)")
    }
  }

  @Test func anAtlasConfigGivesTheSameToken() throws {
    let (vectors, tokens) = try Self.sample()
    for token in tokens.prefix(4) {
      let config = """
        locals {
          endpoint = \(quoted(token.endpoint))
        }
        variable "user" {
          type = string
        }
        data "aws_rds_token" "db" {
          endpoint = local.endpoint
          username = var.user
          region   = \(quoted(token.region))
        }

        """
      let run = try Self.run(
        ["-c", "atlas.hcl", "db", "--var", "user=\(token.username)",
         "--signing-time", Self.signingTime(token.signing_epoch)],
        environment: Self.keys(vectors, token), files: ["atlas.hcl": config])
      #expect(run.status == 0, "\(token.name): \(run.errors)")
      #expect(run.output == token.botocore_token + "\n", "\(token.name)")
    }
  }

  /// An HCL string literal for `text` (the vectors' user names hold quotes, `$` and non-ASCII letters).
  func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "$", "%": out += "\(scalar)\(scalar)"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  @Test func failuresNameTheStepAndShowNoSecret() throws {
    let vectors = try Vectors.load()
    let secret = vectors.secret_access_key
    let session = "IQoJb3JpZ2luX2VjEJrSECRETSESSION"
    let keys = ["AWS_ACCESS_KEY_ID": vectors.access_key_id, "AWS_SECRET_ACCESS_KEY": secret, "AWS_SESSION_TOKEN": session]
    let cases: [(arguments: [String], environment: [String: String], files: [String: String], expected: String)] = [
      (["--endpoint", "db.example.com:5432", "--username", "u"], keys, [:], "region:"),
      (["--endpoint", "db.example.com", "--username", "u", "--region", "us-east-1"], keys, [:], "endpoint:"),
      (["--endpoint", "db.example.com:5432", "--username", "u", "--region", "us-east-1"], [:], [:], "credentials:"),
      (["--endpoint", "db.example.com:5432", "--username", "u", "--region", "us-east-1", "--profile", "nope"], keys,
       [:], "credentials:"),
      (["-c", "atlas.hcl", "db"], keys, ["atlas.hcl": "data \"aws_rds_token\" \"other\" {\n  endpoint = \"h:1\"\n  username = \"u\"\n}\n"],
       "atlas.hcl: error: data \"aws_rds_token\" \"db\": no data \"aws_rds_token\" \"db\" in the file (declared: \"other\")"),
      (["-c", "atlas.hcl", "db"], keys, ["atlas.hcl": "data \"aws_rds_token\" \"db\" {\n  endpoint = \"h:1\"\n}\n"],
       "atlas.hcl:1:1: error: data \"aws_rds_token\" \"db\": Missing required attribute \"username\""),
    ]
    for item in cases {
      let run = try Self.run(item.arguments, environment: item.environment, files: item.files)
      #expect(run.status == 1, "\(item.arguments)")
      #expect(run.output.isEmpty, "\(item.arguments)")
      #expect(run.errors.contains(item.expected), "\(item.arguments): \(run.errors)")
      #expect(!run.errors.contains(secret) && !run.errors.contains(session), "\(item.arguments)")
    }
  }

  @Test func usageErrorsExitWith64() throws {
    for arguments in [["--endpoint", "h:1"], ["-c", "atlas.hcl"], ["name"], ["--endpoint", "h:1", "--username", "u",
      "--signing-time", "yesterday"]] {
      let run = try Self.run(arguments)
      #expect(run.status == 64, "\(arguments): \(run.errors)")
      #expect(run.output.isEmpty)
    }
  }
}
