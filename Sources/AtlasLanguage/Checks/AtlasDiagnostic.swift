// Checks of atlas.hcl against the schema: what they report beyond an `HCLSyntax.Diagnostic`.
package import HCLSyntax

/// An edit that fixes a diagnostic: replace `range` with `replacement`.
package struct QuickFix: Sendable, Hashable {
  package var title: String
  package var range: TextRange
  package var replacement: String
  /// The obvious fix for its diagnostic, which an editor may apply without asking and "fix all" applies: a typo
  /// corrected to the one close name, a missing `urlescape()`, TLS, a region taken from the endpoint. Fixes that
  /// need the user's input (placeholders) or delete what they wrote are not.
  package var isPreferred: Bool = false

  package init(title: String, range: TextRange, replacement: String, isPreferred: Bool = false) {
    self.title = title
    self.range = range
    self.replacement = replacement
    self.isPreferred = isPreferred
  }
}

/// A diagnostic of the atlas.hcl checks with its documentation link and the fixes an editor can offer.
package struct AtlasDiagnostic: Sendable, Hashable {
  package var diagnostic: Diagnostic
  /// An atlasgo.io page about the block or attribute concerned.
  package var documentation: String?
  package var fixes: [QuickFix]
  /// Code that does nothing (an unused local, variable or data source): editors fade it out.
  package var isUnnecessary: Bool

  package init(_ diagnostic: Diagnostic, documentation: String? = nil, fixes: [QuickFix] = [], isUnnecessary: Bool = false) {
    self.diagnostic = diagnostic
    self.documentation = documentation
    self.fixes = fixes
    self.isUnnecessary = isUnnecessary
  }
}

/// The stable codes of the structure checks.
package enum AtlasCode {
  package static let unknownBlock = "atlas.unknown-block"
  package static let unknownAttribute = "atlas.unknown-attribute"
  package static let unknownDataSource = "atlas.unknown-data-source"
  package static let unknownDockerDriver = "atlas.unknown-docker-driver"
  package static let missingRequiredAttribute = "atlas.missing-required-attribute"
  package static let labelCount = "atlas.label-count"
  package static let duplicateBlock = "atlas.duplicate-block"
  package static let unknownLabel = "atlas.unknown-label"
  package static let mutuallyExclusive = "atlas.mutually-exclusive"
  package static let missingOneOf = "atlas.missing-one-of"
  package static let invalidEnumValue = "atlas.invalid-enum-value"
  package static let typeMismatch = "atlas.type-mismatch"
  package static let invalidVariableType = "atlas.invalid-variable-type"
  package static let deprecated = "atlas.deprecated"
  package static let unselectableEnv = "atlas.unselectable-env"
  // Reference checks (`ReferenceChecks.swift`).
  package static let undeclaredDataSource = "atlas.undeclared-data-source"
  package static let objectSourceAsString = "atlas.object-source-as-string"
  package static let unknownLocal = "atlas.unknown-local"
  package static let unknownVariable = "atlas.unknown-variable"
  package static let eachOutsideForEach = "atlas.each-outside-for-each"
  package static let referenceInVariable = "atlas.reference-in-variable"
  package static let unknownFunction = "atlas.unknown-function"
  package static let urlOnStringSource = "atlas.url-on-string-source"
  package static let unusedLocal = "atlas.unused-local"
  package static let unusedVariable = "atlas.unused-variable"
  package static let unusedDataSource = "atlas.unused-data-source"
  // Token data source checks (`RDSChecks.swift`).
  package static let rdsTokenNotEscaped = "atlas.rds-token-not-escaped"
  package static let rdsEndpointPort = "atlas.rds-endpoint-port"
  package static let rdsRegionMismatch = "atlas.rds-region-mismatch"
  package static let rdsURLWithoutTLS = "atlas.rds-url-without-tls"
  package static let rdsURLUserMismatch = "atlas.rds-url-user-mismatch"
  package static let rdsURLHostMismatch = "atlas.rds-url-host-mismatch"
  // Evaluation (`ProjectEvaluation.swift`); the evaluator's own errors keep their `eval.*` codes.
  package static let cycle = "atlas.cycle"
  package static let forEachType = "atlas.for-each-type"
  package static let variableDefaultType = "atlas.variable-default-type"
  // Information.
  package static let proFeature = "atlas.pro-feature"

  package static let all = [
    unknownBlock, unknownAttribute, unknownDataSource, unknownDockerDriver, missingRequiredAttribute, labelCount,
    duplicateBlock, unknownLabel, mutuallyExclusive, missingOneOf, invalidEnumValue, typeMismatch,
    invalidVariableType, deprecated, unselectableEnv, unknownLocal, unknownVariable, eachOutsideForEach,
    referenceInVariable, unknownFunction, urlOnStringSource, unusedLocal, unusedVariable, unusedDataSource,
    rdsTokenNotEscaped, rdsEndpointPort, rdsRegionMismatch, rdsURLWithoutTLS, rdsURLUserMismatch, rdsURLHostMismatch,
    undeclaredDataSource, objectSourceAsString, cycle, forEachType, variableDefaultType, proFeature,
  ]
}

/// Edit distance, for did-you-mean suggestions.
enum Spelling {
  /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1.
  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    return distance(a, b, limit: Swift.max(a.count, b.count)) ?? Swift.max(a.count, b.count)
  }

  /// The same over scalars, or nil as soon as it is sure to exceed `limit` (a did-you-mean looks at every name in
  /// the file, for every unknown name: thousands of comparisons when a big file is being edited).
  static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
    guard Swift.abs(a.count - b.count) <= limit else { return nil }
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    let width = b.count + 1
    var previous2 = [Int](repeating: 0, count: width)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: width)
    for i in 1...a.count {
      current[0] = i
      var rowMinimum = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = Swift.min(value, previous2[j - 2] + 1) }
        current[j] = value
        rowMinimum = Swift.min(rowMinimum, value)
      }
      if rowMinimum > limit { return nil }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count] <= limit ? previous[b.count] : nil
  }

  /// Names people write for another one, too far apart for the edit distance to find.
  static let aliases: [String: String] = [
    "var": "variable", "vars": "variable", "local": "locals", "environment": "env", "migrations": "migration",
  ]

  /// The closest candidate, if it is close enough to be a likely typo.
  static func suggestion(for name: String, among candidates: [String]) -> String? {
    SpellingCandidates(candidates).suggestion(for: name)
  }
}

/// Names to suggest from, prepared once: a file being edited can have thousands of locals and, after one keystroke,
/// hundreds of references to a name that just stopped existing.
final class SpellingCandidates {
  private let names: [String]
  private let scalars: [[Unicode.Scalar]]
  /// Candidate indices by scalar count: only lengths within 3 of the name's can be within 3 edits.
  private var byLength: [Int: [Int]] = [:]
  private var answers: [String: String?] = [:]

  /// `names` in the order ties are broken (the first closest wins).
  init(_ names: [String]) {
    self.names = names
    scalars = names.map { Array($0.lowercased().unicodeScalars) }
    for (index, name) in scalars.enumerated() { byLength[name.count, default: []].append(index) }
  }

  func suggestion(for name: String) -> String? {
    if let known = answers[name] { return known }
    let answer = compute(name)
    answers[name] = answer
    return answer
  }

  private func compute(_ name: String) -> String? {
    if let alias = Spelling.aliases[name], names.contains(alias) { return alias }
    // Nothing more than 3 edits away is ever suggested, so only closer candidates are measured in full.
    let target = Array(name.lowercased().unicodeScalars)
    var indices: [Int] = []
    for length in Swift.max(0, target.count - 3)...(target.count + 3) { indices += byLength[length] ?? [] }
    indices.sort()
    var best: Int?
    var d = 4
    for index in indices where names[index] != name {
      if let candidateDistance = Spelling.distance(target, scalars[index], limit: d - 1), candidateDistance < d {
        (best, d) = (index, candidateDistance)
      }
    }
    guard let best else { return nil }
    let candidate = names[best]
    let limit = Swift.max(1, Swift.min(3, Swift.max(name.count, candidate.count) / 3))
    return d <= limit ? candidate : nil
  }
}
