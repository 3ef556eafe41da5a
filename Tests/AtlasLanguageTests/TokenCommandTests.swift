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

  /// An environment with no AWS configuration but what the test writes (HOME is the run's own folder, instance
  /// metadata off), plus `extra`.
  static func isolatedEnvironment(home: URL, _ extra: [String: String]) -> [String: String] {
    var environment = ["HOME": home.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    environment["AWS_EC2_METADATA_DISABLED"] = "true"
    return environment.merging(extra) { $1 }
  }

  struct Run {
    var status: Int32
    var output: String
    var errors: String
  }

  /// Runs `mercator token ARGUMENTS` (or `mercator inspect …` when ARGUMENTS start with it) in a fresh folder holding
  /// `files`, with `environment` added to an isolated one.
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
    for (name, content) in files {
      let path = directory.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(content.utf8).write(to: path)
      if name.hasSuffix(".sh") { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path.path) }
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments.first == "inspect" ? arguments : ["token"] + arguments
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

  /// Every credential source failing with secrets close at hand (in the answer, the files, the environment): each run
  /// ends within 2 s with exit 1, names the source, and its stderr holds none of them.
  @Test func credentialFaultsShowNoSecretOnStderr() throws {
    let secrets = [
      "SECRETsecretKEY0123456789abcdefSECRET", "SESSIONtokenSECRET//+==", "SSOaccessTOKENsecret", "WEBidentitySECRETjwt",
      "CONTAINERauthSECRET",
    ]
    let flags = ["--endpoint", "db.example.com:5432", "--username", "u", "--region", "us-east-1"]
    // Port 9 on loopback: refused at once.
    let refused = "http://127.0.0.1:9"
    let process = """
      #!/bin/sh
      echo '{"Version": 1, "AccessKeyId": "AKIAEXAMPLE", "SecretAccessKey": "\(secrets[0])", "SessionToken": '
      """
    let ssoConfig = """
      [profile sso]
      sso_session = corp
      sso_account_id = 111122223333
      sso_role_name = Admin
      [sso-session corp]
      sso_region = us-east-1
      sso_start_url = https://example.awsapps.com/start

      """
    let ssoCache = """
      {"accessToken": "\(secrets[2])", "expiresAt": "2020-01-01T00:00:00Z", "region": "us-east-1",
       "startUrl": "https://example.awsapps.com/start"}
      """
    let cases: [(name: String, environment: [String: String], files: [String: String], says: String)] = [
      ("credential_process with broken JSON", ["AWS_PROFILE": "p"],
       ["creds.sh": process, ".aws/config": "[profile p]\ncredential_process = ./creds.sh\n"], "credential_process"),
      ("an expired SSO login", ["AWS_PROFILE": "sso"],
       [".aws/config": ssoConfig, ".aws/sso/cache/\(try Self.sha1("corp")).json": ssoCache], "aws sso login"),
      ("web identity with STS refusing", ["AWS_WEB_IDENTITY_TOKEN_FILE": "jwt", "AWS_ROLE_ARN": "arn:aws:iam::1:role/r",
        "AWS_ENDPOINT_URL_STS": refused], ["jwt": secrets[3]], "web identity"),
      ("container credentials refusing", ["AWS_CONTAINER_CREDENTIALS_FULL_URI": refused + "/creds",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN": secrets[4]], [:], "container"),
      ("a role whose source profile has keys, STS refusing", ["AWS_PROFILE": "role", "AWS_ENDPOINT_URL_STS": refused],
       [".aws/config": "[profile role]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n",
        ".aws/credentials": "[base]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = \(secrets[0])\n"
          + "aws_session_token = \(secrets[1])\n"], "profile role"),
      ("a missing profile", ["AWS_PROFILE": "nowhere", "AWS_SESSION_TOKEN": secrets[1]], [:], "profile nowhere"),
    ]
    for item in cases {
      let start = Date()
      let run = try Self.run(flags, environment: item.environment, files: item.files)
      let elapsed = Date().timeIntervalSince(start)
      #expect(run.status == 1, "\(item.name): \(run.errors)")
      #expect(run.output.isEmpty, "\(item.name)")
      #expect(run.errors.contains("mercator token: credentials:"), "\(item.name): \(run.errors)")
      #expect(run.errors.contains(item.says), "\(item.name): \(run.errors)")
      #expect(elapsed < 2, "\(item.name) took \(elapsed) s")
      for secret in secrets { #expect(!run.errors.contains(secret), "\(item.name) shows \(secret)") }
    }
  }

  /// SHA-1 in hex, as the SSO token cache names its files (Python's, since this target has no crypto library).
  static func sha1(_ text: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = ["-c", "import hashlib,sys; print(hashlib.sha1(sys.argv[1].encode()).hexdigest())", text]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// `mercator inspect -c` on the developer guide's config, pointed at the test PostgreSQL server: the token data
  /// source is run and its token sent as the password. A real server (not RDS) refuses it, which proves the token got
  /// there; the message masks it. Needs scripts/db-servers.sh's URL (fails without it when CI is set).
  @Test(
    .enabled(
      if: ProcessInfo.processInfo.environment["MERCATOR_TEST_POSTGRES_URL"] != nil
        || ProcessInfo.processInfo.environment["CI"] != nil,
      "MERCATOR_TEST_POSTGRES_URL is not set: run `bash scripts/db-servers.sh` and source .build-db/env"))
  func inspectRunsTheTokenDataSourceItsURLReads() throws {
    let url = try #require(
      ProcessInfo.processInfo.environment["MERCATOR_TEST_POSTGRES_URL"].flatMap(URLComponents.init(string:)),
      "CI is set but MERCATOR_TEST_POSTGRES_URL is not (scripts/test.sh starts the servers)")
    let endpoint = "\(url.host ?? "127.0.0.1"):\(url.port ?? 5432)"
    let config = """
      locals {
        endpoint = "\(endpoint)"
        username = "mercator"
      }
      data "aws_rds_token" "db" {
        endpoint = local.endpoint
        username = local.username
        region   = "us-east-1"
      }
      env "rds" {
        url = "postgres://${local.username}:${urlescape(data.aws_rds_token.db)}@${local.endpoint}\(url.path)?sslmode=require"
      }

      """
    let vectors = try Vectors.load()
    let keys = ["AWS_ACCESS_KEY_ID": vectors.access_key_id, "AWS_SECRET_ACCESS_KEY": vectors.secret_access_key]
    let run = try Self.run(["inspect", "-c", "atlas.hcl", "--env", "rds"], environment: keys, files: ["atlas.hcl": config])
    #expect(run.status == 1)
    #expect(run.errors.contains("password authentication failed for user \"mercator\""), "\(run.errors)")
    #expect(run.errors.contains("postgres://mercator:****@\(endpoint)"), "\(run.errors)")
    #expect(!run.errors.contains("X-Amz") && !run.errors.contains(vectors.secret_access_key), "\(run.errors)")
    let noCredentials = try Self.run(["inspect", "-c", "atlas.hcl", "--env", "rds"], files: ["atlas.hcl": config])
    #expect(noCredentials.status == 1)
    #expect(
      noCredentials.errors.contains("atlas.hcl: error: env \"rds\": data.aws_rds_token.db: credentials: none found"),
      "\(noCredentials.errors)")
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
