// Server and client-library messages as one line with the URL's password masked: shared by every connector, since a
// server may echo what it was sent.
import Foundation

extension DatabaseURL {
  /// The text on one line, trimmed, with the password (if any) and every other secret replaced by `****`;
  /// "unknown error" when empty.
  func masking(_ text: String?) -> String {
    var message = (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .joined(separator: " ")
    if let password, !password.isEmpty { message = message.replacingOccurrences(of: password, with: "****") }
    message = Self.mask(message, secrets: secrets)
    return message.isEmpty ? "unknown error" : message
  }

  /// `text` with each secret, as is and as `urlescape`/`QueryEscape` and path escaping write it, replaced by `****`;
  /// longest first, so that a secret holding another is masked whole.
  public static func mask(_ text: String, secrets: [String]) -> String {
    var forms: Set<String> = []
    for secret in secrets where !secret.isEmpty {
      forms.insert(secret)
      forms.insert(escaped(secret, keeping: queryUnreserved))
      forms.insert(escaped(secret, keeping: queryUnreserved.union("/:@!$&'()*+,;=".utf8)))
    }
    var result = text
    for form in forms.sorted(by: { $0.count > $1.count }) {
      result = result.replacingOccurrences(of: form, with: "****")
    }
    return result
  }

  /// The bytes Go's `url.QueryEscape` leaves as they are.
  private static let queryUnreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".utf8)

  private static func escaped(_ text: String, keeping kept: Set<UInt8>) -> String {
    var out = ""
    for byte in text.utf8 {
      if kept.contains(byte) {
        out.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      }
    }
    return out
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
