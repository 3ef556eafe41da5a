// AWS Signature Version 4, written from AWS's spec and checked byte for byte against botocore: header signing and presigned query.
//
// Both forms follow botocore (`botocore/auth.py`: `SigV4Auth`, `SigV4QueryAuth`) rather than the spec's looser
// wording wherever the two could differ, because our acceptance test is "byte-identical to the AWS CLI": the host is
// lower-cased and loses a default port, header values are trimmed and their inner whitespace collapsed, the path is
// normalised and then percent-encoded once more, and a presigned query keeps its operation parameters first, in the
// order given, before the `X-Amz-*` ones.
public import Crypto
public import Foundation

/// SigV4 signing: the pieces AWS's spec names (encoding, signing key, canonical request, string to sign) and the two
/// ways of attaching a signature to a request.
public enum SigV4 {
  public static let algorithm = "AWS4-HMAC-SHA256"
  /// Hex SHA-256 of zero bytes: the payload hash of a request without a body.
  public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

  /// The headers to send: the given ones plus `Host` (if absent), `X-Amz-Date`, `X-Amz-Security-Token` (with a session token) and `Authorization`.
  ///
  /// As botocore's `SigV4Auth.add_auth`: an `Authorization` already present is replaced; a `Date` header, if given, is
  /// rewritten to the signing time (RFC 2822, as `email.utils.formatdate`) and then stands in for `X-Amz-Date`; an
  /// `X-Amz-Content-SHA256` header, if given, is used as the payload hash. `User-Agent`, `Expect` and the other
  /// hop-by-hop or tracing headers botocore skips are sent but not signed. Header names are compared without case.
  /// The URL's query is read as RFC 3986 text: escapes are decoded and every key and value is encoded again as
  /// `percentEncode` does, which is what botocore signs when the query was built that way.
  public static func signedHeaders(
    method: String, url: URL, headers: [String: String], body: [UInt8],
    service: String, region: String, credentials: AWSCredentials, date: Date
  ) -> [String: String] {
    let timestamp = Timestamp(date)
    var result = headers
    removeHeader("Authorization", from: &result)
    if removeHeader("Date", from: &result) {
      removeHeader("X-Amz-Date", from: &result)
      result["Date"] = timestamp.rfc2822
    } else {
      removeHeader("X-Amz-Date", from: &result)
      result["X-Amz-Date"] = timestamp.basic
    }
    if let token = credentials.sessionToken, !token.isEmpty {
      removeHeader("X-Amz-Security-Token", from: &result)
      result["X-Amz-Security-Token"] = token
    }

    let parts = URLParts(url)
    var payloadHash = hexSHA256(body)
    if let given = headerValue("X-Amz-Content-SHA256", in: result) { payloadHash = given }
    let (canonicalHeaders, signedNames) = canonicalHeaderBlock(result, defaultHost: parts.hostHeader)
    let canonicalRequest = [
      method.uppercased(),
      canonicalPath(parts.percentEncodedPath),
      canonicalQuery(fromEncoded: parts.percentEncodedQuery),
      canonicalHeaders,
      signedNames,
      payloadHash,
    ].joined(separator: "\n")
    let scope = CredentialScope(day: timestamp.day, region: region, service: service)
    let signature = signature(
      canonicalRequest: canonicalRequest, timestamp: timestamp.basic, scope: scope,
      secretAccessKey: credentials.secretAccessKey)
    if headerValue("Host", in: result) == nil { result["Host"] = parts.hostHeader }
    result["Authorization"] =
      "\(algorithm) Credential=\(credentials.accessKeyID)/\(scope.text), SignedHeaders=\(signedNames), Signature=\(signature)"
    return result
  }

  /// A presigned query string (no leading `?`), as botocore's `SigV4QueryAuth` writes it: the operation parameters in
  /// the given order, then `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`,
  /// `X-Amz-SignedHeaders`, `X-Amz-Security-Token` (when there is a session token), and last `X-Amz-Signature`.
  ///
  /// Only `host` is signed and the payload hash is that of an empty body, as for the RDS token. `host` is the value of
  /// the Host header: lower-case, with the port unless it is the scheme's default (see `hostHeader(host:port:)`).
  public static func presignedQuery(
    method: String = "GET", host: String, path: String = "/", parameters: [(name: String, value: String)],
    service: String, region: String, credentials: AWSCredentials, date: Date, expires: Int
  ) -> String {
    let timestamp = Timestamp(date)
    let scope = CredentialScope(day: timestamp.day, region: region, service: service)
    var query: [(name: String, value: String)] = []
    query.reserveCapacity(parameters.count + 6)
    for parameter in parameters {
      query.append((percentEncode(parameter.name), percentEncode(parameter.value)))
    }
    query.append(("X-Amz-Algorithm", algorithm))
    query.append(("X-Amz-Credential", percentEncode("\(credentials.accessKeyID)/\(scope.text)")))
    query.append(("X-Amz-Date", timestamp.basic))
    query.append(("X-Amz-Expires", String(expires)))
    query.append(("X-Amz-SignedHeaders", "host"))
    // botocore adds the token whenever it is not None; an empty one is treated as absent here, as header signing
    // (and the Go SDK) do, because an empty token parameter only makes the server reject the request.
    if let token = credentials.sessionToken, !token.isEmpty {
      query.append(("X-Amz-Security-Token", percentEncode(token)))
    }
    let printed = query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    let canonicalRequest = [
      method.uppercased(),
      canonicalPath(path),
      sortedQuery(query),
      "host:\(trimAll(host))\n",
      "host",
      emptyPayloadHash,
    ].joined(separator: "\n")
    let signature = signature(
      canonicalRequest: canonicalRequest, timestamp: timestamp.basic, scope: scope,
      secretAccessKey: credentials.secretAccessKey)
    return "\(printed)&X-Amz-Signature=\(signature)"
  }

  /// The value of the Host header for `host` and `port`, as botocore signs it: lower-case, IPv6 addresses in
  /// brackets, and the port left out when it is 443 (`https`, the only scheme we sign for).
  public static func hostHeader(host: String, port: Int?) -> String {
    var name = host.lowercased()
    if name.contains(":") && !name.hasPrefix("[") { name = "[\(name)]" }
    guard let port, port != 443 else { return name }
    return "\(name):\(port)"
  }

  /// RFC 3986 percent-encoding of the UTF-8 bytes, upper-case hex; only `A-Z a-z 0-9 - _ . ~` stay as they are.
  ///
  /// Foundation's `addingPercentEncoding(.urlQueryAllowed)` leaves `+ / = & @ :` and more unescaped, which would change
  /// what is signed, so this is our own.
  public static func percentEncode(_ text: String) -> String {
    percentEncode(text, keepingSlash: false)
  }

  /// The signing key: HMAC-SHA256 chained over the day (`yyyyMMdd`), region, service and `aws4_request`, starting from
  /// `"AWS4" + secret`.
  public static func signingKey(secretAccessKey: String, day: String, region: String, service: String) -> SymmetricKey {
    var key = SymmetricKey(data: Array("AWS4\(secretAccessKey)".utf8))
    for part in [day, region, service, "aws4_request"] {
      key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key))
    }
    return key
  }

  /// The string to sign for a canonical request: algorithm, timestamp, credential scope and the canonical request's
  /// hex SHA-256, one per line.
  public static func stringToSign(canonicalRequest: String, timestamp: String, day: String, region: String, service: String)
    -> String
  {
    let scope = CredentialScope(day: day, region: region, service: service)
    return "\(algorithm)\n\(timestamp)\n\(scope.text)\n\(hexSHA256(Array(canonicalRequest.utf8)))"
  }

  /// `yyyyMMdd'T'HHmmss'Z'` in UTC, seconds truncated as Python's `strftime` does.
  public static func timestamp(_ date: Date) -> String { Timestamp(date).basic }

  // MARK: - Canonical pieces

  /// The scope a signature is valid for: `day/region/service/aws4_request`.
  struct CredentialScope {
    var day: String
    var region: String
    var service: String
    var text: String { "\(day)/\(region)/\(service)/aws4_request" }
  }

  static func signature(canonicalRequest: String, timestamp: String, scope: CredentialScope, secretAccessKey: String)
    -> String
  {
    let toSign = stringToSign(
      canonicalRequest: canonicalRequest, timestamp: timestamp, day: scope.day, region: scope.region,
      service: scope.service)
    let key = signingKey(secretAccessKey: secretAccessKey, day: scope.day, region: scope.region, service: scope.service)
    return hex(HMAC<SHA256>.authenticationCode(for: Array(toSign.utf8), using: key))
  }

  /// The canonical URI: dot segments and empty segments removed (botocore's `remove_dot_segments`, which AWS services
  /// expect), then every byte but unreserved ones and `/` percent-encoded. The input is the URL's already-encoded
  /// path, so an escape in it is encoded a second time: the spec's rule for every service except S3.
  static func canonicalPath(_ encodedPath: String) -> String {
    guard !encodedPath.isEmpty else { return "/" }
    var segments: [Substring] = []
    for segment in encodedPath.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
      if segment == ".." {
        if !segments.isEmpty { segments.removeLast() }
      } else {
        segments.append(segment)
      }
    }
    var normalized = encodedPath.hasPrefix("/") ? "/" : ""
    normalized += segments.joined(separator: "/")
    if encodedPath.hasSuffix("/") && !segments.isEmpty { normalized += "/" }
    return percentEncode(normalized, keepingSlash: true)
  }

  /// The canonical query of a URL's encoded query: each `key=value` piece decoded and encoded again, then sorted by
  /// key and value. An empty query gives an empty line.
  static func canonicalQuery(fromEncoded query: String?) -> String {
    guard let query, !query.isEmpty else { return "" }
    var pairs: [(name: String, value: String)] = []
    for piece in query.split(separator: "&", omittingEmptySubsequences: false) {
      let name: Substring
      let value: Substring
      if let equals = piece.firstIndex(of: "=") {
        name = piece[..<equals]
        value = piece[piece.index(after: equals)...]
      } else {
        name = piece
        value = ""
      }
      pairs.append((percentEncode(percentDecode(name)), percentEncode(percentDecode(value))))
    }
    return sortedQuery(pairs)
  }

  /// Encoded pairs sorted by key, then value, by bytes (they are ASCII after encoding), joined as `k=v&k=v`.
  static func sortedQuery(_ pairs: [(name: String, value: String)]) -> String {
    pairs.sorted { left, right in
      if left.name != right.name { return left.name.utf8.lexicographicallyPrecedes(right.name.utf8) }
      return left.value.utf8.lexicographicallyPrecedes(right.value.utf8)
    }.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
  }

  /// Headers botocore sends but never signs: hop-by-hop headers and ones that proxies or tracing may rewrite.
  static let unsignedHeaderNames: Set<String> = [
    "baggage", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
    "traceparent", "tracestate", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
  ]

  /// The canonical headers block (with its closing blank line) and the signed header names, `;`-separated.
  /// Names are lower-cased; values of names that differ only in case are joined with `,` in the order of the
  /// original names, since a dictionary has no order of its own.
  static func canonicalHeaderBlock(_ headers: [String: String], defaultHost: String) -> (block: String, names: String) {
    var values: [String: [(original: String, value: String)]] = [:]
    for (name, value) in headers {
      let lower = name.lowercased()
      if unsignedHeaderNames.contains(lower) { continue }
      values[lower, default: []].append((name, value))
    }
    if values["host"] == nil { values["host"] = [("host", defaultHost)] }
    let names = values.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    var block = ""
    for name in names {
      let entries = (values[name] ?? []).sorted { $0.original.utf8.lexicographicallyPrecedes($1.original.utf8) }
      block += "\(name):\(entries.map { trimAll($0.value) }.joined(separator: ","))\n"
    }
    return (block, names.joined(separator: ";"))
  }

  /// Python's `' '.join(value.split())`: surrounding whitespace removed, inner runs collapsed to one space.
  static func trimAll(_ value: String) -> String {
    var result = ""
    var pendingSpace = false
    for scalar in value.unicodeScalars {
      if isPythonWhitespace(scalar) {
        pendingSpace = !result.isEmpty
        continue
      }
      if pendingSpace {
        result.append(" ")
        pendingSpace = false
      }
      result.unicodeScalars.append(scalar)
    }
    return result
  }

  /// `str.split()`'s whitespace: Unicode White_Space plus the ASCII separators U+001C…U+001F that Python adds.
  static func isPythonWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.value < 0x80 {
      return scalar == " " || (0x09...0x0D).contains(scalar.value) || (0x1C...0x1F).contains(scalar.value)
    }
    return scalar.properties.isWhitespace
  }

  @discardableResult
  static func removeHeader(_ name: String, from headers: inout [String: String]) -> Bool {
    let lower = name.lowercased()
    let matching = headers.keys.filter { $0.lowercased() == lower }
    for key in matching { headers.removeValue(forKey: key) }
    return !matching.isEmpty
  }

  static func headerValue(_ name: String, in headers: [String: String]) -> String? {
    let lower = name.lowercased()
    return headers.first { $0.key.lowercased() == lower }?.value
  }

  // MARK: - Encoding helpers

  private static let hexDigitsUpper = Array("0123456789ABCDEF".utf8)
  private static let hexDigitsLower = Array("0123456789abcdef".utf8)

  static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
      UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
      return true
    default:
      return false
    }
  }

  static func percentEncode(_ text: String, keepingSlash: Bool) -> String {
    let utf8 = text.utf8
    // Most values (access key ids, dates, plain user names) need no escape at all; return them without copying.
    if utf8.allSatisfy({ isUnreserved($0) || (keepingSlash && $0 == UInt8(ascii: "/")) }) { return text }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(utf8.count * 3)
    for byte in utf8 {
      if isUnreserved(byte) || (keepingSlash && byte == UInt8(ascii: "/")) {
        bytes.append(byte)
      } else {
        bytes.append(UInt8(ascii: "%"))
        bytes.append(hexDigitsUpper[Int(byte >> 4)])
        bytes.append(hexDigitsUpper[Int(byte & 0x0F)])
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Decodes `%XX` escapes; a `%` not followed by two hex digits stays as it is. `+` is not a space here: SigV4
  /// treats it as a literal plus.
  static func percentDecode(_ text: Substring) -> String {
    guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
    let input = Array(text.utf8)
    var output: [UInt8] = []
    output.reserveCapacity(input.count)
    var index = 0
    while index < input.count {
      if input[index] == UInt8(ascii: "%"), index + 2 < input.count, let high = hexValue(input[index + 1]),
        let low = hexValue(input[index + 2])
      {
        output.append(high << 4 | low)
        index += 3
      } else {
        output.append(input[index])
        index += 1
      }
    }
    return String(decoding: output, as: UTF8.self)
  }

  static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
  }

  static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(64)
    for byte in bytes {
      output.append(hexDigitsLower[Int(byte >> 4)])
      output.append(hexDigitsLower[Int(byte & 0x0F)])
    }
    return String(decoding: output, as: UTF8.self)
  }

  static func hex(_ code: HashedAuthenticationCode<SHA256>) -> String {
    code.withUnsafeBytes { hex($0) }
  }

  static func hexSHA256(_ bytes: [UInt8]) -> String {
    if bytes.isEmpty { return emptyPayloadHash }
    return SHA256.hash(data: bytes).withUnsafeBytes { hex($0) }
  }
}

// MARK: - URL pieces and time

/// What signing reads from a URL: botocore's `urlsplit` view, with the host as `_host_from_url` makes it.
struct URLParts {
  var hostHeader: String
  var percentEncodedPath: String
  var percentEncodedQuery: String?

  init(_ url: URL) {
    let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
    var host = components?.percentEncodedHost ?? url.host ?? ""
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    let scheme = (components?.scheme ?? url.scheme ?? "").lowercased()
    var port = components?.port ?? url.port
    // The scheme's default port is left out of the Host header, as HTTP clients do (`http` 80, `https` 443).
    if (scheme == "https" && port == 443) || (scheme == "http" && port == 80) { port = nil }
    var name = host.lowercased()
    if name.contains(":") { name = "[\(name)]" }
    hostHeader = port.map { "\(name):\($0)" } ?? name
    percentEncodedPath = components?.percentEncodedPath ?? ""
    percentEncodedQuery = components?.percentEncodedQuery
  }
}

/// The signing time in SigV4's two spellings, computed from the epoch without a calendar or formatter (both are slow
/// and locale-dependent): whole seconds, UTC.
struct Timestamp {
  /// `yyyyMMdd'T'HHmmss'Z'`.
  var basic: String
  /// `yyyyMMdd`.
  var day: String
  /// `EEE, dd MMM yyyy HH:mm:ss -0000`, Python's `email.utils.formatdate()` (with `usegmt=False`).
  var rfc2822: String {
    let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let weekday = weekdays[Int(((daysSinceEpoch % 7) + 7) % 7)]
    let month = months[max(0, min(11, fields.month - 1))]
    return
      "\(weekday), \(pad(fields.day, 2)) \(month) \(pad(fields.year, 4)) \(pad(fields.hour, 2)):\(pad(fields.minute, 2)):\(pad(fields.second, 2)) -0000"
  }

  private var fields: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)
  private var daysSinceEpoch: Int64

  init(_ date: Date) {
    let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = Int(seconds - days * 86_400)
    daysSinceEpoch = days
    // Civil date from a day count (Howard Hinnant's `civil_from_days`), exact for the proleptic Gregorian calendar.
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
    let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
    let year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
    fields = (year, month, day, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
    let dayText = pad(year, 4) + pad(month, 2) + pad(day, 2)
    self.day = dayText
    basic = dayText + "T" + pad(fields.hour, 2) + pad(fields.minute, 2) + pad(fields.second, 2) + "Z"
  }
}

/// Zero-padded decimal, as `%0Nd` (a negative year keeps its sign in front).
private func pad(_ value: Int, _ width: Int) -> String {
  let digits = String(value.magnitude)
  let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
  return value < 0 ? "-" + padded : padded
}
