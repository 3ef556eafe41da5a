// Faults against the real test PostgreSQL (issue 6): a wrong password, a missing database, a server certificate that
// does not verify, an unreachable host. Each is an InspectionError with a clear message, the password masked, within
// the connect timeout; none crashes or hangs.
import Foundation
import Testing

@testable import DatabaseInspection

@Suite struct PostgresFaultTests {
  /// The test server's URL with `change` applied (nil outside CI without a server: the test is then disabled).
  static func url(_ change: (inout URLComponents) -> Void) -> String? {
    guard let text = TestServers.postgresURL, var components = URLComponents(string: text) else { return nil }
    change(&components)
    return components.string
  }

  /// Inspects `url` expecting a failure; returns its message after checking the common promises.
  static func failure(_ url: String, within seconds: TimeInterval = 5, sourceLocation: SourceLocation = #_sourceLocation)
    -> String?
  {
    let password = URLComponents(string: url)?.password ?? "\u{0}"
    let start = Date()
    do {
      let output = try DatabaseInspection.inspect(InspectRequest(url: url, schemas: [], exclude: []))
      Issue.record("expected a failure, got \(output.count) bytes of HCL", sourceLocation: sourceLocation)
      return nil
    } catch {
      let elapsed = Date().timeIntervalSince(start)
      #expect(elapsed < seconds, "took \(elapsed) s: \(error.message)", sourceLocation: sourceLocation)
      #expect(!error.message.contains(password), "shows the password: \(error.message)", sourceLocation: sourceLocation)
      #expect(error.message.contains(":****@"), "no masked URL: \(error.message)", sourceLocation: sourceLocation)
      return error.message
    }
  }

  @Test(
    .enabled(
      if: TestServers.postgresURL != nil || TestServers.isCI,
      "MERCATOR_TEST_POSTGRES_URL is not set: run `bash scripts/db-servers.sh` and export .build-db/env"))
  func eachFaultIsAClearMaskedError() throws {
    guard TestServers.postgresURL != nil else { return TestServers.missing("MERCATOR_TEST_POSTGRES_URL") }
    let wrongPassword = try #require(Self.url { $0.password = "not-the-password-4Xq" })
    #expect(Self.failure(wrongPassword)?.contains("password authentication failed for user") == true)

    let missingDatabase = try #require(Self.url { $0.path = "/no_such_database" })
    #expect(Self.failure(missingDatabase)?.contains("database \"no_such_database\" does not exist") == true)

    // A certificate that is not the server's as the only trusted root: the server's does not verify.
    let otherRoot = try Self.otherCertificate()
    let untrusted = try #require(
      Self.url {
        $0.queryItems = [
          URLQueryItem(name: "sslmode", value: "verify-full"), URLQueryItem(name: "sslrootcert", value: otherRoot),
        ]
      })
    #expect(Self.failure(untrusted)?.contains("certificate verify failed") == true)

    // A port that accepts connections and never says a word: only connect_timeout ends the attempt.
    let listener = try SilentListener()
    defer { listener.close() }
    let silent = "postgres://mercator:pw-9Zk@127.0.0.1:\(listener.port)/db?connect_timeout=2&sslmode=disable"
    let start = Date()
    #expect(Self.failure(silent, within: 4)?.contains("cannot connect to PostgreSQL") == true)
    #expect(Date().timeIntervalSince(start) >= 1.5, "failed before the timeout: the listener did not hold it")
  }

  /// libpq's connect_timeout when the URL sets none: a listener that never answers holds the attempt for 10 s.
  @Test func defaultConnectTimeoutIsTenSeconds() throws {
    let listener = try SilentListener()
    defer { listener.close() }
    let silent = "postgres://mercator:pw-7Tq@127.0.0.1:\(listener.port)/db"
    let start = Date()
    #expect(Self.failure(silent, within: 14)?.contains("cannot connect to PostgreSQL") == true)
    let elapsed = Date().timeIntervalSince(start)
    #expect(elapsed >= 9, "gave up after \(elapsed) s, before the 10 s default")
    print("PostgreSQL default connect timeout: gave up after \(String(format: "%.1f", elapsed)) s")
  }

  /// The test server's Unix socket directory (scripts/db-servers.sh): the local `postgres` superuser connects there
  /// without a password, which the catalog-permission case needs to revoke rights the test role cannot revoke.
  /// MERCATOR_TEST_POSTGRES_SOCKET may name the socket file (`…/.s.PGSQL.5432`); libpq's `host` wants its folder.
  static let socketDirectory: String = {
    let path = ProcessInfo.processInfo.environment["MERCATOR_TEST_POSTGRES_SOCKET"] ?? "/tmp/mercator-db/pg/sock"
    let url = URL(fileURLWithPath: path)
    return url.lastPathComponent.hasPrefix(".s.PGSQL.") ? url.deletingLastPathComponent().path : path
  }()

  /// A role that can connect but cannot read the catalog: in a database of its own, the superuser revokes SELECT on
  /// pg_catalog.pg_namespace from PUBLIC (catalog privileges are per database), so Atlas's first catalog query, the
  /// schemas one, fails with "permission denied". A database whose CONNECT the owner revoked from itself fails earlier.
  @Test(
    .enabled(
      if: (TestServers.postgresURL != nil && FileManager.default.fileExists(atPath: socketDirectory)) || TestServers.isCI,
      "needs MERCATOR_TEST_POSTGRES_URL and the test server's socket (scripts/db-servers.sh)"))
  func permissionDeniedIsAClearMaskedError() throws {
    let server = try #require(TestServers.postgresURL)
    let port = try #require(URLComponents(string: server)?.port)
    let database = "mercator_fx_denied"
    let superuser = { (name: String) in
      try PostgresConnection(
        DatabaseURL.parse(
          "postgres://postgres@127.0.0.1:\(port)/\(name)?host=\(Self.socketDirectory)&sslmode=disable"))
    }
    let admin = try superuser("postgres")
    try admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
    try admin.execute("CREATE DATABASE \(database)")
    defer { try? admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
    try superuser(database).execute("REVOKE SELECT ON pg_catalog.pg_namespace FROM PUBLIC")
    // Realm scope and schema scope: both start with the schemas query.
    for searchPath in [nil, "public"] as [String?] {
      let url = try #require(
        Self.url { components in
          components.path = "/" + database
          if let searchPath {
            components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "search_path", value: searchPath)]
          }
        })
      let message = Self.failure(url)
      #expect(message?.contains("permission denied for table pg_namespace") == true, "\(message ?? "")")
      #expect(message?.contains("cannot read the PostgreSQL catalog") == true, "\(message ?? "")")
      print("PostgreSQL catalog permission fault: \(message ?? "")")
    }

    // CONNECT revoked: the role owns the database but may not connect to it.
    let owned = "mercator_fx_noconnect"
    let role = try PostgresConnection(DatabaseURL.parse(server))
    try role.execute("DROP DATABASE IF EXISTS \(owned) WITH (FORCE)")
    try role.execute("CREATE DATABASE \(owned)")
    defer { try? role.execute("DROP DATABASE IF EXISTS \(owned) WITH (FORCE)") }
    try role.execute("REVOKE CONNECT ON DATABASE \(owned) FROM PUBLIC, CURRENT_USER")
    let noConnect = try #require(Self.url { $0.path = "/" + owned })
    #expect(Self.failure(noConnect)?.contains("permission denied for database") == true)
  }

  /// A fresh self-signed certificate (openssl, which scripts/db-servers.sh installs) in a temporary file.
  static func otherCertificate() throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mercator-ca-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let certificate = directory.appendingPathComponent("other.crt").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=other",
      "-keyout", directory.appendingPathComponent("other.key").path, "-out", certificate,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "openssl could not make a certificate")
    return certificate
  }
}

struct ListenerError: Error {}

/// A TCP listener on 127.0.0.1 that never accepts: the kernel completes connections into its backlog, and nothing is
/// ever sent, like a server that hangs.
final class SilentListener {
  let descriptor: Int32
  let port: Int

  init() throws {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    self.descriptor = descriptor
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let size = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, size) }
    }
    var actual = sockaddr_in()
    var length = size
    let named = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    port = Int(UInt16(bigEndian: actual.sin_port))
    guard descriptor >= 0, bound == 0, listen(descriptor, 8) == 0, named == 0 else {
      throw ListenerError()
    }
  }

  func close() { _ = Glibc.close(descriptor) }
}
