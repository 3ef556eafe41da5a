// AWS's own SigV4 test suite (awslabs/aws-c-auth, Apache 2.0), header-signing cases: Tests/Fixtures/aws/aws-signing-test-suite.json.
import AWSAuth
import Foundation
import Testing

@Suite struct AWSSigningTestSuiteTests {
  struct Suite: Decodable {
    struct Case: Decodable {
      var name: String
      var method: String
      var url: String
      var headers: [String: String]
      var body: String
      var access_key_id: String
      var secret_access_key: String
      var session_token: String?
      var region: String
      var service: String
      var timestamp: String
      var expected_authorization: String
    }

    struct Skipped: Decodable {
      var name: String
      var reason: String
    }

    var source: String
    var cases: [Case]
    var skipped: [Skipped]
  }

  @Test func headerSignaturesMatchTheSuite() throws {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/aws/aws-signing-test-suite.json")
    let suite = try JSONDecoder().decode(Suite.self, from: Data(contentsOf: file))
    try #require(suite.cases.count >= 20)
    var matched = 0
    for item in suite.cases {
      let url = try #require(URL(string: item.url), "\(item.name)")
      let date = try #require(ISO8601DateFormatter().date(from: item.timestamp), "\(item.name)")
      let credentials = AWSCredentials(
        accessKeyID: item.access_key_id, secretAccessKey: item.secret_access_key, sessionToken: item.session_token,
        source: "AWS signing test suite")
      let headers = SigV4.signedHeaders(
        method: item.method, url: url, headers: item.headers, body: Array(item.body.utf8), service: item.service,
        region: item.region, credentials: credentials, date: date)
      #expect(headers["Authorization"] == item.expected_authorization, "\(item.name)")
      if headers["Authorization"] == item.expected_authorization { matched += 1 }
    }
    print(
      "AWS SigV4 test suite (\(suite.source)): \(matched)/\(suite.cases.count) header signatures identical;"
        + " \(suite.skipped.count) cases not applicable: "
        + suite.skipped.map { "\($0.name) (\($0.reason))" }.joined(separator: "; "))
    #expect(matched == suite.cases.count)
  }
}
