// JSON as cty encodes and decodes it (jsonencode, jsondecode), plus the explicit conversions (tostring, tolist, …).

extension StandardLibrary {
  static var encodingFunctions: [String: Function] {
    func conversion(_ name: String, _ target: ValueType) -> Function {
      makeFunction([p("v", .dynamic, null: true, unknown: true)], returns: target, "Converts the value to \(target.friendlyName).") {
        args throws(FunctionError) in
        switch Conversion.convert(args[0], to: target) {
        case .success(let v): return v
        case .failure(let f):
          if args[0].type == .string, target == .number, let s = args[0].stringValue {
            throw FunctionError("cannot convert \(Value.quote(s)) to number; given string must be a decimal representation of a number", argument: 0)
          }
          throw FunctionError("cannot convert \(args[0].type.friendlyName) to \(target.friendlyName): \(f.message)", argument: 0)
        }
      }
    }
    return [
      "tostring": conversion("tostring", .string),
      "tonumber": conversion("tonumber", .number),
      "tobool": conversion("tobool", .bool),
      "tolist": conversion("tolist", .list(.dynamic)),
      "toset": conversion("toset", .set(.dynamic)),
      "jsonencode": makeFunction([p("val", .dynamic, null: true)], returns: .string, "The value encoded as JSON.") {
        args throws(FunctionError) in .string(JSON.encode(args[0]))
      },
      "jsondecode": makeFunction([p("str", .string)], returns: .dynamic, "The JSON text decoded into a value.") {
        args throws(FunctionError) in
        var parser = JSON.Parser(Array(args[0].s.utf8))
        return try parser.parseDocument()
      },
    ]
  }
}

enum JSON {
  /// cty's JSON encoding: compact, object keys sorted, numbers in full decimal, strings escaped as Go's
  /// `encoding/json` does (HTML-safe: `<`, `>`, `&` become `\u003c`, `\u003e`, `\u0026`).
  static func encode(_ value: Value) -> String {
    var out = ""
    encode(value, into: &out)
    return out
  }

  static func encode(_ value: Value, into out: inout String) {
    switch value.content {
    case .null, .unknown: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n): out += NumberFormat.format(n)
    case .string(let s): out += quote(s)
    case .elements(let es):
      out += "["
      for (i, e) in es.enumerated() {
        if i > 0 { out += "," }
        encode(e, into: &out)
      }
      out += "]"
    case .attributes(let attrs):
      out += "{"
      for (i, key) in attrs.keys.sorted(by: Value.keyOrder).enumerated() {
        if i > 0 { out += "," }
        out += quote(key) + ":"
        if let v = attrs[key] { encode(v, into: &out) }
      }
      out += "}"
    }
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "<": out += "\\u003c"
      case ">": out += "\\u003e"
      case "&": out += "\\u0026"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// A strict JSON reader giving cty values: objects → object, arrays → tuple, numbers → number, null → null.
  struct Parser {
    let bytes: [UInt8]
    var i = 0
    var depth = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func parseDocument() throws(FunctionError) -> Value {
      skipSpace()
      let value = try parseValue()
      skipSpace()
      guard i == bytes.count else { throw fail("extraneous data after JSON object") }
      return value
    }

    func fail(_ message: String) -> FunctionError { FunctionError(message, argument: 0) }

    mutating func skipSpace() {
      while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0a || bytes[i] == 0x0d || bytes[i] == 0x09 { i += 1 }
    }

    mutating func parseValue() throws(FunctionError) -> Value {
      guard i < bytes.count else { throw fail("unexpected end of JSON input") }
      switch bytes[i] {
      case UInt8(ascii: "{"):
        depth += 1
        defer { depth -= 1 }
        guard depth < 200 else { throw fail("JSON nested too deeply") }
        i += 1
        var attrs: [String: Value] = [:]
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
          i += 1
          return .object(attrs)
        }
        while true {
          skipSpace()
          guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("invalid JSON: object key must be a string") }
          let key = try parseString()
          skipSpace()
          guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("invalid JSON: missing colon after object key") }
          i += 1
          skipSpace()
          if attrs[key] != nil { throw fail("invalid JSON: duplicate \"\(key)\" property in JSON object") }
          attrs[key] = try parseValue()
          skipSpace()
          guard i < bytes.count else { throw fail("unexpected end of JSON input") }
          if bytes[i] == UInt8(ascii: ",") {
            i += 1
            continue
          }
          guard bytes[i] == UInt8(ascii: "}") else { throw fail("invalid JSON: expected comma or end of object") }
          i += 1
          return .object(attrs)
        }
      case UInt8(ascii: "["):
        depth += 1
        defer { depth -= 1 }
        guard depth < 200 else { throw fail("JSON nested too deeply") }
        i += 1
        var elements: [Value] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
          i += 1
          return .tuple(elements)
        }
        while true {
          skipSpace()
          elements.append(try parseValue())
          skipSpace()
          guard i < bytes.count else { throw fail("unexpected end of JSON input") }
          if bytes[i] == UInt8(ascii: ",") {
            i += 1
            continue
          }
          guard bytes[i] == UInt8(ascii: "]") else { throw fail("invalid JSON: expected comma or end of array") }
          i += 1
          return .tuple(elements)
        }
      case UInt8(ascii: "\""):
        return .string(try parseString())
      case UInt8(ascii: "t"): return try keyword("true", .true)
      case UInt8(ascii: "f"): return try keyword("false", .false)
      case UInt8(ascii: "n"): return try keyword("null", .null())
      default:
        let start = i
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        while i < bytes.count, (bytes[i] >= 48 && bytes[i] <= 57) || bytes[i] == UInt8(ascii: ".")
          || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") || bytes[i] == UInt8(ascii: "+")
          || bytes[i] == UInt8(ascii: "-")
        { i += 1 }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let leadingZero = digits.count > 1 && digits.hasPrefix("0") && digits.dropFirst().first?.isNumber == true
        guard !text.isEmpty, !leadingZero, !digits.hasPrefix("."), !text.hasSuffix("."), let n = NumberFormat.parse(text),
          !text.hasPrefix("+")
        else {
          throw fail("invalid JSON: invalid character at offset \(start)")
        }
        return .number(n)
      }
    }

    mutating func keyword(_ word: String, _ value: Value) throws(FunctionError) -> Value {
      let w = Array(word.utf8)
      guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else {
        throw fail("invalid JSON: invalid character at offset \(i)")
      }
      i += w.count
      return value
    }

    mutating func parseString() throws(FunctionError) -> String {
      i += 1
      var out: [UInt8] = []
      while i < bytes.count {
        let b = bytes[i]
        if b == UInt8(ascii: "\"") {
          i += 1
          return String(decoding: out, as: UTF8.self)
        }
        if b < 0x20 { throw fail("invalid JSON: control character in string") }
        if b != UInt8(ascii: "\\") {
          out.append(b)
          i += 1
          continue
        }
        guard i + 1 < bytes.count else { break }
        let e = bytes[i + 1]
        i += 2
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(8)
        case UInt8(ascii: "f"): out.append(12)
        case UInt8(ascii: "n"): out.append(10)
        case UInt8(ascii: "r"): out.append(13)
        case UInt8(ascii: "t"): out.append(9)
        case UInt8(ascii: "u"):
          var code = try hex4()
          if code >= 0xD800 && code < 0xDC00, i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
            i += 2
            let low = try hex4()
            if low >= 0xDC00 && low < 0xE000 { code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) }
          }
          out.append(contentsOf: Array(String(Character(Unicode.Scalar(code) ?? "\u{FFFD}")).utf8))
        default: throw fail("invalid JSON: invalid escape in string")
        }
      }
      throw fail("unexpected end of JSON input")
    }

    mutating func hex4() throws(FunctionError) -> UInt32 {
      guard i + 4 <= bytes.count else { throw fail("invalid JSON: invalid \\u escape") }
      var v: UInt32 = 0
      for _ in 0..<4 {
        guard let d = ParserHex.value(bytes[i]) else { throw fail("invalid JSON: invalid \\u escape") }
        v = v * 16 + d
        i += 1
      }
      return v
    }
  }
}
