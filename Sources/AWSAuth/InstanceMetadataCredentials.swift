// EC2 instance metadata (IMDS): the v2 session token, the instance role's name, then its credentials.
//
// Facts: ../shared/reference/aws-rds-token.md §4.4. Off an EC2 instance nothing answers at 169.254.169.254, so the
// timeouts are short (1 s per request, 1.5 s for the whole provider): the chain's last source must fail fast.
import Foundation

struct InstanceMetadataProvider {
  let environment: AWSEnvironment
  /// The selected profile, for `ec2_metadata_service_endpoint(_mode)` and `ec2_metadata_v1_disabled`.
  let profile: ProfileConfig?
  let source = "EC2 instance metadata"
  /// The Go SDK asks for a 5-minute session token.
  static let tokenTTLSeconds = "300"

  /// Why the provider will not even try, or nil when it will.
  var disabledReason: String? {
    environment.flag("AWS_EC2_METADATA_DISABLED") ? "disabled by AWS_EC2_METADATA_DISABLED=true" : nil
  }

  func endpoint() throws -> URL {
    let configured = environment.value("AWS_EC2_METADATA_SERVICE_ENDPOINT")
      ?? profile?.value("ec2_metadata_service_endpoint")
    if let configured {
      guard let url = URL(string: configured), url.scheme == "http" || url.scheme == "https", url.host != nil else {
        throw AWSAuthError(
          .invalidConfiguration, source: source, "AWS_EC2_METADATA_SERVICE_ENDPOINT is not an http(s) URL")
      }
      return url
    }
    let mode = environment.value("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE")
      ?? profile?.value("ec2_metadata_service_endpoint_mode")
    switch mode?.lowercased() {
    case nil, "ipv4": return URL(string: "http://169.254.169.254") ?? URL(fileURLWithPath: "/")
    case "ipv6": return URL(string: "http://[fd00:ec2::254]") ?? URL(fileURLWithPath: "/")
    default:
      throw AWSAuthError(
        .invalidConfiguration, source: source, "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE must be IPv4 or IPv6")
    }
  }

  private var v1Disabled: Bool {
    environment.flag("AWS_EC2_METADATA_V1_DISABLED")
      || profile?.value("ec2_metadata_v1_disabled")?.lowercased() == "true"
  }

  func retrieve() async throws -> AWSCredentials {
    if let disabledReason { throw AWSAuthError(.disabled, source: source, disabledReason) }
    let base = try endpoint()
    let place = AWSEndpoints.display(base)
    let deadline = environment.now().addingTimeInterval(environment.metadataTimeouts.total)

    // 1. The session token (IMDSv2). Some setups only speak v1: 403, 404 and 405 say so, and so does a refused
    //    connection; then v1 is tried unless it is switched off.
    var token: String?
    let tokenAnswer = await exchange(
      "PUT", base, "/latest/api/token", ["X-Aws-Ec2-Metadata-Token-Ttl-Seconds": Self.tokenTTLSeconds], deadline)
    switch tokenAnswer {
    case .success(let response) where (200..<300).contains(response.status):
      let text = response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !text.isEmpty else {
        throw AWSAuthError(.malformedAnswer, source: source, "\(place) answered the token request with nothing")
      }
      token = text
    case .success(let response) where [403, 404, 405].contains(response.status):
      if v1Disabled {
        throw AWSAuthError(
          .rejected, source: source,
          "\(place) refused the IMDSv2 token request (HTTP \(response.status)) and IMDSv1 is disabled")
      }
    case .success(let response):
      throw AWSAuthError(
        .rejected, source: source, "\(place) refused the IMDSv2 token request: HTTP \(response.status)")
    case .failure(.timedOut(let seconds)):
      // Nothing answers (the usual case off EC2): a v1 request to the same silent host would only double the wait.
      throw AWSAuthError(.unreachable, source: source, "no answer from \(place) within \(formatSeconds(seconds))")
    case .failure(let failure):
      if v1Disabled {
        throw AWSAuthError(.unreachable, source: source, "\(place): \(failure) (and IMDSv1 is disabled)")
      }
    }
    var tokenHeader: [String: String] = [:]
    if let token { tokenHeader["X-Aws-Ec2-Metadata-Token"] = token }

    // 2. The role name: the first line of the listing.
    let listing = try answer(
      await exchange("GET", base, "/latest/meta-data/iam/security-credentials/", tokenHeader, deadline), place,
      what: "the instance role")
    guard
      let role = listing.bodyText.split(whereSeparator: \.isNewline).map({
        $0.trimmingCharacters(in: .whitespaces)
      }).first(where: { !$0.isEmpty })
    else {
      throw AWSAuthError(.notFound, source: source, "no EC2 IMDS role found: \(place) lists no instance role")
    }

    // 3. The role's credentials; "Code" must be "Success" as the Go SDK requires.
    let response = try answer(
      await exchange(
        "GET", base, "/latest/meta-data/iam/security-credentials/" + SigV4.percentEncode(role), tokenHeader,
        deadline), place, what: "the credentials of role \(role)")
    guard let json = AWSWire.jsonObject(response.body) else {
      throw AWSAuthError(.malformedAnswer, source: source, "\(place) answered role \(role) with no JSON object")
    }
    guard json.string("Code")?.lowercased() == "success" else {
      throw AWSAuthError(
        .rejected, source: source,
        "failed to get \(role) EC2 IMDS role credentials: Code is \(json.string("Code").map { "\"\($0.prefix(50))\"" } ?? "missing"), not \"Success\"")
    }
    guard let accessKeyID = json.string("AccessKeyId"), let secret = json.string("SecretAccessKey") else {
      throw AWSAuthError(
        .malformedAnswer, source: source, "\(place) answered role \(role) without AccessKeyId and SecretAccessKey")
    }
    return AWSCredentials(
      accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: json.string("Token"),
      expiration: json.string("Expiration").flatMap(RFC3339.parse), source: source)
  }

  private func exchange(
    _ method: String, _ base: URL, _ path: String, _ headers: [String: String], _ deadline: Date
  ) async -> Result<AWSHTTPResponse, AWSHTTPFailure> {
    let remaining = deadline.timeIntervalSince(environment.now())
    guard remaining > 0.05, let url = AWSEndpoints.join(base, path) else {
      return .failure(.timedOut(environment.metadataTimeouts.total))
    }
    let timeout = min(environment.metadataTimeouts.request, remaining)
    do {
      return .success(
        try await environment.http.send(AWSHTTPRequest(method: method, url: url, headers: headers, timeout: timeout)))
    } catch let failure as AWSHTTPFailure {
      return .failure(failure)
    } catch {
      return .failure(.cannotConnect("\(type(of: error))"))
    }
  }

  /// A 2xx answer, else the error that says what was asked and what came back.
  private func answer(_ result: Result<AWSHTTPResponse, AWSHTTPFailure>, _ place: String, what: String) throws
    -> AWSHTTPResponse
  {
    switch result {
    case .success(let response) where (200..<300).contains(response.status):
      return response
    case .success(let response) where response.status == 404 && what == "the instance role":
      throw AWSAuthError(.notFound, source: source, "no EC2 IMDS role found: \(place) has no instance role (HTTP 404)")
    case .success(let response):
      throw AWSAuthError(.rejected, source: source, "\(place) refused to give \(what): HTTP \(response.status)")
    case .failure(.timedOut(let seconds)):
      throw AWSAuthError(
        .unreachable, source: source, "no answer from \(place) within \(formatSeconds(seconds)) for \(what)")
    case .failure(let failure):
      throw AWSAuthError(.unreachable, source: source, "\(place) for \(what): \(failure)")
    }
  }
}
