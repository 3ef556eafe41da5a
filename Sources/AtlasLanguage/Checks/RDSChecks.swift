// Checks of the database token data sources (reference §3.2, §3.3, §9.11, §9.12; aws-rds-token.md §2.7, §7): a token
// interpolated into a template without `urlescape`, an `aws_rds_token` endpoint without a valid port, a `region` that
// contradicts the region in an RDS endpoint host, an env `url` that sends an RDS token without TLS, and a URL whose
// user or host is not the one the token is signed for. Values are the evaluated ones (through locals, variables and
// functions); a URL holding a token is taken apart from the evaluation's probing pass (`TokenMarker`).
import HCLSyntax
import HCLEval

extension StructureChecker {
  mutating func checkRDS(_ model: ProjectModel) {
    checkUnescapedTokens(model)
    let (_, blocks) = items(of: file.root.firstChild(.body))
    var tokenBlocks: [String: BlockView] = [:]
    for block in blocks where block.type == "data" && block.labels.first?.text == "aws_rds_token" {
      checkRDSTokenBlock(block)
      if block.labels.count == 2 { tokenBlocks["aws_rds_token.\(block.labels[1].text)"] = block }
    }
    let rdsTokenReferenceStarts = model.references.filter { $0.root == "data" && $0.names.first == "aws_rds_token" }
      .map(\.rootRange.start).sorted()
    for block in blocks where block.type == "env" {
      guard let url = items(of: block.body).attributes.first(where: { $0.name == "url" }) else { continue }
      checkTLS(url, rdsTokenReferenceStarts: rdsTokenReferenceStarts)
      checkTokenURL(url, tokenBlocks: tokenBlocks)
    }
  }

  // MARK: Resolving values

  /// The string an expression evaluates to, when it is known and not a secret; a literal otherwise.
  func knownString(_ node: SyntaxNode) -> String? {
    if let value = evaluation?.values[node.range] {
      guard !value.isSensitive, let text = value.stringValue else { return nil }
      return text
    }
    if case .string(let text) = literal(node) { return text }
    return nil
  }

  /// The known string value of a block's attribute.
  func attributeString(_ block: BlockView, _ name: String) -> String? {
    items(of: block.body).attributes.first { $0.name == name }?.value.flatMap(knownString)
  }

  // MARK: urlescape

  /// `${data.aws_rds_token.NAME}` in a template with other parts: the token holds `/`, `?`, `&` and `=` (and a
  /// Cloud SQL token may too), which break the URL unless escaped. A template that is only the interpolation is the
  /// value itself and is left alone.
  mutating func checkUnescapedTokens(_ model: ProjectModel) {
    var tokens: [TextRange: (type: String, name: String)] = [:]
    for reference in model.references where reference.root == "data" && reference.steps.count == 2 {
      let names = reference.names
      guard names.count == 2, TokenMarker.sources.contains(names[0]) else { continue }
      tokens[reference.range(throughSteps: 2)] = (names[0], names[1])
    }
    guard !tokens.isEmpty else { return }
    // The model walk collected the interpolations of templates with other parts, in the order of the tree.
    for expression in model.interpolationsInTemplates {
      guard let (type, name) = tokens[expression] else { continue }
      let escaped = "urlescape(data.\(type).\(name))"
      report(AtlasCode.rdsTokenNotEscaped, .warning, "data.\(type).\(name) is interpolated without urlescape()",
             detail: "The token contains characters such as `/`, `?`, `&` and `=` that break a URL; write `${\(escaped)}`.",
             at: expression, documentation: AtlasSchema.Links.config("data.\(type)"),
             fixes: [QuickFix(title: "Wrap in urlescape()", range: expression, replacement: escaped, isPreferred: true)])
    }
  }

  // MARK: Endpoint and region

  mutating func checkRDSTokenBlock(_ block: BlockView) {
    let link = AtlasSchema.Links.config("data.aws_rds_token")
    let attributes = items(of: block.body).attributes
    guard let endpointValue = attributes.first(where: { $0.name == "endpoint" })?.value,
      let endpoint = knownString(endpointValue)
    else { return }
    let parts = Self.splitEndpoint(endpoint)
    if let problem = Self.portProblem(parts.port) {
      report(AtlasCode.rdsEndpointPort, .error, "The endpoint \"\(endpoint)\" \(problem)",
             detail: "Atlas needs `host:port` (for example `…rds.amazonaws.com:5432`) and fails with \"the provided "
               + "endpoint is missing a port, or the provided port is invalid\".",
             at: endpointValue.range, documentation: link)
    }
    guard let hostRegion = Self.rdsRegion(ofHost: parts.host),
      let regionValue = attributes.first(where: { $0.name == "region" })?.value,
      let region = knownString(regionValue), !region.isEmpty, region != hostRegion
    else { return }
    report(AtlasCode.rdsRegionMismatch, .error, "Region \"\(region)\" does not match the endpoint's region \"\(hostRegion)\"",
           detail: "The token is signed for the region given; RDS rejects a token signed for another region than the database's.",
           at: regionValue.range, documentation: link,
           fixes: [QuickFix(title: "Change to \"\(hostRegion)\"", range: regionValue.range, replacement: "\"\(hostRegion)\"",
                            isPreferred: regionValue.kind == .quotedTemplate)])
  }

  /// An endpoint split as Atlas's `feature/rds/auth` does: an `http(s)://` prefix is dropped, the port is what follows
  /// the last colon (nil when there is none), and brackets around an IPv6 host are removed.
  static func splitEndpoint(_ endpoint: String) -> (host: String, port: Substring?) {
    var rest = Substring(endpoint)
    for scheme in ["https://", "http://"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
    guard let colon = rest.lastIndex(of: ":") else { return (String(rest), nil) }
    var host = rest[..<colon]
    if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
    return (String(host), rest[rest.index(after: colon)...])
  }

  /// What is wrong with an endpoint's port, or nil when it is a number from 1 to 65535.
  static func portProblem(_ port: Substring?) -> String? {
    guard let port else { return "has no port" }
    guard !port.isEmpty, port.count <= 5, port.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(port) else {
      return "has an invalid port \"\(port)\""
    }
    return (1...65535).contains(number) ? nil : "has a port out of range (\(number))"
  }

  /// The region in an RDS endpoint host: `….REGION.rds.amazonaws.com`, `….REGION.rds.amazonaws.com.cn` or China's
  /// `….rds.REGION.amazonaws.com.cn`; nil for any other host.
  static func rdsRegion(ofHost host: String) -> String? {
    let labels = Self.pieces(of: Substring(host.lowercased()), separatedBy: UInt8(ascii: "."))
    // Labels compared one by one, not as arrays: this runs for every token data source and env URL.
    func endsWith(_ suffix: String...) -> Bool {
      labels.count >= suffix.count && zip(labels.suffix(suffix.count), suffix).allSatisfy { $0 == $1 }
    }
    var candidate: Substring?
    if labels.count >= 5, endsWith("rds", "amazonaws", "com") {
      candidate = labels[labels.count - 4]
    } else if labels.count >= 6, endsWith("rds", "amazonaws", "com", "cn") {
      candidate = labels[labels.count - 5]
    } else if labels.count >= 6, endsWith("amazonaws", "com", "cn"), labels[labels.count - 5] == "rds" {
      candidate = labels[labels.count - 4]
    }
    guard let candidate else { return nil }
    // `us-east-1`, `us-gov-west-1`, `us-isob-east-1`, `eusc-de-east-1`: letters, then letter groups, then a number.
    // An ASCII digit or letter is a character of its own exactly when its byte is (a combining mark after it makes
    // the character non-ASCII, and its bytes fail the test too), so bytes are tested instead of characters.
    let groups = Self.pieces(of: candidate, separatedBy: UInt8(ascii: "-"))
    guard groups.count >= 3, let last = groups.last, last.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      groups.dropLast().allSatisfy({
        !$0.isEmpty && $0.utf8.allSatisfy { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
      })
    else { return nil }
    return String(candidate)
  }

  /// Whether a text is all ASCII, read through its contiguous bytes when it has them (a native string does): going
  /// through the UTF-8 view's indices cost more than the rest of the TLS check.
  static func isASCII<Text: StringProtocol>(_ text: Text) -> Bool {
    text.utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 < 0x80 } }
      ?? text.utf8.allSatisfy { $0 < 0x80 }
  }

  /// `text.split(separator:omittingEmptySubsequences: false)` for an ASCII separator: by bytes when the text is
  /// ASCII, where each byte is a character (`\r\n`, the one two-byte character, is no separator) and the pieces are
  /// the same; splitting by characters cost most of the region check.
  static func pieces(of text: Substring, separatedBy separator: UInt8) -> [Substring] {
    guard isASCII(text) else {
      return text.split(separator: Character(Unicode.Scalar(separator)), omittingEmptySubsequences: false)
    }
    return text.utf8.split(separator: separator, omittingEmptySubsequences: false).map { Substring($0) }
  }

  // MARK: TLS

  /// An env `url` that sends an RDS token over a connection that may be plain text: RDS refuses IAM sign-in without
  /// TLS (aws-rds-token.md §7). Postgres drivers use TLS unless `sslmode=disable` (lib/pq defaults to `require`,
  /// reference §6); go-sql-driver/mysql uses it only with a `tls` parameter other than `false`.
  mutating func checkTLS(_ url: AttributeView, rdsTokenReferenceStarts: [Int]) {
    guard let value = url.value else { return }
    // The evaluated URL with markers for the tokens; else the template's literal text with NUL for each
    // interpolation (whose value is unknown).
    var text = ""
    if let probed = evaluation?.probedValues[value.range]?.stringValue {
      guard let evaluation,
        TokenMarker.indices(in: probed).contains(where: { evaluation.tokenSources[$0]?.hasPrefix("aws_rds_token.") == true })
      else { return }
      text = probed
    } else {
      guard value.kind == .quotedTemplate, Self.containsOffset(in: value.range, sorted: rdsTokenReferenceStarts)
      else { return }
      for part in value.childNodes {
        guard part.kind == .templateLiteral else {
          text += "\u{0}"
          continue
        }
        for (_, token) in file.directTokens(of: part) where token.kind == .quotedLit { text += file.text(of: token) }
      }
    }
    // In ASCII text every byte is a character, and searching the bytes is much cheaper than the characters.
    let ascii = Self.isASCII(text)
    func firstIndex(of character: Character) -> String.Index? {
      guard ascii, let byte = character.asciiValue else { return text.firstIndex(of: character) }
      return text.utf8.firstIndex(of: byte)
    }
    guard let colon = firstIndex(of: ":"), text[colon...].hasPrefix("://") else { return }
    let scheme = text[..<colon].lowercased()
    let parameter: String
    let disabling: String
    switch scheme {
    case "postgres", "postgresql": (parameter, disabling) = ("sslmode", "disable")
    case "mysql", "mariadb", "maria": (parameter, disabling) = ("tls", "false")
    default: return
    }
    let query: Substring? = firstIndex(of: "?").map { text[text.index(after: $0)...] }
    // Nil when the query has no such parameter, else whether it is set to `disabling`.
    let disabled: Bool?
    if ascii, let query {
      // The same split over bytes: `&` and `=` are one-byte characters that join no neighbour, so the pieces are
      // the same, and an ASCII key or value equals a name exactly when its bytes do. Over an array, whose indices
      // are integers: stepping through a string's UTF-8 view cost most of this check.
      let bytes = Array(query.utf8)
      disabled = bytes.split(separator: UInt8(ascii: "&")).first {
        $0.split(separator: UInt8(ascii: "="), maxSplits: 1).first?.elementsEqual(parameter.utf8) == true
      }.map { $0.dropFirst(parameter.count + 1).elementsEqual(disabling.utf8) }
    } else {
      disabled = query?.split(separator: "&").first { $0.split(separator: "=", maxSplits: 1).first == Substring(parameter) }
        .map { $0.dropFirst(parameter.count + 1) == Substring(disabling) }
    }
    let problem: String
    if let disabled {
      guard disabled else { return }
      problem = "sets \(parameter)=\(disabling)"
    } else {
      // An interpolation in the query, or ending the URL, may hold the parameter.
      let hidden = query.map { $0.contains("\u{0}") } ?? (text.last == "\u{0}")
      guard parameter == "tls", !hidden else { return }
      problem = "has no tls parameter"
    }
    report(AtlasCode.rdsURLWithoutTLS, .warning, "This URL sends an RDS token without TLS: it \(problem)",
           detail: parameter == "tls"
             ? "RDS accepts the token only over TLS; add `tls=true` (or `tls=preferred`) and `allowCleartextPasswords=true`."
             : "RDS accepts the token only over TLS; use `sslmode=require` or stronger.",
           at: value.range, documentation: AtlasSchema.Links.config("data.aws_rds_token"),
           fixes: (tlsFix(value, parameter: parameter, disabling: disabling)
             ?? tlsFixThroughLocals(value, parameter: parameter, disabling: disabling)).map { [$0] } ?? [])
  }

  /// Whether one of `sorted` offsets lies in `range`.
  static func containsOffset(in range: TextRange, sorted: [Int]) -> Bool {
    var low = 0
    var high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if sorted[middle] < range.start { low = middle + 1 } else { high = middle }
    }
    return low < sorted.count && sorted[low] < range.end
  }

  // MARK: User and host

  /// A URL whose password is an `aws_rds_token`, checked against the token's `username` and `endpoint`: RDS
  /// accepts a token only for the user it names, and only when it was signed for the host:port connected to.
  /// A different user always fails; a different host may be a tunnel or proxy, so that one is a warning.
  mutating func checkTokenURL(_ url: AttributeView, tokenBlocks: [String: BlockView]) {
    guard let value = url.value, let evaluation, let text = evaluation.probedValues[value.range]?.stringValue,
      !TokenMarker.indices(in: text).isEmpty, let parsed = URLText(text), let userinfo = parsed.userinfo, let colon = userinfo.firstIndex(of: ":"),
      let scheme = parsed.scheme?.lowercased()
    else { return }
    let user = URLText.unescape(userinfo[..<colon], plusAsSpace: false)
    let password = userinfo[userinfo.index(after: colon)...]
    let link = AtlasSchema.Links.config("data.aws_rds_token")
    for index in TokenMarker.indices(in: String(password)) {
      guard let key = evaluation.tokenSources[index], let block = tokenBlocks[key] else { continue }
      if let username = attributeString(block, "username"), username != user {
        report(AtlasCode.rdsURLUserMismatch, .error,
               "The URL signs in as \"\(user)\", but data.\(key) is a token for \"\(username)\"",
               detail: "RDS accepts the token only for the database user it was made for; use the same user in both.",
               at: value.range, documentation: link)
      }
      guard let endpoint = attributeString(block, "endpoint"), let host = parsed.host, !host.isEmpty else { continue }
      let signed = Self.splitEndpoint(endpoint)
      // A missing or invalid port is reported on the endpoint itself.
      guard Self.portProblem(signed.port) == nil else { continue }
      // By bytes when the host is ASCII (each byte a character then): a search by characters cost more than the
      // whole URL check.
      let hasColon = Self.isASCII(host) ? host.utf8.contains(UInt8(ascii: ":")) : host.contains(":")
      let connected = Self.splitEndpoint(hasColon && !host.hasSuffix("]") ? host : host + ":")
      let defaultPort: Substring = ["mysql", "mariadb", "maria"].contains(scheme) ? "3306" : "5432"
      let connectedPort = connected.port.flatMap { $0.isEmpty ? nil : $0 } ?? defaultPort
      guard signed.host.lowercased() != connected.host.lowercased() || signed.port != connectedPort
      else { continue }
      report(AtlasCode.rdsURLHostMismatch, .warning,
             "The URL connects to \"\(connected.host):\(connectedPort)\", but data.\(key) is signed for \"\(endpoint)\"",
             detail: "RDS rejects a token signed for another host or port, unless this is a tunnel or proxy to that endpoint.",
             at: value.range, documentation: link)
    }
  }
}
