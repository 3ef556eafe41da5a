// Secrets besides the password (a token interpolated into the user, the host, a parameter) are masked in the
// redacted URL and in messages, raw and URL-escaped (cases as data); and InspectionControl cancels for real.
import Foundation
import Testing

@testable import DatabaseInspection

@Suite struct SecretMaskingTests {
  static let token = "host:5432/?Action=connect&DBUser=u&X-Amz-Signature=ab/c+d"
  static let escaped = "host%3A5432%2F%3FAction%3Dconnect%26DBUser%3Du%26X-Amz-Signature%3Dab%2Fc%2Bd"

  @Test(arguments: [
    // In the password slot, urlescaped: the password masking already covers it.
    ("postgres://u:\(escaped)@h:5432/db", "postgres://u:****@h:5432/db"),
    // In a query parameter that is not `password`.
    ("postgres://u@h:5432/db?token=\(escaped)&sslmode=require", "postgres://u@h:5432/db?token=****&sslmode=require"),
    // In the user name slot.
    ("postgres://\(escaped)@h:5432/db", "postgres://****@h:5432/db"),
  ])
  func redactedURL(url: String, expected: String) throws {
    let parsed = try DatabaseURL.parse(url, secrets: [Self.token])
    #expect(parsed.redacted == expected)
    #expect(!parsed.masking("server said \(Self.token) and \(Self.escaped)").contains("X-Amz"))
  }

  @Test func messagesOfAnUnparsableURLAreMasked() {
    do {
      _ = try DatabaseURL.parse("postgres://h:notaport/\(Self.token)", secrets: [Self.token])
      Issue.record("parsed")
    } catch {
      #expect(!error.message.contains("X-Amz"), "\(error.message)")
    }
  }

  @Test func cancelledBeforeConnecting() {
    let control = InspectionControl()
    control.cancel()
    #expect(throws: InspectionError.self) {
      try DatabaseInspection.inspect(InspectRequest(url: "sqlite://file?mode=memory"), control: control)
    }
  }
}

/// Cancelling against the test PostgreSQL: a query under way is interrupted (PQcancel), not waited for; and a
/// connection test reports the server's version.
@Suite struct PostgresCancellationTests {
  @Test(.enabled(if: TestServers.postgresURL != nil || TestServers.isCI, "MERCATOR_TEST_POSTGRES_URL is not set"))
  func cancelInterruptsARunningQuery() throws {
    let url = try DatabaseURL.parse(try #require(TestServers.postgresURL))
    let control = InspectionControl()
    let connection = try PostgresConnection(url, control: control)
    let started = ContinuousClock.now
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { control.cancel() }
    do {
      _ = try connection.rows("SELECT pg_sleep(20)")
      Issue.record("the query was not interrupted")
    } catch {
      #expect(error.code == .cancelled, "\(error.message)")
    }
    #expect(ContinuousClock.now - started < .seconds(10))
  }

  @Test(.enabled(if: TestServers.postgresURL != nil || TestServers.isCI, "MERCATOR_TEST_POSTGRES_URL is not set"))
  func connectionTestReportsTheVersion() throws {
    let result = try DatabaseInspection.testConnection(url: try #require(TestServers.postgresURL))
    #expect(result.driver == .postgres)
    #expect(result.serverVersion.hasPrefix("1"), "\(result.serverVersion)")
    #expect(result.redactedURL.contains("****"))
  }
}
