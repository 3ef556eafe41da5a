// Diagnostics about source text: a stable code, a severity, a terse summary and tight and wide ranges.

package enum Severity: String, Sendable, Hashable {
  case error
  case warning
  /// Worth knowing, not a problem (for example, that a feature needs Atlas Pro).
  case information
}

/// A problem found in source text. Modelled on hcl's `hcl.Diagnostic`: `summary` is terse, `detail` says what to
/// do, `subject` is the tight range to underline and `context` an optional wider range it belongs to.
package struct Diagnostic: Hashable, Sendable {
  /// A stable identifier such as `syntax.missing-newline`; editors and docs key on it, so never reuse one.
  package var code: String
  package var severity: Severity
  package var summary: String
  package var detail: String?
  package var subject: TextRange
  package var context: TextRange?

  package init(
    code: String, severity: Severity = .error, summary: String, detail: String? = nil, subject: TextRange,
    context: TextRange? = nil
  ) {
    self.code = code
    self.severity = severity
    self.summary = summary
    self.detail = detail
    self.subject = subject
    self.context = context
  }

  /// The message shown to a person: the summary, then the detail when there is one.
  package var message: String {
    guard let detail, !detail.isEmpty else { return summary }
    return "\(summary); \(detail)"
  }
}
