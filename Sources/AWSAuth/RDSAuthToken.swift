// The RDS IAM auth token: the endpoint parsed as Atlas accepts it, signed and printed as botocore's generate_db_auth_token.
//
// The token is a SigV4 presigned `GET https://HOST:PORT/?Action=connect&DBUser=USER` for service `rds-db`, valid
// 900 s, with `https://` removed (../shared/reference/aws-rds-token.md §2). One deliberate difference from botocore:
// the host is lower-cased for the printed token too, not only for the signature (§2.6), so what is printed is what
// was signed whichever way RDS compares hosts. Errors never carry the endpoint text, the credentials or the token: a
// mistyped endpoint may be a whole connection URL with a password in it.
public import Foundation

/// A database endpoint as `aws_rds_token.endpoint` gives it: `HOST:PORT`, optionally after `https://` or `http://`,
/// with IPv6 addresses in brackets (`[::1]:5432`).
public struct RDSEndpoint: Sendable, Hashable, CustomStringConvertible {
  /// Lower-case, without brackets for an IPv6 address.
  public var host: String
  public var port: Int

  public init(host: String, port: Int) {
    self.host = host.lowercased()
    self.port = port
  }

  /// Parses as Atlas does (aws-sdk-go-v2 `feature/rds/auth`): split at the last `:`, the part after it must be a
  /// port. Stricter than Atlas in two ways that can only turn a useless token into an error: the port must be
  /// decimal digits from 1 to 65535 (Go's `Atoi` also takes `+5432` or `-1`), and the host must be a bare host name or
  /// a bracketed IPv6 address (no user, path, query or spaces).
  public init(parsing text: String) throws(RDSTokenError) {
    var rest = Substring(text)
    for scheme in ["https://", "http://"] where rest.lowercased().hasPrefix(scheme) {
      rest = rest.dropFirst(scheme.count)
      break
    }
    guard let colon = rest.lastIndex(of: ":") else { throw .missingOrInvalidPort }
    let portText = rest[rest.index(after: colon)...]
    guard !portText.isEmpty, portText.utf8.count <= 5,
      portText.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
      let port = Int(portText), (1...65_535).contains(port)
    else { throw .missingOrInvalidPort }
    var host = rest[..<colon]
    var bracketed = false
    if host.hasPrefix("[") && host.hasSuffix("]") && host.count >= 2 {
      host = host.dropFirst().dropLast()
      bracketed = true
    }
    guard !host.isEmpty else { throw .missingHost }
    if host.contains(":") && !bracketed { throw .invalidHost(.ipv6WithoutBrackets) }
    for scalar in host.unicodeScalars {
      if scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F {
        throw .invalidHost(.whitespaceOrControl)
      }
      if "/?#@[]\\%".unicodeScalars.contains(scalar) { throw .invalidHost(.notAHostName) }
    }
    self.init(host: String(host), port: port)
  }

  /// `host:port`, with brackets around an IPv6 address: the start of the token, and what messages show.
  public var authority: String {
    host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
  }

  public var description: String { authority }
}

/// Why no token was made. The message names the problem, never the values involved.
public enum RDSTokenError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
  /// No `:PORT` at the end, or not a number from 1 to 65535 (Atlas's message, with what we expect added).
  case missingOrInvalidPort
  case missingHost
  case invalidHost(InvalidHostReason)
  case emptyUsername
  case emptyRegion
  /// The region is not made of lower-case letters, digits and `-` (as `us-east-1`); a stray space or a typo here
  /// would produce a token the database rejects without saying why.
  case invalidRegion

  public enum InvalidHostReason: Sendable, Equatable {
    case ipv6WithoutBrackets
    case whitespaceOrControl
    case notAHostName
  }

  public var description: String {
    switch self {
    case .missingOrInvalidPort:
      return
        "the provided endpoint is missing a port, or the provided port is invalid: expected HOST:PORT with a port from 1 to 65535, e.g. mydb.abc123xyz.us-east-1.rds.amazonaws.com:5432"
    case .missingHost:
      return "the provided endpoint has no host before the port: expected HOST:PORT"
    case .invalidHost(.ipv6WithoutBrackets):
      return "the provided endpoint's host contains ':'; an IPv6 address needs brackets, e.g. [::1]:5432"
    case .invalidHost(.whitespaceOrControl):
      return "the provided endpoint's host contains spaces or control characters"
    case .invalidHost(.notAHostName):
      return
        "the provided endpoint is not HOST:PORT (it contains one of / ? # @ [ ] \\ %); give the database host and port only, not a URL"
    case .emptyUsername:
      return "the database user name is empty"
    case .emptyRegion:
      return "no AWS region: the token is signed for one region and the database rejects any other"
    case .invalidRegion:
      return "the AWS region is not a region name (lower-case letters, digits and '-', e.g. us-east-1)"
    }
  }

  public var errorDescription: String? { description }
}

/// The token `aws rds generate-db-auth-token` prints, from explicit inputs (credentials and region are resolved by the
/// caller).
public enum RDSAuthToken {
  /// How long a token is accepted after its signing time, in seconds (fixed by RDS; botocore and Go both send 900).
  public static let lifetimeSeconds = 900

  /// `host:port/?Action=connect&DBUser=…&X-Amz-Algorithm=…&X-Amz-Credential=…&X-Amz-Date=…&X-Amz-Expires=900&
  /// X-Amz-SignedHeaders=host[&X-Amz-Security-Token=…]&X-Amz-Signature=…`, signed as of `date`.
  public static func generate(
    endpoint: String, username: String, region: String, credentials: AWSCredentials, date: Date
  ) throws(RDSTokenError) -> String {
    try generate(
      endpoint: RDSEndpoint(parsing: endpoint), username: username, region: region, credentials: credentials, date: date)
  }

  public static func generate(
    endpoint: RDSEndpoint, username: String, region: String, credentials: AWSCredentials, date: Date
  ) throws(RDSTokenError) -> String {
    guard !username.isEmpty else { throw .emptyUsername }
    guard !region.isEmpty else { throw .emptyRegion }
    guard
      region.utf8.allSatisfy({
        ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
          || $0 == UInt8(ascii: "-")
      })
    else { throw .invalidRegion }
    let query = SigV4.presignedQuery(
      host: SigV4.hostHeader(host: endpoint.host, port: endpoint.port),
      parameters: [("Action", "connect"), ("DBUser", username)],
      service: "rds-db", region: region, credentials: credentials, date: date, expires: lifetimeSeconds)
    return "\(endpoint.authority)/?\(query)"
  }
}
