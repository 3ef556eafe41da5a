// Checks over evaluated values: types of computed attribute values, an object-valued data source used where a
// string goes, features that need Atlas Pro, and the evaluator's own diagnostics joined to the others without
// saying the same thing twice.
import HCLSyntax
import HCLEval

extension StructureChecker {
  /// The evaluation's diagnostics, less those about a place another check already reported (an undeclared
  /// `local.x` is one problem, not also "unsupported attribute"), with an object-valued data source in a string
  /// template said in Atlas's terms.
  mutating func mergeEvaluationDiagnostics(_ found: [AtlasDiagnostic], model: ProjectModel) {
    let reported = results.filter { Self.supersedesEvaluation.contains($0.diagnostic.code) }.map(\.diagnostic.subject)
      .sorted { $0.start < $1.start }
    var objectSources: [TextRange: String] = [:]
    for reference in model.references where reference.root == "data" && reference.steps.count == 2 {
      let names = reference.names
      guard names.count == 2, let source = AtlasSchema.dataSource(names[0]), case .object = source.result else { continue }
      objectSources[reference.range(throughSteps: 2)] = "\(names[0]).\(names[1])"
    }
    for var diagnostic in found {
      let subject = diagnostic.diagnostic.subject
      if Self.overlapsAny(subject, sorted: reported) { continue }
      if diagnostic.diagnostic.code == "eval.invalid-interpolation", let key = objectSources[subject] {
        diagnostic = objectSourceAsString(key, at: subject)
      }
      results.append(diagnostic)
    }
  }

  /// Checks that say better what the evaluator would also find at the same place.
  static let supersedesEvaluation: Set<String> = [
    AtlasCode.undeclaredDataSource, AtlasCode.unknownLocal, AtlasCode.unknownVariable, AtlasCode.eachOutsideForEach,
    AtlasCode.referenceInVariable, AtlasCode.unknownFunction, AtlasCode.urlOnStringSource, AtlasCode.invalidVariableType,
    AtlasCode.typeMismatch, AtlasCode.invalidEnumValue,
  ]

  func objectSourceAsString(_ key: String, at range: TextRange) -> AtlasDiagnostic {
    let type = String(key.prefix { $0 != "." })
    let hasURL = AtlasSchema.dataSource(type).map {
      if case .object(let fields) = $0.result { fields.contains { $0.name == "url" } } else { false }
    } ?? false
    return AtlasDiagnostic(
      Diagnostic(code: AtlasCode.objectSourceAsString, severity: .error,
                 summary: "data.\(key) is an object, not a string",
                 detail: hasURL ? "Use its `url`: `data.\(key).url`." : "Use one of its attributes.", subject: range),
      documentation: AtlasSchema.Links.config("data.\(type)"),
      fixes: hasURL ? [QuickFix(title: "Use data.\(key).url", range: TextRange(start: range.end, end: range.end),
                                replacement: ".url", isPreferred: true)] : [])
  }

  /// Whether a range overlaps one of `sorted` (sorted by start). Looks at the few ranges starting just before
  /// its end: diagnostics of one place start close together.
  static func overlapsAny(_ range: TextRange, sorted: [TextRange]) -> Bool {
    var low = 0
    var high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if sorted[middle].start < max(range.end, range.start + 1) { low = middle + 1 } else { high = middle }
    }
    var index = low - 1
    var looked = 0
    while index >= 0, looked < 16 {
      let other = sorted[index]
      if other.end > range.start || (other.start == range.start) { return true }
      index -= 1
      looked += 1
    }
    return false
  }

  // MARK: Computed types

  /// The type of a computed value against the attribute's: an error only when no value of that type could ever
  /// convert (unknowns of the right type and `any` pass).
  mutating func checkComputedType(_ node: SyntaxNode, attribute: AttributeSchema, documentation: String) {
    guard let value = evaluation?.values[node.range], !value.isNull, value.type != .dynamic,
      !Self.accepts(attribute.type, value.type)
    else { return }
    var fixes: [QuickFix] = []
    if Self.accepts(attribute.type, .string), case .object(let fields) = value.type, fields["url"] == .string {
      fixes.append(QuickFix(title: "Use its url", range: TextRange(start: node.range.end, end: node.range.end), replacement: ".url",
                            isPreferred: true))
    }
    report(AtlasCode.typeMismatch, .error,
           "\"\(attribute.name)\" must be \(Self.article(attribute.type)), not \(Self.describe(value.type, against: attribute.type))",
           at: node.range, documentation: documentation, fixes: fixes)
  }

  /// Whether values of an evaluated type can convert to a schema type.
  static func accepts(_ schemaType: ValueType, _ type: HCLEval.ValueType) -> Bool {
    switch schemaType {
    case .any, .typeExpression: return true
    case .string: return Conversion.isConvertible(type, to: .string)
    case .number: return Conversion.isConvertible(type, to: .number)
    case .bool: return Conversion.isConvertible(type, to: .bool)
    case .list(let element):
      switch type {
      case .list(let inner), .set(let inner): return accepts(element, inner)
      case .tuple(let elements): return elements.allSatisfy { accepts(element, $0) }
      default: return false
      }
    case .map(let element):
      switch type {
      case .map(let inner): return accepts(element, inner)
      case .object(let fields): return fields.values.allSatisfy { accepts(element, $0) }
      default: return false
      }
    case .oneOf(let types): return types.contains { accepts($0, type) }
    }
  }

  /// A value's type for a message, naming the element that does not fit when a list was expected.
  static func describe(_ type: HCLEval.ValueType, against schemaType: ValueType) -> String {
    let listElement: ValueType? = switch schemaType {
    case .list(let element): element
    case .oneOf(let types): types.lazy.compactMap { if case .list(let element) = $0 { element } else { nil } }.first
    default: nil
    }
    guard let listElement else { return describe(type) }
    let elements: [HCLEval.ValueType] = switch type {
    case .tuple(let types): types
    case .list(let element), .set(let element): [element]
    default: []
    }
    guard let misfit = elements.first(where: { !accepts(listElement, $0) }) else { return describe(type) }
    return "a list holding \(describe(misfit))"
  }

  /// A value's type for a message: what it is, never its content (it may be a secret).
  static func describe(_ type: HCLEval.ValueType) -> String {
    switch type {
    case .object: "an object"
    case .tuple, .list, .set: "a list"
    case .map: "a map"
    case .string: "a string"
    case .number: "a number"
    case .bool: "a bool"
    case .dynamic: "a value"
    }
  }

  // MARK: Atlas Pro

  /// An information note on a feature of Atlas Pro: the Community Edition ignores or rejects it.
  mutating func reportPro(_ what: String, at range: TextRange, documentation: String) {
    report(AtlasCode.proFeature, .information, "\(what) needs Atlas Pro",
           detail: "The Community Edition of Atlas does not have it; `atlas login` enables it.", at: range,
           documentation: documentation)
  }
}
