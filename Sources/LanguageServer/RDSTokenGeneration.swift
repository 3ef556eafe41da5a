// Runs an RDS token request: endpoint, then region, then credentials, then the signature, each failure named by
// its step. Shared by `mercator token` and the Generate token lens, so both say the same thing the same way.
package import AWSAuth
package import Foundation

/// A signed token and what it was made from, for a message such as the lens's "token for USER@HOST:PORT in REGION,
/// credentials from SOURCE, valid until TIME". Only `token` is secret.
package struct RDSTokenResult: Sendable {
  package var token: String
  package var endpoint: RDSEndpoint
  package var username: String
  package var region: ResolvedRegion
  package var credentialSource: String
  package var signedAt: Date

  package var expiresAt: Date { signedAt.addingTimeInterval(TimeInterval(RDSAuthToken.lifetimeSeconds)) }

  /// Everything but the token, in one line.
  package var summary: String {
    "token for \(username)@\(endpoint.authority) in \(region.name) (region \(region.origin)), "
      + "credentials from \(credentialSource), valid until \(Self.timestamp(expiresAt))"
  }

  /// `2024-01-02T03:19:05Z`: ISO 8601 in UTC, as `--signing-time` takes it.
  package static func timestamp(_ date: Date) -> String { RFC3339.format(date) }
}

/// Which step failed and why; never holds a secret (the errors it wraps are built without them).
package struct RDSTokenFailure: Error, Sendable, CustomStringConvertible {
  package enum Step: String, Sendable { case endpoint, region, credentials, signing }
  package var step: Step
  package var message: String
  /// What to try, when there is an obvious next step.
  package var hint: String?

  package var description: String {
    var text = "\(step.rawValue): \(message)"
    if let hint { text += "\n  hint: \(hint)" }
    return text
  }
}

package enum RDSTokenGeneration {
  /// Signs `request` as of `date` (now when nil). The endpoint is checked before anything is looked up, and the
  /// region before any credential source is asked, so a typo costs no network call.
  package static func generate(
    _ request: RDSTokenRequest, environment: AWSEnvironment, chain: CredentialChain? = nil, date: Date? = nil
  ) async throws(RDSTokenFailure) -> RDSTokenResult {
    let endpoint: RDSEndpoint
    do {
      endpoint = try RDSEndpoint(parsing: request.endpoint)
    } catch {
      throw RDSTokenFailure(step: .endpoint, message: error.description, hint: nil)
    }
    let region: ResolvedRegion
    do {
      region = try RegionResolver.resolve(explicit: request.region, profile: request.profile, environment: environment)
    } catch {
      throw failure(.region, error, hint: "set region in the data source, --region, or AWS_REGION")
    }
    let credentials: AWSCredentials
    do {
      let chain =
        chain
        ?? CredentialChain(environment: environment, profile: request.profile, stsRegionFallback: region.name)
      credentials = try await chain.resolve()
    } catch {
      let hint =
        (error as? AWSAuthError)?.code == .expiredLogin
        ? "run `aws sso login` for the profile, then try again" : nil
      throw failure(.credentials, error, hint: hint)
    }
    let signedAt = date ?? environment.now()
    do {
      let token = try RDSAuthToken.generate(
        endpoint: endpoint, username: request.username, region: region.name, credentials: credentials,
        date: signedAt)
      return RDSTokenResult(
        token: token, endpoint: endpoint, username: request.username, region: region,
        credentialSource: credentials.source, signedAt: signedAt)
    } catch {
      throw RDSTokenFailure(step: .signing, message: error.description, hint: nil)
    }
  }

  /// An AWSAuth error as a failure of `step`: its source (unless that is the step's own name) and message, and for
  /// "no credentials" each source the chain tried on a line of its own.
  private static func failure(_ step: RDSTokenFailure.Step, _ error: any Error, hint: String?) -> RDSTokenFailure {
    guard let error = error as? AWSAuthError else {
      return RDSTokenFailure(step: step, message: "unexpected \(type(of: error))", hint: hint)
    }
    let prefix = error.source == step.rawValue ? "" : "\(error.source): "
    guard !error.attempts.isEmpty else { return RDSTokenFailure(step: step, message: prefix + error.message, hint: hint) }
    let lines = error.attempts.map { "\n  - \($0.source): \($0.reason)" }.joined()
    return RDSTokenFailure(step: step, message: "none found; tried, in order:" + lines, hint: hint)
  }
}
