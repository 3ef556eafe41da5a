// RFC 3339 instants (`2024-01-02T03:04:05Z`, fractions and offsets allowed), read and written by hand: Foundation's
// ISO8601DateFormatter loads ICU, which costs a command-line run more than signing a token does.
public import Foundation

public enum RFC3339 {
  /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (a space or lower-case `t`/`z` accepted, as RFC 3339 allows), with
  /// surrounding whitespace ignored; nil when the text is not one, or names a day that does not exist.
  public static func parse(_ text: String) -> Date? {
    var bytes = Substring(text).utf8.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }[...]
    while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { bytes.removeLast() }
    var reader = Reader(bytes: Array(bytes))
    guard let year = reader.digits(4), reader.skip("-"), let month = reader.digits(2), reader.skip("-"),
      let day = reader.digits(2), reader.skip(oneOf: "Tt "), let hour = reader.digits(2), reader.skip(":"),
      let minute = reader.digits(2), reader.skip(":"), let second = reader.digits(2)
    else { return nil }
    var fraction = 0.0
    if reader.skip(".") {
      var scale = 0.1
      var any = false
      while let digit = reader.digits(1) {
        fraction += Double(digit) * scale
        scale /= 10
        any = true
      }
      guard any else { return nil }
    }
    var offset = 0
    if reader.skip(oneOf: "Zz") {
      offset = 0
    } else if let sign = reader.next(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
      let offsetHours = reader.digits(2), reader.skip(":"), let offsetMinutes = reader.digits(2),
      offsetHours < 24, offsetMinutes < 60
    {
      offset = (offsetHours * 60 + offsetMinutes) * 60 * (sign == UInt8(ascii: "-") ? -1 : 1)
    } else {
      return nil
    }
    guard reader.atEnd, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24,
      minute < 60, second < 61  // 60: a leap second, which Foundation also reads as the next minute's first
    else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
    return Date(timeIntervalSince1970: Double(seconds) + fraction)
  }

  /// The instant in UTC to the second, `2024-01-02T03:04:05Z`.
  public static func format(_ date: Date) -> String { Timestamp(date).rfc3339 }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`), the inverse of
  /// `Timestamp`'s conversion.
  private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let m = Int64(month)
    let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  private struct Reader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func next() -> UInt8? {
      guard index < bytes.count else { return nil }
      defer { index += 1 }
      return bytes[index]
    }

    /// Exactly `count` decimal digits as a number, or nil (and nothing consumed).
    mutating func digits(_ count: Int) -> Int? {
      guard index + count <= bytes.count else { return nil }
      var value = 0
      for byte in bytes[index..<index + count] {
        guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      index += count
      return value
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool { skip(oneOf: String(character)) }

    mutating func skip(oneOf characters: String) -> Bool {
      guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
      index += 1
      return true
    }
  }
}
