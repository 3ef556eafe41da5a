// The worked example of ../shared/reference/aws-rds-token.md §2.3, step by step, so a failure says which step broke.
@testable import AWSAuth
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
