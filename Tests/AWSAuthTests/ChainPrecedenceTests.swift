// The chain's order (aws-sdk-go-v2's) and the shared files: which source wins when two are present, and what
// happens when none is.
import AWSAuth
import Foundation
import Testing

@Suite struct ChainPrecedenceTests {
  static let staticProfile = """
    [default]
    aws_access_key_id = AKIADEFAULTEXAMPLE
    aws_secret_access_key = \(Secrets.staticSecret)

    [prod]
    aws_access_key_id = AKIAPRODEXAMPLE
    aws_secret_access_key = \(Secrets.staticSecret)
    aws_session_token = \(Secrets.staticSession)
    """

  @Test func environmentKeysWinOverAWSProfile() async throws {
    var sandbox = try Sandbox()
    try sandbox.write(".aws/credentials", Self.staticProfile)
    sandbox.variables["AWS_PROFILE"] = "prod"
    sandbox.variables["AWS_ACCESS_KEY_ID"] = "AKIAENVEXAMPLE"
    sandbox.variables["AWS_SECRET_ACCESS_KEY"] = Secrets.environmentSecret
    sandbox.variables["AWS_SESSION_TOKEN"] = Secrets.environmentSession
    let credentials = try await sandbox.chain().resolve()
    #expect(credentials.accessKeyID == "AKIAENVEXAMPLE")
    #expect(credentials.secretAccessKey == Secrets.environmentSecret)
    #expect(credentials.sessionToken == Secrets.environmentSession)
    #expect(credentials.source == "environment")
  }

  @Test func anExplicitProfileSkipsEnvironmentKeys() async throws {
    var sandbox = try Sandbox()
    try sandbox.write(".aws/credentials", Self.staticProfile)
    sandbox.variables["AWS_ACCESS_KEY_ID"] = "AKIAENVEXAMPLE"
    sandbox.variables["AWS_SECRET_ACCESS_KEY"] = Secrets.environmentSecret
    let credentials = try await sandbox.chain(profile: "prod").resolve()
    #expect(credentials.accessKeyID == "AKIAPRODEXAMPLE")
    #expect(credentials.sessionToken == Secrets.staticSession)
    #expect(credentials.source == "profile prod (static keys)")
  }

  @Test func legacyEnvironmentNamesCount() async throws {
    var sandbox = try Sandbox()
    sandbox.variables["AWS_ACCESS_KEY"] = "AKIALEGACYEXAMPLE"
    sandbox.variables["AWS_SECRET_KEY"] = Secrets.environmentSecret
    #expect(try await sandbox.chain().resolve().accessKeyID == "AKIALEGACYEXAMPLE")
  }

  @Test func awsProfileSelectsTheProfileAndDefaultIsTheFallback() async throws {
    var sandbox = try Sandbox()
    try sandbox.write(".aws/credentials", Self.staticProfile)
    #expect(try await sandbox.chain().resolve().accessKeyID == "AKIADEFAULTEXAMPLE")
    sandbox.variables["AWS_PROFILE"] = "prod"
    #expect(try await sandbox.chain().resolve().accessKeyID == "AKIAPRODEXAMPLE")
    sandbox.variables["AWS_PROFILE"] = nil
    sandbox.variables["AWS_DEFAULT_PROFILE"] = "prod"
    #expect(try await sandbox.chain().resolve().accessKeyID == "AKIAPRODEXAMPLE")
  }

  @Test func configFileSectionsFollowTheSDKsRules() async throws {
    var sandbox = try Sandbox()
    // `[bare]` without the prefix is not a profile in the config file; `[profile cred]` is not one in the
    // credentials file; `[profile default]` wins over `[default]`; the credentials file wins key by key.
    try sandbox.write(
      ".aws/config",
      """
      # a comment
      [default]
      aws_access_key_id = AKIAPLAINDEFAULT
      aws_secret_access_key = \(Secrets.staticSecret)
      [profile default]
      aws_access_key_id = AKIAPREFIXEDDEFAULT
      aws_secret_access_key = \(Secrets.staticSecret)
      [bare]
      aws_access_key_id = AKIABARE
      aws_secret_access_key = \(Secrets.staticSecret)
      [profile merged]
      region = eu-west-1
      aws_access_key_id = AKIAFROMCONFIG
      aws_secret_access_key = \(Secrets.staticSecret)
      [profile quoted]
      aws_access_key_id = "AKIAQUOTED" ; trailing comment
      AWS_Secret_Access_Key: \(Secrets.staticSecret)
      """)
    try sandbox.write(
      ".aws/credentials",
      """
      [merged]
      aws_access_key_id = AKIAFROMCREDENTIALS
      aws_secret_access_key = \(Secrets.staticSecret)
      [profile cred]
      aws_access_key_id = AKIAIGNORED
      aws_secret_access_key = \(Secrets.staticSecret)
      """)
    #expect(try await sandbox.chain().resolve().accessKeyID == "AKIAPREFIXEDDEFAULT")
    #expect(try await sandbox.chain(profile: "merged").resolve().accessKeyID == "AKIAFROMCREDENTIALS")
    #expect(try await sandbox.chain(profile: "quoted").resolve().accessKeyID == "AKIAQUOTED")
    await expectFailure(sandbox.chain(profile: "bare"), source: "profile bare", contains: ["not found"], code: .profileNotFound)
    await expectFailure(sandbox.chain(profile: "cred"), source: "profile cred", code: .profileNotFound)
    #expect(SharedConfigFiles(environment: sandbox.environment).profileNames == ["default", "merged", "quoted"])
  }

  @Test func configFileLocationsMoveWithTheEnvironment() async throws {
    var sandbox = try Sandbox()
    let config = try sandbox.write("elsewhere/config", "[profile moved]\nregion = ap-south-1\n")
    let credentials = try sandbox.write(
      "elsewhere/creds", "[moved]\naws_access_key_id = AKIAMOVED\naws_secret_access_key = \(Secrets.staticSecret)\n")
    sandbox.variables["AWS_CONFIG_FILE"] = config
    sandbox.variables["AWS_SHARED_CREDENTIALS_FILE"] = credentials
    #expect(try await sandbox.chain(profile: "moved").resolve().accessKeyID == "AKIAMOVED")
    #expect(try RegionResolver.resolve(explicit: nil, profile: "moved", environment: sandbox.environment).name == "ap-south-1")
  }

  @Test func partialCredentialsAreAnError() async throws {
    let sandbox = try Sandbox()
    try sandbox.write(".aws/credentials", "[half]\naws_access_key_id = AKIAHALF\n")
    await expectFailure(
      sandbox.chain(profile: "half"), source: "profile half",
      contains: ["partial credentials found for profile half", "aws_secret_access_key"], code: .invalidConfiguration)
  }

  @Test func aMissingNamedProfileIsAnErrorButAMissingDefaultIsNot() async throws {
    var sandbox = try Sandbox()
    try sandbox.write(".aws/config", "[profile other]\nregion = us-east-1\n")
    await expectFailure(
      sandbox.chain(profile: "nope"), source: "profile nope",
      contains: ["not found in ~/.aws/config or ~/.aws/credentials"], code: .profileNotFound)
    sandbox.variables["AWS_PROFILE"] = "nope"
    await expectFailure(sandbox.chain(), source: "profile nope", code: .profileNotFound)
    sandbox.variables["AWS_PROFILE"] = nil
    sandbox.variables["AWS_ACCESS_KEY_ID"] = "AKIAENVEXAMPLE"
    sandbox.variables["AWS_SECRET_ACCESS_KEY"] = Secrets.environmentSecret
    #expect(try await sandbox.chain().resolve().source == "environment")
  }

  @Test func profileKeysWinOverContainerAndContainerOverInstanceMetadata() async throws {
    let peer = try await Peers.standIns()
    var sandbox = try Sandbox()
    sandbox.variables["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "\(peer.baseURL)/container~order/creds"
    sandbox.variables["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = Secrets.containerAuthorization
    sandbox.variables["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "\(peer.baseURL)/imds-ok~order"
    #expect(try await sandbox.chain().resolve().source == "container credentials")
    try sandbox.write(".aws/credentials", Self.staticProfile)
    #expect(try await sandbox.chain().resolve().source == "profile default (static keys)")
    #expect(try await Peers.standInLog(prefix: "imds-ok~order").isEmpty)
  }

  @Test func nothingAnywhereListsEverySourceTried() async throws {
    let sandbox = try Sandbox()
    let error = await expectFailure(
      sandbox.chain(), source: "AWS credentials",
      contains: [
        "environment: AWS_ACCESS_KEY_ID not set", "web identity: AWS_WEB_IDENTITY_TOKEN_FILE not set",
        "profile default: not found in ~/.aws/config or ~/.aws/credentials",
        "container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI not set",
        "EC2 instance metadata: http://127.0.0.1:9", "connection refused",
      ], code: .noCredentials)
    #expect(error?.attempts.map(\.source) == [
      "environment", "web identity", "profile default", "container credentials", "EC2 instance metadata",
    ])
  }

  @Test func anEmptyProfileFallsThroughToInstanceMetadata() async throws {
    var sandbox = try Sandbox()
    try sandbox.write(".aws/config", "[profile bare]\nregion = eu-west-1\n")
    sandbox.variables["AWS_EC2_METADATA_DISABLED"] = "true"
    await expectFailure(
      sandbox.chain(profile: "bare"), source: "AWS credentials",
      contains: [
        "environment: not used: profile bare was named explicitly", "profile bare: has no credentials",
        "EC2 instance metadata: disabled by AWS_EC2_METADATA_DISABLED=true",
      ], code: .noCredentials)
  }

  @Test func aBrokenConfigFileIsReportedWithItsLineNotItsText() async throws {
    let sandbox = try Sandbox()
    try sandbox.write(".aws/credentials", "[default]\n\(Secrets.staticSecret)\n")
    await expectFailure(sandbox.chain(), source: "shared config files", contains: ["~/.aws/credentials line 2"])
  }

  @Test func sourceProfileCyclesEndWithAnError() async throws {
    let sandbox = try Sandbox()
    try sandbox.write(
      ".aws/config",
      """
      [profile a]
      role_arn = arn:aws:iam::123456789012:role/a
      source_profile = b
      [profile b]
      role_arn = arn:aws:iam::123456789012:role/b
      source_profile = a
      """)
    await expectFailure(sandbox.chain(profile: "a"), source: "profile b", contains: ["source_profile a has no credentials"])
  }

  @Test func roleSettingsWithoutARoleAreInvalid() async throws {
    let sandbox = try Sandbox()
    try sandbox.write(
      ".aws/config",
      """
      [profile a]
      source_profile = b
      [profile b]
      aws_access_key_id = AKIAB
      aws_secret_access_key = \(Secrets.staticSecret)
      [profile two]
      role_arn = arn:aws:iam::123456789012:role/x
      credential_source = Environment
      credential_process = /bin/true
      [profile odd]
      role_arn = arn:aws:iam::123456789012:role/x
      credential_source = Somewhere
      """)
    await expectFailure(sandbox.chain(profile: "a"), source: "profile a", contains: ["source_profile is set but role_arn is not"])
    await expectFailure(sandbox.chain(profile: "two"), source: "profile two", contains: ["only one credential type"])
    await expectFailure(
      sandbox.chain(profile: "odd"), source: "profile odd",
      contains: ["credential_source values must be EcsContainer, Ec2InstanceMetadata, or Environment"])
  }
}
