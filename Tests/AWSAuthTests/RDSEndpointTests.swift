// Endpoint parsing as Atlas accepts it, the errors for what it rejects, and that no error shows a secret.
import AWSAuth
import Foundation
import Testing

@Suite struct RDSEndpointTests {
  static let accepted: [(text: String, host: String, port: Int, authority: String)] = [
    ("mydb.c9akciq32abc.us-east-1.rds.amazonaws.com:5432", "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com", 5432,
     "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com:5432"),
    ("https://db.example.com:3306", "db.example.com", 3306, "db.example.com:3306"),
    ("http://db.example.com:443", "db.example.com", 443, "db.example.com:443"),
    ("HTTPS://DB.Example.COM:1", "DB.Example.COM", 1, "DB.Example.COM:1"),
    ("MyDB.c9akciq32abc.EU-West-1.rds.amazonaws.com:65535", "MyDB.c9akciq32abc.EU-West-1.rds.amazonaws.com", 65535,
     "MyDB.c9akciq32abc.EU-West-1.rds.amazonaws.com:65535"),
    ("[::1]:5432", "::1", 5432, "[::1]:5432"),
    ("[FE80::1]:5432", "FE80::1", 5432, "[FE80::1]:5432"),
    ("localhost:05432", "localhost", 5432, "localhost:5432"),
    ("10.0.12.34:5432", "10.0.12.34", 5432, "10.0.12.34:5432"),
  ]

  static let rejected: [(text: String, error: RDSTokenError)] = [
    ("db.example.com", .missingOrInvalidPort),
    ("db.example.com:", .missingOrInvalidPort),
    ("db.example.com:abc", .missingOrInvalidPort),
    ("db.example.com:+5432", .missingOrInvalidPort),
    ("db.example.com:-1", .missingOrInvalidPort),
    ("db.example.com:0", .missingOrInvalidPort),
    ("db.example.com:65536", .missingOrInvalidPort),
    ("db.example.com:5432/", .missingOrInvalidPort),
    ("db.example.com: 5432", .missingOrInvalidPort),
    ("https://db.example.com", .missingOrInvalidPort),
    ("[::1]", .missingOrInvalidPort),
    ("", .missingOrInvalidPort),
    (":5432", .missingHost),
    ("https://:5432", .missingHost),
    ("::1:5432", .invalidHost(.ipv6WithoutBrackets)),
    ("db example.com:5432", .invalidHost(.whitespaceOrControl)),
    ("db.example.com\n:5432", .invalidHost(.whitespaceOrControl)),
    ("postgres://admin:hunter2secret@db.example.com:5432", .invalidHost(.notAHostName)),
    ("admin@db.example.com:5432", .invalidHost(.notAHostName)),
    ("db.example.com/path:5432", .invalidHost(.notAHostName)),
  ]

  @Test func acceptsWhatAtlasAccepts() throws {
    for case let (text, host, port, authority) in Self.accepted {
      let endpoint = try RDSEndpoint(parsing: text)
      #expect(endpoint.host == host, "\(text)")
      #expect(endpoint.port == port, "\(text)")
      #expect(endpoint.authority == authority, "\(text)")
      #expect("\(endpoint)" == authority, "\(text)")
    }
  }

  @Test func rejectsWithoutEchoingTheEndpoint() {
    for case let (text, error) in Self.rejected {
      #expect(throws: error, "\(text)") { try RDSEndpoint(parsing: text) }
    }
    let urlError = #expect(throws: RDSTokenError.self) {
      try RDSEndpoint(parsing: "postgres://admin:hunter2secret@db.example.com:5432")
    }
    #expect(urlError?.description.contains("hunter2secret") == false)
    #expect(urlError?.localizedDescription.contains("hunter2secret") == false)
  }

  @Test func portErrorKeepsAtlasWording() {
    #expect(
      RDSTokenError.missingOrInvalidPort.description.hasPrefix(
        "the provided endpoint is missing a port, or the provided port is invalid"))
  }

  @Test func tokenInputsAreChecked() {
    let credentials = AWSCredentials(
      accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      sessionToken: "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+example/session+token==",
      source: "test")
    let date = Date(timeIntervalSince1970: 1_704_164_645)
    let cases: [(endpoint: String, username: String, region: String, error: RDSTokenError)] = [
      ("db.example.com:5432", "", "us-east-1", .emptyUsername),
      ("db.example.com:5432", "atlas", "", .emptyRegion),
      ("db.example.com:5432", "atlas", "us-east-1 ", .invalidRegion),
      ("db.example.com:5432", "atlas", "US-EAST-1", .invalidRegion),
      ("db.example.com:5432", "atlas", "us-east-1/x", .invalidRegion),
      ("db.example.com", "atlas", "us-east-1", .missingOrInvalidPort),
    ]
    for item in cases {
      let thrown = #expect(throws: item.error, "\(item)") {
        try RDSAuthToken.generate(
          endpoint: item.endpoint, username: item.username, region: item.region, credentials: credentials, date: date)
      }
      for text in [thrown?.description, thrown?.localizedDescription, thrown.map { String(reflecting: $0) }] {
        #expect(text?.contains("wJalrXUtnFEMI") == false)
        #expect(text?.contains("IQoJb3JpZ2lu") == false)
      }
    }
  }

  @Test func tokenPrintsTheHostAsWrittenAndAnIPv6AddressInBrackets() throws {
    let credentials = AWSCredentials(
      accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", source: "test")
    let date = Date(timeIntervalSince1970: 1_704_164_645)
    let upper = try RDSAuthToken.generate(
      endpoint: "https://MYDB.EXAMPLE.COM:5432", username: "Atlas", region: "us-east-1", credentials: credentials,
      date: date)
    #expect(upper.hasPrefix("MYDB.EXAMPLE.COM:5432/?Action=connect&DBUser=Atlas&"))
    // Signed lower-cased, as botocore signs: the same signature as for the lower-case host.
    let lower = try RDSAuthToken.generate(
      endpoint: "mydb.example.com:5432", username: "Atlas", region: "us-east-1", credentials: credentials, date: date)
    #expect(upper.split(separator: "&").last == lower.split(separator: "&").last)
    let ipv6 = try RDSAuthToken.generate(
      endpoint: "[::1]:5432", username: "atlas", region: "us-east-1", credentials: credentials, date: date)
    #expect(ipv6.hasPrefix("[::1]:5432/?Action=connect&"))
    #expect(!ipv6.contains("X-Amz-Security-Token"))
  }
}

@Suite struct HostHeaderTests {
  @Test func hostHeaderIsLowerCaseWithoutPort443AndBracketsIPv6() {
    #expect(SigV4.hostHeader(host: "MyDB.Example.COM", port: 5432) == "mydb.example.com:5432")
    #expect(SigV4.hostHeader(host: "db.example.com", port: 443) == "db.example.com")
    #expect(SigV4.hostHeader(host: "db.example.com", port: nil) == "db.example.com")
    #expect(SigV4.hostHeader(host: "::1", port: 5432) == "[::1]:5432")
    #expect(SigV4.hostHeader(host: "[::1]", port: 443) == "[::1]")
  }

  /// A deliberate difference from botocore, which adds `X-Amz-Security-Token=` for an empty (not absent) token.
  @Test func emptySessionTokenIsTreatedAsNone() throws {
    func token(_ sessionToken: String?) throws -> String {
      try RDSAuthToken.generate(
        endpoint: "db.example.com:5432", username: "atlas", region: "us-east-1",
        credentials: AWSCredentials(
          accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
          sessionToken: sessionToken, source: "test"),
        date: Date(timeIntervalSince1970: 1_704_164_645))
    }
    #expect(try token("") == token(nil))
    #expect(!(try token("")).contains("X-Amz-Security-Token"))
  }
}
