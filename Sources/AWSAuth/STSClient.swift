// STS AssumeRole (SigV4-signed) and AssumeRoleWithWebIdentity (unsigned), and where AWS service endpoints are.
//
// Request shapes: ../shared/reference/aws-rds-token.md §4.4. Endpoints move the standard way: AWS_ENDPOINT_URL_STS
// (or _SSO), else AWS_ENDPOINT_URL, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true.
import Foundation

/// Where the chain's AWS services are, for a region.
enum AWSEndpoints {
  /// `https://sts.REGION.amazonaws.com` (`.com.cn` in China), or the configured override.
  static func sts(region: String, environment: AWSEnvironment) -> URL? {
    if let url = configured("AWS_ENDPOINT_URL_STS", environment) { return url }
    return URL(string: "https://sts.\(region).\(domain(region))")
  }

  /// `https://portal.sso.REGION.amazonaws.com` (IAM Identity Center's portal API), or the configured override.
  static func sso(region: String, environment: AWSEnvironment) -> URL? {
    if let url = configured("AWS_ENDPOINT_URL_SSO", environment) { return url }
    return URL(string: "https://portal.sso.\(region).\(domain(region))")
  }

  /// Region names are lower-case letters, digits and dashes; anything else would change the host we call.
  static func isValidRegion(_ region: String) -> Bool {
    !region.isEmpty && region.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
  }

  /// "http://127.0.0.1:5000": an endpoint as messages show it, without path or query.
  static func display(_ url: URL) -> String {
    var text = "\(url.scheme ?? "https")://\(url.host ?? "?")"
    if let port = url.port { text += ":\(port)" }
    return text
  }

  private static func configured(_ specific: String, _ environment: AWSEnvironment) -> URL? {
    if environment.flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") { return nil }
    guard let text = environment.value(specific) ?? environment.value("AWS_ENDPOINT_URL"),
      let url = URL(string: text), url.scheme == "http" || url.scheme == "https", url.host != nil
    else { return nil }
    return url
  }

  private static func domain(_ region: String) -> String {
    region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
  }

  /// `base` with `path` appended to its own path (an endpoint may carry a path prefix).
  static func join(_ base: URL, _ path: String, query: [(String, String)] = []) -> URL? {
    var text = base.absoluteString
    if let queryStart = text.firstIndex(of: "?") { text = String(text[..<queryStart]) }
    while text.hasSuffix("/") { text.removeLast() }
    text += path
    if !query.isEmpty {
      text += "?" + AWSWire.query(query)
    }
    return URL(string: text)
  }
}

/// The STS calls the chain makes.
struct STSClient {
  let environment: AWSEnvironment
  let region: String
  /// The source the calls are made for, e.g. "profile prod (role_arn)", for messages.
  let source: String

  /// STS is a service on the internet: a few seconds for TLS and an answer.
  static let timeout: TimeInterval = 5

  /// AssumeRole with the given credentials, signed with SigV4 (service `sts`).
  func assumeRole(
    roleARN: String, sessionName: String, externalID: String?, durationSeconds: Int, credentials: AWSCredentials
  ) async throws -> AWSCredentials {
    let url = try endpoint()
    var form = [
      ("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", roleARN), ("RoleSessionName", sessionName),
      ("DurationSeconds", String(durationSeconds)),
    ]
    if let externalID { form.append(("ExternalId", externalID)) }
    let body = AWSWire.formEncode(form)
    let headers = SigV4.signedHeaders(
      method: "POST", url: url, headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"],
      body: body, service: "sts", region: region, credentials: credentials, date: environment.now())
    return try await call("AssumeRole", url: url, headers: headers, body: body)
  }

  /// AssumeRoleWithWebIdentity: unsigned, the token is the proof.
  func assumeRoleWithWebIdentity(roleARN: String, sessionName: String, token: String) async throws -> AWSCredentials {
    let url = try endpoint()
    let body = AWSWire.formEncode([
      ("Action", "AssumeRoleWithWebIdentity"), ("Version", "2011-06-15"), ("RoleArn", roleARN),
      ("RoleSessionName", sessionName), ("WebIdentityToken", token),
    ])
    return try await call(
      "AssumeRoleWithWebIdentity", url: url,
      headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"], body: body)
  }

  /// A default session name, unique per call as the Go SDK's is (it uses `aws-go-sdk-<unix nanoseconds>`).
  func defaultSessionName() -> String {
    "mercator-\(Int64(environment.now().timeIntervalSince1970 * 1000))"
  }

  private func endpoint() throws -> URL {
    guard AWSEndpoints.isValidRegion(region) else {
      throw AWSAuthError(.invalidConfiguration, source: source, "STS region \"\(region)\" is not a region name")
    }
    guard let url = AWSEndpoints.sts(region: region, environment: environment) else {
      throw AWSAuthError(.invalidConfiguration, source: source, "no STS endpoint for region \(region)")
    }
    return url
  }

  private func call(_ action: String, url: URL, headers: [String: String], body: [UInt8]) async throws
    -> AWSCredentials
  {
    let where_ = AWSEndpoints.display(url)
    let response: AWSHTTPResponse
    do {
      response = try await environment.http.send(
        AWSHTTPRequest(method: "POST", url: url, headers: headers, body: body, timeout: Self.timeout))
    } catch let failure as AWSHTTPFailure {
      throw AWSAuthError(.unreachable, source: source, "STS \(action) at \(where_): \(failure)")
    }
    let xml = Substring(response.bodyText)
    guard (200..<300).contains(response.status) else {
      // Only the error code and message of STS's error document are shown; the body is not echoed.
      var detail = "HTTP \(response.status)"
      if let code = AWSWire.xmlText("Code", in: xml) { detail += " \(code.prefix(100))" }
      if let message = AWSWire.xmlText("Message", in: xml) { detail += ": \(message.prefix(300))" }
      throw AWSAuthError(.rejected, source: source, "STS \(action) at \(where_) failed: \(detail)")
    }
    guard let block = AWSWire.xmlElement("Credentials", in: xml),
      let accessKeyID = AWSWire.xmlText("AccessKeyId", in: block), !accessKeyID.isEmpty,
      let secret = AWSWire.xmlText("SecretAccessKey", in: block), !secret.isEmpty
    else {
      throw AWSAuthError(
        .malformedAnswer, source: source, "STS \(action) at \(where_) answered without Credentials")
    }
    let token = AWSWire.xmlText("SessionToken", in: block)
    let expiration = AWSWire.xmlText("Expiration", in: block).flatMap(RFC3339.parse)
    return AWSCredentials(
      accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: token?.isEmpty == false ? token : nil,
      expiration: expiration, source: source)
  }
}
