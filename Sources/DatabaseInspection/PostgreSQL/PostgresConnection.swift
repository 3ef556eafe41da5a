// A read-only libpq connection: an Atlas URL turned into a libpq conninfo string, text-mode queries with bound
// parameters, every value read through bounds and NULL checks, and the server's messages with the password masked.
import CLibPQ
import Foundation

/// One open libpq connection; `PQfinish` runs when it goes away, whatever happened before.
final class PostgresConnection {
  private let handle: OpaquePointer
  private let url: DatabaseURL
  /// Checked before each query; its cancel sends PQcancel for the query running.
  let control: InspectionControl?
  private let cancelHandle: CancelHandle?

  /// Seconds libpq waits for the server when the URL does not say (`connect_timeout`); libpq's own default is forever.
  static let defaultConnectTimeout = "10"

  init(_ url: DatabaseURL, control: InspectionControl? = nil) throws(InspectionError) {
    self.url = url
    self.control = control
    try control?.checkpoint()
    // PQconnectdb returns NULL only when it cannot allocate; even a failed connection must be finished.
    guard let handle = PQconnectdb(Self.conninfo(url)) else {
      throw InspectionError(.connectionFailed, "cannot connect to PostgreSQL: out of memory", url: url)
    }
    guard PQstatus(handle) == CONNECTION_OK else {
      let message = Self.message(PQerrorMessage(handle), url: url)
      PQfinish(handle)
      throw InspectionError(.connectionFailed, "cannot connect to PostgreSQL: \(message)", url: url)
    }
    self.handle = handle
    if let control, let cancel = PQgetCancel(handle) {
      let box = CancelHandle(cancel)
      cancelHandle = box
      control.setInterrupt { box.send() }
    } else {
      cancelHandle = nil
    }
  }

  deinit {
    // Unhooked before the cancel object is freed: `setInterrupt` takes the control's lock, which `cancel` holds.
    if cancelHandle != nil { control?.setInterrupt(nil) }
    if let cancelHandle { PQfreeCancel(cancelHandle.pointer) }
    PQfinish(handle)
  }

  /// The server version as `server_version_num` (e.g. 150004).
  var serverVersion: Int { Int(PQserverVersion(handle)) }

  // MARK: - Conninfo

  /// libpq's `keyword='value'` form of an Atlas URL. Host brackets (`[::1]`) go, the user and password are already
  /// percent-decoded by the URL parser, libpq's own parameters (`sslmode`, `sslrootcert`, `connect_timeout`, …) pass
  /// through, and any other one (Atlas's `search_path`, `statement_timeout`, …) becomes a `-c` server option.
  ///
  /// Without `sslmode` in the URL or `PGSSLMODE` in the environment, TLS is required: lib/pq's default, where libpq's
  /// own (`prefer`) would quietly fall back to plain text.
  static func conninfo(
    _ url: DatabaseURL, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String {
    var pairs: [(String, String)] = []
    var host = url.host
    if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    if !host.isEmpty { pairs.append(("host", host)) }
    if let port = url.port { pairs.append(("port", String(port))) }
    if let user = url.user, !user.isEmpty { pairs.append(("user", user)) }
    if let password = url.password { pairs.append(("password", password)) }
    if let database = url.database { pairs.append(("dbname", database)) }
    var options: [String] = []
    for (name, value) in url.parameters {
      switch name {
      case "options": options.insert(value, at: 0)
      case _ where libpqKeywords.contains(name): pairs.append((name, value))
      // lib/pq (Atlas's driver) sends any other parameter, search_path included, as a server setting.
      default: options.append("-c" + escapeOption(name) + "=" + escapeOption(value))
      }
    }
    if !options.isEmpty { pairs.append(("options", options.joined(separator: " "))) }
    if !pairs.contains(where: { $0.0 == "sslmode" }), environment["PGSSLMODE"] == nil { pairs.append(("sslmode", "require")) }
    if !pairs.contains(where: { $0.0 == "connect_timeout" }) { pairs.append(("connect_timeout", defaultConnectTimeout)) }
    return pairs.map { $0.0 + "='" + escapeValue($0.1) + "'" }.joined(separator: " ")
  }

  /// The connection keywords this libpq knows (`PQconndefaults`), so that only those are passed as keywords.
  static let libpqKeywords: Set<String> = {
    guard let defaults = PQconndefaults() else { return [] }
    defer { PQconninfoFree(defaults) }
    var names: Set<String> = []
    var option = defaults
    while let keyword = option.pointee.keyword {
      names.insert(String(cString: keyword))
      option += 1
    }
    return names
  }()

  /// A conninfo value inside single quotes: `\` and `'` are backslash-escaped.
  static func escapeValue(_ value: String) -> String {
    value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
  }

  /// The server splits `options` on spaces unless backslash-escaped.
  static func escapeOption(_ value: String) -> String {
    value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: " ", with: "\\ ")
  }

  // MARK: - Queries

  /// How many statements `rows` has sent: the tests check that inspection's round trips do not grow with tables.
  private(set) var queryCount = 0

  /// Runs one statement with text parameters and returns its rows as text (nil is SQL NULL).
  func rows(_ sql: String, _ parameters: [String] = []) throws(InspectionError) -> [CatalogRow] {
    try control?.checkpoint()
    queryCount += 1
    let result = withCStrings(parameters) { values in
      PQexecParams(handle, sql, Int32(values.count), nil, values, nil, nil, 0)
    }
    guard let result else {
      throw InspectionError(.queryFailed, "query failed: \(Self.message(PQerrorMessage(handle), url: url))", url: url)
    }
    defer { PQclear(result) }
    let status = PQresultStatus(result)
    guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else {
      // A query stopped by our own PQcancel is a cancellation, not a failure.
      try control?.checkpoint()
      throw InspectionError(
        .queryFailed, "query failed: \(Self.message(PQresultErrorMessage(result), url: url))", url: url)
    }
    let rowCount = max(0, Int(PQntuples(result)))
    let columnCount = max(0, Int(PQnfields(result)))
    var rows: [CatalogRow] = []
    rows.reserveCapacity(rowCount)
    for row in 0..<rowCount {
      var values: [String?] = []
      values.reserveCapacity(columnCount)
      for column in 0..<columnCount {
        if PQgetisnull(result, Int32(row), Int32(column)) != 0 {
          values.append(nil)
        } else if let text = PQgetvalue(result, Int32(row), Int32(column)) {
          values.append(String(cString: text))
        } else {
          values.append(nil)
        }
      }
      rows.append(CatalogRow(values: values))
    }
    return rows
  }

  /// Runs a script of several statements (no parameters, no rows): what fixture tests use to build a database.
  func execute(_ script: String) throws(InspectionError) {
    guard let result = PQexec(handle, script) else {
      throw InspectionError(.queryFailed, "script failed: \(Self.message(PQerrorMessage(handle), url: url))", url: url)
    }
    defer { PQclear(result) }
    let status = PQresultStatus(result)
    guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY else {
      throw InspectionError(
        .queryFailed, "script failed: \(Self.message(PQresultErrorMessage(result), url: url))", url: url)
    }
  }

  /// A server or libpq message as one line, with the password removed should the server ever echo it.
  static func message(_ text: UnsafePointer<CChar>?, url: DatabaseURL) -> String {
    url.masking(text.map { String(cString: $0) })
  }
}

/// libpq's cancel object, which PQcancel may use from any thread (libpq documents it as thread-safe).
private final class CancelHandle: @unchecked Sendable {
  let pointer: OpaquePointer

  init(_ pointer: OpaquePointer) { self.pointer = pointer }

  func send() {
    var buffer = [CChar](repeating: 0, count: 256)
    _ = PQcancel(pointer, &buffer, Int32(buffer.count))
  }
}

/// One result row of any connector; reading past its end gives NULL instead of trapping.
struct CatalogRow {
  var values: [String?]

  subscript(_ index: Int) -> String? { values.indices.contains(index) ? values[index] : nil }

  func bool(_ index: Int) -> Bool { self[index] == "t" }
  func int(_ index: Int) -> Int64? { self[index].flatMap { Int64($0) } }
}

/// Calls `body` with the strings as a C array of NUL-terminated strings that lives for the call.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
  let copies = strings.map { strdup($0) }
  defer { copies.forEach { free($0) } }
  return body(copies.map { $0.map { UnsafePointer($0) } })
}
