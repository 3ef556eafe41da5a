// The AWSAuth module: SigV4 signing, the RDS IAM auth token, the AWS credential chain and region resolution.
//
// Owns: `AWSCredentials` (an access key pair with its session token, expiry and the source it came from), SigV4 in
// both forms (presigned query, as the RDS token uses, and header signing, for STS and SSO calls), the RDS token as
// botocore (`aws rds generate-db-auth-token`) prints it, the credential provider chain in aws-sdk-go-v2's order
// (Atlas's SDK), shared config/credentials files, and region resolution. Facts and sources:
// ../shared/reference/aws-rds-token.md.
//
// Must not know: HCL, Atlas's schema, LSP. What it reads from the outside (environment variables, HOME, files,
// HTTP endpoints, processes) comes through `AWSEnvironment` so tests can point it at local stand-ins.
//
// Invariants:
// - Secrets (secret access keys, session tokens, generated tokens, SSO access tokens) never reach a description,
//   an error message or a log line: `AWSCredentials` prints redacted, and errors name sources, not values.
// - Nothing here runs on its own: every network call or process start is the answer to an explicit request.
public import Foundation

/// An AWS access key pair, as a credential provider returns it.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
  public var accessKeyID: String
  public var secretAccessKey: String
  public var sessionToken: String?
  /// When the provider says they stop working; nil for long-lived keys.
  public var expiration: Date?
  /// Where they came from, for messages: "environment", "profile prod (credential_process)", "EC2 instance metadata".
  public var source: String

  public init(
    accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil,
    source: String
  ) {
    self.accessKeyID = accessKeyID
    self.secretAccessKey = secretAccessKey
    self.sessionToken = sessionToken
    self.expiration = expiration
    self.source = source
  }

  /// The access key id is not a secret (AWS prints it in errors and CloudTrail); the rest is never printed.
  public var description: String {
    "AWSCredentials(\(accessKeyID), secret ****\(sessionToken == nil ? "" : ", session token ****"), from \(source))"
  }

  public var debugDescription: String { description }
}
