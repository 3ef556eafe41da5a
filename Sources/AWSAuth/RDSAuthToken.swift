// The RDS IAM auth token: the endpoint parsed as Atlas accepts it, signed and printed as botocore prints it.
//
// The token is a SigV4 presigned `GET https://HOST:PORT/?Action=connect&DBUser=USER` for service `rds-db`, valid
// 900 s, with `https://` removed (../shared/reference/aws-rds-token.md §2). As botocore (and so the AWS CLI) does, the
// host is signed lower-cased but printed as written (§2.6): the token is byte-identical to `aws rds
// generate-db-auth-token`'s. Errors never carry the endpoint text, the credentials or the token: a mistyped endpoint
// may be a whole connection URL with a password in it.
public import Foundation

/// A database endpoint as `aws_rds_token.endpoint` gives it: `HOST:PORT`, optionally after `https://` or `http://`,
/// with IPv6 addresses in brackets (`[::1]:5432`).
public struct RDSEndpoint: Sendable, Hashable, CustomStringConvertible {
  /// As written (the token prints it so; the signature uses it lower-cased), without brackets for an IPv6 address.
  public let host: String
  public let port: Int

  public init(host: String, port: Int) {
    self.host = host
    self.port = port
  }

  /// Parses as Atlas does (aws-sdk-go-v2 `feature/rds/auth`): split at the last `:`, the part after it must be a
  /// port. Stricter than Atlas in two ways that can only turn a useless token into an error: the port must be
  /// decimal digits from 1 to 65535 (Go's `Atoi` also takes `+5432` or `-1`), and the host must be a bare host name or
  /// a bracketed IPv6 address (no user, path, query or spaces).
  public init(parsing text: String) throws(RDSTokenError) {
    var rest = Substring(text)
    for scheme in ["https://", "http://"] where hasPrefixIgnoringASCIICase(rest, scheme) {
      rest = rest[rest.utf8.index(rest.startIndex, offsetBy: scheme.utf8.count)...]
      break
    }
    guard let colon = rest.utf8.lastIndex(of: UInt8(ascii: ":")) else { throw .missingOrInvalidPort }
    let portText = rest.utf8[rest.utf8.index(after: colon)...]
    var port = 0
    guard !portText.isEmpty, portText.count <= 5 else { throw .missingOrInvalidPort }
    for byte in portText {
      guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { throw .missingOrInvalidPort }
      port = port * 10 + Int(byte - UInt8(ascii: "0"))
    }
    guard (1...65_535).contains(port) else { throw .missingOrInvalidPort }
    var host = rest[..<colon]
    var bracketed = false
    if host.utf8.first == UInt8(ascii: "[") && host.utf8.last == UInt8(ascii: "]") && host.utf8.count >= 2 {
      host = host[host.utf8.index(after: host.startIndex)..<host.utf8.index(before: host.endIndex)]
      bracketed = true
    }
    guard !host.isEmpty else { throw .missingHost }
    // URL characters first: `postgres://u:p@h:5432` should be told it is a URL, not that IPv6 needs brackets.
    // Host names are ASCII: decide on bytes, and look up Unicode properties only if there is more than ASCII.
    var ascii = true
    var hasColon = false
    for byte in host.utf8 {
      switch byte {
      case UInt8(ascii: ":"): hasColon = true
      case 0...0x20, 0x7F: throw .invalidHost(.whitespaceOrControl)
      case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "@"), UInt8(ascii: "["),
        UInt8(ascii: "]"), UInt8(ascii: "\\"), UInt8(ascii: "%"):
        throw .invalidHost(.notAHostName)
      case 0x80...: ascii = false
      default: continue
      }
    }
    if !ascii {
      for scalar in host.unicodeScalars where scalar.properties.isWhitespace || (0x80...0x9F).contains(scalar.value) {
        throw .invalidHost(.whitespaceOrControl)
      }
    }
    if hasColon && !bracketed { throw .invalidHost(.ipv6WithoutBrackets) }
    self.init(host: String(host), port: port)
  }

  /// `host:port`, with brackets around an IPv6 address: the start of the token, and what messages show.
  public var authority: String {
    let bracketed = host.utf8.contains(UInt8(ascii: ":"))
    var text = ""
    text.reserveCapacity(host.utf8.count + 8)
    if bracketed { text += "[" }
    text += host
    text += bracketed ? "]:" : ":"
    text += String(port)
    return text
  }

  public var description: String { authority }
}

/// Whether `text` starts with `prefix` (lower-case ASCII), ignoring the case of ASCII letters in `text`.
private func hasPrefixIgnoringASCIICase(_ text: Substring, _ prefix: String) -> Bool {
  var remaining = text.utf8.makeIterator()
  for expected in prefix.utf8 {
    guard let byte = remaining.next() else { return false }
    let folded = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    guard folded == expected else { return false }
  }
  return true
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
        "the provided endpoint is missing a port, or the provided port is invalid: expected HOST:PORT with a port "
        + "from 1 to 65535, e.g. mydb.abc123xyz.us-east-1.rds.amazonaws.com:5432"
    case .missingHost:
      return "the provided endpoint has no host before the port: expected HOST:PORT"
    case .invalidHost(.ipv6WithoutBrackets):
      return "the provided endpoint's host contains ':'; an IPv6 address needs brackets, e.g. [::1]:5432"
    case .invalidHost(.whitespaceOrControl):
      return "the provided endpoint's host contains spaces or control characters"
    case .invalidHost(.notAHostName):
      return
        "the provided endpoint is not HOST:PORT (it contains one of / ? # @ [ ] \\ %); "
        + "give the database host and port only, not a URL"
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
      endpoint: RDSEndpoint(parsing: endpoint), username: username, region: region, credentials: credentials,
      date: date)
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
    // `host:port` as written starts the token; the signed Host header is lower-case and drops `:443`, as botocore's.
    var authority = endpoint.authority
    let hostHeader = SigV4.hostHeader(host: endpoint.host, port: endpoint.port)
    var token: [UInt8] = []
    token.reserveCapacity(authority.utf8.count + 500)
    authority.withUTF8 { token.append(contentsOf: $0) }
    SigV4.appendUTF8("/?", to: &token)
    SigV4.appendPresignedQuery(
      to: &token, method: "GET", hostHeader: hostHeader, path: "/",
      parameters: [("Action", "connect"), ("DBUser", username)],
      service: "rds-db", region: region, credentials: credentials, date: date, expires: lifetimeSeconds)
    return String(decoding: token, as: UTF8.self)
  }
}
