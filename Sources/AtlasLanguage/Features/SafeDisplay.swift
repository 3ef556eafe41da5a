// How hovers, inlay hints and completion show values and source text without showing a secret: sensitive values
// (tokens and anything computed from them) and unknown ones are named, not shown; URL passwords become `****`; and
// every text shown passes a filter of the secrets the analysis can see (URL passwords, values of secret-looking
// variables and locals, values read from the environment), wherever else they turn up.
import HCLEval
import HCLSyntax

/// The secrets of one analysed file, and the texts made safe from them.
struct SecretFilter {
  /// Texts never shown, longest first (a longer secret is masked before a shorter one inside it).
  private(set) var secrets: [String] = []
  /// `secrets` as bytes, for `clean`'s search.
  private var secretBytes: [[UInt8]] = []

  static let mask = "****"

  init(_ analysis: AtlasAnalysis) {
    var found: Set<String> = []
    let evaluation = analysis.evaluation
    // Every URL the file evaluates to gives its password, whatever holds the URL. Locals' values and variables'
    // defaults are among these values too (recorded by the range of their expression).
    for value in evaluation.values.values { Self.collectURLPasswords(value, into: &found) }
    // A variable or local named like a secret, or read from the environment, is a secret whole.
    let readsEnvironment = Self.definitionsReadingEnvironment(analysis)
    for definition in analysis.model.variables
    where Self.looksSecret(definition.name) || readsEnvironment.contains("var.\(definition.name)") {
      if let value = evaluation.variables[definition.name] { Self.collectStrings(value, into: &found) }
    }
    for definition in analysis.model.locals
    where Self.looksSecret(definition.name) || readsEnvironment.contains("local.\(definition.name)") {
      if let value = evaluation.locals[definition.name] { Self.collectStrings(value, into: &found) }
    }
    found.remove("")
    secrets = found.sorted { $0.utf8.count > $1.utf8.count || ($0.utf8.count == $1.utf8.count && $0 < $1) }
    secretBytes = secrets.map { Array($0.utf8) }
  }

  /// A name that says its value is a secret: `db_password`, `apiToken`, `SECRET_KEY`, `pwd`. The one rule for every
  /// feature (completion's descriptions, hovers, inlay hints), so a name hidden in one is hidden in all.
  static func looksSecret(_ name: String) -> Bool {
    // Plain loops over ASCII-lowered bytes: this runs for every local and variable of the file, and
    // `String.contains` cost more than the rest of the filter.
    var bytes = Array(name.utf8)
    for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }
    for word in secretWords where word.count <= bytes.count {
      var start = 0
      search: while start + word.count <= bytes.count {
        for offset in 0..<word.count where bytes[start + offset] != word[offset] {
          start += 1
          continue search
        }
        return true
      }
    }
    return false
  }

  /// `pass` covers `password` and `passwd`; `key` covers `private_key`, `api_key` and `apikey` (and, to be safe, any
  /// name with a key in it).
  private static let secretWords: [[UInt8]] = ["pass", "pwd", "secret", "token", "key", "credential"]
    .map { Array($0.utf8) }

  /// `var.NAME` and `local.NAME` of the definitions whose expression calls `getenv` itself: the editor's environment
  /// is not shown even when an evaluation was given one.
  static func definitionsReadingEnvironment(_ analysis: AtlasAnalysis) -> Set<String> {
    let model = analysis.model
    let calls = model.functionCalls.filter { $0.name == "getenv" }
    guard !calls.isEmpty else { return [] }
    var result: Set<String> = []
    for call in calls {
      if let local = containing(call.range, in: model.locals) { result.insert("local.\(local.name)") }
      if let variable = containing(call.range, in: model.variables) { result.insert("var.\(variable.name)") }
    }
    return result
  }

  /// The definition whose range holds `range`, by binary search: definitions come in source order and do not
  /// overlap (a file may hold thousands of locals and calls).
  static func containing(_ range: TextRange, in definitions: [ProjectModel.Definition]) -> ProjectModel.Definition? {
    var low = 0
    var high = definitions.count
    while low < high {
      let middle = (low + high) / 2
      if definitions[middle].range.start <= range.start { low = middle + 1 } else { high = middle }
    }
    guard low > 0 else { return nil }
    let candidate = definitions[low - 1]
    return candidate.range.end >= range.end ? candidate : nil
  }

  static func collectStrings(_ value: Value, into found: inout Set<String>) {
    switch value.content {
    case .string(let text): found.insert(text)
    case .elements(let elements): for element in elements { collectStrings(element, into: &found) }
    case .attributes(let attributes): for element in attributes.values { collectStrings(element, into: &found) }
    default: break
    }
  }

  static func collectURLPasswords(_ value: Value, into found: inout Set<String>) {
    switch value.content {
    case .string(let text):
      // Only texts that can hold `user:password@` are taken apart: most values are short words.
      guard text.utf8.contains(UInt8(ascii: "@")), text.utf8.contains(UInt8(ascii: ":")),
        let password = URLDisplay.password(in: text)
      else { return }
      found.insert(password)
      found.insert(URLText.unescape(Substring(password), plusAsSpace: false))
    case .elements(let elements): for element in elements { collectURLPasswords(element, into: &found) }
    case .attributes(let attributes): for element in attributes.values { collectURLPasswords(element, into: &found) }
    default: break
    }
  }

  /// The text with every URL password and every known secret replaced by `****`.
  func clean(_ text: String) -> String {
    var result = URLDisplay.maskingPasswords(in: text)
    guard !secrets.isEmpty else { return result }
    // Found over bytes before anything is replaced: completion cleans the value of every local it lists, against
    // every secret of the file, and `String.contains` cost far more than this loop.
    var bytes = Array(result.utf8)
    for (secret, needle) in zip(secrets, secretBytes) where Self.occurs(needle, in: bytes) {
      result = result.replacing(secret, with: Self.mask)
      bytes = Array(result.utf8)
    }
    return result
  }

  /// Whether `needle` occurs in `bytes` (a first-byte scan, then a comparison).
  static func occurs(_ needle: [UInt8], in bytes: [UInt8]) -> Bool {
    guard let first = needle.first, needle.count <= bytes.count else { return false }
    var start = 0
    while start + needle.count <= bytes.count {
      if bytes[start] == first, bytes[start..<(start + needle.count)].elementsEqual(needle) { return true }
      start += 1
    }
    return false
  }

  /// A value as HCL text, safe to show: a sensitive value is `(sensitive)`, an unknown one `(known only when run)`,
  /// anything else rendered, cleaned and shortened to `limit` characters. Nil `limit` keeps the whole text.
  func render(_ value: Value, limit: Int? = nil) -> String {
    if value.containsSensitive { return Self.sensitive }
    if !value.isKnown { return Self.unknown }
    let text = clean(value.render())
    guard let limit else { return text }
    return Self.shorten(text, to: limit)
  }

  static let sensitive = "(sensitive)"
  static let unknown = "(known only when run)"

  /// At most `limit` characters: the start and `…` (and the closing quote of a string, so it still reads as one).
  static func shorten(_ text: String, to limit: Int) -> String {
    guard text.count > limit, limit > 1 else { return text }
    let quoted = text.hasPrefix("\"") && text.hasSuffix("\"") && text.count > 1
    return String(text.prefix(limit - (quoted ? 2 : 1))) + "…" + (quoted ? "\"" : "")
  }
}

/// A `SecretFilter` made on first use: most answers show no value, and finding the secrets reads every value of the
/// file. A class, so that the features' non-mutating helpers can share it.
final class LazySecretFilter {
  private let analysis: AtlasAnalysis
  private var made: SecretFilter?

  init(_ analysis: AtlasAnalysis) { self.analysis = analysis }

  var filter: SecretFilter {
    if let made { return made }
    let filter = SecretFilter(analysis)
    made = filter
    return filter
  }
}

extension Value {
  /// The value at a path of attribute names (or element indices) inside this one, as `local.obj.key` reads it;
  /// unknown when a step cannot be followed, and sensitive below anything sensitive.
  func following<Path: Sequence<String>>(_ path: Path) -> Value {
    var current = self
    for name in path {
      if current.isSensitive { return Value.unknown().marked(true) }
      if let attributes = current.attributes, let next = attributes[name] {
        current = next
      } else if let elements = current.elements, let index = Int(name), elements.indices.contains(index) {
        current = elements[index]
      } else {
        return .unknown()
      }
    }
    return current
  }
}

/// A database or file URL taken apart for display, through `URLText` (the same split Atlas's URL functions and the
/// RDS checks use).
struct URLDisplay {
  var scheme: String
  var user: String?
  /// Whether the URL has a password (never kept: shown as `****`).
  var hasPassword: Bool
  var host: String?
  var port: String?
  var path: String
  var query: [(key: String, value: String)]

  /// Nil unless the text is `scheme://…` (the only form whose parts mean something to Atlas).
  init?(_ text: String) {
    guard let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix("://"), let url = URLText(text),
      let scheme = url.scheme, !scheme.isEmpty
    else { return nil }
    self.scheme = scheme
    if let userinfo = url.userinfo {
      if let separator = userinfo.firstIndex(of: ":") {
        user = URLText.unescape(userinfo[..<separator], plusAsSpace: false)
        hasPassword = true
      } else {
        user = URLText.unescape(Substring(userinfo), plusAsSpace: false)
        hasPassword = false
      }
    } else {
      hasPassword = false
    }
    if let authority = url.host, !authority.isEmpty {
      // Split as the RDS checks split an endpoint; an IPv6 host without a port (`[::1]`) has no port to split off.
      let parts = StructureChecker.splitEndpoint(authority.hasSuffix("]") ? authority + ":" : authority)
      host = parts.host
      port = parts.port.map(String.init)
    }
    path = url.path
    // A file or SQLite URL has no authority: what follows `//` is all path (`file://schema.pg.hcl`).
    if Self.pathOnlySchemes.contains(scheme.lowercased()) {
      path = (url.host ?? "") + url.path
      user = nil
      hasPassword = false
      host = nil
      port = nil
    }
    query = (url.query ?? "").split(separator: "&").map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      return (URLText.unescape(parts[0]), parts.count > 1 ? URLText.unescape(parts[1]) : "")
    }
  }

  /// The URL a `url` expression resolves to: its value when known and not secret, else the probing pass's value with
  /// each token as `****` (a URL holding a token is still worth seeing); nil while anything in it is unknown.
  static func resolvedText(of node: SyntaxNode, in evaluation: ProjectEvaluation) -> String? {
    if let value = evaluation.values[node.range], !value.containsSensitive, let text = value.stringValue { return text }
    // After a command ran the data sources, the probing pass holds real (sensitive) tokens instead of markers.
    guard let probed = evaluation.probedValues[node.range], !probed.containsSensitive, var text = probed.stringValue
    else { return nil }
    for index in Set(TokenMarker.indices(in: text)) {
      text = text.replacing(TokenMarker.marker(index: index), with: SecretFilter.mask)
    }
    return text
  }

  static let pathOnlySchemes: Set<String> = ["file", "sqlite", "sqlite3", "libsql+file"]

  /// The raw (still escaped) password of a `scheme://user:password@host` text.
  static func password(in text: String) -> String? {
    guard let url = URLText(text), url.host != nil, let userinfo = url.userinfo,
      let separator = userinfo.firstIndex(of: ":")
    else { return nil }
    return String(userinfo[userinfo.index(after: separator)...])
  }

  /// Query parameters whose value is a credential (go-sql-driver and libpq accept a password there).
  static func isSecretParameter(_ key: String) -> Bool {
    ["password", "pass", "passwd", "pwd", "token", "secret", "access_token"].contains(key.lowercased())
  }

  /// The text with the password of each URL in it (`scheme://user:password@`) and each credential query parameter
  /// replaced by `****`. Works on any text (source, templates, messages): each `scheme://…` up to a blank, quote or
  /// backtick is taken apart by `URLText`.
  static func maskingPasswords(in text: String) -> String {
    // Most texts are no URLs: a byte scan for `://` leaves them quickly (`String.contains` cost much more when
    // completion cleaned the value of each of thousands of locals).
    let bytes = text.utf8
    var hasSeparator = false
    var previous: (UInt8, UInt8) = (0, 0)
    for byte in bytes {
      if byte == UInt8(ascii: "/"), previous == (UInt8(ascii: ":"), UInt8(ascii: "/")) {
        hasSeparator = true
        break
      }
      previous = (previous.1, byte)
    }
    guard hasSeparator else { return text }
    var result = ""
    var rest = Substring(text)
    while let separator = rest.firstRange(of: "://") {
      var start = separator.lowerBound
      while start > rest.startIndex, isSchemeCharacter(rest[rest.index(before: start)]) { start = rest.index(before: start) }
      let end = rest[separator.upperBound...].firstIndex { "\" \n\t'`".contains($0) } ?? rest.endIndex
      result += String(rest[..<start]) + masked(String(rest[start..<end]))
      rest = rest[end...]
    }
    return result + String(rest)
  }

  static func isSchemeCharacter(_ character: Character) -> Bool {
    character.isASCII && (character.isLetter || character.isNumber || character == "+" || character == "-" || character == ".")
  }

  /// One URL with its password and credential query parameters as `****`; the text itself when it has neither.
  static func masked(_ candidate: String) -> String {
    guard var url = URLText(candidate) else { return candidate }
    var changed = false
    if let userinfo = url.userinfo, let colon = userinfo.firstIndex(of: ":") {
      url.userinfo = String(userinfo[...colon]) + SecretFilter.mask
      changed = true
    }
    if let query = url.query {
      // Pairs kept in their order and spelling: only a credential's value changes.
      let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, isSecretParameter(URLText.unescape(parts[0])), !parts[1].isEmpty else { return String(pair) }
        return String(parts[0]) + "=" + SecretFilter.mask
      }
      let joined = pairs.joined(separator: "&")
      if joined != query {
        url.query = joined
        changed = true
      }
    }
    return changed ? url.description : candidate
  }

  /// What the host names: a server, or for `docker://` the database image.
  var hostMeaning: String { scheme.lowercased() == "docker" ? "image" : "host" }

  /// What the path names for this scheme: a database, a schema, a file, a directory.
  var pathMeaning: String {
    switch scheme.lowercased() {
    case "postgres", "postgresql", "redshift", "docker+postgres": "database"
    case "mysql", "mariadb", "maria", "docker+mysql", "docker+maria", "docker+mariadb", "clickhouse": "schema"
    case "sqlite", "sqlite3", "libsql+file": "database file"
    case "file": "path"
    case "docker": "tag and database"
    default: "path"
    }
  }

  /// What a scheme connects to, from the table completion offers schemes from (`AtlasSchema.urlSchemes`).
  var driver: String? {
    AtlasSchema.urlScheme(scheme.lowercased()).map { $0.title + ($0.pro ? " (Atlas Pro)" : "") }
  }
}
