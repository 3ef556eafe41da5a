// Container credentials (ECS task roles, EKS Pod Identity): GET the endpoint that AWS_CONTAINER_CREDENTIALS_* name.
//
// Facts: ../shared/reference/aws-rds-token.md §4.4. RELATIVE_URI goes to http://169.254.170.2; FULL_URI may be any
// https URL, but an http one only a loopback or ECS/EKS host, so a hostile setting cannot send the token elsewhere.
import Foundation

struct ContainerCredentialsProvider {
  let url: URL
  let environment: AWSEnvironment
  let source = "container credentials"
  /// A local agent answers at once; a few seconds covers an https FULL_URI.
  static let timeout: TimeInterval = 2

  /// The endpoint the environment names, nil when neither variable is set. RELATIVE_URI is checked first, as the
  /// newest aws-sdk-go-v2 does.
  static func endpoint(in environment: AWSEnvironment) throws -> URL? {
    if let relative = environment.value("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
      let path = relative.hasPrefix("/") ? relative : "/" + relative
      guard let url = URL(string: "http://169.254.170.2" + path) else {
        throw AWSAuthError(
          .invalidConfiguration, source: "container credentials",
          "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is not a URL path")
      }
      return url
    }
    guard let full = environment.value("AWS_CONTAINER_CREDENTIALS_FULL_URI") else { return nil }
    guard let url = URL(string: full), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
      throw AWSAuthError(
        .invalidConfiguration, source: "container credentials", "AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL")
    }
    switch scheme {
    case "https": return url
    case "http":
      guard isAllowedPlainHost(host) else {
        throw AWSAuthError(
          .invalidConfiguration, source: "container credentials",
          "AWS_CONTAINER_CREDENTIALS_FULL_URI host \"\(host)\" is not allowed over http: only loopback, "
            + "169.254.170.2, 169.254.170.23 and fd00:ec2::23 are (use https for other hosts)")
      }
      return url
    default:
      throw AWSAuthError(
        .invalidConfiguration, source: "container credentials",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI must be an http or https URL")
    }
  }

  /// Loopback, the ECS agent and the EKS Pod Identity agent (IPv4 and IPv6). A name must resolve to loopback only.
  static func isAllowedPlainHost(_ rawHost: String) -> Bool {
    let host = rawHost.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
    if ["169.254.170.2", "169.254.170.23", "fd00:ec2::23"].contains(host) { return true }
    if isLoopbackAddress(host) { return true }
    if host == "localhost" { return true }
    if host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) { return false }
    // A name: every address it resolves to must be loopback (the Go SDK resolves and checks the same way).
    let addresses = Host(name: host).addresses
    return !addresses.isEmpty && addresses.allSatisfy(isLoopbackAddress)
  }

  private static func isLoopbackAddress(_ address: String) -> Bool {
    if address == "::1" || address == "0:0:0:0:0:0:0:1" { return true }
    let parts = address.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
  }

  func retrieve() async throws -> AWSCredentials {
    var headers = ["Accept": "application/json"]
    if let token = try authorizationToken() { headers["Authorization"] = token }
    let place = AWSEndpoints.display(url)
    let response: AWSHTTPResponse
    do {
      response = try await environment.http.send(
        AWSHTTPRequest(method: "GET", url: url, headers: headers, timeout: Self.timeout))
    } catch let failure as AWSHTTPFailure {
      throw AWSAuthError(.unreachable, source: source, "\(place): \(failure)")
    }
    let json = AWSWire.jsonObject(response.body)
    guard (200..<300).contains(response.status) else {
      var detail = "HTTP \(response.status)"
      if let code = json?.string("code") ?? json?.string("Code") { detail += " \(code.prefix(100))" }
      if let message = json?.string("message") ?? json?.string("Message") { detail += ": \(message.prefix(300))" }
      throw AWSAuthError(.rejected, source: source, "\(place) refused: \(detail)")
    }
    guard let json else {
      throw AWSAuthError(.malformedAnswer, source: source, "\(place) did not answer with a JSON object")
    }
    guard let accessKeyID = json.string("AccessKeyId"), let secret = json.string("SecretAccessKey") else {
      throw AWSAuthError(.malformedAnswer, source: source, "\(place) answered without AccessKeyId and SecretAccessKey")
    }
    return AWSCredentials(
      accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: json.string("Token"),
      expiration: json.string("Expiration").flatMap(RFC3339.parse), source: source)
  }

  /// AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read on every call: EKS rotates it), else AWS_CONTAINER_AUTHORIZATION_TOKEN.
  private func authorizationToken() throws -> String? {
    var token: String?
    if let path = environment.value("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
      guard let bytes = environment.readFile(path) else {
        throw AWSAuthError(
          .unreadableFile, source: source,
          "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(environment.displayPath(path))")
      }
      // A trailing newline (an editor's, or `echo`'s) would make the header invalid; the Go SDK sends the bytes as
      // they are and fails there.
      token = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    } else {
      token = environment.value("AWS_CONTAINER_AUTHORIZATION_TOKEN")
    }
    guard let token, !token.isEmpty else { return nil }
    if token.contains(where: { $0 == "\r" || $0 == "\n" }) {
      throw AWSAuthError(.invalidConfiguration, source: source, "the authorization token contains a line break")
    }
    return token
  }
}
