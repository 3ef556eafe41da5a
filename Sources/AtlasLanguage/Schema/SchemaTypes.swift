// The shape of atlas.hcl's schema as plain data: blocks, attributes, data sources and functions, with their docs.
//
// The facts come from ../shared/reference/atlas-config.md (§2 blocks, §3 data sources, §5 functions), itself drawn
// from Atlas's generated schema (https://atlasgo.io/hcl/config) and its source. Documentation strings are our own
// words; `link` points at the matching atlasgo.io page.

/// A value type as far as a literal can show it. Anything computed is judged later, by evaluation.
package indirect enum ValueType: Sendable, Hashable, CustomStringConvertible {
  case string
  case number
  case bool
  /// Anything at all (a variable's default, a local, an extra env attribute).
  case any
  /// An HCL type expression such as `string` or `list(number)` (only `variable.type`).
  case typeExpression
  case list(ValueType)
  case map(ValueType)
  /// Either of several types (e.g. `src`: a string or a list of strings).
  case oneOf([ValueType])

  package var description: String {
    switch self {
    case .string: "string"
    case .number: "number"
    case .bool: "bool"
    case .any: "any"
    case .typeExpression: "type"
    case .list(let element): "list(\(element))"
    case .map(let element): "map(\(element))"
    case .oneOf(let types): types.map(\.description).joined(separator: " or ")
    }
  }
}

/// How sure we are that Atlas rejects something: an error only when Atlas certainly does (a gohcl-decoded block, a
/// documented CLI error); a warning when Atlas ignores it or a newer release may accept it (reference §11).
package enum Strictness: Sendable, Hashable {
  /// Unknown attributes are fine (env: they become inputs of schema files; locals: they are the locals).
  case open
  /// Unknown names are likely typos, but Atlas ignores them or may know them in a newer release: a warning.
  case lenient
  /// Atlas decodes the block strictly (gohcl), so an unknown name fails the run: an error.
  case strict
}

/// A class, not a struct: the checks and the evaluation look attributes up for every attribute of the file, and
/// copying a struct of this many strings and arrays each time cost more than the lookup itself.
package final class AttributeSchema: Sendable {
  package let name: String
  package let type: ValueType
  package let required: Bool
  /// The default as Atlas documents it, written as HCL.
  package let defaultValue: String?
  /// For enumerations: the values Atlas accepts. Empty when any value of `type` is fine.
  package let allowedValues: [String]
  /// Whether bare identifiers are accepted for the enum values (Atlas's scoped enums, reference §1.8).
  package let acceptsBareEnum: Bool
  /// How Atlas normalises a value before comparing it (`exec_order` lower-cases and turns `_` into `-`).
  package let normalizesEnum: Bool
  package let doc: String
  package let link: String?
  package let pro: Bool
  /// Set when the attribute is deprecated: what to use instead.
  package let deprecation: String?

  package init(
    _ name: String, _ type: ValueType, required: Bool = false, default defaultValue: String? = nil,
    allowed: [String] = [], bareEnum: Bool = false, normalizesEnum: Bool = false, pro: Bool = false,
    deprecation: String? = nil, link: String? = nil, _ doc: String
  ) {
    self.name = name
    self.type = type
    self.required = required
    self.defaultValue = defaultValue
    self.allowedValues = allowed
    self.acceptsBareEnum = bareEnum
    self.normalizesEnum = normalizesEnum
    self.doc = doc
    self.link = link
    self.pro = pro
    self.deprecation = deprecation
  }
}

/// How many labels a block takes, and what they mean.
package struct LabelRule: Sendable, Hashable {
  package var names: [String]
  package var min: Int
  package var max: Int
  /// Whether a wrong count is certainly rejected by Atlas (an error) or only suspicious (a warning).
  package var strict: Bool

  package static let none = LabelRule(names: [], min: 0, max: 0, strict: false)
  package static func exactly(_ names: String..., strict: Bool = true) -> LabelRule {
    LabelRule(names: names, min: names.count, max: names.count, strict: strict)
  }
  package static func optional(_ name: String, strict: Bool = true) -> LabelRule {
    LabelRule(names: [name], min: 0, max: 1, strict: strict)
  }
  /// Labels of no fixed number (Atlas does not look at them), e.g. the schema blocks of `composite_schema`.
  package static func upTo(_ count: Int, _ names: [String]) -> LabelRule {
    LabelRule(names: names, min: 0, max: count, strict: false)
  }
}

/// A class for the same reason as `AttributeSchema`: a block schema holds the whole tree below it.
package final class BlockSchema: Sendable {
  package let type: String
  package let labels: LabelRule
  package let attributes: [AttributeSchema]
  package let blocks: [BlockSchema]
  package let repeatable: Bool
  package let required: Bool
  package let unknownAttributes: Strictness
  package let unknownBlocks: Strictness
  /// Sets of attributes or blocks of which at most one may appear.
  package let exclusive: [[String]]
  /// Sets of which exactly one must appear.
  package let oneOfRequired: [[String]]
  /// Whether a duplicate of a non-repeatable block is certainly rejected (an error) or a warning.
  package let duplicateIsError: Bool
  package let doc: String
  package let link: String
  package let pro: Bool
  /// Set when the block is deprecated: what to use instead.
  package let deprecation: String?

  package init(
    _ type: String, labels: LabelRule = .none, attributes: [AttributeSchema] = [], blocks: [BlockSchema] = [],
    repeatable: Bool = false, required: Bool = false, unknownAttributes: Strictness = .lenient,
    unknownBlocks: Strictness = .lenient, exclusive: [[String]] = [], oneOfRequired: [[String]] = [],
    duplicateIsError: Bool = false, pro: Bool = false, deprecation: String? = nil, link: String, _ doc: String
  ) {
    self.type = type
    self.labels = labels
    self.attributes = attributes
    self.blocks = blocks
    self.repeatable = repeatable
    self.required = required
    self.unknownAttributes = unknownAttributes
    self.unknownBlocks = unknownBlocks
    self.exclusive = exclusive
    self.oneOfRequired = oneOfRequired
    self.duplicateIsError = duplicateIsError
    self.doc = doc
    self.link = link
    self.pro = pro
    self.deprecation = deprecation
  }

  package func attribute(_ name: String) -> AttributeSchema? { attributes.first { $0.name == name } }
  package func block(_ type: String) -> BlockSchema? { blocks.first { $0.type == type } }
}

/// What `data.<type>.<name>` evaluates to.
package enum DataSourceResult: Sendable, Hashable {
  /// A plain string (a token, a program's output): it has no attributes.
  case string
  /// An object with these attributes.
  case object([(name: String, type: String)])

  package static func == (lhs: DataSourceResult, rhs: DataSourceResult) -> Bool {
    switch (lhs, rhs) {
    case (.string, .string): true
    case (.object(let a), .object(let b)): a.map(\.name) == b.map(\.name) && a.map(\.type) == b.map(\.type)
    default: false
    }
  }

  package func hash(into hasher: inout Hasher) {
    switch self {
    case .string: hasher.combine(0)
    case .object(let fields): for field in fields { hasher.combine(field.name); hasher.combine(field.type) }
    }
  }
}

package struct DataSourceSchema: Sendable {
  /// The block's attributes and nested blocks (its `type` is the data source's type label).
  package var body: BlockSchema
  package var result: DataSourceResult
  package var type: String { body.type }

  package init(_ body: BlockSchema, result: DataSourceResult) {
    self.body = body
    self.result = result
  }
}

package struct FunctionParameter: Sendable, Hashable {
  package var name: String
  package var type: String
  package init(_ name: String, _ type: String) {
    self.name = name
    self.type = type
  }
}

package struct FunctionSchema: Sendable, Hashable {
  package var name: String
  package var parameters: [FunctionParameter]
  /// The trailing variadic parameter, if any.
  package var variadic: FunctionParameter?
  package var returns: String
  package var doc: String
  package var link: String
  /// Set when the function is deprecated: what to use instead.
  package var deprecation: String?

  package init(
    _ name: String, _ parameters: [FunctionParameter], variadic: FunctionParameter? = nil, returns: String,
    deprecation: String? = nil, link: String = AtlasSchema.Links.functions, _ doc: String
  ) {
    self.name = name
    self.parameters = parameters
    self.variadic = variadic
    self.returns = returns
    self.doc = doc
    self.link = link
    self.deprecation = deprecation
  }

  /// `name(a string, ...b string) string`.
  package var signature: String {
    var parts = parameters.map { "\($0.name) \($0.type)" }
    if let variadic { parts.append("...\(variadic.name) \(variadic.type)") }
    return "\(name)(\(parts.joined(separator: ", "))) \(returns)"
  }
}
