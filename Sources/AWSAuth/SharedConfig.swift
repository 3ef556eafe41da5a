// The shared AWS config and credentials files (~/.aws/config, ~/.aws/credentials), read as aws-sdk-go-v2 reads them.
//
// Facts (../shared/reference/aws-rds-token.md §4.3): paths and their env overrides; `[profile x]` and `[default]` in
// the config file (other sections dropped, `[profile default]` wins over `[default]`), `[x]` in the credentials file
// (`[profile x]` there dropped); the credentials file merged over the config file key by key; partial key pairs
// rejected per file; `source_profile` chains where a second visit to a profile drops its role options.
import Foundation

/// The two shared files, parsed. Missing or unreadable files count as empty, as in the AWS SDKs.
public struct SharedConfigFiles: Sendable {
  public let configPath: String
  public let credentialsPath: String
  /// Profiles of the config file by name (without the `profile ` prefix).
  var configProfiles: [String: [String: String]] = [:]
  /// Profiles of the credentials file by name.
  var credentialsProfiles: [String: [String: String]] = [:]
  /// `[sso-session NAME]` sections of the config file.
  var ssoSessions: [String: [String: String]] = [:]
  /// Set when a file has a line the SDK's parser rejects (the whole file then fails to load there too).
  var parseProblem: String?
  let displayConfigPath: String
  let displayCredentialsPath: String

  /// Reads both files from where the environment says (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`, else
  /// `$HOME/.aws/config` and `$HOME/.aws/credentials`).
  public init(environment: AWSEnvironment) {
    let home = environment.homeDirectory ?? ""
    configPath = environment.value("AWS_CONFIG_FILE") ?? home + "/.aws/config"
    credentialsPath = environment.value("AWS_SHARED_CREDENTIALS_FILE") ?? home + "/.aws/credentials"
    displayConfigPath = environment.displayPath(configPath)
    displayCredentialsPath = environment.displayPath(credentialsPath)

    if let bytes = environment.readFile(configPath) {
      switch INIDocument.parse(String(decoding: bytes, as: UTF8.self)) {
      case .success(let document):
        var plainDefault: [String: String]?
        var prefixedDefault: [String: String]?
        for (name, keys) in document.sections {
          if name == "default" {
            plainDefault = keys
          } else if let profile = Self.named(name, prefix: "profile") {
            if profile == "default" { prefixedDefault = keys } else { configProfiles[profile] = keys }
          } else if let session = Self.named(name, prefix: "sso-session") {
            ssoSessions[session] = keys
          }
          // Other sections (`[services x]`, `[x]` without the prefix) are not profiles in the config file.
        }
        if let profile = prefixedDefault ?? plainDefault { configProfiles["default"] = profile }
      case .failure(let line):
        parseProblem = "\(displayConfigPath) line \(line) is neither a section, a setting nor a comment"
      }
    }
    if let bytes = environment.readFile(credentialsPath) {
      switch INIDocument.parse(String(decoding: bytes, as: UTF8.self)) {
      case .success(let document):
        for (name, keys) in document.sections where Self.named(name, prefix: "profile") == nil {
          credentialsProfiles[name] = keys
        }
      case .failure(let line):
        parseProblem =
          parseProblem
          ?? "\(displayCredentialsPath) line \(line) is neither a section, a setting nor a comment"
      }
    }
  }

  /// Every profile name in either file, sorted (for completion of `profile = "…"`).
  public var profileNames: [String] {
    Set(configProfiles.keys).union(credentialsProfiles.keys).sorted()
  }

  /// "~/.aws/config or ~/.aws/credentials", for messages.
  var placesLooked: String { "\(displayConfigPath) or \(displayCredentialsPath)" }

  /// The merged settings of one profile (credentials file over config file), or nil when neither file has it.
  /// Throws when one file gives half a key pair.
  func settings(of profile: String) throws(AWSAuthError) -> [String: String]? {
    let fromConfig = configProfiles[profile]
    let fromCredentials = credentialsProfiles[profile]
    if fromConfig == nil && fromCredentials == nil { return nil }
    for (keys, path) in [(fromConfig, displayConfigPath), (fromCredentials, displayCredentialsPath)] {
      guard let keys else { continue }
      if (keys["aws_access_key_id"] == nil) != (keys["aws_secret_access_key"] == nil) {
        let present = keys["aws_access_key_id"] == nil ? "aws_secret_access_key" : "aws_access_key_id"
        let missing = keys["aws_access_key_id"] == nil ? "aws_access_key_id" : "aws_secret_access_key"
        throw AWSAuthError(
          .invalidConfiguration, source: "profile \(profile)",
          "partial credentials found for profile \(profile): \(path) has \(present) but no \(missing)")
      }
    }
    var merged = fromConfig ?? [:]
    for (key, value) in fromCredentials ?? [:] { merged[key] = value }
    return merged
  }

  /// `NAME` for a section `PREFIX NAME`, else nil.
  private static func named(_ section: String, prefix: String) -> String? {
    guard section.hasPrefix(prefix + " ") else { return nil }
    let name = section.dropFirst(prefix.count + 1)
    return name.isEmpty ? nil : String(name)
  }
}

// MARK: - Profiles as the chain sees them

/// One profile's settings after the SDK's validation, linked to its `source_profile` when it has one.
final class ProfileConfig: Sendable {
  let name: String
  let settings: [String: String]
  /// The profile that gives the credentials for `role_arn`, resolved (nil without `source_profile`).
  let source: ProfileConfig?
  /// The `[sso-session]` section named by `sso_session`, when there is one.
  let ssoSession: [String: String]?

  init(name: String, settings: [String: String], source: ProfileConfig?, ssoSession: [String: String]?) {
    self.name = name
    self.settings = settings
    self.source = source
    self.ssoSession = ssoSession
  }

  func value(_ key: String) -> String? {
    guard let value = settings[key], !value.isEmpty else { return nil }
    return value
  }

  var roleARN: String? { value("role_arn") }
  var region: String? { value("region") }
  var hasStaticKeys: Bool { value("aws_access_key_id") != nil && value("aws_secret_access_key") != nil }
  var hasSSO: Bool {
    ["sso_session", "sso_account_id", "sso_region", "sso_role_name", "sso_start_url"].contains { value($0) != nil }
  }

  /// Whether this profile says where credentials come from (the SDK's `hasCredentials`).
  var hasCredentials: Bool {
    value("source_profile") != nil || value("credential_source") != nil || value("credential_process") != nil
      || value("web_identity_token_file") != nil || hasSSO || hasStaticKeys
  }

  /// Loads `name` and the profiles its `source_profile` chain names. Returns nil when neither file has the profile.
  static func load(_ name: String, from files: SharedConfigFiles) throws(AWSAuthError) -> ProfileConfig? {
    var visited: Set<String> = []
    return try load(name, from: files, visited: &visited)
  }

  private static func load(_ name: String, from files: SharedConfigFiles, visited: inout Set<String>)
    throws(AWSAuthError) -> ProfileConfig?
  {
    guard var settings = try files.settings(of: name) else { return nil }
    let source = "profile \(name)"
    func has(_ key: String) -> Bool { !(settings[key] ?? "").isEmpty }

    if visited.contains(name) {
      // A second visit (a cycle, or `source_profile` naming itself): only the credential settings count here,
      // so a profile may assume a role with its own static keys.
      for key in ["role_arn", "external_id", "mfa_serial", "role_session_name", "source_profile"] {
        settings[key] = nil
      }
    } else {
      for key in ["source_profile", "credential_source", "web_identity_token_file"] where has(key) && !has("role_arn") {
        throw AWSAuthError(.invalidConfiguration, source: source, "\(key) is set but role_arn is not")
      }
    }
    visited.insert(name)
    let kinds = ["source_profile", "credential_source", "credential_process", "web_identity_token_file"].filter(has)
    if kinds.count > 1 {
      throw AWSAuthError(
        .invalidConfiguration, source: source,
        "only one credential type may be set per profile, found \(kinds.joined(separator: " and "))")
    }

    var ssoSession: [String: String]?
    if let sessionName = settings["sso_session"], !sessionName.isEmpty {
      guard let session = files.ssoSessions[sessionName] else {
        throw AWSAuthError(
          .invalidConfiguration, source: source,
          "sso_session \(sessionName) has no [sso-session \(sessionName)] section in \(files.displayConfigPath)")
      }
      ssoSession = session
    }

    var sourceProfile: ProfileConfig?
    if let sourceName = settings["source_profile"], !sourceName.isEmpty {
      // The role's credentials come from the source profile; this profile's own credential settings do not count.
      for key in ["aws_access_key_id", "aws_secret_access_key", "aws_session_token", "credential_source",
        "credential_process", "web_identity_token_file"]
      {
        settings[key] = nil
      }
      guard let loaded = try load(sourceName, from: files, visited: &visited) else {
        throw AWSAuthError(
          .invalidConfiguration, source: source,
          "source_profile \(sourceName) is not in \(files.placesLooked)")
      }
      guard loaded.hasCredentials else {
        throw AWSAuthError(
          .invalidConfiguration, source: source,
          "source_profile \(sourceName) has no credentials (no keys, role, SSO or credential_process)")
      }
      sourceProfile = loaded
    }
    return ProfileConfig(name: name, settings: settings, source: sourceProfile, ssoSession: ssoSession)
  }
}

// MARK: - INI

/// The INI dialect of aws-sdk-go-v2's `internal/ini`: `[type name]` sections; `key = value` or `key: value`;
/// a `#` or `;` anywhere ends a section line or a top-level setting; keys are case-insensitive; values lose one
/// pair of surrounding quotes; indented `key = value` lines under an empty setting are nested settings (ignored
/// here), other indented lines continue the previous value.
struct INIDocument {
  /// Sections in file order; a repeated section's keys are merged into the first, later values winning.
  var sections: [(String, [String: String])] = []

  /// The document, or the 1-based number of the first line the SDK would reject.
  static func parse(_ text: String) -> Result<INIDocument, LineNumber> {
    var order: [String] = []
    var sections: [String: [String: String]] = [:]
    var current: String?
    var currentKey: String?
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, rawLine) in lines.enumerated() {
      var line = Substring(rawLine)
      if line.hasSuffix("\r") { line = line.dropLast() }
      let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
      if trimmed.allSatisfy(\.isWhitespace) || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
      let indented = line.first == " " || line.first == "\t"

      let uncommented = withoutComment(line).trimmingTrailingBlanks
      if uncommented.hasPrefix("[") && uncommented.hasSuffix("]") && uncommented.count >= 2 {
        let inner = uncommented.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
        let name = sectionName(inner)
        if sections[name] == nil {
          sections[name] = [:]
          order.append(name)
        }
        current = name
        currentKey = nil
        continue
      }
      if !indented {
        guard let (key, value) = splitSetting(uncommented) else { return .failure(LineNumber(index + 1)) }
        guard let section = current else { continue }  // settings before any section are ignored
        sections[section, default: [:]][key] = value
        currentKey = key
        continue
      }
      // Indented: a nested setting (kept out: the chain reads none) or a continuation of the previous value.
      guard let section = current, let key = currentKey else { continue }
      let previous = sections[section]?[key] ?? ""
      if splitSetting(trimmed) != nil, previous.isEmpty { continue }
      if splitSetting(trimmed) == nil, !previous.isEmpty {
        sections[section]?[key] = previous + "\n" + trimmed
      }
    }
    var document = INIDocument()
    for name in order { document.sections.append((name, sections[name] ?? [:])) }
    return .success(document)
  }

  struct LineNumber: Error {
    let value: Int
    init(_ value: Int) { self.value = value }
  }

  /// `type name` with the whitespace between them folded to one space, or the bare name.
  private static func sectionName(_ inner: String) -> String {
    guard let space = inner.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return inner }
    let type = inner[..<space]
    let name = inner[space...].drop(while: { $0 == " " || $0 == "\t" })
    return "\(type) \(name)"
  }

  private static func withoutComment(_ line: Substring) -> Substring {
    guard let mark = line.firstIndex(where: { $0 == "#" || $0 == ";" }) else { return line }
    return line[..<mark]
  }

  /// Splits at the first `=` or `:`, whichever comes first; keys lower-cased, values trimmed and unquoted.
  private static func splitSetting(_ text: Substring) -> (String, String)? {
    guard let separator = text.firstIndex(where: { $0 == "=" || $0 == ":" }) else { return nil }
    let key = text[..<separator].trimmingCharacters(in: .whitespaces).lowercased()
    var value = text[text.index(after: separator)...].trimmingCharacters(in: .whitespaces)
    if value.count > 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
      value = String(value.dropFirst().dropLast())
    }
    value = value.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\'", with: "'")
      .replacingOccurrences(of: "\\n", with: "\n")
    return (key, value)
  }
}

extension INIDocument.LineNumber: CustomStringConvertible {
  var description: String { "\(value)" }
}

extension Substring {
  fileprivate var trimmingTrailingBlanks: Substring {
    var result = self
    while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
    return result
  }
}
