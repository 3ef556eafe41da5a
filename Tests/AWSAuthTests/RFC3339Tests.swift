// RFC 3339 instants read and written by hand: the same instants Foundation's ISO8601DateFormatter reads and writes.
import AWSAuth
import Foundation
import Testing

@Suite struct RFC3339Tests {
  static let valid: [(text: String, epoch: Double)] = [
    ("2024-01-02T03:04:05Z", 1_704_164_645),
    ("2024-01-02t03:04:05z", 1_704_164_645),
    ("2024-01-02 03:04:05Z", 1_704_164_645),
    ("  2024-01-02T03:04:05Z\n", 1_704_164_645),
    ("2024-01-02T05:04:05+02:00", 1_704_164_645),
    ("2024-01-01T22:04:05-05:00", 1_704_164_645),
    ("2024-01-02T03:04:05.250Z", 1_704_164_645.25),
    ("2024-02-29T00:00:00Z", 1_709_164_800),
    ("1970-01-01T00:00:00Z", 0),
    ("1969-12-31T23:59:59Z", -1),
    ("2000-02-29T12:00:00Z", 951_825_600),
    ("2100-12-31T23:59:59Z", 4_133_980_799),
  ]

  static let invalid = [
    "", "2024-01-02", "2024-01-02T03:04Z", "2024-01-02T03:04:05", "2024-13-02T03:04:05Z", "2023-02-29T00:00:00Z",
    "2100-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-01-02T24:00:00Z", "2024-01-02T03:60:00Z",
    "2024-01-02T03:04:05.Z", "2024-01-02T03:04:05+0200", "2024-01-02T03:04:05+24:00", "2024-1-02T03:04:05Z",
    "2024-01-02T03:04:05Zjunk", "yesterday", "２０２４-01-02T03:04:05Z",
  ]

  @Test func readsInstants() {
    for (text, epoch) in Self.valid {
      #expect(RFC3339.parse(text)?.timeIntervalSince1970 == epoch, "\(text)")
    }
    for text in Self.invalid {
      #expect(RFC3339.parse(text) == nil, "\(text)")
    }
  }

  /// Against Foundation over instants spread across four centuries, both ways.
  @Test func agreesWithFoundation() {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
      let date = Date(timeIntervalSince1970: Double(Int64.random(in: -2_208_988_800...7_258_118_400, using: &generator)))
      let text = formatter.string(from: date)
      #expect(RFC3339.format(date) == text)
      #expect(RFC3339.parse(text) == date, "\(text)")
    }
  }
}
