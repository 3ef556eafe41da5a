// What signing an RDS IAM token needs (endpoint, user, region, profile), read from a `data "aws_rds_token"` block of an
// atlas.hcl with the language layer, or given directly: shared by `mercator token` and the Generate token lens.
package import AtlasLanguage
package import HCLSyntax

package struct RDSTokenRequest: Sendable, Equatable {
  package var endpoint: String
  package var username: String
  /// nil: resolved the standard way (AWS_REGION, AWS_DEFAULT_REGION, the profile's region).
  package var region: String?
  /// nil: the standard way (AWS_PROFILE, else `default`); set, it is explicit as in Atlas (environment keys ignored).
  package var profile: String?

  package init(endpoint: String, username: String, region: String? = nil, profile: String? = nil) {
    self.endpoint = endpoint
    self.username = username
    self.region = region
    self.profile = profile
  }
}

/// Why a request could not be read from a file: the message, and where in the file when there is a place.
package struct RDSTokenRequestFailure: Error, Sendable, Equatable {
  package var message: String
  package var range: TextRange?

  package init(_ message: String, at range: TextRange? = nil) {
    self.message = message
    self.range = range
  }
}

extension RDSTokenRequest {
  package static let dataSourceType = "aws_rds_token"

  /// The request `data "aws_rds_token" "NAME"` in `file` describes. Every argument must be known without running
  /// anything else (a value from another data source or `atlas.env` is an error that says so), and the block must
  /// have no error Mercator reports, since Atlas would reject it too.
  package static func fromConfig(
    _ file: ParsedFile, name: String, inputs: EvaluationInputs
  ) -> Result<RDSTokenRequest, RDSTokenRequestFailure> {
    guard let arguments = DataSourceArguments(type: dataSourceType, name: name, in: file, inputs: inputs) else {
      let declared = DataSourceArguments.declaredNames(ofType: dataSourceType, in: file)
      let listing =
        declared.isEmpty
        ? "the file declares no data \"\(dataSourceType)\" block"
        : "declared: \(declared.map { "\"\($0)\"" }.joined(separator: ", "))"
      return .failure(.init("no data \"\(dataSourceType)\" \"\(name)\" in the file (\(listing))"))
    }
    if let first = arguments.errors.first {
      return .failure(.init(first.diagnostic.summary, at: first.diagnostic.subject))
    }
    func text(_ attribute: String, required: Bool) -> Result<String?, RDSTokenRequestFailure> {
      switch arguments.string(attribute) {
      case .text(let value): return .success(value)
      case .missing:
        return required
          ? .failure(.init("the block has no \(attribute), which is required", at: arguments.labelRange))
          : .success(nil)
      case .unknown(let reason), .invalid(let reason):
        return .failure(.init(reason, at: arguments.range(of: attribute)))
      }
    }
    return text("endpoint", required: true).flatMap { endpoint in
      text("username", required: true).flatMap { username in
        text("region", required: false).flatMap { region in
          text("profile", required: false).map { profile in
            // Atlas treats an empty region or profile as not given.
            RDSTokenRequest(
              endpoint: endpoint ?? "", username: username ?? "",
              region: region.flatMap { $0.isEmpty ? nil : $0 }, profile: profile.flatMap { $0.isEmpty ? nil : $0 })
          }
        }
      }
    }
  }
}
