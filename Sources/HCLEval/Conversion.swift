// go-cty's conversion rules (`convert.Convert`, `convert.Unify`), cty's equality, and the stable rendering of values.

package enum Conversion {
  /// Converts `value` to `type` following cty: primitives between each other where the text allows
  /// (number↔string, bool↔string), tuple/list/set between each other, object/map between each other, null and
  /// unknown to the target type. The error is cty's message ("string required", "a number is required", …).
  package static func convert(_ value: Value, to target: ValueType) -> Result<Value, ConversionFailure> {
    if target == .dynamic || value.type == target { return .success(value) }
    let sensitive = value.isSensitive
    switch value.content {
    case .null:
      return .success(Value.null(target).marked(sensitive))
    case .unknown:
      guard isConvertible(value.type, to: target) else { return .failure(.init(message: requiredMessage(target))) }
      return .success(Value.unknown(target).marked(sensitive))
    default:
      break
    }
    let result: Result<Value, ConversionFailure> = convertKnown(value, to: target)
    return result.map { $0.marked(sensitive) }
  }

  private static func convertKnown(_ value: Value, to target: ValueType) -> Result<Value, ConversionFailure> {
    switch (value.content, target) {
    case (.number(let n), .string):
      return .success(.string(NumberFormat.format(n)))
    case (.bool(let b), .string):
      return .success(.string(b ? "true" : "false"))
    case (.string(let s), .number):
      guard let n = NumberFormat.parse(s) else { return .failure(.init(message: "a number is required")) }
      return .success(.number(n))
    case (.string(let s), .bool):
      switch s {
      case "true": return .success(.true)
      case "false": return .success(.false)
      default:
        return .failure(.init(message: "a bool is required"))
      }
    case (.elements(let es), .list(let elementType)):
      guard value.type.isSequenceLike else { return .failure(.init(message: requiredMessage(target))) }
      return convertElements(es, to: elementType).map { Value.list($0.values, of: $0.type) }
    case (.elements(let es), .set(let elementType)):
      guard value.type.isSequenceLike else { return .failure(.init(message: requiredMessage(target))) }
      return convertElements(es, to: elementType).map { Value.set($0.values, of: $0.type) }
    case (.elements(let es), .tuple(let types)):
      guard value.type.isSequenceLike, es.count == types.count else {
        return .failure(.init(message: requiredMessage(target)))
      }
      var out: [Value] = []
      for (index, (element, type)) in zip(es, types).enumerated() {
        switch convert(element, to: type) {
        case .success(let v): out.append(v)
        case .failure(let f): return .failure(.init(message: "element \(index): \(f.message)"))
        }
      }
      return .success(.tuple(out))
    case (.attributes(let attrs), .map(let elementType)):
      let keys = attrs.keys.sorted(by: Value.keyOrder)
      return convertElements(keys.compactMap { attrs[$0] }, to: elementType).map { converted in
        Value.map(Dictionary(uniqueKeysWithValues: zip(keys, converted.values)), of: converted.type)
      }
    case (.attributes(let attrs), .object(let types)):
      var out: [String: Value] = [:]
      for key in types.keys.sorted(by: Value.keyOrder) {
        guard let type = types[key] else { continue }
        guard let attr = attrs[key] else { return .failure(.init(message: "attribute \"\(key)\" is required")) }
        switch convert(attr, to: type) {
        case .success(let v): out[key] = v
        case .failure(let f): return .failure(.init(message: "attribute \"\(key)\": \(f.message)"))
        }
      }
      return .success(Value(type: target, content: .attributes(out)))
    default:
      return .failure(.init(message: requiredMessage(target)))
    }
  }

  /// Converts every element to `elementType`; a `dynamic` element type becomes the elements' unified type.
  private static func convertElements(_ elements: [Value], to elementType: ValueType) -> Result<(values: [Value], type: ValueType), ConversionFailure> {
    var type = elementType
    if elementType == .dynamic, !elements.isEmpty {
      guard let unified = unify(elements.map(\.type)) else {
        return .failure(.init(message: "all elements must have the same type"))
      }
      type = unified
    }
    var out: [Value] = []
    out.reserveCapacity(elements.count)
    for (index, element) in elements.enumerated() {
      switch convert(element, to: type) {
      case .success(let v): out.append(v)
      case .failure(let f): return .failure(.init(message: "element \(index): \(f.message)"))
      }
    }
    return .success((out, type))
  }

  /// Whether values of `from` can (at least sometimes) convert to `to`; used for unknowns.
  package static func isConvertible(_ from: ValueType, to target: ValueType) -> Bool {
    if from == target || from == .dynamic || target == .dynamic { return true }
    switch (from, target) {
    case (.number, .string), (.bool, .string), (.string, .number), (.string, .bool): return true
    case (.list(let a), .list(let b)), (.set(let a), .set(let b)), (.list(let a), .set(let b)), (.set(let a), .list(let b)),
      (.map(let a), .map(let b)):
      return isConvertible(a, to: b)
    case (.tuple(let ts), .list(let b)), (.tuple(let ts), .set(let b)): return ts.allSatisfy { isConvertible($0, to: b) }
    case (.object(let attrs), .map(let b)): return attrs.values.allSatisfy { isConvertible($0, to: b) }
    case (.tuple(let a), .tuple(let b)): return a.count == b.count && zip(a, b).allSatisfy { isConvertible($0, to: $1) }
    case (.list, .tuple), (.set, .tuple), (.map, .object): return true
    case (.object(let a), .object(let b)):
      return b.allSatisfy { key, type in a[key].map { isConvertible($0, to: type) } ?? false }
    default: return false
    }
  }

  static func requiredMessage(_ type: ValueType) -> String {
    switch type {
    case .object: "object required"
    case .tuple: "tuple required"
    default: "\(type.friendlyName) required"
    }
  }

  /// cty's `convert.Unify`: one type every given type converts to, or nil.
  package static func unify(_ types: [ValueType]) -> ValueType? {
    guard let first = types.first else { return .dynamic }
    if types.allSatisfy({ $0 == first }) { return first }
    if types.contains(.dynamic) { return .dynamic }
    if types.allSatisfy(\.isPrimitive) {
      // Only string is a common target for mixed primitives.
      return types.contains(.string) ? .string : nil
    }
    func all(_ predicate: (ValueType) -> Bool) -> Bool { types.allSatisfy(predicate) }
    if all({ if case .list = $0 { true } else { false } }) {
      return unify(types.compactMap(\.elementType)).map { .list($0) }
    }
    if all({ if case .set = $0 { true } else { false } }) {
      return unify(types.compactMap(\.elementType)).map { .set($0) }
    }
    if all({ if case .map = $0 { true } else { false } }) {
      return unify(types.compactMap(\.elementType)).map { .map($0) }
    }
    if all({ if case .tuple = $0 { true } else { false } }) {
      let lists = types.compactMap { if case .tuple(let ts) = $0 { ts } else { nil } }
      if let count = lists.first?.count, lists.allSatisfy({ $0.count == count }) {
        var unified: [ValueType] = []
        for index in 0..<count {
          guard let t = unify(lists.map { $0[index] }) else { return unifiedSequence(types).map { .list($0) } }
          unified.append(t)
        }
        return .tuple(unified)
      }
      return unifiedSequence(types).map { .list($0) }
    }
    if all({ if case .object = $0 { true } else { false } }) {
      let objects = types.compactMap { if case .object(let a) = $0 { a } else { nil } }
      if let keys = objects.first.map({ Set($0.keys) }), objects.allSatisfy({ Set($0.keys) == keys }) {
        var unified: [String: ValueType] = [:]
        for key in keys {
          guard let t = unify(objects.compactMap { $0[key] }) else { return unifiedSequence(types).map { .map($0) } }
          unified[key] = t
        }
        return .object(unified)
      }
      return unifiedSequence(types).map { .map($0) }
    }
    if all({ switch $0 { case .list, .tuple: true; default: false } }) { return unifiedSequence(types).map { .list($0) } }
    if all({ switch $0 { case .set, .tuple: true; default: false } }) { return unifiedSequence(types).map { .set($0) } }
    if all({ switch $0 { case .map, .object: true; default: false } }) { return unifiedSequence(types).map { .map($0) } }
    return nil
  }

  /// The unified element type of collections and structurals taken together.
  private static func unifiedSequence(_ types: [ValueType]) -> ValueType? {
    var elements: [ValueType] = []
    for type in types {
      switch type {
      case .list(let t), .set(let t), .map(let t): elements.append(t)
      case .tuple(let ts): elements.append(contentsOf: ts)
      case .object(let attrs): elements.append(contentsOf: attrs.values)
      default: return nil
      }
    }
    return elements.isEmpty ? .dynamic : unify(elements)
  }

  /// cty's `Equals` as HCL's `==` uses it: unknown if either side is not wholly known, true for two nulls, false
  /// when the types differ; sensitive if either side is.
  package static func equals(_ a: Value, _ b: Value) -> Value {
    let sensitive = a.containsSensitive || b.containsSensitive
    if !a.isWhollyKnown || !b.isWhollyKnown { return Value.unknown(.bool).marked(sensitive) }
    if a.isNull || b.isNull { return Value.bool(a.isNull && b.isNull).marked(sensitive) }
    let (ua, _) = a.unmarkedDeep()
    let (ub, _) = b.unmarkedDeep()
    return Value.bool(ua.type == ub.type && ua.content == ub.content).marked(sensitive)
  }
}

/// Why a conversion failed, in cty's words.
package struct ConversionFailure: Error, Hashable, Sendable {
  package var message: String
}

extension ValueType {
  /// List, set or tuple: what converts to a list or set.
  var isSequenceLike: Bool {
    switch self {
    case .list, .set, .tuple: true
    default: false
    }
  }
}

extension Value {
  /// A stable one-line rendering for hovers and tests, in HCL syntax as `terraform console` prints values:
  /// `"text"`, `5`, `true`, `null`, `[1, "a"]` (tuple), `tolist([…])`, `toset([…])`, `tomap({…})`, `{a = 1}`
  /// (object, keys sorted), `(unknown string)` and `(sensitive)`. Secrets are never shown unless `revealSensitive`.
  package func render(revealSensitive: Bool = false) -> String {
    if isSensitive && !revealSensitive { return "(sensitive)" }
    switch content {
    case .null: return "null"
    case .unknown: return "(unknown \(type.description))"
    case .bool(let b): return b ? "true" : "false"
    case .number(let n): return NumberFormat.format(n)
    case .string(let s): return Value.quote(s)
    case .elements(let es):
      let inner = es.map { $0.render(revealSensitive: revealSensitive) }.joined(separator: ", ")
      switch type {
      case .list: return "tolist([\(inner)])"
      case .set: return "toset([\(inner)])"
      default: return "[\(inner)]"
      }
    case .attributes(let attrs):
      let inner = attrs.keys.sorted(by: Value.keyOrder).map { key in
        "\(Value.renderKey(key)) = \(attrs[key]?.render(revealSensitive: revealSensitive) ?? "null")"
      }.joined(separator: ", ")
      if case .map = type { return "tomap({\(inner)})" }
      return "{\(inner)}"
    }
  }

  /// A string literal in HCL syntax with `\n \r \t \" \\`, `$${`/`%%{` and `\uNNNN` for other controls.
  static func quote(_ s: String) -> String {
    var out = "\""
    var previous: Unicode.Scalar? = nil
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "{" where previous == "$" || previous == "%":
        out.unicodeScalars.append(previous ?? "$")
        out += "{"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7f {
          let hex = String(scalar.value, radix: 16, uppercase: false)
          out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
      previous = scalar
    }
    return out + "\""
  }

  static func renderKey(_ key: String) -> String {
    guard let first = key.unicodeScalars.first, first.properties.isXIDStart || first == "_",
      key.unicodeScalars.allSatisfy({ $0.properties.isXIDContinue || $0 == "-" })
    else { return quote(key) }
    return key
  }
}
