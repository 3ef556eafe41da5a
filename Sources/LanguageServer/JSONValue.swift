// A JSON value with its own parser and printer: total on any bytes, lone surrogates become U+FFFD, depth-limited.

/// A JSON value. Numbers keep integers exact (`int`) and everything else as `double`.
///
/// We parse JSON ourselves instead of using Foundation so that what arrives from a client can never trap or be
/// rejected for reasons the JSON-RPC spec does not name. In particular a lone surrogate escape (`"\ud83d"`), which
/// Foundation's parser refuses, decodes to U+FFFD: the same number of UTF-16 units, so later UTF-16 positions on
/// that line stay right.
package enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  package subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  package var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  package var intValue: Int? {
    switch self {
    case .int(let value): return value
    case .double(let value):
      guard value.rounded() == value, let exact = Int(exactly: value) else { return nil }
      return exact
    default: return nil
    }
  }

  package var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  package var arrayValue: [JSONValue]? {
    if case .array(let value) = self { return value }
    return nil
  }

  package var objectValue: [String: JSONValue]? {
    if case .object(let value) = self { return value }
    return nil
  }

  package var isNull: Bool { self == .null }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
  package init(stringLiteral value: String) { self = .string(value) }
  package init(integerLiteral value: Int) { self = .int(value) }
  package init(booleanLiteral value: Bool) { self = .bool(value) }
  package init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  package init(dictionaryLiteral elements: (String, JSONValue)...) {
    var members: [String: JSONValue] = [:]
    for (key, value) in elements { members[key] = value }
    self = .object(members)
  }
  package init(nilLiteral: ()) { self = .null }
}

// MARK: - Parsing

/// Why some bytes are not one JSON value; the message is for logs (it never quotes the input).
package struct JSONParseError: Error, Sendable, CustomStringConvertible {
  package var message: String
  package var offset: Int
  package var description: String { "\(message) at byte \(offset)" }
}

extension JSONValue {
  /// Deepest nesting accepted; deeper input is an error instead of a stack overflow.
  package static let maximumDepth = 512

  /// Parses exactly one JSON value (surrounded by optional whitespace).
  package static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
    var parser = JSONParser(bytes: bytes)
    return try parser.parseDocument()
  }

  package static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
    try parse(Array(text.utf8))
  }
}

private struct JSONParser {
  let bytes: [UInt8]
  var index = 0
  var depth = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  mutating func parseDocument() throws(JSONParseError) -> JSONValue {
    skipWhitespace()
    let value = try parseValue()
    skipWhitespace()
    guard index == bytes.count else { throw error("unexpected data after the JSON value") }
    return value
  }

  func error(_ message: String) -> JSONParseError { JSONParseError(message: message, offset: index) }

  var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  mutating func parseValue() throws(JSONParseError) -> JSONValue {
    guard let byte = current else { throw error("unexpected end of input") }
    switch byte {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
    case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
    case UInt8(ascii: "n"): try expectLiteral("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw error("unexpected character")
    }
  }

  mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
    let count = literal.utf8CodeUnitCount
    guard index + count <= bytes.count else { throw error("invalid literal") }
    let matches = literal.withUTF8Buffer { expected in
      for k in 0..<count where bytes[index + k] != expected[k] { return false }
      return true
    }
    guard matches else { throw error("invalid literal") }
    index += count
  }

  mutating func enter() throws(JSONParseError) {
    depth += 1
    guard depth <= JSONValue.maximumDepth else { throw error("nesting too deep") }
  }

  mutating func parseObject() throws(JSONParseError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    index += 1
    var members: [String: JSONValue] = [:]
    skipWhitespace()
    if current == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard current == UInt8(ascii: "\"") else { throw error("expected a member name") }
      let key = try parseString()
      skipWhitespace()
      guard current == UInt8(ascii: ":") else { throw error("expected ':'") }
      index += 1
      skipWhitespace()
      members[key] = try parseValue()
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "}"):
        index += 1
        return .object(members)
      default: throw error("expected ',' or '}'")
      }
    }
  }

  mutating func parseArray() throws(JSONParseError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    index += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if current == UInt8(ascii: "]") {
      index += 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue())
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "]"):
        index += 1
        return .array(elements)
      default: throw error("expected ',' or ']'")
      }
    }
  }

  mutating func parseString() throws(JSONParseError) -> String {
    index += 1  // The opening quote.
    var result = ""
    var runStart = index
    func flush(_ end: Int, into result: inout String) {
      // Raw bytes are decoded leniently: invalid UTF-8 (which a conforming client never sends) becomes U+FFFD.
      if end > runStart { result += String(decoding: bytes[runStart..<end], as: UTF8.self) }
    }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        flush(index, into: &result)
        index += 1
        return result
      }
      if byte < 0x20 { throw error("control character in string") }
      if byte != UInt8(ascii: "\\") {
        index += 1
        continue
      }
      flush(index, into: &result)
      index += 1
      guard let escape = current else { break }
      index += 1
      switch escape {
      case UInt8(ascii: "\""): result.unicodeScalars.append("\"")
      case UInt8(ascii: "\\"): result.unicodeScalars.append("\\")
      case UInt8(ascii: "/"): result.unicodeScalars.append("/")
      case UInt8(ascii: "b"): result.unicodeScalars.append("\u{08}")
      case UInt8(ascii: "f"): result.unicodeScalars.append("\u{0C}")
      case UInt8(ascii: "n"): result.unicodeScalars.append("\n")
      case UInt8(ascii: "r"): result.unicodeScalars.append("\r")
      case UInt8(ascii: "t"): result.unicodeScalars.append("\t")
      case UInt8(ascii: "u"):
        let unit = try parseHex4()
        result.unicodeScalars.append(decodeUTF16Escape(unit))
      default: throw error("invalid escape")
      }
      runStart = index
    }
    throw error("unterminated string")
  }

  /// Joins a high surrogate with a following `\uDC00`-`\uDFFF` escape; any lone half becomes U+FFFD.
  mutating func decodeUTF16Escape(_ unit: UInt16) -> Unicode.Scalar {
    let replacement: Unicode.Scalar = "\u{FFFD}"
    if (0xD800...0xDBFF).contains(unit) {
      let save = index
      if index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
        index += 2
        if let low = try? parseHex4(), (0xDC00...0xDFFF).contains(low) {
          let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
          return Unicode.Scalar(value) ?? replacement
        }
      }
      index = save
      return replacement
    }
    return Unicode.Scalar(UInt32(unit)) ?? replacement
  }

  mutating func parseHex4() throws(JSONParseError) -> UInt16 {
    guard index + 4 <= bytes.count else { throw error("short \\u escape") }
    var value: UInt16 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw error("invalid \\u escape")
      }
      value = value << 4 | UInt16(digit)
      index += 1
    }
    return value
  }

  mutating func parseNumber() throws(JSONParseError) -> JSONValue {
    let start = index
    var isInteger = true
    if current == UInt8(ascii: "-") { index += 1 }
    guard let first = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
      throw error("invalid number")
    }
    if first == UInt8(ascii: "0") {
      index += 1
    } else {
      skipDigits()
    }
    if current == UInt8(ascii: ".") {
      isInteger = false
      index += 1
      guard skipDigits() > 0 else { throw error("invalid number") }
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      isInteger = false
      index += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
      guard skipDigits() > 0 else { throw error("invalid number") }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    if isInteger, let value = Int(text) { return .int(value) }
    guard let value = Double(text) else { throw error("invalid number") }
    return .double(value)
  }

  @discardableResult
  mutating func skipDigits() -> Int {
    let start = index
    while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
    return index - start
  }
}

// MARK: - Printing

extension JSONValue {
  /// Compact JSON text, object members sorted by name so output is deterministic.
  package var serialized: [UInt8] {
    var out: [UInt8] = []
    write(to: &out)
    return out
  }

  package var serializedString: String { String(decoding: serialized, as: UTF8.self) }

  private func write(to out: inout [UInt8]) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
    case .int(let value): Self.writeInteger(value, to: &out)
    case .double(let value):
      // JSON has no NaN or infinity.
      out.append(contentsOf: (value.isFinite ? "\(value)" : "null").utf8)
    case .string(let value): Self.writeString(value, to: &out)
    case .array(let elements):
      out.append(UInt8(ascii: "["))
      for (index, element) in elements.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        element.write(to: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      for (index, key) in members.keys.sorted().enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        Self.writeString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        members[key]?.write(to: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  /// Decimal digits straight into the output: semantic tokens send hundreds of thousands of integers, and going
  /// through `String(value)` for each was most of the time spent answering them.
  private static func writeInteger(_ value: Int, to out: inout [UInt8]) {
    if value >= 0 && value < 10 {
      out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value))
      return
    }
    if value < 0 { out.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
      var start = buffer.count
      repeat {
        start -= 1
        buffer[start] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
    }
  }

  private static func writeString(_ value: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
      case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
      case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
      case UInt8(ascii: "\r"): out.append(contentsOf: "\\r".utf8)
      case UInt8(ascii: "\t"): out.append(contentsOf: "\\t".utf8)
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: "\\u00".utf8)
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0xF)])
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}
