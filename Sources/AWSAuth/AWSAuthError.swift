// The one error type of the credential chain and region resolution: which source failed, why, and in what way.
//
// Messages name the source and the place looked at (a profile, a file, a host), never a secret: providers build
// them from names and statuses only, never from a credential value, a token or an answer body that may hold one.
public import Foundation

/// A failure to get credentials or a region, with the source it concerns.
public struct AWSAuthError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
  /// What kind of failure this is, for callers that react differently (e.g. a code lens that suggests `aws sso login`).
  public enum Code: String, Sendable, Equatable {
    /// The chain found no source that gives credentials (see `attempts`).
    case noCredentials
    /// No region anywhere the resolver looked.
    case noRegion
    /// A named profile (explicit or AWS_PROFILE) is in neither shared file.
    case profileNotFound
    /// The configuration is inconsistent or incomplete (partial keys, role without ARN, bad credential_source, …).
    case invalidConfiguration
    /// A file the configuration names cannot be read.
    case unreadableFile
    /// A service or endpoint could not be reached or did not answer in time.
    case unreachable
    /// The service answered with an error (an HTTP error status, or an error document).
    case rejected
    /// The answer could not be understood (malformed JSON or XML, missing fields).
    case malformedAnswer
    /// Cached SSO login has expired or is missing.
    case expiredLogin
    /// A `credential_process` command failed, timed out, or printed something unusable.
    case processFailed
    /// The source answered but has nothing for us (e.g. an EC2 instance without a role).
    case notFound
    /// The source was switched off (e.g. AWS_EC2_METADATA_DISABLED).
    case disabled
  }

  /// Why one source of the chain gave nothing.
  public struct Attempt: Sendable, Equatable {
    public var source: String
    public var reason: String

    public init(source: String, reason: String) {
      self.source = source
      self.reason = reason
    }
  }

  public var code: Code
  /// The source concerned: "environment", "profile prod (credential_process)", "EC2 instance metadata", "region".
  public var source: String
  public var message: String
  /// For `.noCredentials`: each source tried, in order, and why it gave nothing.
  public var attempts: [Attempt]

  public init(_ code: Code, source: String, _ message: String, attempts: [Attempt] = []) {
    self.code = code
    self.source = source
    self.message = message
    self.attempts = attempts
  }

  public var description: String { "\(source): \(message)" }
  public var errorDescription: String? { description }

  /// The same failure, reported as part of a larger source (a role assumed from this one's credentials).
  func within(_ outer: String) -> AWSAuthError {
    AWSAuthError(code, source: outer, "\(source): \(message)", attempts: attempts)
  }
}
