// Structure checks of atlas.hcl against `AtlasSchema`: unknown blocks and attributes (with did-you-mean), missing
// required attributes, label counts, duplicates, mutually exclusive attributes, enum values and types (of literals
// as written, of anything else as evaluated). Syntax diagnostics are not repeated here.
package import HCLSyntax
import HCLEval

package enum AtlasChecks {
  /// The diagnostics of the atlas.hcl layers (structure, references, evaluation, meaning), in source order; the
  /// caller adds the syntax diagnostics.
  package static func check(_ file: ParsedFile, inputs: EvaluationInputs = EvaluationInputs()) -> [Diagnostic] {
    checkDetailed(file, inputs: inputs).map(\.diagnostic)
  }

  /// The same, with documentation links and quick fixes.
  package static func checkDetailed(_ file: ParsedFile, inputs: EvaluationInputs = EvaluationInputs()) -> [AtlasDiagnostic] {
    AtlasAnalysis(file, inputs: inputs).diagnostics
  }
}

/// A block as the checks see it.
struct BlockView {
  let node: SyntaxNode
  let type: String
  let typeRange: TextRange
  let labels: [(text: String, range: TextRange)]
  let body: SyntaxNode?

  /// From the type to the last label: where header problems are reported.
  var headerRange: TextRange { TextRange(start: typeRange.start, end: labels.last?.range.end ?? typeRange.end) }
}

/// An attribute as the checks see it.
struct AttributeView {
  let node: SyntaxNode
  let name: String
  let nameRange: TextRange
  let value: SyntaxNode?
}

/// What a literal expression is; `computed` for anything that needs evaluation.
enum LiteralValue {
  case null, bool(Bool), number(String), string(String), tuple([SyntaxNode]), object, bareIdentifier(String), computed
}

/// The attributes and blocks of each body already read: the model, the evaluation and the checks all read the same
/// bodies, and building the views (names and labels as strings) is most of what reading costs.
final class BodyItemsCache {
  typealias Items = (attributes: [AttributeView], blocks: [BlockView])
  /// Each body's position in `items`, by node id (-1: not read yet). An array indexed by id instead of a dictionary:
  /// hashing the id cost more than the lookup. Unchecked exclusivity: the tables are touched only inside `entry` and
  /// `store`, which call nothing, so no access can overlap another (the dynamic checks cost as much as the lookups).
  @exclusivity(unchecked) private var slots: [Int32] = []
  @exclusivity(unchecked) private var items: [Items] = []

  func entry(_ id: Int) -> Items? {
    guard id >= 0, id < slots.count else { return nil }
    let slot = Int(slots[id])
    return slot >= 0 && slot < items.count ? items[slot] : nil
  }

  func store(_ entry: Items, for id: Int) {
    guard id >= 0 else { return }
    if id >= slots.count { slots.append(contentsOf: repeatElement(-1, count: max(id + 1, slots.count * 2) - slots.count)) }
    slots[id] = Int32(truncatingIfNeeded: items.count)
    items.append(entry)
  }
}

/// The names used in one body (attributes, then nested block types) in the order they are first used, with where.
/// Most bodies hold a handful, so the list is searched directly; past 16 names a dictionary takes over (hashing every
/// name of every body cost more than the rest of the structure check).
struct BodyNames {
  private(set) var entries: [(name: String, range: TextRange)] = []
  private var table: [String: Int]?

  /// Where a name is first used, or nil.
  func range(of name: String) -> TextRange? {
    if let table { return table[name].map { entries[$0].range } }
    // Lengths first (a count a string keeps): most names differ in length, and comparing their text cost more.
    let length = name.utf8.count
    for entry in entries where entry.name.utf8.count == length && entry.name == name { return entry.range }
    return nil
  }

  /// Adds a name unless it is there already; whether it was added.
  @discardableResult mutating func insert(_ name: String, at position: TextRange) -> Bool {
    guard range(of: name) == nil else { return false }
    entries.append((name, position))
    if table != nil {
      table?[name] = entries.count - 1
    } else if entries.count == 16 {
      table = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.name, $0) })
    }
    return true
  }
}

struct StructureChecker {
  let file: ParsedFile
  var results: [AtlasDiagnostic] = []
  /// The file's values, once evaluated (nil while the model itself is being built).
  var evaluation: ProjectEvaluation?
  /// The file's project model, once built by `checkFile`.
  var model: ProjectModel?
  let cache: BodyItemsCache

  init(file: ParsedFile, cache: BodyItemsCache = BodyItemsCache()) {
    self.file = file
    self.cache = cache
  }

  // MARK: Reading the tree

  func blockView(_ node: SyntaxNode) -> BlockView? {
    guard let typeToken = file.directToken(.ident, of: node) else { return nil }
    var labels: [(String, TextRange)] = []
    for label in node.nodeChildren where label.kind == .blockLabel {
      var text = ""
      for case .token(let index) in label.children {
        let token = file.tokens[Int(index)]
        if token.kind == .quotedLit || token.kind == .ident { text += file.text(of: token) }
      }
      labels.append((text, label.range))
    }
    return BlockView(node: node, type: file.text(of: typeToken), typeRange: typeToken.range, labels: labels,
                     body: node.firstChild(.body))
  }

  func attributeView(_ node: SyntaxNode) -> AttributeView? {
    guard let nameToken = file.directToken(.ident, of: node) else { return nil }
    return AttributeView(node: node, name: file.text(of: nameToken), nameRange: nameToken.range, value: node.firstChildNode)
  }

  func items(of body: SyntaxNode?) -> (attributes: [AttributeView], blocks: [BlockView]) {
    guard let body else { return ([], []) }
    if let known = cache.entry(body.id) { return known }
    var attributes: [AttributeView] = []
    var blocks: [BlockView] = []
    for child in body.nodeChildren {
      switch child.kind {
      case .attribute: if let view = attributeView(child) { attributes.append(view) }
      case .block: if let view = blockView(child) { blocks.append(view) }
      default: break
      }
    }
    cache.store((attributes, blocks), for: body.id)
    return (attributes, blocks)
  }

  /// With `readingText` false, a string literal's text is left empty: whether an expression is a literal string is
  /// then answered without building the string (most values need no more).
  func literal(_ node: SyntaxNode, readingText: Bool = true) -> LiteralValue {
    switch node.kind {
    case .literal:
      guard let token = file.directTokens(of: node).first?.token else { return .computed }
      let text = file.text(of: token)
      if token.kind == .numberLit { return .number(text) }
      switch text {
      case "true": return .bool(true)
      case "false": return .bool(false)
      case "null": return .null
      default: return .computed
      }
    case .quotedTemplate, .heredocTemplate:
      var text = ""
      for child in node.children {
        switch child {
        case .token(let index):
          let token = file.tokens[Int(index)]
          if readingText, token.kind == .quotedLit || token.kind == .stringLit { text += file.text(of: token) }
        case .node(let inner):
          guard inner.kind == .templateLiteral else { return .computed }
          guard readingText else { continue }
          for (_, token) in file.directTokens(of: inner) where token.kind == .quotedLit || token.kind == .stringLit {
            text += file.text(of: token)
          }
        }
      }
      return .string(text)
    case .tuple: return .tuple(node.childNodes)
    case .object: return .object
    case .variable:
      let tokens = file.directTokens(of: node)
      if tokens.count == 1, tokens[0].token.kind == .ident { return .bareIdentifier(file.text(of: tokens[0].token)) }
      return .computed
    case .parentheses:
      // Iterative: parentheses can nest as deep as the file is long.
      var inner = node
      while inner.kind == .parentheses, let next = inner.childNodes.first { inner = next }
      return inner.kind == .parentheses ? .computed : literal(inner, readingText: readingText)
    default: return .computed
    }
  }

  // MARK: Reporting

  mutating func report(
    _ code: String, _ severity: Severity, _ summary: String, detail: String? = nil, at range: TextRange,
    documentation: String?, fixes: [QuickFix] = []
  ) {
    results.append(AtlasDiagnostic(
      Diagnostic(code: code, severity: severity, summary: summary, detail: detail, subject: range),
      documentation: documentation, fixes: fixes))
  }

  static func severity(_ strictness: Strictness) -> Severity { strictness == .strict ? .error : .warning }

  // MARK: The file

  mutating func checkFile(inputs: EvaluationInputs) {
    let model = ProjectModel(file, views: self)
    self.model = model
    let evaluation = ProjectEvaluation(file, model: model, inputs: inputs, views: self)
    self.evaluation = evaluation
    let (attributes, blocks) = items(of: file.root.firstChild(.body))
    for attribute in attributes {
      report(AtlasCode.unknownAttribute, .warning, "Top-level attribute \"\(attribute.name)\" is ignored",
             detail: "Atlas evaluates attributes outside blocks and then ignores them; put values in a `locals` block.",
             at: attribute.nameRange, documentation: AtlasSchema.Links.projects, fixes: [removal(of: attribute)])
    }
    var seen: [String: Int] = [:]
    for block in blocks {
      seen[block.type, default: 0] += 1
      guard let schema = AtlasSchema.topLevelBlock(block.type) else {
        unknownBlock(block, in: "the file", candidates: AtlasSchema.topLevelBlocks.map(\.type), strictness: .lenient,
                     documentation: AtlasSchema.Links.config)
        continue
      }
      if !schema.repeatable, seen[block.type, default: 0] > 1 {
        duplicateBlock(block, schema: schema)
      }
      switch block.type {
      case "data": checkData(block)
      case "docker": checkDocker(block, schema: schema)
      case "hook":
        checkLabels(block, schema.labels, documentation: schema.link)
        if let kind = block.labels.first, kind.text != "sql" {
          report(AtlasCode.unknownLabel, .warning, "Unknown hook kind \"\(kind.text)\"", detail: "The known kind is \"sql\".",
                 at: kind.range, documentation: schema.link,
                 fixes: [QuickFix(title: "Change to \"sql\"", range: kind.range, replacement: "\"sql\"", isPreferred: true)])
        }
        checkBody(block, schema: schema, path: block.type)
      default:
        checkLabels(block, schema.labels, documentation: schema.link)
        checkBody(block, schema: schema, path: block.type)
        if block.type == "env" { checkEnvName(block) }
      }
    }
    checkReferences(model)
    checkRDS(model)
    mergeEvaluationDiagnostics(evaluation.diagnostics, model: model)
  }

  // MARK: Blocks

  mutating func unknownBlock(
    _ block: BlockView, in container: String, candidates: [String], strictness: Strictness, documentation: String
  ) {
    guard strictness != .open else { return }
    let suggestion = Spelling.suggestion(for: block.type, among: candidates)
    let extra = strictness == .strict ? "Atlas rejects it." : "Atlas ignores it (or it is newer than Mercator knows)."
    report(AtlasCode.unknownBlock, Self.severity(strictness), "Unknown block \"\(block.type)\" in \(container)",
           detail: suggestion.map { "Did you mean \"\($0)\"? \(extra)" } ?? extra, at: block.typeRange,
           documentation: documentation,
           fixes: suggestion.map { [QuickFix(title: "Change to \"\($0)\"", range: block.typeRange, replacement: $0, isPreferred: true)] } ?? [])
  }

  mutating func duplicateBlock(_ block: BlockView, schema: BlockSchema) {
    report(AtlasCode.duplicateBlock, schema.duplicateIsError ? .error : .warning,
           "Duplicate \"\(block.type)\" block", detail: "Only one \"\(block.type)\" block is allowed here.",
           at: block.typeRange, documentation: schema.link)
  }

  mutating func checkLabels(_ block: BlockView, _ rule: LabelRule, documentation: String) {
    let count = block.labels.count
    guard count < rule.min || count > rule.max else { return }
    let expected: String
    if rule.min == rule.max {
      expected = rule.min == 0 ? "no labels" : "exactly \(rule.min) label\(rule.min == 1 ? "" : "s") (\(rule.names.joined(separator: ", ")))"
    } else {
      expected = "\(rule.min) \(rule.max - rule.min == 1 ? "or" : "to") \(rule.max) labels (\(rule.names.joined(separator: ", ")))"
    }
    let range = count > rule.max && rule.max < count ? TextRange(start: block.labels[rule.max].range.start,
                                                                 end: block.labels[count - 1].range.end)
      : block.headerRange
    report(AtlasCode.labelCount, rule.strict ? .error : .warning,
           "Block \"\(block.type)\" takes \(expected), not \(count)", at: range, documentation: documentation)
  }

  mutating func checkData(_ block: BlockView) {
    let link = AtlasSchema.Links.projects + "#data-sources"
    if block.labels.count != 2 {
      report(AtlasCode.labelCount, .error, "Block \"data\" takes exactly 2 labels (type, name), not \(block.labels.count)",
             at: block.labels.count > 2 ? TextRange(start: block.labels[2].range.start, end: block.labels[block.labels.count - 1].range.end) : block.headerRange,
             documentation: link)
    }
    guard let type = block.labels.first else { return }
    guard let source = AtlasSchema.dataSource(type.text) else {
      let suggestion = Spelling.suggestion(for: type.text, among: AtlasSchema.dataSources.map(\.type))
      report(AtlasCode.unknownDataSource, .warning, "Unknown data source type \"\(type.text)\"",
             detail: suggestion.map { "Did you mean \"\($0)\"?" } ?? "Atlas fails on a data source it has no handler for.",
             at: type.range, documentation: link,
             fixes: suggestion.map { [QuickFix(title: "Change to \"\($0)\"", range: type.range, replacement: "\"\($0)\"", isPreferred: true)] } ?? [])
      return
    }
    checkBody(block, schema: source.body, path: "data \"\(source.type)\"")
  }

  mutating func checkDocker(_ block: BlockView, schema: BlockSchema) {
    checkLabels(block, schema.labels, documentation: schema.link)
    if let driver = block.labels.first, !AtlasSchema.dockerDrivers.contains(driver.text) {
      let suggestion = Spelling.suggestion(for: driver.text, among: AtlasSchema.dockerDrivers)
      report(AtlasCode.unknownDockerDriver, .warning, "Unknown docker driver \"\(driver.text)\"",
             detail: suggestion.map { "Did you mean \"\($0)\"?" } ?? "Known drivers: \(AtlasSchema.dockerDrivers.joined(separator: ", ")).",
             at: driver.range, documentation: schema.link,
             fixes: suggestion.map { [QuickFix(title: "Change to \"\($0)\"", range: driver.range, replacement: "\"\($0)\"", isPreferred: true)] } ?? [])
    }
    checkBody(block, schema: schema, path: "docker")
    // `database` exists only for the drivers that have databases inside a server (reference §2.8).
    if let driver = block.labels.first?.text, AtlasSchema.dockerDrivers.contains(driver),
      !["postgres", "sqlserver"].contains(driver),
      let database = items(of: block.body).attributes.first(where: { $0.name == "database" })
    {
      report(AtlasCode.unknownAttribute, .warning, "Attribute \"database\" does not apply to docker \"\(driver)\"",
             detail: "Only the postgres and sqlserver drivers take a database; use `schema` instead.",
             at: database.nameRange, documentation: schema.link, fixes: [removal(of: database)])
    }
  }

  /// An unlabelled env is selected only when its `name` expression uses the traversal `atlas.env` (Atlas looks at
  /// the expression, not its value: reference §1.2, §9.8).
  mutating func checkEnvName(_ block: BlockView) {
    guard block.labels.isEmpty else { return }
    if let value = items(of: block.body).attributes.first(where: { $0.name == "name" })?.value {
      let texts = file.tokenIndices(in: value).map { file.tokens[$0] }
        .filter { $0.kind != .whitespace && $0.kind != .newline && $0.kind != .comment }.map { file.text(of: $0) }
      for i in texts.indices.dropLast(2) where texts[i] == "atlas" && texts[i + 1] == "." && texts[i + 2] == "env" {
        return
      }
    }
    report(AtlasCode.unselectableEnv, .warning, "This env can never be selected",
           detail: "Atlas keeps an unlabelled env only when its `name` uses `atlas.env`; add a label or `name = atlas.env`.",
           at: block.typeRange, documentation: AtlasSchema.Links.config("env"),
           fixes: items(of: block.body).attributes.contains { $0.name == "name" } ? []
             : insertion(of: "name = atlas.env", title: "Add name = atlas.env", into: block).map { [$0] } ?? [])
  }

  mutating func checkBody(_ block: BlockView, schema: BlockSchema, path: String) {
    let (attributes, blocks) = items(of: block.body)
    if schema.pro { reportPro(Self.describe(path), at: block.typeRange, documentation: schema.link) }
    if let deprecation = schema.deprecation {
      report(AtlasCode.deprecated, .warning, "\"\(block.type)\" is deprecated", detail: deprecation.prefix(1).uppercased() + deprecation.dropFirst() + ".",
             at: block.typeRange, documentation: schema.link,
             fixes: Self.replacementName(in: deprecation).map { [QuickFix(title: "Change to \"\($0)\"", range: block.typeRange, replacement: $0)] } ?? [])
    }
    var present = BodyNames()
    for attribute in attributes {
      // A repeated attribute is a syntax diagnostic already (hcl's "Attribute redefined").
      guard present.insert(attribute.name, at: attribute.nameRange) else { continue }
      guard let attributeSchema = schema.attribute(attribute.name) else {
        guard schema.unknownAttributes != .open else { continue }
        let suggestion = Spelling.suggestion(for: attribute.name, among: schema.attributes.map(\.name))
        let extra = schema.unknownAttributes == .strict ? "Atlas rejects it." : "Atlas ignores it (or it is newer than Mercator knows)."
        report(AtlasCode.unknownAttribute, Self.severity(schema.unknownAttributes),
               "Unknown attribute \"\(attribute.name)\" in \(Self.describe(path))",
               detail: suggestion.map { "Did you mean \"\($0)\"? \(extra)" } ?? extra, at: attribute.nameRange,
               documentation: schema.link,
               fixes: (suggestion.map { [QuickFix(title: "Change to \"\($0)\"", range: attribute.nameRange, replacement: $0,
                                                  isPreferred: true)] } ?? []) + [removal(of: attribute)])
        continue
      }
      if attributeSchema.pro {
        reportPro("\"\(attribute.name)\"", at: attribute.nameRange, documentation: attributeSchema.link ?? schema.link)
      }
      if let deprecation = attributeSchema.deprecation {
        report(AtlasCode.deprecated, .warning, "\"\(attribute.name)\" is deprecated",
               detail: deprecation.prefix(1).uppercased() + deprecation.dropFirst() + ".", at: attribute.nameRange,
               documentation: attributeSchema.link ?? schema.link,
               fixes: Self.replacementName(in: deprecation).map {
                 [QuickFix(title: "Change to \"\($0)\"", range: attribute.nameRange, replacement: $0)]
               } ?? [])
      }
      if let value = attribute.value { checkValue(value, attribute: attributeSchema, schema: schema) }
    }
    var blockTypes = BodyNames()
    for nested in blocks {
      let repeated = !blockTypes.insert(nested.type, at: nested.typeRange)
      present.insert(nested.type, at: nested.typeRange)
      guard let nestedSchema = schema.block(nested.type) else {
        unknownBlock(nested, in: Self.describe(path), candidates: schema.blocks.map(\.type), strictness: schema.unknownBlocks,
                     documentation: schema.link)
        continue
      }
      if !nestedSchema.repeatable, repeated { duplicateBlock(nested, schema: nestedSchema) }
      checkLabels(nested, nestedSchema.labels, documentation: nestedSchema.link)
      checkBody(nested, schema: nestedSchema, path: "\(path).\(nested.type)")
    }
    for attribute in schema.attributes where attribute.required && present.range(of: attribute.name) == nil {
      report(AtlasCode.missingRequiredAttribute, .error,
             "Missing required attribute \"\(attribute.name)\" in \(Self.describe(path))",
             detail: attribute.doc, at: block.headerRange, documentation: attribute.link ?? schema.link,
             fixes: addition(of: attribute, to: block).map { [$0] } ?? [])
    }
    for set in schema.exclusive {
      // The names of the set in the order they are first used, each once.
      let used = present.entries.filter { set.contains($0.name) }
      guard used.count > 1 else { continue }
      report(AtlasCode.mutuallyExclusive, .error,
             "\"\(used[0].name)\" and \"\(used[1].name)\" cannot be used together",
             detail: "Keep one of \(set.map { "\"\($0)\"" }.joined(separator: ", ")).", at: used[1].range,
             documentation: schema.link,
             fixes: attributes.first { $0.name == used[1].name && $0.nameRange == used[1].range }.map { [removal(of: $0)] } ?? [])
    }
    for set in schema.oneOfRequired where !set.contains(where: { present.range(of: $0) != nil }) {
      report(AtlasCode.missingOneOf, .error,
             "One of \(set.map { "\"\($0)\"" }.joined(separator: " or ")) is required in \(Self.describe(path))",
             at: block.headerRange, documentation: schema.link,
             fixes: set.compactMap { name in schema.attribute(name).flatMap { addition(of: $0, to: block) } })
    }
  }

  /// `"env.migration"`, or `data "sql"` as it is written.
  static func describe(_ path: String) -> String { path.hasPrefix("data \"") ? path : "\"\(path)\"" }

  // MARK: Values

  mutating func checkValue(_ value: SyntaxNode, attribute: AttributeSchema, schema: BlockSchema) {
    let documentation = attribute.link ?? schema.link
    if attribute.type == .typeExpression {
      checkTypeExpression(value, documentation: documentation)
      return
    }
    // The text of a string literal matters only for an enum or when a number or bool is expected.
    let literalValue = literal(value, readingText: !attribute.allowedValues.isEmpty || Self.readsText(attribute.type))
    if !attribute.allowedValues.isEmpty {
      var candidate: String?
      switch literalValue {
      case .string(let text): candidate = text
      case .bareIdentifier(let name) where attribute.acceptsBareEnum: candidate = name
      default: break
      }
      if let candidate {
        func normal(_ text: String) -> String {
          attribute.normalizesEnum ? String(text.lowercased().map { $0 == "_" ? "-" : $0 }) : text
        }
        let wanted = normal(candidate)
        if !attribute.allowedValues.contains(where: { normal($0) == wanted }) {
          let suggestion = Spelling.suggestion(for: candidate, among: attribute.allowedValues)
          let replacement: String? = suggestion.map { name in
            if case .string = literalValue { "\"\(name)\"" } else { name }
          }
          report(AtlasCode.invalidEnumValue, .error, "\"\(candidate)\" is not a valid value of \"\(attribute.name)\"",
                 detail: (suggestion.map { "Did you mean \"\($0)\"? " } ?? "")
                   + "Valid values: \(attribute.allowedValues.joined(separator: ", ")).",
                 at: value.range, documentation: documentation,
                 fixes: replacement.map { [QuickFix(title: "Change to \($0)", range: value.range, replacement: $0, isPreferred: true)] } ?? [])
        }
        return
      }
    }
    if let problem = mismatch(literalValue, attribute.type) {
      report(AtlasCode.typeMismatch, .error, "\"\(attribute.name)\" must be \(Self.article(attribute.type)), not \(problem)",
             at: value.range, documentation: documentation)
    } else if case .computed = literalValue {
      checkComputedType(value, attribute: attribute, documentation: documentation)
    }
  }

  /// Whether `mismatch` looks at a string literal's text for this type (to accept `"1"` as a number or `"true"` as
  /// a bool); list elements are read again from the tree.
  static func readsText(_ type: ValueType) -> Bool {
    switch type {
    case .number, .bool: true
    case .oneOf(let types): types.contains(where: readsText)
    default: false
    }
  }

  static func article(_ type: ValueType) -> String {
    switch type {
    case .string: "a string"
    case .number: "a number"
    case .bool: "a bool"
    case .list(let element): element == .any ? "a list" : "a list of \(element)s"
    case .map: "a map"
    case .oneOf(let types): types.map(article).joined(separator: " or ")
    case .any, .typeExpression: "a value"
    }
  }

  /// What is wrong with a literal for a type, or nil when it fits or cannot be judged without evaluation.
  func mismatch(_ value: LiteralValue, _ type: ValueType) -> String? {
    switch (value, type) {
    case (.null, _), (.computed, _), (.bareIdentifier, _), (_, .any), (_, .typeExpression): return nil
    case (.tuple, .string), (.tuple, .number), (.tuple, .bool), (.tuple, .map): return "a list"
    case (.object, .string), (.object, .number), (.object, .bool), (.object, .list): return "an object"
    // The message says "a string", never which: a value in the wrong place may be a secret (DESIGN §3).
    case (.string(let text), .number): return Double(text) == nil ? "a string" : nil
    case (.string(let text), .bool): return text == "true" || text == "false" ? nil : "a string"
    case (.bool, .number): return "a bool"
    case (.number, .bool): return "a number"
    case (.string, .list), (.string, .map): return "a string"
    case (.number, .list), (.number, .map): return "a number"
    case (.bool, .list), (.bool, .map): return "a bool"
    case (.tuple(let elements), .list(let elementType)):
      for element in elements {
        if let problem = mismatch(literal(element), elementType) { return "a list holding \(problem)" }
      }
      return nil
    case (_, .oneOf(let types)):
      let problems = types.map { mismatch(value, $0) }
      return problems.contains { $0 == nil } ? nil : problems.first ?? nil
    default: return nil
    }
  }

  // MARK: Variable types

  /// `variable.type` must be a type expression (reference §2.1); there is no `any`.
  mutating func checkTypeExpression(_ value: SyntaxNode, documentation: String) {
    if let problem = typeProblem(value) {
      // A misspelt keyword (`strng`) has one obvious fix; a quoted type (`"string"`) is the keyword unquoted.
      var fixes: [QuickFix] = []
      switch literal(value) {
      case .bareIdentifier(let name):
        if let suggestion = Spelling.suggestion(for: name, among: ["string", "number", "bool", "int"]) {
          fixes.append(QuickFix(title: "Change to \(suggestion)", range: value.range, replacement: suggestion, isPreferred: true))
        }
      case .string(let text) where ["string", "number", "bool", "int"].contains(text):
        fixes.append(QuickFix(title: "Change to \(text)", range: value.range, replacement: text, isPreferred: true))
      default: break
      }
      report(AtlasCode.invalidVariableType, .error, problem,
             detail: "Valid types are string, number, bool, int, list(T), set(T), map(T), tuple([…]) and object({…}).",
             at: value.range, documentation: documentation, fixes: fixes)
    }
  }

  /// The name a deprecation says to use instead (`use `format` instead`), if it names one.
  static func replacementName(in deprecation: String) -> String? {
    let parts = deprecation.split(separator: "`", omittingEmptySubsequences: false)
    guard deprecation.hasPrefix("use `"), parts.count >= 3, !parts[1].isEmpty else { return nil }
    return String(parts[1])
  }

  /// Recursive over type constructors, so bounded: a type nested deeper than `depth` is not judged.
  func typeProblem(_ node: SyntaxNode, depth: Int = 64) -> String? {
    guard depth > 0 else { return nil }
    func typeProblem(_ node: SyntaxNode) -> String? { self.typeProblem(node, depth: depth - 1) }
    switch node.kind {
    case .variable:
      switch literal(node) {
      case .bareIdentifier(let name):
        if ["string", "number", "bool", "int"].contains(name) { return nil }
        if name == "any" { return "Atlas has no \"any\" type" }
        if let suggestion = Spelling.suggestion(for: name, among: ["string", "number", "bool", "int"]) {
          return "\"\(name)\" is not a type; did you mean \"\(suggestion)\"?"
        }
        return "\"\(name)\" is not a type"
      default: return "A variable's type must be a type, not a reference"
      }
    case .functionCall:
      guard let nameToken = file.directToken(.ident, of: node) else { return nil }
      let name = file.text(of: nameToken)
      let arguments = node.firstChild(.argumentList)?.childNodes ?? []
      switch name {
      case "list", "set", "map":
        return arguments.count == 1 ? typeProblem(arguments[0]) : "\(name)() takes exactly one element type"
      case "tuple":
        guard arguments.count == 1, arguments[0].kind == .tuple else { return "tuple() takes a list of types" }
        for element in arguments[0].childNodes { if let problem = typeProblem(element) { return problem } }
        return nil
      case "object":
        guard arguments.count == 1, arguments[0].kind == .object else { return "object() takes an object of types" }
        for item in arguments[0].childNodes where item.kind == .objectItem {
          if let type = item.childNodes.last, let problem = typeProblem(type) { return problem }
        }
        return nil
      default: return "\"\(name)\" is not a type constructor"
      }
    case .quotedTemplate, .heredocTemplate: return "A variable's type is written without quotes"
    case .parentheses: return node.childNodes.first.flatMap(typeProblem)
    default: return "A variable's type must be a type expression"
    }
  }
}
