// Atlas database URLs per driver (ariga/atlas sql/{postgres,mysql,sqlite}/driver.go `ParseURL`, on Go's net/url):
// what each driver connects to, the schema the URL scopes inspection to, and a form with the password masked.

/// A parsed database URL. `description` is the redacted form: printing one never shows the password.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
  public enum Driver: String, Sendable, Equatable, CaseIterable {
    case postgres, mysql, mariadb, sqlite

    /// The name used in messages.
    public var displayName: String {
      switch self {
      case .postgres: "PostgreSQL"
      case .mysql: "MySQL"
      case .mariadb: "MariaDB"
      case .sqlite: "SQLite"
      }
    }

    /// The schemes Atlas registers for each driver (its name plus "flavours").
    static let schemes: [String: Driver] = [
      "postgres": .postgres, "postgresql": .postgres,
      "mysql": .mysql, "mysql+unix": .mysql,
      "mariadb": .mariadb, "mariadb+unix": .mariadb, "maria": .mariadb, "maria+unix": .mariadb,
      "sqlite": .sqlite, "sqlite3": .sqlite,
    ]
  }

  /// Where an SQLite database lives.
  public enum SQLiteTarget: Sendable, Equatable {
    /// A file path as written (relative paths are relative to the working directory, as for Atlas).
    case file(path: String)
    /// An in-memory database (`mode=memory`, or `:memory:`): always empty in a new connection.
    case memory(uri: String)
  }

  /// The scheme as written, lower-cased (Go's net/url lower-cases it).
  public var scheme: String
  public var driver: Driver
  public var user: String?
  /// Percent-decoded. Never printed: `redacted` masks it.
  public var password: String?
  public var host: String
  public var port: Int?
  /// The percent-decoded path (`/db`, or the socket path of a `+unix` URL).
  public var path: String
  /// Query parameters in their order, percent-decoded (`+` is a space), as Go's `url.Query` reads them.
  public var parameters: [(name: String, value: String)]
  /// The text with the password (and any `password` query parameter) replaced by `****`.
  public var redacted: String
  /// Other values to mask wherever they appear (see `parse(_:secrets:)`); never printed.
  var secrets: [String] = []

  public var description: String { redacted }

  public static func == (lhs: DatabaseURL, rhs: DatabaseURL) -> Bool { lhs.redacted == rhs.redacted && lhs.password == rhs.password }

  /// The first value of a query parameter, as Go's `Values.Get`.
  public func parameter(_ name: String) -> String? { parameters.first { $0.name == name }?.value }

  /// The schema the URL scopes inspection to (Atlas's `URL.Schema`): PostgreSQL's `search_path`, the MySQL database
  /// (the path, or the `database` parameter of a `+unix` URL), SQLite's `main`. Nil means the whole database (realm).
  public var schema: String? {
    let name: String?
    switch driver {
    case .postgres: name = parameter("search_path")
    case .mysql, .mariadb:
      name = scheme.hasSuffix("+unix") ? parameter("database") : String(path.drop { $0 == "/" })
    case .sqlite: name = "main"
    }
    return name.flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The database to connect to: PostgreSQL's and MySQL's database name (MySQL: the schema, or none).
  public var database: String? {
    switch driver {
    case .postgres: let name = String(path.dropFirst(path.hasPrefix("/") ? 1 : 0)); return name.isEmpty ? nil : name
    case .mysql, .mariadb: return schema
    case .sqlite: return nil
    }
  }

  /// A `+unix` URL's socket path.
  public var socketPath: String? { scheme.hasSuffix("+unix") ? path : nil }

  /// SQLite only: the file or memory database (ariga/atlas sql/sqlite/driver.go: the DSN is the text after
  /// `scheme://`; with `mode=memory` it becomes a `file:` URI; mattn/go-sqlite3 cuts the query off a plain path).
  public var sqliteTarget: SQLiteTarget? {
    guard driver == .sqlite, let dsn = rawRemainder else { return nil }
    if parameter("mode") == "memory" { return .memory(uri: "file:" + dsn) }
    var path = dsn
    if let question = dsn.firstIndex(of: "?"), question > dsn.startIndex { path = String(dsn[..<question]) }
    if path == ":memory:" || path.hasPrefix(":memory:?") { return .memory(uri: ":memory:") }
    return .file(path: path)
  }

  private var rawRemainder: String?

  // MARK: - Parsing

  /// Parses a URL for one of the drivers Atlas (and Mercator) supports.
  /// `secrets` are masked in `redacted` and every message besides the password, in their raw and URL-escaped forms:
  /// a token interpolated into the user name, the host or a query parameter is as secret as one in the password.
  public static func parse(_ text: String, secrets: [String] = []) throws(InspectionError) -> DatabaseURL {
    let secrets = secrets.filter { !$0.isEmpty }
    let redacted = mask(redact(text), secrets: secrets)
    guard let colon = text.firstIndex(of: ":") else {
      throw InspectionError(.invalidURL, "\(quoted(redacted)) is not a URL: it needs a scheme such as postgres://")
    }
    let scheme = String(text[..<colon]).lowercased()
    let letters = Unicode.Scalar("a")...Unicode.Scalar("z")
    guard let first = scheme.unicodeScalars.first, letters.contains(first),
      scheme.unicodeScalars.allSatisfy({ letters.contains($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0) })
    else {
      throw InspectionError(.invalidURL, "\(quoted(redacted)) does not start with a valid scheme")
    }
    guard let driver = Driver.schemes[scheme] else {
      throw InspectionError(
        .unsupportedDriver,
        "the \(quoted(scheme)) scheme is not supported (supported: postgres, postgresql, mysql, mysql+unix, maria, "
          + "maria+unix, mariadb, mariadb+unix, sqlite, sqlite3)")
    }
    guard let separator = text.range(of: "://"), separator.lowerBound == colon else {
      throw InspectionError(.invalidURL, "\(quoted(redacted)) needs \"//\" after \"\(scheme):\"")
    }
    let remainder = text[separator.upperBound...]
    var url = DatabaseURL(
      scheme: scheme, driver: driver, user: nil, password: nil, host: "", port: nil, path: "", parameters: [],
      redacted: redacted, secrets: secrets, rawRemainder: String(remainder))

    // Go's url.Parse: the fragment goes first, then the query, then `authority/path`.
    var rest = Substring(remainder)
    if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
    if let question = rest.firstIndex(of: "?") {
      url.parameters = queryParameters(rest[rest.index(after: question)...])
      rest = rest[..<question]
    }
    // SQLite's DSN is the text itself; its query is what matters, not an authority.
    if driver == .sqlite { return url }

    let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
    var authority = rest[..<authorityEnd]
    let rawPath = rest[authorityEnd...]
    if let at = authority.lastIndex(of: "@") {
      let userInfo = authority[..<at]
      authority = authority[authority.index(after: at)...]
      let userPart: Substring
      if let colon = userInfo.firstIndex(of: ":") {
        userPart = userInfo[..<colon]
        guard let password = percentDecode(userInfo[userInfo.index(after: colon)...], plusIsSpace: false) else {
          throw InspectionError(.invalidURL, "the password in \(quoted(redacted)) has an invalid percent escape")
        }
        url.password = password
      } else {
        userPart = userInfo
      }
      guard let user = percentDecode(userPart, plusIsSpace: false) else {
        throw InspectionError(.invalidURL, "the user name in \(quoted(redacted)) has an invalid percent escape")
      }
      url.user = user
    }
    // Host and port: `[v6]:port` or `host:port`.
    var host = authority
    var portText: Substring? = nil
    if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
      let after = host[host.index(after: close)...]
      if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
        throw InspectionError(.invalidURL, "unexpected \(quoted(String(after))) after the host in \(quoted(redacted))")
      }
      host = host[...close]
    } else if let colon = host.lastIndex(of: ":") {
      portText = host[host.index(after: colon)...]
      host = host[..<colon]
    }
    if let portText, !portText.isEmpty {
      guard portText.allSatisfy(\.isASCIIDigitCharacter), let port = Int(portText), port <= 65535 else {
        throw InspectionError(.invalidURL, "invalid port \(quoted(String(portText))) in \(quoted(redacted))")
      }
      url.port = port
    }
    guard let decodedHost = percentDecode(host, plusIsSpace: false) else {
      throw InspectionError(.invalidURL, "the host in \(quoted(redacted)) has an invalid percent escape")
    }
    url.host = decodedHost
    guard let path = percentDecode(rawPath, plusIsSpace: false) else {
      throw InspectionError(.invalidURL, "the path in \(quoted(redacted)) has an invalid percent escape")
    }
    url.path = path
    return url
  }

  /// Go's `url.ParseQuery` as `URL.Query` uses it: `&`-separated pairs, `+` as a space, percent-decoded; a pair
  /// with a `;` or a bad escape is dropped.
  static func queryParameters(_ query: Substring) -> [(name: String, value: String)] {
    var result: [(name: String, value: String)] = []
    for pair in query.split(separator: "&", omittingEmptySubsequences: true) where !pair.contains(";") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard let name = percentDecode(parts[0], plusIsSpace: true),
        let value = percentDecode(parts.count > 1 ? parts[1] : "", plusIsSpace: true)
      else { continue }
      result.append((name, value))
    }
    return result
  }

  /// Percent-decoding; nil on a malformed escape. Bytes that are not UTF-8 are kept as replacement characters.
  static func percentDecode(_ text: Substring, plusIsSpace: Bool) -> String? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var iterator = text.utf8.makeIterator()
    while let byte = iterator.next() {
      switch byte {
      case UInt8(ascii: "%"):
        guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
          return nil
        }
        bytes.append(high << 4 | low)
      case UInt8(ascii: "+") where plusIsSpace:
        bytes.append(UInt8(ascii: " "))
      default:
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  // MARK: - Redaction

  /// The URL with its password, and the value of any `password` query parameter, replaced by `****`. Works on the
  /// raw text, so that it also masks what a URL that fails to parse holds. A password with unescaped `/`, `?` or `#`
  /// (an RDS token pasted without `urlescape`) would end Go's authority early; the userinfo then runs to the last
  /// `@` of the text, so the whole token is masked.
  public static func redact(_ text: String) -> String {
    var result = text
    if let separator = text.range(of: "://") {
      let afterScheme = text[separator.upperBound...]
      let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
      let authority = afterScheme[..<authorityEnd]
      let at = authority.lastIndex(of: "@") ?? afterScheme.lastIndex(of: "@")
      if let at, let colon = afterScheme[..<at].firstIndex(of: ":") {
        let secret = afterScheme.index(after: colon)..<at
        result = String(text[..<secret.lowerBound]) + "****" + String(text[secret.upperBound...])
      }
    }
    return redactPasswordParameters(result)
  }

  /// `password=…` in the query (libpq accepts it) becomes `password=****`.
  private static func redactPasswordParameters(_ text: String) -> String {
    guard let question = text.firstIndex(of: "?") else { return text }
    let query = text[text.index(after: question)...]
    let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard parts.count == 2, (percentDecode(parts[0], plusIsSpace: true) ?? "").lowercased() == "password" else {
        return String(pair)
      }
      return parts[0] + "=****"
    }
    return String(text[...question]) + pairs.joined(separator: "&")
  }

  static func quoted(_ text: String) -> String { "\"" + text + "\"" }
}

extension Character {
  fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
