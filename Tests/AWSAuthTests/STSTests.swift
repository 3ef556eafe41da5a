// Roles through STS on a local moto server: AssumeRole signed with our SigV4 (source_profile chains, a profile that
// is its own source, credential_source), AssumeRoleWithWebIdentity from the environment and from a profile, and an
// STS that fails.
import AWSAuth
import Foundation
import Testing

@Suite struct STSTests {
  static let role = "arn:aws:iam::123456789012:role/mercator-test"

  static func sandbox() async throws -> Sandbox {
    let moto = try await Peers.moto()
    var sandbox = try Sandbox()
    sandbox.variables["AWS_ENDPOINT_URL_STS"] = moto.baseURL
    sandbox.variables["AWS_REGION"] = "us-east-1"
    return sandbox
  }

  /// moto hands out `ASIA…` keys for roles; an unsigned AssumeRole would reach its S3 backend instead.
  static func expectAssumed(_ credentials: AWSCredentials, source: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(credentials.accessKeyID.hasPrefix("ASIA"), "\(credentials)", sourceLocation: sourceLocation)
    #expect(credentials.sessionToken?.isEmpty == false, sourceLocation: sourceLocation)
    #expect(credentials.expiration != nil, sourceLocation: sourceLocation)
    #expect(credentials.source == source, sourceLocation: sourceLocation)
  }

  @Test func sourceProfileThenAssumeRole() async throws {
    let sandbox = try await Self.sandbox()
    try sandbox.write(
      ".aws/config",
      """
      [profile deploy]
      role_arn = \(Self.role)
      source_profile = base
      role_session_name = mercator-tests
      duration_seconds = 3600
      """)
    try sandbox.write(
      ".aws/credentials", "[base]\naws_access_key_id = AKIABASEEXAMPLE\naws_secret_access_key = \(Secrets.staticSecret)\n")
    let credentials = try await sandbox.chain(profile: "deploy").resolve()
    Self.expectAssumed(credentials, source: "profile deploy (assume role \(Self.role))")
    // duration_seconds above 15 minutes is passed on.
    #expect(abs((credentials.expiration?.timeIntervalSinceNow ?? 0) - 3600) < 120)
  }

  @Test func chainedRolesAndAProfileThatIsItsOwnSource() async throws {
    let sandbox = try await Self.sandbox()
    try sandbox.write(
      ".aws/config",
      """
      [profile outer]
      role_arn = arn:aws:iam::123456789012:role/outer
      source_profile = inner
      [profile inner]
      role_arn = arn:aws:iam::123456789012:role/inner
      source_profile = keys
      [profile keys]
      aws_access_key_id = AKIAKEYSEXAMPLE
      aws_secret_access_key = \(Secrets.staticSecret)
      [profile self]
      role_arn = arn:aws:iam::123456789012:role/self
      source_profile = self
      aws_access_key_id = AKIASELFEXAMPLE
      aws_secret_access_key = \(Secrets.staticSecret)
      """)
    Self.expectAssumed(
      try await sandbox.chain(profile: "outer").resolve(),
      source: "profile outer (assume role arn:aws:iam::123456789012:role/outer)")
    Self.expectAssumed(
      try await sandbox.chain(profile: "self").resolve(),
      source: "profile self (assume role arn:aws:iam::123456789012:role/self)")
  }

  @Test func credentialSourceEnvironment() async throws {
    var sandbox = try await Self.sandbox()
    sandbox.variables["AWS_ACCESS_KEY_ID"] = "AKIAENVEXAMPLE"
    sandbox.variables["AWS_SECRET_ACCESS_KEY"] = Secrets.environmentSecret
    try sandbox.write(".aws/config", "[profile ci]\nrole_arn = \(Self.role)\ncredential_source = Environment\n")
    Self.expectAssumed(try await sandbox.chain(profile: "ci").resolve(), source: "profile ci (assume role \(Self.role))")
  }

  @Test func webIdentityFromTheEnvironmentWinsOverTheProfile() async throws {
    var sandbox = try await Self.sandbox()
    let token = try sandbox.write("k8s/token", Secrets.webIdentityToken)
    try sandbox.write(
      ".aws/credentials", "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = \(Secrets.staticSecret)\n")
    sandbox.variables["AWS_WEB_IDENTITY_TOKEN_FILE"] = token
    sandbox.variables["AWS_ROLE_ARN"] = Self.role
    Self.expectAssumed(try await sandbox.chain().resolve(), source: "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)")
    // Environment keys come first.
    sandbox.variables["AWS_ACCESS_KEY_ID"] = "AKIAENVEXAMPLE"
    sandbox.variables["AWS_SECRET_ACCESS_KEY"] = Secrets.environmentSecret
    #expect(try await sandbox.chain().resolve().source == "environment")
  }

  @Test func webIdentityFromAProfileUsesTheProfileRegion() async throws {
    var sandbox = try await Self.sandbox()
    sandbox.variables["AWS_REGION"] = nil
    let token = try sandbox.write("k8s/token", Secrets.webIdentityToken)
    try sandbox.write(
      ".aws/config",
      "[profile pod]\nregion = eu-central-1\nrole_arn = \(Self.role)\nweb_identity_token_file = \(token)\n")
    Self.expectAssumed(try await sandbox.chain(profile: "pod").resolve(), source: "profile pod (web_identity_token_file)")
  }

  @Test func webIdentityFaults() async throws {
    var sandbox = try await Self.sandbox()
    sandbox.variables["AWS_WEB_IDENTITY_TOKEN_FILE"] = sandbox.home.appendingPathComponent("missing").path
    await expectFailure(sandbox.chain(), source: "web identity", contains: ["role ARN is not set (AWS_ROLE_ARN)"])
    sandbox.variables["AWS_ROLE_ARN"] = Self.role
    await expectFailure(sandbox.chain(), source: "web identity", contains: ["cannot read the web identity token file ~/missing"])
  }

  @Test func noRegionForSTSUnlessTheCallerGivesOne() async throws {
    var sandbox = try await Self.sandbox()
    sandbox.variables["AWS_REGION"] = nil
    try sandbox.write(
      ".aws/config",
      "[profile r]\nrole_arn = \(Self.role)\nsource_profile = k\n[profile k]\naws_access_key_id = AKIAK\naws_secret_access_key = \(Secrets.staticSecret)\n")
    await expectFailure(sandbox.chain(profile: "r"), source: "profile r (assume role", contains: ["STS needs a region"], code: .noRegion)
    Self.expectAssumed(
      try await sandbox.chain(profile: "r", stsRegionFallback: "eu-west-1").resolve(),
      source: "profile r (assume role \(Self.role))")
  }

  @Test func anSTSThatAnswers500IsAClearError() async throws {
    let peer = try await Peers.standIns()
    var sandbox = try await Self.sandbox()
    sandbox.variables["AWS_ENDPOINT_URL_STS"] = "\(peer.baseURL)/sts-500"
    try sandbox.write(
      ".aws/config",
      "[profile r]\nrole_arn = \(Self.role)\nsource_profile = k\n[profile k]\naws_access_key_id = AKIAK\naws_secret_access_key = \(Secrets.staticSecret)\n")
    await expectFailure(
      sandbox.chain(profile: "r"), source: "profile r (assume role \(Self.role))",
      contains: ["STS AssumeRole at http://127.0.0.1:\(peer.port) failed: HTTP 500 InternalFailure: stand-in failure"],
      code: .rejected)
  }

  @Test func mfaIsRefusedBeforeAnyCall() async throws {
    let sandbox = try await Self.sandbox()
    try sandbox.write(
      ".aws/config",
      "[profile m]\nrole_arn = \(Self.role)\nsource_profile = k\nmfa_serial = arn:aws:iam::1:mfa/me\n[profile k]\naws_access_key_id = AKIAK\naws_secret_access_key = \(Secrets.staticSecret)\n")
    await expectFailure(sandbox.chain(profile: "m"), source: "profile m", contains: ["mfa_serial"])
  }
}
