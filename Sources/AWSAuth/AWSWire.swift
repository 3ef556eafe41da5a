// Small wire helpers of the credential providers: form encoding, JSON objects, and the few XML
// elements STS answers with (FoundationXML is not among AWSAuth's allowed imports, and the shapes are tiny).
import Foundation

enum AWSWire {
  /// `application/x-www-form-urlencoded` as the AWS query protocol writes it: RFC 3986 unreserved characters stay,
  /// everything else is %XX of its UTF-8 bytes (SigV4's encoder), so `+`, `/`, `=` in tokens survive.
  static func formEncode(_ pairs: [(String, String)]) -> [UInt8] { Array(query(pairs).utf8) }

  /// `k=v&k=v` with both sides percent-encoded: a form body, or a URL's query.
  static func query(_ pairs: [(String, String)]) -> String {
    pairs.map { "\(SigV4.percentEncode($0.0))=\(SigV4.percentEncode($0.1))" }.joined(separator: "&")
  }

  /// A JSON object from an answer, or nil when the bytes are not a JSON object.
  static func jsonObject(_ bytes: [UInt8]) -> JSONObject? {
    guard let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]),
      let object = value as? [String: Any]
    else { return nil }
    return JSONObject(storage: object)
  }

  /// The text of the first `<name>…</name>` element inside `xml` (entities decoded), or nil.
  static func xmlElement(_ name: String, in xml: Substring) -> Substring? {
    guard let open = xml.range(of: "<\(name)>"),
      let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex)
    else { return nil }
    return xml[open.upperBound..<close.lowerBound]
  }

  static func xmlText(_ name: String, in xml: Substring) -> String? {
    xmlElement(name, in: xml).map { decodeEntities(String($0)).trimmingCharacters(in: .whitespacesAndNewlines) }
  }

  private static func decodeEntities(_ text: String) -> String {
    guard text.contains("&") else { return text }
    var result = ""
    var rest = Substring(text)
    while let amp = rest.firstIndex(of: "&") {
      result += rest[..<amp]
      guard let semicolon = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semicolon) <= 10 else {
        result += "&"
        rest = rest[rest.index(after: amp)...]
        continue
      }
      let entity = rest[rest.index(after: amp)..<semicolon]
      var scalar: Unicode.Scalar?
      switch entity {
      case "amp": scalar = "&"
      case "lt": scalar = "<"
      case "gt": scalar = ">"
      case "quot": scalar = "\""
      case "apos": scalar = "'"
      default:
        if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
          scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        } else if entity.hasPrefix("#") {
          scalar = UInt32(entity.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
        }
      }
      if let scalar {
        result.unicodeScalars.append(scalar)
      } else {
        result += rest[amp...semicolon]
      }
      rest = rest[rest.index(after: semicolon)...]
    }
    result += rest
    return result
  }
}

/// Typed reads from a decoded JSON object; nothing here traps on an unexpected shape.
struct JSONObject {
  let storage: [String: Any]

  func string(_ key: String) -> String? {
    guard let value = storage[key] as? String, !value.isEmpty else { return nil }
    return value
  }

  func number(_ key: String) -> Double? {
    // Foundation decodes JSON booleans as NSNumber too; callers compare against the numbers they expect.
    (storage[key] as? NSNumber)?.doubleValue
  }

  func object(_ key: String) -> JSONObject? {
    (storage[key] as? [String: Any]).map(JSONObject.init(storage:))
  }

  func has(_ key: String) -> Bool { storage[key] != nil }
}
