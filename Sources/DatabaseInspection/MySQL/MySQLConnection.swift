// A read-only MariaDB Connector/C connection for mysql://, maria://, mariadb:// (and +unix) URLs: the URL's parts
// handed to mysql_real_connect, go-sql-driver's `tls` and `allowCleartextPasswords` mapped to Connector/C options,
// queries returning text rows read through bounds and NULL checks, and messages with the password masked.
import CMariaDB
import Foundation

/// One open connection; `mysql_close` runs when it goes away, whatever happened before.
final class MySQLConnection {
  private let handle: UnsafeMutablePointer<MYSQL>
  private let url: DatabaseURL
  /// Checked before each query (Connector/C has no thread-safe way to interrupt one).
  var control: InspectionControl?

  /// Seconds to wait for the server: Connector/C's own default is the OS's TCP timeout.
  static let connectTimeout: UInt32 = 10

  /// `certificateAuthority`: a CA file to verify the server with (tests use their self-signed one); without it
  /// Connector/C uses the system's trust store, as go-sql-driver does.
  init(_ url: DatabaseURL, certificateAuthority: String? = nil) throws(InspectionError) {
    self.url = url
    guard let handle = mysql_init(nil) else {
      throw InspectionError(.connectionFailed, "cannot connect to MySQL: out of memory", url: url)
    }
    do {
      try Self.configure(handle, url: url, certificateAuthority: certificateAuthority)
    } catch {
      mysql_close(handle)
      throw error
    }
    let port = UInt32(clamping: url.port ?? 3306)
    let socket = url.socketPath
    // With a socket the host must be NULL or "localhost" for Connector/C to use it.
    let host: String? = socket != nil ? "localhost" : Self.unbracketed(url.host.isEmpty ? "127.0.0.1" : url.host)
    guard mysql_real_connect(handle, host, url.user ?? "", url.password, url.database, port, socket, 0) != nil else {
      let message = url.masking(mysql_error(handle).map { String(cString: $0) })
      mysql_close(handle)
      throw InspectionError(.connectionFailed, "cannot connect to \(url.driver.displayName): \(message)", url: url)
    }
    self.handle = handle
  }

  deinit { mysql_close(handle) }

  /// go-sql-driver's `tls` values: `true` (TLS, server verified), `skip-verify` (TLS, not verified), `preferred`
  /// (TLS when the server offers it, not verified), `false` or absent (go-sql-driver sends no TLS; Connector/C may
  /// still negotiate it, unverified, which only adds protection). `allowCleartextPasswords=true` enables the
  /// cleartext plugin RDS IAM tokens need.
  static func configure(
    _ handle: UnsafeMutablePointer<MYSQL>, url: DatabaseURL, certificateAuthority: String?
  ) throws(InspectionError) {
    var timeout = connectTimeout
    mysql_options(handle, MYSQL_OPT_CONNECT_TIMEOUT, &timeout)
    mysql_options(handle, MYSQL_SET_CHARSET_NAME, "utf8mb4")
    var enforce: my_bool = 0
    var verify: my_bool = 0
    // go-sql-driver reads booleans with Go's strconv.ParseBool, hence t/f and 1/0.
    switch url.parameter("tls")?.lowercased() {
    case nil, "false", "f", "0": break
    case "true", "t", "1": (enforce, verify) = (1, 1)
    case "skip-verify": enforce = 1
    // Connector/C tries TLS only once an SSL option is set; without enforcement it falls back to plain text.
    case "preferred": mysql_ssl_set(handle, nil, nil, nil, nil, nil)
    case let other?:
      throw InspectionError(
        .invalidURL, "invalid tls value \(HCLText.goQuoted(other)): use true, false, skip-verify or preferred", url: url)
    }
    if let certificateAuthority { mysql_options(handle, MYSQL_OPT_SSL_CA, certificateAuthority) }
    // Setting ENFORCE to 0 would also switch TLS off, undoing `preferred`: set it only to turn it on.
    if enforce != 0 { mysql_options(handle, MYSQL_OPT_SSL_ENFORCE, &enforce) }
    mysql_options(handle, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify)
    if let cleartext = url.parameter("allowCleartextPasswords"), ["true", "t", "1"].contains(cleartext.lowercased()) {
      var on: my_bool = 1
      mysql_options(handle, MYSQL_ENABLE_CLEARTEXT_PLUGIN, &on)
    }
  }

  static func unbracketed(_ host: String) -> String {
    host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
  }

  /// Whether TLS is in use on this connection.
  var usesTLS: Bool { mysql_get_ssl_cipher(handle) != nil }

  // MARK: - Queries

  /// How many statements `rows` has sent: the tests check that round trips do not grow with tables.
  private(set) var queryCount = 0

  /// A string as an SQL literal, escaped by the connection for its character set.
  func literal(_ value: String) -> String {
    let bytes = Array(value.utf8)
    var buffer = [CChar](repeating: 0, count: bytes.count * 2 + 1)
    let length = bytes.withUnsafeBufferPointer { source in
      source.withMemoryRebound(to: CChar.self) { mysql_real_escape_string(handle, &buffer, $0.baseAddress, UInt(bytes.count)) }
    }
    guard length != UInt(bitPattern: -1) else { return "''" }
    let escaped = buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }
    return "'" + String(decoding: escaped, as: UTF8.self) + "'"
  }

  /// `'a', 'b', …`: a list of escaped literals for an `IN (…)`.
  func literals(_ values: [String]) -> String { values.map(literal).joined(separator: ", ") }

  /// Runs one statement and returns its rows as text (nil is SQL NULL).
  func rows(_ sql: String) throws(InspectionError) -> [CatalogRow] {
    try control?.checkpoint()
    queryCount += 1
    let bytes = Array(sql.utf8)
    let status = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { mysql_real_query(handle, $0.baseAddress, UInt(bytes.count)) }
    }
    guard status == 0 else { throw failure("query failed") }
    guard let result = mysql_store_result(handle) else {
      if mysql_field_count(handle) == 0 { return [] }
      throw failure("query failed")
    }
    defer { mysql_free_result(result) }
    let columnCount = Int(mysql_num_fields(result))
    var rows: [CatalogRow] = []
    while let row = mysql_fetch_row(result) {
      guard let lengths = mysql_fetch_lengths(result) else { break }
      var values: [String?] = []
      values.reserveCapacity(columnCount)
      for column in 0..<columnCount {
        if let cell = row[column] {
          let buffer = UnsafeRawBufferPointer(start: cell, count: Int(lengths[column]))
          values.append(String(decoding: buffer, as: UTF8.self))
        } else {
          values.append(nil)
        }
      }
      rows.append(CatalogRow(values: values))
    }
    return rows
  }

  /// Runs a script of several statements (fixture tests build databases with it); every result is drained.
  func execute(_ script: String) throws(InspectionError) {
    mysql_set_server_option(handle, MYSQL_OPTION_MULTI_STATEMENTS_ON)
    defer { mysql_set_server_option(handle, MYSQL_OPTION_MULTI_STATEMENTS_OFF) }
    let bytes = Array(script.utf8)
    let status = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { mysql_real_query(handle, $0.baseAddress, UInt(bytes.count)) }
    }
    guard status == 0 else { throw failure("script failed") }
    repeat {
      if let result = mysql_store_result(handle) { mysql_free_result(result) }
      let next = mysql_next_result(handle)
      if next > 0 { throw failure("script failed") }
      if next < 0 { break }
    } while true
  }

  private func failure(_ what: String) -> InspectionError {
    InspectionError(.queryFailed, "\(what): \(url.masking(mysql_error(handle).map { String(cString: $0) }))", url: url)
  }
}
