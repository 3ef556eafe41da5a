// IAM Identity Center (SSO): the cached login token under ~/.aws/sso/cache, then the portal's GetRoleCredentials.
//
// Facts: ../shared/reference/aws-rds-token.md §4.4. The cache file is `<lower-hex SHA-1 of the key>.json`, where the
// key is the `sso_session` name (current form) or the `sso_start_url` (legacy form). We never refresh or create the
// login: an expired or missing token is an error that says to run `aws sso login`.
import Crypto
import Foundation

struct SSOCredentialsProvider {
  let profile: ProfileConfig
  let environment: AWSEnvironment
  let source: String
  static let timeout: TimeInterval = 5

  /// The settings an SSO profile needs, from the `[sso-session]` section where the profile names one.
  struct Settings {
    var cacheKey: String
    var region: String
    var startURL: String
    var accountID: String
    var roleName: String
  }

  func settings() throws -> Settings {
    let sessionName = profile.value("sso_session")
    var region = profile.value("sso_region")
    var startURL = profile.value("sso_start_url")
    if let sessionName, let session = profile.ssoSession {
      // The session's values win; a profile that repeats them must agree (as the Go SDK checks).
      for (key, own) in [("sso_region", region), ("sso_start_url", startURL)] {
        let fromSession = session[key].flatMap { $0.isEmpty ? nil : $0 }
        if let own, let fromSession, own != fromSession {
          throw AWSAuthError(
            .invalidConfiguration, source: source,
            "\(key) of the profile differs from the one in [sso-session \(sessionName)]")
        }
        if key == "sso_region" { region = fromSession ?? own } else { startURL = fromSession ?? own }
      }
    }
    var missing: [String] = []
    if profile.value("sso_account_id") == nil { missing.append("sso_account_id") }
    if profile.value("sso_role_name") == nil { missing.append("sso_role_name") }
    if region == nil { missing.append("sso_region") }
    if startURL == nil { missing.append("sso_start_url") }
    guard missing.isEmpty, let region, let startURL, let accountID = profile.value("sso_account_id"),
      let roleName = profile.value("sso_role_name")
    else {
      throw AWSAuthError(
        .invalidConfiguration, source: source,
        "configured for SSO but missing \(missing.joined(separator: ", "))")
    }
    return Settings(
      cacheKey: sessionName ?? startURL, region: region, startURL: startURL, accountID: accountID, roleName: roleName)
  }

  /// `~/.aws/sso/cache/<sha1>.json` for a session name or start URL.
  static func cachePath(key: String, home: String) -> String {
    let digest = Insecure.SHA1.hash(data: Array(key.utf8))
    let hex = digest.map { byte in
      let text = String(byte, radix: 16)
      return byte < 16 ? "0" + text : text
    }.joined()
    return home + "/.aws/sso/cache/" + hex + ".json"
  }

  func retrieve() async throws -> AWSCredentials {
    let settings = try settings()
    let login = settings.cacheKey == profile.value("sso_session") ? "aws sso login --sso-session \(settings.cacheKey)"
      : "aws sso login --profile \(profile.name)"
    guard let home = environment.homeDirectory else {
      throw AWSAuthError(.expiredLogin, source: source, "no home directory, so no SSO token cache; run \(login)")
    }
    let path = Self.cachePath(key: settings.cacheKey, home: home)
    let shown = environment.displayPath(path)
    guard let bytes = environment.readFile(path) else {
      throw AWSAuthError(.expiredLogin, source: source, "no cached SSO token at \(shown); run \(login)")
    }
    guard let cache = AWSWire.jsonObject(bytes), let accessToken = cache.string("accessToken") else {
      throw AWSAuthError(
        .malformedAnswer, source: source, "the SSO token cache \(shown) has no accessToken; run \(login)")
    }
    guard let expiresText = cache.string("expiresAt"), let expiresAt = RFC3339.parse(expiresText) else {
      throw AWSAuthError(
        .malformedAnswer, source: source, "the SSO token cache \(shown) has no valid expiresAt; run \(login)")
    }
    guard expiresAt > environment.now() else {
      throw AWSAuthError(
        .expiredLogin, source: source,
        "the cached SSO token expired at \(RFC3339.format(expiresAt)) (\(shown)); run \(login)")
    }

    guard AWSEndpoints.isValidRegion(settings.region),
      let base = AWSEndpoints.sso(region: settings.region, environment: environment),
      let url = AWSEndpoints.join(
        base, "/federation/credentials", query: [("account_id", settings.accountID), ("role_name", settings.roleName)])
    else {
      throw AWSAuthError(.invalidConfiguration, source: source, "sso_region \"\(settings.region)\" is not a region name")
    }
    let place = AWSEndpoints.display(base)
    let response: AWSHTTPResponse
    do {
      response = try await environment.http.send(
        AWSHTTPRequest(
          method: "GET", url: url, headers: ["x-amz-sso_bearer_token": accessToken, "Accept": "application/json"],
          timeout: Self.timeout))
    } catch let failure as AWSHTTPFailure {
      throw AWSAuthError(.unreachable, source: source, "SSO portal \(place): \(failure)")
    }
    let json = AWSWire.jsonObject(response.body)
    guard (200..<300).contains(response.status) else {
      var detail = "HTTP \(response.status)"
      if let message = json?.string("message") ?? json?.string("Message") { detail += ": \(message.prefix(300))" }
      let hint = response.status == 401 || response.status == 403 ? "; run \(login)" : ""
      throw AWSAuthError(
        response.status == 401 ? .expiredLogin : .rejected, source: source,
        "SSO portal \(place) GetRoleCredentials for account \(settings.accountID) role \(settings.roleName) failed: "
          + detail + hint)
    }
    guard let role = json?.object("roleCredentials"), let accessKeyID = role.string("accessKeyId"),
      let secret = role.string("secretAccessKey")
    else {
      throw AWSAuthError(.malformedAnswer, source: source, "SSO portal \(place) answered without roleCredentials")
    }
    // `expiration` is milliseconds since 1970.
    let expiration = role.number("expiration").map { Date(timeIntervalSince1970: $0 / 1000) }
    return AWSCredentials(
      accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: role.string("sessionToken"),
      expiration: expiration, source: source)
  }
}
