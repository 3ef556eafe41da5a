// AWS Signature Version 4 (header signing and presigned query), from AWS's spec, byte for byte as botocore signs.
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

  /// The headers to send: the given ones plus `Host` (if absent), `X-Amz-Date`, `X-Amz-Security-Token` (with a
  /// session token) and `Authorization`.
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
      "\(algorithm) Credential=\(credentials.accessKeyID)/\(scope.text), "
      + "SignedHeaders=\(signedNames), Signature=\(signature)"
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
    var printed: [UInt8] = []
    appendPresignedQuery(
      to: &printed, method: method, hostHeader: trimAll(host), path: path, parameters: parameters, service: service,
      region: region, credentials: credentials, date: date, expires: expires)
    return String(decoding: printed, as: UTF8.self)
  }

  /// `presignedQuery`, appended to `printed` (which may already hold what goes before the query). The token is built
  /// as bytes: making it through String appends took a third of a token's time. `hostHeader` is used as given
  /// (already lower-case and trimmed).
  static func appendPresignedQuery(
    to printed: inout [UInt8], method: String, hostHeader: String, path: String,
    parameters: [(name: String, value: String)], service: String, region: String, credentials: AWSCredentials,
    date: Date, expires: Int
  ) {
    let timestamp = Timestamp(date)
    let scope = CredentialScope(day: timestamp.day, region: region, service: service)
    let token = credentials.sessionToken.flatMap { $0.isEmpty ? nil : $0 }
    var estimate = 3 * scope.text.utf8.count + 300
    estimate += 3 * (token?.utf8.count ?? 0)
    for parameter in parameters { estimate += 3 * (parameter.name.utf8.count + parameter.value.utf8.count) }
    printed.reserveCapacity(printed.count + estimate)

    // Each parameter is percent-encoded straight into the printed query; `fields` remembers where each one's name,
    // `=` and value are, so the canonical (sorted) query is copied from those bytes without a string per parameter.
    var fields: [QueryField] = []
    fields.reserveCapacity(parameters.count + 6)
    func add(_ name: String, encodingValue value: String, keepingValue: Bool = false) {
      if !fields.isEmpty { printed.append(UInt8(ascii: "&")) }
      let start = printed.count
      appendPercentEncoded(name, to: &printed)
      let equals = printed.count
      printed.append(UInt8(ascii: "="))
      if keepingValue { appendUTF8(value, to: &printed) } else { appendPercentEncoded(value, to: &printed) }
      fields.append(QueryField(start: start, equals: equals, end: printed.count))
    }
    for parameter in parameters { add(parameter.name, encodingValue: parameter.value) }
    // The auth parameters in botocore's order; their names and the algorithm need no encoding.
    add("X-Amz-Algorithm", encodingValue: algorithm, keepingValue: true)
    add("X-Amz-Credential", encodingValue: "\(credentials.accessKeyID)/\(scope.text)")
    add("X-Amz-Date", encodingValue: timestamp.basic, keepingValue: true)
    add("X-Amz-Expires", encodingValue: String(expires), keepingValue: true)
    add("X-Amz-SignedHeaders", encodingValue: "host", keepingValue: true)
    // botocore adds the token whenever it is not None; an empty one is treated as absent here, as header signing
    // (and the Go SDK) do, because an empty token parameter only makes the server reject the request.
    if let token { add("X-Amz-Security-Token", encodingValue: token) }

    var canonicalRequest: [UInt8] = []
    canonicalRequest.reserveCapacity(printed.count + hostHeader.utf8.count + 120)
    appendUTF8(uppercasedMethod(method), to: &canonicalRequest)
    canonicalRequest.append(newline)
    appendUTF8(canonicalPath(path), to: &canonicalRequest)
    canonicalRequest.append(newline)
    appendSorted(fields, of: printed, to: &canonicalRequest)
    appendUTF8("\nhost:", to: &canonicalRequest)
    appendUTF8(hostHeader, to: &canonicalRequest)
    appendUTF8("\n\nhost\n", to: &canonicalRequest)
    appendUTF8(emptyPayloadHash, to: &canonicalRequest)
    appendUTF8("&X-Amz-Signature=", to: &printed)
    appendSignature(
      of: canonicalRequest, timestamp: timestamp.basic, scope: scope, secretAccessKey: credentials.secretAccessKey,
      to: &printed)
  }

  /// Where one encoded `name=value` sits in a byte buffer.
  struct QueryField {
    var start: Int
    var equals: Int
    var end: Int
  }

  /// Appends the fields joined by `&`, sorted by encoded name and then value, by bytes (botocore sorts the encoded
  /// pairs). An insertion sort of indices: a presigned query has eight or so.
  static func appendSorted(_ fields: [QueryField], of source: [UInt8], to output: inout [UInt8]) {
    source.withUnsafeBufferPointer { bytes in
      func precedes(_ left: QueryField, _ right: QueryField) -> Bool {
        let leftName = UnsafeBufferPointer(rebasing: bytes[left.start..<left.equals])
        let rightName = UnsafeBufferPointer(rebasing: bytes[right.start..<right.equals])
        if !leftName.elementsEqual(rightName) { return leftName.lexicographicallyPrecedes(rightName) }
        return UnsafeBufferPointer(rebasing: bytes[(left.equals + 1)..<left.end]).lexicographicallyPrecedes(
          UnsafeBufferPointer(rebasing: bytes[(right.equals + 1)..<right.end]))
      }
      var order = Array(fields.indices)
      for position in order.indices.dropFirst() {
        let current = order[position]
        var slot = position
        while slot > 0 && precedes(fields[current], fields[order[slot - 1]]) {
          order[slot] = order[slot - 1]
          slot -= 1
        }
        order[slot] = current
      }
      for (position, index) in order.enumerated() {
        if position > 0 { output.append(UInt8(ascii: "&")) }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[fields[index].start..<fields[index].end]))
      }
    }
  }

  /// `percentEncode`, appended to a byte buffer (with `keepingSlash`, `/` stays, as in a canonical path): counted
  /// first, then written in place, since appending byte by byte made this the costliest step of a token.
  static func appendPercentEncoded(_ text: String, keepingSlash: Bool = false, to output: inout [UInt8]) {
    var contiguous = text
    contiguous.withUTF8 { utf8 in
      var escapes = 0
      for byte in utf8 where !isKept(byte, keepingSlash) { escapes += 1 }
      if escapes == 0 {
        output.append(contentsOf: utf8)
        return
      }
      let start = output.count
      output.append(contentsOf: repeatElement(0, count: utf8.count + 2 * escapes))
      output.withUnsafeMutableBufferPointer { buffer in
        var index = start
        for byte in utf8 {
          if isKept(byte, keepingSlash) {
            buffer[index] = byte
            index += 1
          } else {
            buffer[index] = UInt8(ascii: "%")
            buffer[index + 1] = upperHexDigit(byte >> 4)
            buffer[index + 2] = upperHexDigit(byte & 0x0F)
            index += 3
          }
        }
      }
    }
  }

  @inline(__always)
  private static func isKept(_ byte: UInt8, _ keepingSlash: Bool) -> Bool {
    isUnreserved(byte) || (keepingSlash && byte == UInt8(ascii: "/"))
  }

  /// The value of the Host header for `host` and `port`, as botocore signs it: lower-case, IPv6 addresses in
  /// brackets, and the port left out when it is 443 (`https`, the only scheme we sign for).
  public static func hostHeader(host: String, port: Int?) -> String {
    var name = lowercasedHost(host)
    if name.utf8.contains(UInt8(ascii: ":")) && name.utf8.first != UInt8(ascii: "[") { name = "[\(name)]" }
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
    signingKeyDigest(secretAccessKey: secretAccessKey, day: day, region: region, service: service).withUnsafeBytes {
      SymmetricKey(data: $0)
    }
  }

  /// The string to sign for a canonical request: algorithm, timestamp, credential scope and the canonical request's
  /// hex SHA-256, one per line.
  public static func stringToSign(
    canonicalRequest: String, timestamp: String, day: String, region: String, service: String
  ) -> String {
    let scope = CredentialScope(day: day, region: region, service: service)
    var canonicalRequest = canonicalRequest
    let hash = canonicalRequest.withUTF8 { bytes in
      var hasher = SHA256()
      hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes))
      return hasher.finalize().withUnsafeBytes { hex($0) }
    }
    return "\(algorithm)\n\(timestamp)\n\(scope.text)\n\(hash)"
  }

  /// `yyyyMMdd'T'HHmmss'Z'` in UTC, seconds truncated as Python's `strftime` does.
  public static func timestamp(_ date: Date) -> String { Timestamp(date).basic }

  // MARK: - Canonical pieces

  /// The scope a signature is valid for: `day/region/service/aws4_request`.
  struct CredentialScope {
    var day: String
    var region: String
    var service: String
    var text: String

    init(day: String, region: String, service: String) {
      self.day = day
      self.region = region
      self.service = service
      text = "\(day)/\(region)/\(service)/aws4_request"
    }
  }

  static func signature(canonicalRequest: String, timestamp: String, scope: CredentialScope, secretAccessKey: String)
    -> String
  {
    var signature: [UInt8] = []
    appendSignature(
      of: Array(canonicalRequest.utf8), timestamp: timestamp, scope: scope, secretAccessKey: secretAccessKey,
      to: &signature)
    return String(decoding: signature, as: UTF8.self)
  }

  /// Appends the lower-case hex signature of a canonical request: string to sign, then HMAC with the signing key.
  static func appendSignature(
    of canonicalRequest: [UInt8], timestamp: String, scope: CredentialScope, secretAccessKey: String,
    to output: inout [UInt8]
  ) {
    var toSign: [UInt8] = []
    toSign.reserveCapacity(150)
    appendUTF8(algorithm, to: &toSign)
    toSign.append(newline)
    appendUTF8(timestamp, to: &toSign)
    toSign.append(newline)
    appendUTF8(scope.text, to: &toSign)
    toSign.append(newline)
    var hasher = SHA256()
    canonicalRequest.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    hasher.finalize().withUnsafeBytes { appendHex($0, to: &toSign) }
    let key = signingKeyDigest(
      secretAccessKey: secretAccessKey, day: scope.day, region: scope.region, service: scope.service)
    let code = key.withUnsafeBytes { key in
      toSign.withUnsafeBytes { HMACSHA256.authenticate($0, key: key) }
    }
    code.withUnsafeBytes { appendHex($0, to: &output) }
  }

  /// The signing key's bytes: `kSigning` of the spec's HMAC chain, from `SigningKeyCache` when it was derived lately.
  static func signingKeyDigest(secretAccessKey: String, day: String, region: String, service: String) -> SHA256.Digest {
    SigningKeyCache.shared.key(secretAccessKey: secretAccessKey, day: day, region: region, service: service) {
      deriveSigningKey(secretAccessKey: secretAccessKey, day: day, region: region, service: service)
    }
  }

  static func deriveSigningKey(secretAccessKey: String, day: String, region: String, service: String) -> SHA256.Digest {
    var secret = "AWS4" + secretAccessKey
    var key = secret.withUTF8 { secret in
      var day = day
      return day.withUTF8 { HMACSHA256.authenticate(UnsafeRawBufferPointer($0), key: UnsafeRawBufferPointer(secret)) }
    }
    for var part in [region, service, "aws4_request"] {
      key = key.withUnsafeBytes { key in
        part.withUTF8 { HMACSHA256.authenticate(UnsafeRawBufferPointer($0), key: key) }
      }
    }
    return key
  }

  /// The canonical URI: dot segments and empty segments removed (botocore's `remove_dot_segments`, which AWS services
  /// expect), then every byte but unreserved ones and `/` percent-encoded. The input is the URL's already-encoded
  /// path, so an escape in it is encoded a second time: the spec's rule for every service except S3.
  static func canonicalPath(_ encodedPath: String) -> String {
    guard !encodedPath.isEmpty, encodedPath != "/" else { return "/" }
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

  /// Encoded pairs sorted by key, then value, joined as `k=v&k=v`. They are ASCII after encoding, where String's
  /// order is byte order, which is what botocore (Python's str order) sorts by.
  static func sortedQuery(_ pairs: [(name: String, value: String)]) -> String {
    var text = ""
    appendQuery(sortedPairs(pairs), to: &text)
    return text
  }

  static func sortedPairs(_ pairs: [(name: String, value: String)]) -> [(name: String, value: String)] {
    pairs.sorted { left, right in left.name != right.name ? left.name < right.name : left.value < right.value }
  }

  /// Appends a string's UTF-8 by one copy of its contiguous storage (the generic `append(contentsOf: utf8)` walked it
  /// byte by byte).
  @inline(__always)
  static func appendUTF8(_ text: String, to bytes: inout [UInt8]) {
    var text = text
    text.withUTF8 { bytes.append(contentsOf: $0) }
  }

  static let newline = UInt8(ascii: "\n")

  /// The method in upper case, as botocore's `method.upper()`; the usual upper-case ASCII method without a copy.
  static func uppercasedMethod(_ method: String) -> String {
    method.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) ? method : method.uppercased()
  }

  static func appendQuery(_ pairs: [(name: String, value: String)], to text: inout String) {
    for (index, pair) in pairs.enumerated() {
      if index > 0 { text += "&" }
      text += pair.name
      text += "="
      text += pair.value
    }
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
    // Fast path: ASCII without any whitespace byte (host names, dates, tokens) is already trimmed.
    if value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x80 }) { return value }
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

  private static let hexDigitsLower = Array("0123456789abcdef".utf8)

  /// `A-Z a-z 0-9 - _ . ~`, as two 64-bit masks over ASCII (bit n of the first word is byte n, of the second byte
  /// 64 + n): one shift and test per byte, the innermost step of encoding a token.
  @inline(__always)
  static func isUnreserved(_ byte: UInt8) -> Bool {
    // Low word: '-' (45), '.' (46), '0'...'9' (48...57). High word: 'A'...'Z' (65...90), '_' (95), 'a'...'z'
    // (97...122), '~' (126).
    let low: UInt64 = 0x03FF_6000_0000_0000
    let high: UInt64 = 0x4000_0000_8000_0000 | 0x07FF_FFFE_0000_0000 | 0x0000_0000_07FF_FFFE
    switch byte {
    case 0..<64: return (low >> UInt64(byte)) & 1 == 1
    case 64..<128: return (high >> UInt64(byte - 64)) & 1 == 1
    default: return false
    }
  }

  static func percentEncode(_ text: String, keepingSlash: Bool) -> String {
    var bytes: [UInt8] = []
    appendPercentEncoded(text, keepingSlash: keepingSlash, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  @inline(__always)
  static func upperHexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
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

  static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
    var output: [UInt8] = []
    appendHex(bytes, to: &output)
    return String(decoding: output, as: UTF8.self)
  }

  static func appendHex(_ bytes: UnsafeRawBufferPointer, to output: inout [UInt8]) {
    output.reserveCapacity(output.count + bytes.count * 2)
    for byte in bytes {
      output.append(hexDigitsLower[Int(byte >> 4)])
      output.append(hexDigitsLower[Int(byte & 0x0F)])
    }
  }

  static func hexSHA256(_ bytes: [UInt8]) -> String {
    if bytes.isEmpty { return emptyPayloadHash }
    return SHA256.hash(data: bytes).withUnsafeBytes { hex($0) }
  }
}

// MARK: - Signing key cache

/// The last few derived signing keys. A key depends only on the secret, the day, the region and the service, so a
/// process that makes many tokens or calls (the same database, the same STS region) derives it once a day instead of
/// four HMACs every time; aws-sdk-go-v2's signer (Atlas's) keeps the same kind of cache. Entries are matched on the
/// secret itself, not only the access key id, so a test that reuses an id with another secret still gets the right
/// key; they hold nothing the process's credentials do not already hold, and at most `capacity` of them.
final class SigningKeyCache: @unchecked Sendable {
  static let shared = SigningKeyCache()
  static let capacity = 8

  private struct Entry {
    var secretAccessKey: String
    var day: String
    var region: String
    var service: String
    var key: SHA256.Digest
  }

  // Guards `entries`; NSLock rather than a Mutex because AWSAuth imports only Foundation and Crypto.
  private let lock = NSLock()
  private var entries: [Entry] = []

  func key(
    secretAccessKey: String, day: String, region: String, service: String, derive: () -> SHA256.Digest
  ) -> SHA256.Digest {
    lock.lock()
    let cached = entries.last {
      $0.day == day && $0.region == region && $0.service == service && $0.secretAccessKey == secretAccessKey
    }
    lock.unlock()
    if let cached { return cached.key }
    let key = derive()
    lock.lock()
    if entries.count >= Self.capacity { entries.removeFirst() }
    entries.append(Entry(secretAccessKey: secretAccessKey, day: day, region: region, service: service, key: key))
    lock.unlock()
    return key
  }
}

// MARK: - HMAC

/// HMAC-SHA256 (RFC 2104) over swift-crypto's SHA-256, on raw buffers.
///
/// swift-crypto's `HMAC<SHA256>` gives the same bytes (a test compares them on random keys and messages), but through
/// `SymmetricKey` and generic `DataProtocol` paths that made up half the time of a token: the RDS token takes six
/// HMACs, and the benchmark's goal is many tokens per second.
enum HMACSHA256 {
  static let blockSize = 64

  static func authenticate(_ message: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer) -> SHA256.Digest {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: blockSize) { pad in
      pad.initialize(repeating: 0)
      if key.count > blockSize {
        // A key longer than a block is replaced by its hash (RFC 2104 §2); SigV4 secrets are shorter.
        var hasher = SHA256()
        hasher.update(bufferPointer: key)
        hasher.finalize().withUnsafeBytes { digest in
          for index in 0..<digest.count { pad[index] = digest[index] }
        }
      } else {
        for index in 0..<key.count { pad[index] = key[index] }
      }
      for index in 0..<blockSize { pad[index] ^= 0x36 }
      var inner = SHA256()
      inner.update(bufferPointer: UnsafeRawBufferPointer(pad))
      inner.update(bufferPointer: message)
      let innerDigest = inner.finalize()
      // 0x36 ^ 0x5c turns the inner pad into the outer one.
      for index in 0..<blockSize { pad[index] ^= 0x36 ^ 0x5C }
      var outer = SHA256()
      outer.update(bufferPointer: UnsafeRawBufferPointer(pad))
      innerDigest.withUnsafeBytes { outer.update(bufferPointer: $0) }
      return outer.finalize()
    }
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
    var name = lowercasedHost(host)
    if name.utf8.contains(UInt8(ascii: ":")) { name = "[\(name)]" }
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
    let time = "\(pad(fields.hour, 2)):\(pad(fields.minute, 2)):\(pad(fields.second, 2))"
    return "\(weekday), \(pad(fields.day, 2)) \(month) \(pad(fields.year, 4)) \(time) -0000"
  }

  /// `yyyy-MM-dd'T'HH:mm:ss'Z'`: RFC 3339 in UTC, as AWS answers and `--signing-time` take it.
  var rfc3339: String {
    "\(pad(fields.year, 4))-\(pad(fields.month, 2))-\(pad(fields.day, 2))T"
      + "\(pad(fields.hour, 2)):\(pad(fields.minute, 2)):\(pad(fields.second, 2))Z"
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
    guard (0...9999).contains(year) else {
      let dayText = pad(year, 4) + pad(month, 2) + pad(day, 2)
      self.day = dayText
      basic = dayText + "T" + pad(fields.hour, 2) + pad(fields.minute, 2) + pad(fields.second, 2) + "Z"
      return
    }
    // Four-digit years, i.e. always: sixteen bytes written in place rather than eight small strings joined.
    var bytes = [UInt8](repeating: UInt8(ascii: "0"), count: 16)
    for (value, end) in [(year, 4), (month, 6), (day, 8), (fields.hour, 11), (fields.minute, 13), (fields.second, 15)] {
      var rest = value
      var index = end - 1
      while rest > 0 && index >= 0 {
        bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
        index -= 1
      }
    }
    bytes[8] = UInt8(ascii: "T")
    bytes[15] = UInt8(ascii: "Z")
    self.day = String(decoding: bytes[0..<8], as: UTF8.self)
    basic = String(decoding: bytes, as: UTF8.self)
  }
}

/// A host name lower-cased as Python's `str.lower` does; ASCII names, the usual case, without leaving bytes.
func lowercasedHost(_ host: String) -> String {
  var host = host
  let (ascii, upper) = host.withUTF8 { bytes in
    var upper = false
    for byte in bytes {
      if byte >= 0x80 { return (false, upper) }
      if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { upper = true }
    }
    return (true, upper)
  }
  guard ascii else { return host.lowercased() }
  guard upper else { return host }
  let lowered = host.utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
  return String(decoding: lowered, as: UTF8.self)
}

/// Zero-padded decimal, as `%0Nd` (a negative year keeps its sign in front).
private func pad(_ value: Int, _ width: Int) -> String {
  let digits = String(value.magnitude)
  let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
  return value < 0 ? "-" + padded : padded
}
