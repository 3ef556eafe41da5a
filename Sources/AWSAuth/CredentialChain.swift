// The credential provider chain in aws-sdk-go-v2's order (Atlas's SDK), with a cache that refreshes before expiry.
//
// Use:
//
//     let chain = CredentialChain(environment: .process, profile: "prod")   // profile: the data source's `profile`
//     let credentials = try await chain.resolve()                          // AWSCredentials, or an AWSAuthError
//     let region = try RegionResolver.resolve(explicit: "eu-west-1", profile: "prod", environment: .process)
//
// Order (../shared/reference/aws-rds-token.md §4.2), each step decisive once it applies (as in the Go SDK, a step
// that is configured but fails ends the search with its own error; only unconfigured steps fall through):
// 1. an explicit profile goes straight to step 4 (environment keys are not looked at);
// 2. AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN);
// 3. AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN: STS AssumeRoleWithWebIdentity;
// 4. the profile (explicit, else AWS_PROFILE, else AWS_DEFAULT_PROFILE, else `default`): `source_profile` (then
//    AssumeRole, chained), static keys, `credential_source`, `web_identity_token_file`, SSO, `credential_process`;
//    with none of these, container credentials, else EC2 instance metadata; then AssumeRole if the profile has
//    `role_arn`.
// When nothing gives credentials the error lists every source tried and why it gave nothing.
public import Foundation

/// Resolves AWS credentials as the AWS SDK for Go v2 does, and keeps them until five minutes before they expire.
///
/// One chain per (environment, profile): the language server keeps one per profile it has been asked about; the CLI
/// makes one per run. Concurrent `resolve()` calls share one resolution.
public actor CredentialChain {
  public nonisolated let environment: AWSEnvironment
  /// The profile named by the caller (the data source's `profile`, `--profile`); nil to let the environment choose.
  public nonisolated let profile: String?
  /// A region for STS calls when neither AWS_REGION, AWS_DEFAULT_REGION nor the profile gives one (the data
  /// source's `region`). The Go SDK has no such fallback and fails with a missing-region error instead.
  public nonisolated let stsRegionFallback: String?

  /// Credentials are used until this long before their expiry, then fetched again (the Go SDK's window).
  public static let refreshWindow: TimeInterval = 5 * 60

  private var cached: AWSCredentials?
  private var inFlight: Task<AWSCredentials, any Error>?

  public init(environment: AWSEnvironment = .process, profile: String? = nil, stsRegionFallback: String? = nil) {
    self.environment = environment
    self.profile = profile.flatMap { $0.isEmpty ? nil : $0 }
    self.stsRegionFallback = stsRegionFallback.flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The credentials, from the cache while they are fresh. Throws `AWSAuthError` (and only that).
  public func resolve() async throws -> AWSCredentials {
    if let cached, !Self.needsRefresh(cached, now: environment.now()) { return cached }
    if let inFlight { return try await inFlight.value }
    let resolution = ChainResolution(
      environment: environment, explicitProfile: profile, stsRegionFallback: stsRegionFallback)
    let task = Task { try await resolution.run() }
    inFlight = task
    defer { inFlight = nil }
    do {
      let credentials = try await task.value
      cached = credentials
      return credentials
    } catch let error as AWSAuthError {
      throw error
    } catch {
      // Every provider throws AWSAuthError; this keeps the promise should one slip through.
      throw AWSAuthError(.invalidConfiguration, source: "AWS credentials", "unexpected \(type(of: error))")
    }
  }

  /// Forgets cached credentials, e.g. after the database refused a token made from them.
  public func invalidate() {
    cached = nil
  }

  static func needsRefresh(_ credentials: AWSCredentials, now: Date) -> Bool {
    guard let expiration = credentials.expiration else { return false }
    return expiration.timeIntervalSince(now) <= refreshWindow
  }
}

/// Which profile the chain and the region resolver read.
public enum AWSProfileSelection {
  /// The explicit name, else AWS_PROFILE, else AWS_DEFAULT_PROFILE, else `default`.
  public static func name(explicit: String?, environment: AWSEnvironment) -> String {
    if let explicit, !explicit.isEmpty { return explicit }
    return environment.value("AWS_PROFILE") ?? environment.value("AWS_DEFAULT_PROFILE") ?? "default"
  }

  /// Whether a missing profile is an error: it is when someone named it (explicitly or with AWS_PROFILE); a missing
  /// `default` or AWS_DEFAULT_PROFILE profile is not (aws-sdk-go-v2's rule).
  static func isStrict(explicit: String?, environment: AWSEnvironment) -> Bool {
    (explicit.map { !$0.isEmpty } ?? false) || environment.value("AWS_PROFILE") != nil
  }
}

// MARK: - One resolution

/// One walk down the chain.
struct ChainResolution: Sendable {
  let environment: AWSEnvironment
  let explicitProfile: String?
  let stsRegionFallback: String?

  func run() async throws -> AWSCredentials {
    let files = SharedConfigFiles(environment: environment)
    if let problem = files.parseProblem {
      throw AWSAuthError(.invalidConfiguration, source: "shared config files", problem)
    }
    let profileName = AWSProfileSelection.name(explicit: explicitProfile, environment: environment)
    let profile = try ProfileConfig.load(profileName, from: files)
    if profile == nil && AWSProfileSelection.isStrict(explicit: explicitProfile, environment: environment) {
      throw AWSAuthError(
        .profileNotFound, source: "profile \(profileName)", "not found in \(files.placesLooked)")
    }
    let context = ProfileContext(files: files, selectedRegion: profile?.region)
    var attempts: [AWSAuthError.Attempt] = []

    if let explicitProfile {
      attempts.append(.init(source: "environment", reason: "not used: profile \(explicitProfile) was named explicitly"))
    } else {
      let accessKeyID = environment.value("AWS_ACCESS_KEY_ID") ?? environment.value("AWS_ACCESS_KEY")
      let secret = environment.value("AWS_SECRET_ACCESS_KEY") ?? environment.value("AWS_SECRET_KEY")
      if let accessKeyID, let secret {
        return AWSCredentials(
          accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: environment.value("AWS_SESSION_TOKEN"),
          source: "environment")
      }
      attempts.append(
        .init(
          source: "environment",
          reason: accessKeyID == nil
            ? (secret == nil ? "AWS_ACCESS_KEY_ID not set" : "AWS_SECRET_ACCESS_KEY set but AWS_ACCESS_KEY_ID not")
            : "AWS_ACCESS_KEY_ID set but AWS_SECRET_ACCESS_KEY not"))

      if let tokenFile = environment.value("AWS_WEB_IDENTITY_TOKEN_FILE") {
        return try await webIdentity(
          tokenFile: tokenFile, roleARN: environment.value("AWS_ROLE_ARN"),
          sessionName: environment.value("AWS_ROLE_SESSION_NAME"), roleVariable: "AWS_ROLE_ARN",
          source: "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)", context: context)
      }
      attempts.append(.init(source: "web identity", reason: "AWS_WEB_IDENTITY_TOKEN_FILE not set"))
    }
    return try await fromProfile(profile, named: profileName, context: context, attempts: &attempts)
  }

  /// What the profile steps share: the files (for messages) and the region of the selected profile, which the Go
  /// SDK uses for every STS call of the chain, nested source profiles included.
  struct ProfileContext {
    let files: SharedConfigFiles
    let selectedRegion: String?
  }

  /// Step 4 for one profile (and, recursively, its source profiles).
  private func fromProfile(
    _ profile: ProfileConfig?, named name: String, context: ProfileContext, attempts: inout [AWSAuthError.Attempt]
  ) async throws -> AWSCredentials {
    let label = "profile \(name)"
    let base: AWSCredentials
    if let profile, let source = profile.source {
      base = try await fromProfile(source, named: source.name, context: context, attempts: &attempts)
    } else if let profile, profile.hasStaticKeys {
      base = AWSCredentials(
        accessKeyID: profile.value("aws_access_key_id") ?? "", secretAccessKey: profile.value("aws_secret_access_key") ?? "",
        sessionToken: profile.value("aws_session_token"), source: "\(label) (static keys)")
    } else if let profile, let credentialSource = profile.value("credential_source") {
      base = try await fromCredentialSource(credentialSource, profile: profile)
    } else if let profile, let tokenFile = profile.value("web_identity_token_file") {
      // The role here is the web identity's own, so there is no second AssumeRole.
      return try await webIdentity(
        tokenFile: tokenFile, roleARN: profile.roleARN, sessionName: profile.value("role_session_name"),
        roleVariable: "role_arn", source: "\(label) (web_identity_token_file)", context: context)
    } else if let profile, profile.hasSSO {
      base = try await SSOCredentialsProvider(profile: profile, environment: environment, source: "\(label) (SSO)")
        .retrieve()
    } else if let profile, let command = profile.value("credential_process") {
      base = try await ProcessCredentialsProvider(
        command: command, environment: environment, source: "\(label) (credential_process)"
      ).retrieve()
    } else {
      attempts.append(
        .init(
          source: label,
          reason: profile == nil
            ? "not found in \(context.files.placesLooked)"
            : "has no credentials (no keys, source_profile, credential_source, web identity, SSO or credential_process)"))
      base = try await containerOrInstanceMetadata(profile: profile, attempts: &attempts)
    }
    guard let profile, let roleARN = profile.roleARN else { return base }
    return try await assumeRole(roleARN, profile: profile, base: base, context: context)
  }

  /// The last two steps: container credentials when configured, else EC2 instance metadata.
  private func containerOrInstanceMetadata(profile: ProfileConfig?, attempts: inout [AWSAuthError.Attempt])
    async throws -> AWSCredentials
  {
    if let url = try ContainerCredentialsProvider.endpoint(in: environment) {
      return try await ContainerCredentialsProvider(url: url, environment: environment).retrieve()
    }
    attempts.append(
      .init(
        source: "container credentials",
        reason: "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI not set"))
    do {
      return try await InstanceMetadataProvider(environment: environment, profile: profile).retrieve()
    } catch let error as AWSAuthError {
      attempts.append(.init(source: error.source, reason: error.message))
      let list = attempts.map { "\($0.source): \($0.reason)" }.joined(separator: "; ")
      throw AWSAuthError(
        .noCredentials, source: "AWS credentials", "none found; tried, in order: \(list)", attempts: attempts)
    }
  }

  /// `credential_source`: where the credentials for the profile's role come from.
  private func fromCredentialSource(_ value: String, profile: ProfileConfig) async throws -> AWSCredentials {
    let label = "profile \(profile.name) (credential_source = \(value))"
    switch value {
    case "Environment":
      guard
        let accessKeyID = environment.value("AWS_ACCESS_KEY_ID") ?? environment.value("AWS_ACCESS_KEY"),
        let secret = environment.value("AWS_SECRET_ACCESS_KEY") ?? environment.value("AWS_SECRET_KEY")
      else {
        throw AWSAuthError(
          .invalidConfiguration, source: label, "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set")
      }
      return AWSCredentials(
        accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: environment.value("AWS_SESSION_TOKEN"),
        source: label)
    case "Ec2InstanceMetadata":
      do {
        return try await InstanceMetadataProvider(environment: environment, profile: profile).retrieve()
      } catch let error as AWSAuthError {
        throw error.within(label)
      }
    case "EcsContainer":
      let url: URL?
      do { url = try ContainerCredentialsProvider.endpoint(in: environment) } catch let error as AWSAuthError {
        throw error.within(label)
      }
      guard let url else {
        throw AWSAuthError(
          .invalidConfiguration, source: label,
          "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (or _FULL_URI) is not set")
      }
      do {
        return try await ContainerCredentialsProvider(url: url, environment: environment).retrieve()
      } catch let error as AWSAuthError {
        throw error.within(label)
      }
    default:
      throw AWSAuthError(
        .invalidConfiguration, source: "profile \(profile.name)",
        "credential_source values must be EcsContainer, Ec2InstanceMetadata, or Environment")
    }
  }

  private func assumeRole(_ roleARN: String, profile: ProfileConfig, base: AWSCredentials, context: ProfileContext)
    async throws -> AWSCredentials
  {
    let label = "profile \(profile.name) (assume role \(roleARN))"
    if profile.value("mfa_serial") != nil {
      throw AWSAuthError(
        .invalidConfiguration, source: label,
        "mfa_serial is set, but Mercator cannot ask for an MFA code; use a profile without MFA, or credentials "
          + "from `aws configure export-credentials`")
    }
    let region = try stsRegion(context: context, source: label)
    // The Go SDK asks for 15 minutes unless duration_seconds asks for more.
    var duration = 900
    if let text = profile.value("duration_seconds") {
      guard let seconds = Int(text), seconds > 0 else {
        throw AWSAuthError(.invalidConfiguration, source: label, "duration_seconds is not a whole number of seconds")
      }
      duration = max(duration, seconds)
    }
    let sts = STSClient(environment: environment, region: region, source: label)
    return try await sts.assumeRole(
      roleARN: roleARN, sessionName: profile.value("role_session_name") ?? sts.defaultSessionName(),
      externalID: profile.value("external_id"), durationSeconds: duration, credentials: base)
  }

  private func webIdentity(
    tokenFile: String, roleARN: String?, sessionName: String?, roleVariable: String, source: String,
    context: ProfileContext
  ) async throws -> AWSCredentials {
    guard let roleARN else {
      throw AWSAuthError(.invalidConfiguration, source: source, "role ARN is not set (\(roleVariable))")
    }
    guard let bytes = environment.readFile(tokenFile) else {
      throw AWSAuthError(
        .unreadableFile, source: source, "cannot read the web identity token file \(environment.displayPath(tokenFile))")
    }
    let token = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard !token.isEmpty else {
      throw AWSAuthError(
        .invalidConfiguration, source: source,
        "the web identity token file \(environment.displayPath(tokenFile)) is empty")
    }
    let region = try stsRegion(context: context, source: source)
    let sts = STSClient(environment: environment, region: region, source: source)
    return try await sts.assumeRoleWithWebIdentity(
      roleARN: roleARN, sessionName: sessionName ?? sts.defaultSessionName(), token: token)
  }

  /// The region STS is called in: AWS_REGION, AWS_DEFAULT_REGION, the selected profile's region, else the caller's
  /// fallback (the data source's region).
  private func stsRegion(context: ProfileContext, source: String) throws -> String {
    if let region = environment.value("AWS_REGION") ?? environment.value("AWS_DEFAULT_REGION") ?? context.selectedRegion
      ?? stsRegionFallback
    {
      return region
    }
    throw AWSAuthError(
      .noRegion, source: source,
      "STS needs a region: set AWS_REGION, or region in the profile (\(context.files.placesLooked))")
  }
}
