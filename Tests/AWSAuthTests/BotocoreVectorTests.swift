// Our RDS tokens and SigV4 headers against botocore's, byte for byte: Tests/Fixtures/aws/rds-token-vectors.json.
import AWSAuth
import Foundation
import Testing

/// The vector file written by Tests/Fixtures/aws/generate-vectors.py (botocore with a patched clock).
struct BotocoreVectors: Decodable {
  struct Token: Decodable {
    var name: String
    var endpoint: String
    var host: String
    var port: Int
    var username: String
    var region: String
    var signing_epoch: Double
    var session_token: String?
    var botocore_token: String
    var botocore_token_lowercased_host: String
    var host_has_upper_case: Bool
  }

  struct Headers: Decodable {
    var name: String
    var method: String
    var url: String
    var headers: [String: String]
    var body: String
    var service: String
    var region: String
    var signing_epoch: Double
    var session_token: String?
    var botocore_headers: [String: String]
    var host_header: String
  }

  var botocore_version: String
  var access_key_id: String
  var secret_access_key: String
  var rds_tokens: [Token]
  var signed_headers: [Headers]

  static func load() throws -> BotocoreVectors {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/aws/rds-token-vectors.json")
    return try JSONDecoder().decode(BotocoreVectors.self, from: Data(contentsOf: file))
  }

  func credentials(sessionToken: String?) -> AWSCredentials {
    AWSCredentials(
      accessKeyID: access_key_id, secretAccessKey: secret_access_key, sessionToken: sessionToken, source: "test vectors")
  }
}

@Suite struct BotocoreVectorTests {
  /// The token must equal the AWS CLI's (botocore's `generate_db_auth_token`), byte for byte, upper-case hosts
  /// included: botocore prints the host as written and signs it lower-cased, and so do we.
  @Test func rdsTokensAreByteIdenticalToBotocore() throws {
    let vectors = try BotocoreVectors.load()
    try #require(vectors.rds_tokens.count >= 100)
    var identical = 0
    for vector in vectors.rds_tokens {
      let token = try RDSAuthToken.generate(
        endpoint: vector.endpoint, username: vector.username, region: vector.region,
        credentials: vectors.credentials(sessionToken: vector.session_token),
        date: Date(timeIntervalSince1970: vector.signing_epoch))
      #expect(token == vector.botocore_token, "\(vector.name)")
      if token == vector.botocore_token { identical += 1 }
    }
    let upperCase = vectors.rds_tokens.filter(\.host_has_upper_case).count
    print(
      "RDS token vectors (botocore \(vectors.botocore_version)): \(identical)/\(vectors.rds_tokens.count) byte-identical"
        + " to botocore's (the AWS CLI's) token, \(upperCase) of them with upper-case letters in the host")
    #expect(identical == vectors.rds_tokens.count)
    #expect(upperCase >= 2)
  }

  /// Every header botocore's `SigV4Auth.add_auth` leaves on the request, and `Host`, which botocore leaves to the HTTP
  /// client and we add with the value botocore signed.
  @Test func signedHeadersAreByteIdenticalToBotocore() throws {
    let vectors = try BotocoreVectors.load()
    try #require(vectors.signed_headers.count >= 20)
    var identical = 0
    for vector in vectors.signed_headers {
      let url = try #require(URL(string: vector.url), "\(vector.name)")
      let headers = SigV4.signedHeaders(
        method: vector.method, url: url, headers: vector.headers, body: Array(vector.body.utf8),
        service: vector.service, region: vector.region,
        credentials: vectors.credentials(sessionToken: vector.session_token),
        date: Date(timeIntervalSince1970: vector.signing_epoch))
      var expected = vector.botocore_headers
      if !expected.keys.contains(where: { $0.lowercased() == "host" }) { expected["Host"] = vector.host_header }
      #expect(headers == expected, "\(vector.name)")
      if headers == expected { identical += 1 }
    }
    print(
      "SigV4 header vectors (botocore \(vectors.botocore_version)): \(identical)/\(vectors.signed_headers.count)"
        + " byte-identical")
    #expect(identical == vectors.signed_headers.count)
  }

  private func signature(of token: String) -> Substring? {
    guard let range = token.range(of: "&X-Amz-Signature=") else { return nil }
    return token[range.upperBound...]
  }
}
