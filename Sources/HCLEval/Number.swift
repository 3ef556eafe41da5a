// Numbers: parsing and cty-style decimal formatting of the `Double`s that stand in for cty's big.Float.
//
// Limits, honestly: cty computes with 512-bit binary floats; we use IEEE doubles. Integers are exact up to 2^53
// and every decimal literal of up to 15 significant digits round-trips exactly (it is formatted back with the
// shortest representation that reads as the same double). Beyond that we differ from Atlas: a literal with more
// digits is rounded to 17 significant digits, `11 % 5.1` gives `0.8000000000000007` where cty gives
// `0.80000…024`, and numbers beyond ±1.8e308 become infinite (cty keeps them finite). NaN never escapes: operations
// that would produce it report an error instead.

enum NumberFormat {
  /// Reads a number in cty's syntax: optional sign, digits with an optional fraction, optional exponent.
  /// Rejects Swift's extras (`inf`, `nan`, hex floats, `_`).
  static func parse(_ text: String) -> Double? {
    let bytes = Array(text.utf8)
    var i = 0
    if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
    var digits = 0
    while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1; digits += 1 }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1; digits += 1 }
    }
    guard digits > 0 else { return nil }
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
      var expDigits = 0
      while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1; expDigits += 1 }
      guard expDigits > 0 else { return nil }
    }
    guard i == bytes.count else { return nil }
    var body = text
    if body.hasPrefix("+") { body.removeFirst() }
    return Double(body)
  }

  /// Formats as cty's `big.Float.Text('f', -1)`: the shortest decimal that reads back as the same value, never in
  /// exponent form (`1e+20` → `100000000000000000000`, `1e-7` → `0.0000001`); integers have no fraction.
  static func format(_ n: Double) -> String {
    if n.isNaN { return "NaN" }
    if n.isInfinite { return n < 0 ? "-Inf" : "+Inf" }
    if n == 0 { return "0" }
    // Integers below 2^53 are exact and their neighbours are at most 1 apart, so the shortest round-trip decimal is
    // the integer itself: print it directly instead of taking the description apart (ports and counts in templates).
    if n.magnitude < 9.0e15, n.rounded(.towardZero) == n { return String(Int64(n)) }
    let description = "\(n.magnitude)"  // shortest round-trip, maybe with "e"
    var mantissa = description
    var exponent = 0
    if let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = String(description[..<e])
      exponent = Int(description[description.index(after: e)...]) ?? 0
    }
    var intPart = mantissa
    var fracPart = ""
    if let dot = mantissa.firstIndex(of: ".") {
      intPart = String(mantissa[..<dot])
      fracPart = String(mantissa[mantissa.index(after: dot)...])
    }
    var digits = intPart + fracPart
    var pointPosition = intPart.count + exponent
    // Strip leading zeros (keeping the point position right).
    while digits.count > 1, digits.first == "0" {
      digits.removeFirst()
      pointPosition -= 1
    }
    while digits.count > 1, digits.last == "0", digits.count > pointPosition { digits.removeLast() }
    var result: String
    if pointPosition <= 0 {
      result = "0." + String(repeating: "0", count: -pointPosition) + digits
    } else if pointPosition >= digits.count {
      result = digits + String(repeating: "0", count: pointPosition - digits.count)
    } else {
      let index = digits.index(digits.startIndex, offsetBy: pointPosition)
      result = digits[..<index] + "." + digits[index...]
    }
    if result.contains(".") {
      while result.hasSuffix("0") { result.removeLast() }
      if result.hasSuffix(".") { result.removeLast() }
    }
    return n < 0 ? "-" + result : result
  }

  /// Whether the number is an integer that fits an `Int` exactly enough to index with.
  static func integer(_ n: Double) -> Int? {
    guard n.isFinite, n.rounded(.towardZero) == n, n.magnitude < 9.0e15 else { return nil }
    return Int(n)
  }
}
