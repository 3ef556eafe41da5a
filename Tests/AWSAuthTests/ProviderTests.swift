// Each credential source against a real local peer: instance metadata, container credentials and the SSO portal on
// the Python stand-ins, and credential_process scripts in a temporary HOME.
import AWSAuth
import Foundation
import Testing

@Suite struct InstanceMetadataTests {
  @Test func imdsV2TokenThenRoleThenCredentials() async throws {
    let peer = try await Peers.standIns()
    var sandbox = try Sandbox()
    sandbox.variables["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "\(peer.baseURL)/imds-ok~v2/"
    let credentials = try await sandbox.chain().resolve()
    #expect(credentials.accessKeyID == "ASIAIMDSEXAMPLE")
    #expect(credentials.secretAccessKey == "imds-secret-SECRET-4Rt")
    #expect(credentials.sessionToken == "imds-session-SECRET-6Yu")
    #expect(credentials.source == "EC2 instance metadata")
    #expect((credentials.expiration?.timeIntervalSinceNow ?? 0) > 5 * 3600)
    let log = try await Peers.standInLog(prefix: "imds-ok~v2")
    let steps = log.map { "\($0["method"] ?? "") \($0["path"] ?? "")" }
    #expect(steps == [
      "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/",
      "GET /latest/meta-data/iam/security-credentials/mercator-role",
    ])
    let headers = log.map { $0["headers"] as? [String: String] ?? [:] }
    #expect(headers.first?["x-aws-ec2-metadata-token-ttl-seconds"] == "300")
    #expect(headers.dropFirst().allSatisfy { $0["x-aws-ec2-metadata-token"] == "imds-session-token-SECRET-3Kd" })
  }

  @Test func fallsBackToV1WhenTheTokenIsRefusedUnlessV1IsDisabled() async throws {
    let peer = try await Peers.standIns()
    var sandbox = try Sandbox()
    sandbox.variables["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "\(peer.baseURL)/imds-v1"
    #expect(try await sandbox.chain().resolve().accessKeyID == "ASIAIMDSEXAMPLE")
    sandbox.variables["AWS_EC2_METADATA_V1_DISABLED"] = "true"
    await expectFailure(sandbox.chain(), source: "EC2 instance metadata", contains: ["HTTP 404", "IMDSv1 is disabled"])
  }

  @Test func credentialsWithoutCodeSuccessAreRejected() async throws {
    let peer = try await Peers.standIns()
    var sandbox = try Sandbox()
    sandbox.variables["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "\(peer.baseURL)/imds-nocode"
    await expectFailure(
      sandbox.chain(), source: "EC2 instance metadata",
      contains: ["failed to get mercator-role EC2 IMDS role credentials", "Code is missing"])
  }

  @Test func aSilentEndpointFailsWithinTwoSeconds() async throws {
    let peer = try await Peers.standIns()
    var sandbox = try Sandbox()
    sandbox.variables["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "\(peer.baseURL)/imds-silent"
    sandbox.metadataTimeouts = AWSEnvironment(variables: [:]).metadataTimeouts
    await expectFailure(
      sandbox.chain(), source: "AWS credentials",
      contains: ["EC2 instance metadata: no answer from http://127.0.0.1:\(peer.port) within 1 s"], code: .noCredentials)
  }

  @Test func aClosedPortFailsAtOnce() async throws {
    let sandbox = try Sandbox()  // the sandbox's IMDS endpoint is 127.0.0.1:9
    let start = Date()
    await expectFailure(sandbox.chain(), source: "AWS credentials", contains: ["connection refused"])
    // Refused at once: no timeout (5 s here) is waited for; the bound leaves room for a loaded machine.
    #expect(Date().timeIntervalSince(start) < failureTimeBound)
  }

  @Test func disabledMeansNoRequest() async throws {
    let peer = try await Peers.standIns()
    var sandbox = try Sandbox()
    sandbox.variables["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "\(peer.baseURL)/imds-ok~disabled"
    sandbox.variables["AWS_EC2_METADATA_DISABLED"] = "TRUE"
    await expectFailure(sandbox.chain(), source: "AWS credentials", contains: ["disabled by AWS_EC2_METADATA_DISABLED"])
    #expect(try await Peers.standInLog(prefix: "imds-ok~disabled").isEmpty)
  }
}

@Suite struct ContainerCredentialsTests {
  @Test func fullURIWithAnAuthorizationToken() async throws {
    let peer = try await Peers.standIns()
    var sandbox = try Sandbox()
    sandbox.variables["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "\(peer.baseURL)/container~token/v2/creds"
    sandbox.variables["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = Secrets.containerAuthorization
    let credentials = try await sandbox.chain().resolve()
    #expect(credentials.accessKeyID == "ASIACONTAINEREXAMPLE")
    #expect(credentials.sessionToken == "container-session-SECRET-2Lm")
    let log = try await Peers.standInLog(prefix: "container~token")
    let headers = log.first?["headers"] as? [String: String]
    #expect(log.first?["path"] as? String == "/v2/creds")
    #expect(headers?["accept"] == "application/json")
    #expect(headers?["authorization"] == Secrets.containerAuthorization)
  }

  @Test func theTokenFileWinsOverTheTokenVariable() async throws {
    let peer = try await Peers.standIns()
    var sandbox = try Sandbox()
    let tokenFile = try sandbox.write("eks/token", Secrets.containerAuthorization + "\n")
    sandbox.variables["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "\(peer.baseURL)/container~file/creds"
    sandbox.variables["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = tokenFile
    sandbox.variables["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "wrong"
    #expect(try await sandbox.chain().resolve().accessKeyID == "ASIACONTAINEREXAMPLE")
  }

  @Test func aRefusedTokenIsAClearError() async throws {
    let peer = try await Peers.standIns()
    var sandbox = try Sandbox()
    sandbox.variables["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "\(peer.baseURL)/container~bad/creds"
    sandbox.variables["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "not-the-token"
    await expectFailure(
      sandbox.chain(), source: "container credentials", contains: ["HTTP 401 AccessDenied", "bad authorization token"],
      code: .rejected)
  }

  @Test func plainHTTPOnlyToLoopbackOrTheAgents() async throws {
    var sandbox = try Sandbox()
    sandbox.variables["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://192.0.2.10/creds"
    await expectFailure(
      sandbox.chain(), source: "container credentials", contains: ["\"192.0.2.10\" is not allowed over http"],
      code: .invalidConfiguration)
  }
}

@Suite struct ProcessCredentialsTests {
  static func profile(_ command: String) -> String {
    "[profile tool]\ncredential_process = \(command)\n"
  }

  @Test func readsTheJSONItPrints() async throws {
    let sandbox = try Sandbox()
    let script = try sandbox.write(
      "bin/creds.sh",
      """
      #!/bin/sh
      cat <<JSON
      {"Version": 1, "AccessKeyId": "ASIAPROCESSEXAMPLE", "SecretAccessKey": "\(Secrets.processSecret)",
       "SessionToken": "\(Secrets.processSession)", "Expiration": "2099-01-02T03:04:05Z"}
      JSON
      """, executable: true)
    try sandbox.write(".aws/config", Self.profile("\(script) --profile tool"))
    let credentials = try await sandbox.chain(profile: "tool").resolve()
    #expect(credentials.accessKeyID == "ASIAPROCESSEXAMPLE")
    #expect(credentials.secretAccessKey == Secrets.processSecret)
    #expect(credentials.sessionToken == Secrets.processSession)
    #expect(credentials.expiration == Date(timeIntervalSince1970: 4_071_006_245))
    #expect(credentials.source == "profile tool (credential_process)")
  }

  @Test func theProcessSeesTheEnvironment() async throws {
    var sandbox = try Sandbox()
    sandbox.variables["MERCATOR_TEST_KEY"] = "AKIAFROMENV"
    try sandbox.write(
      ".aws/config",
      Self.profile(
        #"printf '{"Version":1,"AccessKeyId":"%s","SecretAccessKey":"\#(Secrets.processSecret)"}' "$MERCATOR_TEST_KEY""#))
    let credentials = try await sandbox.chain(profile: "tool").resolve()
    #expect(credentials.accessKeyID == "AKIAFROMENV")
    #expect(credentials.expiration == nil)
  }

  @Test func malformedJSONIsAClearErrorThatQuotesNothing() async throws {
    let sandbox = try Sandbox()
    try sandbox.write(
      ".aws/config", Self.profile(#"echo '{"Version": 1, "AccessKeyId": "AKIA", "SecretAccessKey": "\#(Secrets.processSecret)"'"#))
    await expectFailure(
      sandbox.chain(profile: "tool"), source: "profile tool (credential_process)",
      contains: ["did not print a JSON object"], code: .processFailed)
  }

  @Test func wrongVersionMissingKeysAndBadExpiration() async throws {
    let sandbox = try Sandbox()
    try sandbox.write(
      ".aws/config",
      """
      [profile v2]
      credential_process = echo '{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "\(Secrets.processSecret)"}'
      [profile nokey]
      credential_process = echo '{"Version": 1, "SecretAccessKey": "\(Secrets.processSecret)"}'
      [profile badtime]
      credential_process = echo '{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "\(Secrets.processSecret)", "Expiration": "soon"}'
      """)
    await expectFailure(sandbox.chain(profile: "v2"), source: "profile v2 (credential_process)", contains: ["Version other than 1"])
    await expectFailure(sandbox.chain(profile: "nokey"), source: "profile nokey", contains: ["no AccessKeyId"])
    await expectFailure(sandbox.chain(profile: "badtime"), source: "profile badtime", contains: ["Expiration"])
  }

  @Test func aFailingCommandReportsItsStatusAndComplaint() async throws {
    let sandbox = try Sandbox()
    // A script, because the SDK's INI reader ends a value at its first `;` or `#`.
    let script = try sandbox.write("bin/fail.sh", "#!/bin/sh\necho 'vault: not logged in' >&2\nexit 3\n", executable: true)
    try sandbox.write(".aws/config", Self.profile(script))
    await expectFailure(
      sandbox.chain(profile: "tool"), source: "profile tool (credential_process)",
      contains: ["exited with status 3", "vault: not logged in"], code: .processFailed)
  }
}

@Suite struct SSOTests {
  static func writeToken(_ sandbox: Sandbox, key: String, expiresAt: String) throws {
    let digest = SSOCacheName.sha1Hex(key)
    try sandbox.write(
      ".aws/sso/cache/\(digest).json",
      #"{"startUrl": "https://example.awsapps.com/start", "region": "eu-west-1", "accessToken": "\#(Secrets.ssoAccessToken)", "expiresAt": "\#(expiresAt)"}"#)
  }

  static let sessionConfig = """
    [profile dev]
    sso_session = corp
    sso_account_id = 111122223333
    sso_role_name = Reader
    region = eu-west-1
    [sso-session corp]
    sso_start_url = https://example.awsapps.com/start
    sso_region = eu-west-1
    sso_registration_scopes = sso:account:access
    """

  @Test func ssoSessionFormReadsTheCachedTokenAndCallsThePortal() async throws {
    let peer = try await Peers.standIns()
    var sandbox = try Sandbox()
    sandbox.variables["AWS_ENDPOINT_URL_SSO"] = "\(peer.baseURL)/sso"
    try sandbox.write(".aws/config", Self.sessionConfig)
    try Self.writeToken(sandbox, key: "corp", expiresAt: "2099-01-01T00:00:00Z")
    let credentials = try await sandbox.chain(profile: "dev").resolve()
    #expect(credentials.accessKeyID == "ASIASSOEXAMPLE")
    #expect(credentials.sessionToken == "sso-role-session-SECRET-1Vx")
    #expect(credentials.source == "profile dev (SSO)")
    #expect(abs((credentials.expiration?.timeIntervalSinceNow ?? 0) - 3600) < 60)
  }

  @Test func legacyFormKeysTheCacheByStartURL() async throws {
    let peer = try await Peers.standIns()
    var sandbox = try Sandbox()
    sandbox.variables["AWS_ENDPOINT_URL"] = "\(peer.baseURL)/sso"
    try sandbox.write(
      ".aws/config",
      """
      [default]
      sso_start_url = https://legacy.awsapps.com/start
      sso_region = us-east-1
      sso_account_id = 111122223333
      sso_role_name = Reader
      """)
    try Self.writeToken(sandbox, key: "https://legacy.awsapps.com/start", expiresAt: "2099-01-01T00:00:00.000Z")
    #expect(try await sandbox.chain().resolve().accessKeyID == "ASIASSOEXAMPLE")
  }

  @Test func anExpiredTokenSaysToLogIn() async throws {
    let peer = try await Peers.standIns()
    var sandbox = try Sandbox()
    sandbox.variables["AWS_ENDPOINT_URL_SSO"] = "\(peer.baseURL)/sso~expired"
    try sandbox.write(".aws/config", Self.sessionConfig)
    try Self.writeToken(sandbox, key: "corp", expiresAt: "2020-01-01T00:00:00Z")
    await expectFailure(
      sandbox.chain(profile: "dev"), source: "profile dev (SSO)",
      contains: ["expired at 2020-01-01T00:00:00Z", "aws sso login --sso-session corp"], code: .expiredLogin)
    #expect(try await Peers.standInLog(prefix: "sso~expired").isEmpty)
  }

  @Test func noCachedTokenAndIncompleteSettings() async throws {
    let sandbox = try Sandbox()
    try sandbox.write(
      ".aws/config",
      Self.sessionConfig + "\n[profile half]\nsso_session = corp\nsso_account_id = 1\n[profile lost]\nsso_session = gone\n")
    await expectFailure(sandbox.chain(profile: "dev"), source: "profile dev (SSO)", contains: ["no cached SSO token"])
    await expectFailure(sandbox.chain(profile: "half"), source: "profile half (SSO)", contains: ["missing sso_role_name"])
    await expectFailure(sandbox.chain(profile: "lost"), source: "profile lost", contains: ["[sso-session gone]"])
  }

  @Test func aRevokedTokenIsReportedByThePortal() async throws {
    let peer = try await Peers.standIns()
    var sandbox = try Sandbox()
    sandbox.variables["AWS_ENDPOINT_URL_SSO"] = "\(peer.baseURL)/sso~revoked"
    try sandbox.write(".aws/config", Self.sessionConfig.replacingOccurrences(of: "Reader", with: "Admin"))
    try Self.writeToken(sandbox, key: "corp", expiresAt: "2099-01-01T00:00:00Z")
    await expectFailure(
      sandbox.chain(profile: "dev"), source: "profile dev (SSO)", contains: ["HTTP 403", "account 111122223333 role Admin"])
  }
}

/// The cache file name the AWS CLI writes: lower-case hex SHA-1 of the session name or start URL.
enum SSOCacheName {
  static func sha1Hex(_ text: String) -> String {
    let python = Peers.systemPython()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", "import hashlib,sys; print(hashlib.sha1(sys.argv[1].encode()).hexdigest())", text]
    let output = Pipe()
    process.standardOutput = output
    try? process.run()
    process.waitUntilExit()
    return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
