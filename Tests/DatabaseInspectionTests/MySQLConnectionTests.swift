// The Connector/C connector: go-sql-driver's `tls` values, the password masked in every error, and TLS verified
// against the test server's CA.
import Foundation
import Testing

@testable import DatabaseInspection

@Suite struct MySQLConnectionTests {
  @Test func unknownTLSValueIsAnURLError() throws {
    let url = try DatabaseURL.parse("mysql://u:s3cret@127.0.0.1:1/db?tls=custom")
    #expect(throws: InspectionError.self) { try MySQLConnection(url) }
    do {
      _ = try MySQLConnection(url)
    } catch {
      #expect(error.code == .invalidURL)
      #expect(!error.message.contains("s3cret"))
    }
  }

  @Test func refusedConnectionMasksThePassword() throws {
    // Port 1 on loopback refuses at once: the message names the URL with the password masked.
    let url = try DatabaseURL.parse("maria://user:p%40ss-word@127.0.0.1:1/db")
    do {
      _ = try MySQLConnection(url)
      Issue.record("connected to port 1")
    } catch {
      #expect(error.code == .connectionFailed)
      #expect(!error.message.contains("p@ss-word") && !error.message.contains("p%40ss-word"))
      #expect(error.message.contains("****"))
    }
  }

  @Test(.enabled(if: TestServers.mariaDBURL != nil || TestServers.isCI, "MERCATOR_TEST_MARIADB_URL is not set"))
  func tlsTrueVerifiesTheServer() throws {
    let text = try #require(TestServers.mariaDBURL)
    let ca = try #require(TestServers.certificateAuthority)
    let url = try DatabaseURL.parse(text + (text.contains("?") ? "&" : "?") + "tls=true")
    let connection = try MySQLConnection(url, certificateAuthority: ca)
    #expect(connection.usesTLS)
    // Without the CA the self-signed certificate is not trusted, and the error keeps the password masked.
    do {
      _ = try MySQLConnection(url)
      Issue.record("tls=true accepted an untrusted certificate")
    } catch {
      if let password = url.password { #expect(!error.message.contains(password)) }
    }
    let skip = try DatabaseURL.parse(text + (text.contains("?") ? "&" : "?") + "tls=skip-verify")
    #expect(try MySQLConnection(skip).usesTLS)
    // preferred: TLS when the server offers it (this one does), unverified.
    let preferred = try DatabaseURL.parse(text + (text.contains("?") ? "&" : "?") + "tls=preferred")
    #expect(try MySQLConnection(preferred).usesTLS)
  }

  @Test(.enabled(if: TestServers.mariaDBURL != nil || TestServers.isCI, "MERCATOR_TEST_MARIADB_URL is not set"))
  func wrongPasswordIsMasked() throws {
    let text = try #require(TestServers.mariaDBURL)
    var url = try DatabaseURL.parse(text)
    url.password = "wrong-Pa55"
    do {
      _ = try MySQLConnection(url, certificateAuthority: TestServers.certificateAuthority)
      Issue.record("connected with a wrong password")
    } catch {
      #expect(error.code == .connectionFailed)
      #expect(!error.message.contains("wrong-Pa55"))
    }
  }
}

/// Faults through the whole inspection (issue 6): each is an InspectionError naming the URL with the password masked.
@Suite struct MySQLFaultTests {
  /// Inspects `url` expecting a failure; returns the message after checking that the password is masked.
  static func failure(_ url: String, password: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
    do {
      let output = try DatabaseInspection.inspect(InspectRequest(url: url))
      Issue.record("expected a failure, got \(output.count) bytes of HCL", sourceLocation: sourceLocation)
      return nil
    } catch {
      #expect(!error.message.contains(password), "shows the password: \(error.message)", sourceLocation: sourceLocation)
      #expect(error.message.contains(":****@"), "no masked URL: \(error.message)", sourceLocation: sourceLocation)
      return error.message
    }
  }

  @Test(.enabled(if: TestServers.mariaDBURL != nil || TestServers.isCI, "MERCATOR_TEST_MARIADB_URL is not set"))
  func wrongPasswordAndUnknownDatabase() throws {
    guard let text = TestServers.mariaDBURL else { return TestServers.missing("MERCATOR_TEST_MARIADB_URL") }
    var wrong = try #require(URLComponents(string: text))
    wrong.password = "wrong-Pa55-x"
    let denied = Self.failure(try #require(wrong.string), password: "wrong-Pa55-x")
    #expect(denied?.contains("Access denied for user") == true, "\(denied ?? "")")

    var unknown = try #require(URLComponents(string: text))
    unknown.path = "/mercator_fx_no_such_db"
    let password = try #require(try DatabaseURL.parse(text).password)
    let missing = Self.failure(try #require(unknown.string), password: password)
    #expect(missing?.contains("Unknown database 'mercator_fx_no_such_db'") == true, "\(missing ?? "")")
  }

  /// The connect timeout when the URL sets none (MySQLConnection.connectTimeout, 10 s): a listener that accepts and
  /// never sends the server greeting holds the attempt that long, not forever.
  @Test func defaultConnectTimeoutIsTenSeconds() throws {
    let listener = try SilentListener()
    defer { listener.close() }
    let start = Date()
    let message = Self.failure("mysql://root:pw-3Rv@127.0.0.1:\(listener.port)/db", password: "pw-3Rv")
    let elapsed = Date().timeIntervalSince(start)
    #expect(message != nil)
    #expect(elapsed >= 9 && elapsed < 14, "gave up after \(elapsed) s: \(message ?? "")")
    print("MySQL default connect timeout: gave up after \(String(format: "%.1f", elapsed)) s: \(message ?? "")")
  }
}

/// A `+unix` URL reaches the server through its socket (the test server's sits next to its data directory).
@Suite struct MySQLSocketTests {
  static let socket = "/tmp/mercator-db/mysql/mysqld.sock"

  @Test(
    .enabled(
      if: (TestServers.mariaDBURL != nil && FileManager.default.fileExists(atPath: socket)) || TestServers.isCI,
      "no test MariaDB socket at /tmp/mercator-db/mysql/mysqld.sock"))
  func unixSocket() throws {
    let text = try #require(TestServers.mariaDBURL)
    let tcp = try DatabaseURL.parse(text)
    let user = try #require(tcp.user?.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
    let password = try #require(tcp.password?.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
    let url = try DatabaseURL.parse(
      "maria+unix://\(user):\(password)@\(Self.socket)?database=\(tcp.database ?? "")")
    #expect(url.socketPath == Self.socket)
    let connection = try MySQLConnection(url)
    #expect(try connection.rows("SELECT DATABASE()").first?[0] == tcp.database)
  }
}
