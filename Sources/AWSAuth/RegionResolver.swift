// Region resolution for the RDS token: the explicit value, AWS_REGION, AWS_DEFAULT_REGION, then the profile's region.
//
// Facts: ../shared/reference/aws-rds-token.md §5. Unlike Atlas, which signs with an empty region that the database
// then rejects, finding no region is an error that says where we looked.
import Foundation

/// A region and where it was found.
public struct ResolvedRegion: Sendable, Equatable, CustomStringConvertible {
  public enum Origin: Sendable, Equatable, CustomStringConvertible {
    /// Given by the caller (the data source's `region`, `--region`).
    case explicit
    /// An environment variable: AWS_REGION or AWS_DEFAULT_REGION.
    case environmentVariable(String)
    /// The `region` setting of a profile, in the file shown (as the user would write its path).
    case profile(name: String, file: String)

    public var description: String {
      switch self {
      case .explicit: "given explicitly"
      case .environmentVariable(let name): name
      case .profile(let name, let file): "profile \(name) in \(file)"
      }
    }
  }

  public var name: String
  public var origin: Origin

  public init(name: String, origin: Origin) {
    self.name = name
    self.origin = origin
  }

  public var description: String { "\(name) (\(origin))" }
}

public enum RegionResolver {
  /// The region to sign with. `explicit` is the caller's value (empty counts as none); `profile` is the data
  /// source's profile (nil: AWS_PROFILE, else AWS_DEFAULT_PROFILE, else `default`).
  /// Throws `AWSAuthError` with code `.noRegion` listing the places looked, or `.profileNotFound` for a named
  /// profile that neither shared file has.
  public static func resolve(explicit: String?, profile: String?, environment: AWSEnvironment) throws
    -> ResolvedRegion
  {
    if let explicit, !explicit.isEmpty { return ResolvedRegion(name: explicit, origin: .explicit) }
    for variable in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
      if let value = environment.value(variable) {
        return ResolvedRegion(name: value, origin: .environmentVariable(variable))
      }
    }
    let files = SharedConfigFiles(environment: environment)
    let name = AWSProfileSelection.name(explicit: profile, environment: environment)
    let inCredentials = files.credentialsProfiles[name]?["region"].flatMap { $0.isEmpty ? nil : $0 }
    let inConfig = files.configProfiles[name]?["region"].flatMap { $0.isEmpty ? nil : $0 }
    // The credentials file is merged over the config file, so its value wins.
    if let inCredentials {
      return ResolvedRegion(name: inCredentials, origin: .profile(name: name, file: files.displayCredentialsPath))
    }
    if let inConfig {
      return ResolvedRegion(name: inConfig, origin: .profile(name: name, file: files.displayConfigPath))
    }
    let known = files.configProfiles[name] != nil || files.credentialsProfiles[name] != nil
    if !known && AWSProfileSelection.isStrict(explicit: profile, environment: environment) {
      throw AWSAuthError(.profileNotFound, source: "profile \(name)", "not found in \(files.placesLooked)")
    }
    let profilePart =
      known
      ? "profile \(name) has no region in \(files.placesLooked)"
      : "profile \(name) is not in \(files.placesLooked)"
    throw AWSAuthError(
      .noRegion, source: "region",
      "no AWS region: none given explicitly, AWS_REGION and AWS_DEFAULT_REGION are not set, and \(profilePart)")
  }
}
