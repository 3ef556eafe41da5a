// Values and types: cty's model (null and unknown of a type, primitives, collections, structurals) plus the sensitive mark.

/// A type, as cty has them. `dynamic` is cty's DynamicPseudoType: "any type", the type of an untyped null or of an
/// unknown whose type is not known yet.
package indirect enum ValueType: Hashable, Sendable {
  case dynamic
  case bool, number, string
  case list(ValueType), set(ValueType), map(ValueType)
  case tuple([ValueType])
  case object([String: ValueType])

  package var isPrimitive: Bool {
    switch self {
    case .bool, .number, .string: true
    default: false
    }
  }

  package var isCollection: Bool {
    switch self {
    case .list, .set, .map: true
    default: false
    }
  }

  /// The element type of a list, set or map.
  package var elementType: ValueType? {
    switch self {
    case .list(let t), .set(let t), .map(let t): t
    default: nil
    }
  }

  /// The type in HCL's type-expression syntax (`list(string)`, `object({a = number})`); `dynamic` is `any`.
  package var description: String {
    switch self {
    case .dynamic: "any"
    case .bool: "bool"
    case .number: "number"
    case .string: "string"
    case .list(let t): "list(\(t.description))"
    case .set(let t): "set(\(t.description))"
    case .map(let t): "map(\(t.description))"
    case .tuple(let ts): "tuple([\(ts.map(\.description).joined(separator: ", "))])"
    case .object(let attrs):
      "object({\(attrs.keys.sorted().map { "\($0) = \(attrs[$0]?.description ?? "any")" }.joined(separator: ", "))})"
    }
  }

  /// cty's friendly name, used in error details ("string", "list of string", "object").
  package var friendlyName: String {
    switch self {
    case .dynamic: "dynamic"
    case .bool: "bool"
    case .number: "number"
    case .string: "string"
    case .list(let t): "list of \(t.friendlyName)"
    case .set(let t): "set of \(t.friendlyName)"
    case .map(let t): "map of \(t.friendlyName)"
    case .tuple: "tuple"
    case .object: "object"
    }
  }

  /// Whether the type mentions `dynamic` anywhere.
  package var hasDynamic: Bool {
    switch self {
    case .dynamic: true
    case .bool, .number, .string: false
    case .list(let t), .set(let t), .map(let t): t.hasDynamic
    case .tuple(let ts): ts.contains { $0.hasDynamic }
    case .object(let attrs): attrs.values.contains { $0.hasDynamic }
    }
  }
}

/// A value: a type, what is known of it, and whether it is sensitive.
package struct Value: Hashable, Sendable {
  package enum Content: Hashable, Sendable {
    case null
    case unknown
    case bool(Bool)
    case number(Double)
    case string(String)
    /// Elements of a list, tuple or set (sets are kept deduplicated and in `Value.setOrder`).
    case elements([Value])
    /// Attributes of a map or object.
    case attributes([String: Value])
  }

  package var type: ValueType
  package var content: Content {
    didSet { nesting = Value.nesting(of: content) }
  }
  /// Secrets (tokens, passwords): taint every result computed from them and never render.
  package var isSensitive: Bool
  /// How deeply collections nest inside this value (0 for a primitive). Recursive algorithms over values (rendering,
  /// conversion, equality) are safe below `Value.maxNesting`, which the evaluator enforces.
  package private(set) var nesting: Int

  /// Values nested deeper than this are refused by the evaluator (a diagnostic and an unknown).
  package static let maxNesting = 256

  package init(type: ValueType, content: Content, sensitive: Bool = false) {
    self.type = type
    self.content = content
    self.isSensitive = sensitive
    self.nesting = Value.nesting(of: content)
  }

  static func nesting(of content: Content) -> Int {
    // A loop, not `map(…).max()`: this runs for every collection value built, and the array cost more than the rest.
    var deepest = 0
    switch content {
    case .elements(let es):
      for element in es { deepest = Swift.max(deepest, element.nesting) }
    case .attributes(let attrs):
      for value in attrs.values { deepest = Swift.max(deepest, value.nesting) }
    default: return 0
    }
    return 1 + deepest
  }

  // MARK: Constructors

  package static func null(_ type: ValueType = .dynamic) -> Value { Value(type: type, content: .null) }
  package static func unknown(_ type: ValueType = .dynamic) -> Value { Value(type: type, content: .unknown) }
  package static func bool(_ b: Bool) -> Value { Value(type: .bool, content: .bool(b)) }
  package static func number(_ n: Double) -> Value { Value(type: .number, content: .number(n)) }
  package static func number(_ n: Int) -> Value { Value(type: .number, content: .number(Double(n))) }
  package static func string(_ s: String) -> Value { Value(type: .string, content: .string(s)) }
  package static let `true` = Value.bool(true)
  package static let `false` = Value.bool(false)

  package static func tuple(_ elements: [Value]) -> Value {
    Value(type: .tuple(elements.map(\.type)), content: .elements(elements))
  }
  package static func object(_ attributes: [String: Value]) -> Value {
    Value(type: .object(attributes.mapValues(\.type)), content: .attributes(attributes))
  }
  /// A list whose elements already share `elementType`.
  package static func list(_ elements: [Value], of elementType: ValueType) -> Value {
    Value(type: .list(elementType), content: .elements(elements))
  }
  package static func map(_ attributes: [String: Value], of elementType: ValueType) -> Value {
    Value(type: .map(elementType), content: .attributes(attributes))
  }
  /// A set: elements deduplicated and ordered as cty orders them.
  package static func set(_ elements: [Value], of elementType: ValueType) -> Value {
    var seen: Set<Value> = []
    var unique: [Value] = []
    for element in elements where seen.insert(element).inserted { unique.append(element) }
    unique.sort(by: Value.setOrder)
    return Value(type: .set(elementType), content: .elements(unique))
  }

  // MARK: Inspection

  package var isNull: Bool { if case .null = content { true } else { false } }
  package var isKnown: Bool { if case .unknown = content { false } else { true } }
  /// Known all the way down.
  package var isWhollyKnown: Bool {
    switch content {
    case .unknown: false
    case .elements(let es): es.allSatisfy(\.isWhollyKnown)
    case .attributes(let attrs): attrs.values.allSatisfy(\.isWhollyKnown)
    default: true
    }
  }
  /// Sensitive here or in any nested value.
  package var containsSensitive: Bool {
    if isSensitive { return true }
    switch content {
    case .elements(let es): return es.contains { $0.containsSensitive }
    case .attributes(let attrs): return attrs.values.contains { $0.containsSensitive }
    default: return false
    }
  }

  package var boolValue: Bool? { if case .bool(let b) = content { b } else { nil } }
  package var numberValue: Double? { if case .number(let n) = content { n } else { nil } }
  package var stringValue: String? { if case .string(let s) = content { s } else { nil } }
  package var elements: [Value]? { if case .elements(let es) = content { es } else { nil } }
  package var attributes: [String: Value]? { if case .attributes(let a) = content { a } else { nil } }

  /// The same value marked sensitive (or not) at the top level.
  package func marked(_ sensitive: Bool) -> Value {
    guard sensitive, !isSensitive else { return self }
    var copy = self
    copy.isSensitive = true
    return copy
  }

  /// The value without any sensitive mark, and whether there was one (anywhere).
  package func unmarkedDeep() -> (Value, Bool) {
    var sensitive = isSensitive
    var copy = self
    copy.isSensitive = false
    switch content {
    case .elements(let es):
      copy.content = .elements(es.map { let (v, s) = $0.unmarkedDeep(); sensitive = sensitive || s; return v })
    case .attributes(let attrs):
      copy.content = .attributes(attrs.mapValues { let (v, s) = $0.unmarkedDeep(); sensitive = sensitive || s; return v })
    default: break
    }
    return (copy, sensitive)
  }

  /// The number of elements of a known collection or structural value.
  package var count: Int? {
    switch content {
    case .elements(let es): es.count
    case .attributes(let attrs): attrs.count
    default: nil
    }
  }

  /// Same type, same content, same marks: the identity sets deduplicate by.
  package func isIdentical(to other: Value) -> Bool { self == other }

  /// cty's set order: numbers ascending, strings lexically, bools false first, then a stable rendering.
  package static func setOrder(_ a: Value, _ b: Value) -> Bool {
    switch (a.content, b.content) {
    case (.number(let x), .number(let y)): return x < y
    case (.string(let x), .string(let y)): return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
    case (.bool(let x), .bool(let y)): return !x && y
    default:
      // Unknowns last, then by rendering for determinism.
      if a.isKnown != b.isKnown { return a.isKnown }
      return a.render(revealSensitive: true) < b.render(revealSensitive: true)
    }
  }

  /// Elements as (key, value) for iteration (`for`, splats): index keys for sequences, names for maps and objects.
  package var keyedElements: [(key: Value, value: Value)]? {
    switch content {
    case .elements(let es):
      if case .set = type { return es.map { ($0, $0) } }
      return es.enumerated().map { (Value.number($0.offset), $0.element) }
    case .attributes(let attrs):
      return attrs.keys.sorted(by: Value.keyOrder).compactMap { key in attrs[key].map { (Value.string(key), $0) } }
    default: return nil
    }
  }

  /// Map and object keys are ordered lexically by Unicode scalars, as cty does.
  package static func keyOrder(_ a: String, _ b: String) -> Bool {
    a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
  }
}
