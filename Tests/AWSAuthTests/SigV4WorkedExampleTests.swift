// The worked example of ../shared/reference/aws-rds-token.md §2.3, step by step, so a failure says which step broke.
@testable import AWSAuth
import Crypto
import Foundation
import Testing

@Suite struct SigV4WorkedExampleTests {
  static let credentials = AWSCredentials(
    accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    sessionToken: "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+example/session+token==",
    source: "test")
  // 2024-01-02T03:04:05Z
  static let date = Date(timeIntervalSince1970: 1_704_164_645)

  @Test func timestampIsBasicISO8601InUTC() {
    #expect(SigV4.timestamp(Self.date) == "20240102T030405Z")
    #expect(Timestamp(Self.date).rfc2822 == "Tue, 02 Jan 2024 03:04:05 -0000")
  }

  @Test func stringToSignHashesTheCanonicalRequest() {
    let canonicalRequest = """
      GET
      /
      Action=connect&DBUser=atlas&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240102%2Fus-east-1%2Frds-db%2Faws4_request&X-Amz-Date=20240102T030405Z&X-Amz-Expires=900&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr%2F%2F%2F%2F%2F%2F%2F%2F%2F%2FwEaCXVzLWVhc3QtMSJHMEUCIQD%2Bexample%2Fsession%2Btoken%3D%3D&X-Amz-SignedHeaders=host
      host:mydb.c9akciq32abc.us-east-1.rds.amazonaws.com:5432

      host
      e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
      """
    let toSign = SigV4.stringToSign(
      canonicalRequest: canonicalRequest, timestamp: "20240102T030405Z", day: "20240102", region: "us-east-1",
      service: "rds-db")
    #expect(toSign.hasSuffix("\n1795d4d52e1c7ef4b167cd13403b6a5d18149bc009f64512968c78e3948b279f"))
  }

  @Test func tokenCarriesTheReferenceSignature() throws {
    let token = try RDSAuthToken.generate(
      endpoint: "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com:5432", username: "atlas", region: "us-east-1",
      credentials: Self.credentials, date: Self.date)
    #expect(token.hasPrefix("mydb.c9akciq32abc.us-east-1.rds.amazonaws.com:5432/?Action=connect&DBUser=atlas&X-Amz-Algorithm="))
    #expect(token.hasSuffix("&X-Amz-Signature=13b2ca050aac787486f66711d67f59306948256edac22278436bbbf09a70acaf"))
  }

  @Test func percentEncodingLeavesOnlyUnreservedBytes() {
    #expect(SigV4.percentEncode("a+b c/d=e@f~g.h_i-j") == "a%2Bb%20c%2Fd%3De%40f~g.h_i-j")
    #expect(SigV4.percentEncode("üser") == "%C3%BCser")
  }
}

@Suite struct HMACTests {
  /// Our HMAC over raw buffers must give swift-crypto's `HMAC<SHA256>` bytes, for keys shorter, equal to and longer
  /// than a block (a longer key is hashed first).
  @Test func matchesSwiftCryptoHMAC() {
    var generator = SystemRandomNumberGenerator()
    for keyLength in [0, 1, 20, 44, 63, 64, 65, 100, 200] {
      for messageLength in [0, 1, 55, 56, 64, 119, 1000] {
        let key = (0..<keyLength).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let message = (0..<messageLength).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let ours = key.withUnsafeBytes { key in
          message.withUnsafeBytes { HMACSHA256.authenticate($0, key: key) }
        }.withUnsafeBytes { Array($0) }
        let library = Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
        #expect(ours == library, "key \(keyLength) bytes, message \(messageLength) bytes")
      }
    }
  }

  @Test func signingKeyIsTheSpecsChain() {
    // The chain computed with swift-crypto's HMAC, step by step as the spec writes it.
    var key = SymmetricKey(data: Array("AWS4wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".utf8))
    for part in ["20240102", "us-east-1", "rds-db", "aws4_request"] {
      key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key))
    }
    let ours = SigV4.signingKey(
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", day: "20240102", region: "us-east-1",
      service: "rds-db")
    #expect(ours == key)
  }
}

@Suite struct SigningKeyCacheTests {
  /// The cache is keyed on the secret too: the same access key id with another secret must not reuse a key, and a
  /// key evicted and derived again gives the same signature.
  @Test func anotherSecretOrDayIsNeverServedACachedKey() throws {
    func token(secret: String, day: Double) throws -> String {
      try RDSAuthToken.generate(
        endpoint: "db.example.com:5432", username: "atlas", region: "eu-west-1",
        credentials: AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: secret, source: "test"),
        date: Date(timeIntervalSince1970: 1_704_164_645 + day * 86_400))
    }
    let first = try token(secret: "secret-one", day: 0)
    let other = try token(secret: "secret-two", day: 0)
    #expect(first != other)
    #expect(try token(secret: "secret-one", day: 0) == first)
    // More distinct days than the cache holds, then the first again: derived afresh, same token.
    for day in 1...(SigningKeyCache.capacity + 2) { _ = try token(secret: "secret-one", day: Double(day)) }
    #expect(try token(secret: "secret-one", day: 0) == first)
    let uncached = SigV4.deriveSigningKey(
      secretAccessKey: "secret-two", day: "20240102", region: "eu-west-1", service: "rds-db")
    let cached = SigV4.signingKeyDigest(
      secretAccessKey: "secret-two", day: "20240102", region: "eu-west-1", service: "rds-db")
    #expect(Array(uncached) == Array(cached))
  }
}

@Suite struct PercentEncodingTests {
  @Test func unreservedIsExactlyRFC3986sSet() {
    let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".utf8)
    for byte in UInt8.min...UInt8.max {
      #expect(SigV4.isUnreserved(byte) == unreserved.contains(byte), "byte \(byte)")
    }
  }

  @Test func everyByteEncodesAsPythonsQuote() {
    // Python: quote(bytes([b]), safe='-_.~') for every byte that is valid UTF-8 alone (ASCII).
    for byte in UInt8(0)..<0x80 {
      let text = String(decoding: [byte], as: UTF8.self)
      let expected =
        SigV4.isUnreserved(byte) ? text : "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      #expect(SigV4.percentEncode(text) == expected, "byte \(byte)")
      var appended: [UInt8] = []
      SigV4.appendPercentEncoded(text, to: &appended)
      #expect(String(decoding: appended, as: UTF8.self) == expected, "byte \(byte)")
    }
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
