// Tests of the credential value itself: it never prints its secrets.
import AWSAuth
import Foundation
import Testing

@Suite struct CredentialsTests {
  @Test func descriptionsHideTheSecretAndTheSessionToken() {
    let credentials = AWSCredentials(
      accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      sessionToken: "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+example/session+token==",
      source: "environment")
    for text in [credentials.description, credentials.debugDescription, "\(credentials)", String(reflecting: credentials)] {
      #expect(text.contains("AKIAIOSFODNN7EXAMPLE"))
      #expect(!text.contains("wJalrXUtnFEMI"))
      #expect(!text.contains("IQoJb3JpZ2lu"))
    }
  }
}
