// Server and client-library messages as one line with the URL's password masked: shared by every connector, since a
// server may echo what it was sent.
import Foundation

extension DatabaseURL {
  /// The text on one line, trimmed, with the password (if any) replaced by `****`; "unknown error" when empty.
  func masking(_ text: String?) -> String {
    var message = (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .joined(separator: " ")
    if let password, !password.isEmpty { message = message.replacingOccurrences(of: password, with: "****") }
    return message.isEmpty ? "unknown error" : message
  }
}
