// What completion offers at each kind of place: block types and attributes in bodies, data source types and other
// labels, values (enums, booleans, types, references, functions) after `=`, and reference steps after a dot.
import HCLEval
import HCLSyntax

extension CompletionBuilder {
  // MARK: Blocks and attributes

  /// The path of schema names down to the innermost block (`DocumentationTopic`): a data source's body is
  /// `data.TYPE`.
  var blockPath: [String] { blockPath(of: context.blocks) }

  func blockPath(of blocks: some Collection<CursorContext.EnclosingBlock>) -> [String] {
    blocks.map { block in block.dataSource.map { "data.\($0.type)" } ?? block.view.type }
  }

  /// The attributes and blocks of the innermost body (or of the file) that exist already, the one under the
  /// position excepted (it is being typed).
  func presentItems() -> (attributes: Set<String>, blocks: Set<String>) {
    let views = StructureChecker(file: file)
    let body = context.blocks.isEmpty ? file.root.firstChild(.body) : context.innermost?.view.body
    let (attributes, blocks) = views.items(of: body)
    let holdsPosition = { (node: SyntaxNode) in node.range.start <= offset && offset <= node.range.end }
    return (Set(attributes.filter { !holdsPosition($0.node) }.map(\.name)),
            Set(blocks.filter { !holdsPosition($0.node) || $0.body != nil }.map(\.type)))
  }

  /// A new line of a body: the attributes not set yet and the blocks that may still be added.
  mutating func completeBodyItems(word: TextRange, namesOnly: Bool = false) {
    let indent = indentation(of: word.start)
    let present = presentItems()
    guard let parent = context.innermost else {
      completeTopLevelBlocks(present: present.blocks, indent: indent)
      return
    }
    guard parent.inBody, let schema = parent.schema else { return }
    let path = blockPath
    for attribute in schema.attributes where !present.attributes.contains(attribute.name) {
      // Of a set of attributes that exclude each other, one is enough.
      let excluded = schema.exclusive.contains { set in
        set.contains(attribute.name) && set.contains { present.attributes.contains($0) || present.blocks.contains($0) }
      }
      if excluded { continue }
      // Without snippets the cursor would land after a prefilled value's closing quote: the value is left to type.
      let text = namesOnly ? SnippetText(attribute.name)
        : options.snippets ? SnippetText.assignment(attribute, indent: indent) : SnippetText("\(attribute.name) = ")
      add(attribute.name, .attribute, text: text, group: attribute.required ? 0 : 1,
          description: Self.describe(attribute), detail: "\(attribute.name) = \(attribute.type)",
          documentation: .topic(.attribute(path, attribute.name)), deprecated: attribute.deprecation != nil)
    }
    if namesOnly { return }
    for block in schema.blocks where block.repeatable || !present.blocks.contains(block.type) {
      add(block.type, .block, text: .block(block, indent: indent, labelChoices: Self.labelChoices(block)),
          group: block.required ? 0 : 2, description: Self.describe(block), detail: "\(block.type) { … }",
          documentation: .topic(.block(path + [block.type])), deprecated: block.deprecation != nil)
    }
  }

  mutating func completeTopLevelBlocks(present: Set<String>, indent: String) {
    for block in AtlasSchema.topLevelBlocks where block.repeatable || !present.contains(block.type) {
      add(block.type, .block, text: .block(block, indent: indent, labelChoices: Self.labelChoices(block)), group: 2,
          description: Self.describe(block), detail: "\(block.type) { … }", documentation: .topic(.block([block.type])),
          deprecated: block.deprecation != nil)
    }
    // A data source of each type, with its required attributes: `data "aws_rds_token" "name" { endpoint = … }`.
    for source in AtlasSchema.dataSources {
      add("data \"\(source.type)\"", .dataSource, text: SnippetText("data ") + Self.dataSourceHeader(source, indent: indent),
          group: 3, description: source.body.pro ? "data source (Atlas Pro)" : "data source",
          detail: "data \"\(source.type)\" \"name\" { … }", documentation: .topic(.dataSource(source.type)),
          filterText: "data \(source.type)")
    }
  }

  /// After `data `: each data source's labels and body.
  mutating func completeDataSourceHeaders(indent: String) {
    for source in AtlasSchema.dataSources {
      add("\"\(source.type)\"", .dataSource, text: Self.dataSourceHeader(source, indent: indent), group: 0,
          description: source.body.pro ? "data source (Atlas Pro)" : "data source",
          detail: "data \"\(source.type)\" \"name\" { … }", documentation: .topic(.dataSource(source.type)),
          filterText: source.type)
    }
  }

  /// `"TYPE" "name" {` and a body with the data source's required attributes.
  static func dataSourceHeader(_ source: DataSourceSchema, indent: String) -> SnippetText {
    var text = SnippetText(parts: [.text("\"\(source.type)\" \""), .placeholder("name"), .text("\" {\n")])
    text.append(.body(source.body, indent: indent + "  "))
    text.append("\(indent)}")
    return text
  }

  /// Values offered for a block's labels in a new block's snippet.
  static func labelChoices(_ block: BlockSchema) -> [Int: [String]] {
    switch block.type {
    case "data": [0: AtlasSchema.dataSources.map(\.type)]
    case "docker": [0: AtlasSchema.dockerDrivers]
    case "hook": [0: ["sql"]]
    case "check": [0: ["migrate_apply"]]
    case "rule": [0: ["hcl"]]
    default: [:]
    }
  }

  /// On the type word of an existing block: the other block types that fit there, replacing the word only.
  mutating func completeBlockTypes(parent: CursorContext.EnclosingBlock?, replacingExisting block: BlockView) {
    let candidates: [BlockSchema]
    var path: [String] = []
    if let parent {
      guard let schema = parent.schema else { return }
      candidates = schema.blocks
      path = blockPath(of: context.blocks.dropLast())
    } else {
      candidates = AtlasSchema.topLevelBlocks
    }
    for candidate in candidates {
      add(candidate.type, .block, group: 2, description: Self.describe(candidate), detail: "\(candidate.type) { … }",
          documentation: .topic(.block(path + [candidate.type])), deprecated: candidate.deprecation != nil)
    }
  }

  static func describe(_ attribute: AttributeSchema) -> String {
    var parts = ["\(attribute.type)"]
    if attribute.required { parts.append("required") }
    if attribute.pro { parts.append("Atlas Pro") }
    if attribute.deprecation != nil { parts.append("deprecated") }
    return parts.joined(separator: ", ")
  }

  static func describe(_ block: BlockSchema) -> String {
    var parts = ["block"]
    if block.required { parts.append("required") }
    if block.pro { parts.append("Atlas Pro") }
    if block.deprecation != nil { parts.append("deprecated") }
    return parts.joined(separator: ", ")
  }

  // MARK: Labels

  /// Inside a block's label: data source types for `data`, drivers for `docker`, and the fixed kinds of the others.
  mutating func completeLabel(_ index: Int, of block: CursorContext.EnclosingBlock) {
    guard index == 0 else { return }
    let parentPath = blockPath(of: context.blocks.dropLast())
    switch block.view.type {
    case "data" where context.blocks.count == 1:
      for source in AtlasSchema.dataSources {
        add(source.type, .dataSource, group: 0, description: source.body.pro ? "Atlas Pro" : nil,
            detail: "data \"\(source.type)\"", documentation: .topic(.dataSource(source.type)))
      }
    case "docker" where context.blocks.count == 1:
      for driver in AtlasSchema.dockerDrivers { add(driver, .label, group: 0, description: "docker driver") }
    default:
      let schema = AtlasSchema.topLevelBlock(block.view.type).flatMap { context.blocks.count == 1 ? $0 : nil }
        ?? context.blocks.dropLast().last?.schema?.block(block.view.type)
      guard let schema, let choices = Self.labelChoices(schema)[0] else { return }
      for choice in choices {
        add(choice, .label, group: 0, documentation: .topic(.block(parentPath + [schema.type])))
      }
    }
  }

  // MARK: Values

  /// After `name =`: values of the attribute's type first when the position starts the value, then references and
  /// functions.
  mutating func completeValue(of name: String, schema: AttributeSchema?, node: AttributeView?, word: TextRange) {
    var startsValue = true
    if let node, let equals = file.directToken(.equal, of: node.node) {
      startsValue = isBlank(TextRange(start: equals.end, end: word.start))
    }
    let inVariable = context.blocks.first?.view.type == "variable"
    // A type expression is types all through (`list(` is followed by another type).
    if schema?.type == .typeExpression {
      completeTypeExpressions()
      return
    }
    if startsValue, let schema { completeAttributeValues(schema, quoted: true) }
    if startsValue, schema?.type == .bool || schema == nil {
      for keyword in ["true", "false"] { add(keyword, .keyword, group: 1) }
    }
    if startsValue, name == "for_each", !inVariable {
      add("toset", .function, text: SnippetText(parts: [.text("toset(["), .placeholder(""), .text("])")]), group: 1,
          labelDetail: "([…])", description: "for_each needs a set", documentation: .topic(.function("toset")))
    }
    completeExpressions(inVariable: inVariable, inForEach: name == "for_each")
  }

  /// The values an attribute's schema knows: enum members (bare and quoted), AWS regions and profiles, URL schemes.
  /// `quoted` is false inside a string, where the quotes are there already.
  mutating func completeAttributeValues(_ schema: AttributeSchema, quoted: Bool) {
    let path = blockPath
    let doc = CompletionDocumentation.topic(.attribute(path, schema.name))
    for value in schema.allowedValues {
      if quoted, schema.acceptsBareEnum {
        add(value, .enumValue, group: 0, description: schema.defaultValue.map(SnippetText.unquoted) == value ? "default" : nil,
            documentation: doc)
      }
      let label = quoted ? "\"\(value)\"" : value
      add(label, .enumValue, group: 0, description: schema.defaultValue.map(SnippetText.unquoted) == value ? "default" : nil,
          documentation: doc, filterText: quoted ? value : nil)
    }
    if context.innermost?.dataSource?.type == "aws_rds_token" {
      if schema.name == "region" { completeRegions(quoted: quoted) }
      if schema.name == "profile" {
        for profile in options.awsProfiles {
          add(quoted ? "\"\(profile)\"" : profile, .profile, group: 0, description: "AWS profile",
              documentation: .markdown("The profile `\(profile)` of your AWS shared config or credentials file."),
              filterText: quoted ? profile : nil)
        }
      }
    }
    if quoted, let uses = urlUses(of: schema.name) {
      for scheme in AtlasSchema.urlSchemes where !scheme.uses.isDisjoint(with: uses) {
        var text = SnippetText("\"\(scheme.name)://")
        text.append(Self.templateParts(scheme.template))
        text.append("\"")
        add("\"\(scheme.name)://\"", .urlScheme, text: text, group: 0, description: scheme.title,
            documentation: .topic(.urlScheme(scheme.name)), filterText: scheme.name)
      }
    }
  }

  /// The regions of every partition; the one of the endpoint's host first and preselected.
  mutating func completeRegions(quoted: Bool) {
    var views = StructureChecker(file: file)
    views.evaluation = analysis.evaluation
    let endpoint = views.items(of: context.innermost?.view.body).attributes.first { $0.name == "endpoint" }?.value
    let hostRegion = endpoint.flatMap(views.knownString).flatMap {
      StructureChecker.rdsRegion(ofHost: StructureChecker.splitEndpoint($0).host)
    }
    for region in AtlasSchema.awsRegions {
      let matches = region.code == hostRegion
      add(quoted ? "\"\(region.code)\"" : region.code, .region, group: matches ? 0 : 1,
          description: region.name + (matches ? " (the endpoint's)" : ""), documentation: .topic(.region(region.code)),
          filterText: quoted ? region.code : nil, preselect: matches)
    }
  }

  /// Which URL schemes an attribute takes, by the block it is in; nil for attributes that are no URL.
  func urlUses(of attribute: String) -> Set<URLScheme.Use>? {
    let path = blockPath
    switch (path.first, path.count, attribute) {
    case ("env", 1, "url"): return [.database]
    case ("env", 1, "dev"): return [.devDatabase]
    case ("env", 1, "src"), ("env", 2, "src"): return [.source]
    case ("env", 2, "dir") where path.last == "migration": return [.migrationDirectory]
    case ("data.sql", 1, "url"): return [.database]
    case ("data.runtimevar", 1, "url"): return [.runtimeVariable]
    case ("data.blob_dir", 1, "url"): return [.bucket]
    case ("data.http", 1, "url"): return [.web]
    case ("data.composite_schema", 2, "url"): return [.source, .database]
    default: return nil
    }
  }

  /// A URL template's `{placeholder}` parts as tab stops.
  static func templateParts(_ template: String) -> SnippetText {
    var text = SnippetText(parts: [])
    var literal = ""
    var placeholder: String?
    for character in template {
      if character == "{", placeholder == nil {
        if !literal.isEmpty { text.append(literal) }
        literal = ""
        placeholder = ""
      } else if character == "}", let name = placeholder {
        text.append(.placeholder(name))
        placeholder = nil
      } else if placeholder != nil {
        placeholder?.append(character)
      } else {
        literal.append(character)
      }
    }
    if !literal.isEmpty { text.append(literal) }
    return text
  }

  /// `variable.type`: the type keywords and constructors.
  mutating func completeTypeExpressions() {
    for keyword in ["string", "number", "bool"] { add(keyword, .type, group: 0, description: "type") }
    for constructor in ["list", "set", "map"] {
      let text = SnippetText(parts: [
        .text("\(constructor)("), .choice(["string", "number", "bool"], plain: "string"), .text(")"),
      ])
      add("\(constructor)(…)", .type, text: text,
          group: 1, description: "type", filterText: constructor)
    }
    add("tuple([…])", .type, text: SnippetText(parts: [.text("tuple(["), .placeholder("string"), .text("])")]), group: 1,
        description: "type", filterText: "tuple")
    add("object({…})", .type, text: SnippetText(parts: [.text("object({ "), .placeholder("name = string"), .text(" })")]),
        group: 1, description: "type", filterText: "object")
  }

  /// Anything an expression may start with: the reference namespaces, the references themselves, and functions.
  /// A variable's default may read only `atlas` and call functions (Atlas evaluates it before anything else);
  /// `each` exists only in a block with `for_each` (outside `for_each` itself).
  mutating func completeExpressions(inVariable: Bool, inForEach: Bool) {
    let hasEach = !inVariable && !inForEach && (context.blocks.first.map(blockHasForEach) ?? false)
    var namespaces = inVariable ? ["atlas"] : ["local", "var", "data", "atlas"]
    if hasEach { namespaces.append("each") }
    let containers = inVariable ? [] : dockerBlocks()
    if !containers.isEmpty { namespaces.append("docker") }
    for namespace in namespaces {
      add(namespace, .namespace, text: SnippetText("\(namespace)."), group: 3,
          description: Self.namespaceDescriptions[namespace], retrigger: true)
    }
    if !inVariable {
      for (name, _) in uniqueNames(analysis.model.locals.filter(isNotHere)) {
        add("local.\(name)", .reference, group: 2, description: localDescription(name))
      }
      let types = variableTypes()
      for (name, _) in uniqueNames(analysis.model.variables) {
        add("var.\(name)", .reference, group: 2, description: variableDescription(name, types: types))
      }
      for (name, definition) in uniqueNames(analysis.model.dataSources.filter(isNotHere)) {
        add("data.\(name)", .reference, group: 2, description: dataSourceDescription(definition.dataType))
      }
      if hasEach {
        add("each.key", .reference, group: 2, description: "this copy's key")
        add("each.value", .reference, group: 2, description: "this copy's value")
      }
    }
    add("atlas.env", .reference, group: 2, description: "the --env name")
    for (driver, name) in containers {
      add("docker.\(driver).\(name).url", .reference, group: 2, description: "dev database URL (Atlas Pro)")
    }
    for function in AtlasSchema.functions where function.name != "sql" {
      add(function.name, .function, text: .call(function), group: 4, labelDetail: Self.parameterList(function),
          description: function.returns, detail: function.signature, documentation: .topic(.function(function.name)),
          deprecated: function.deprecation != nil)
    }
  }

  /// The `docker "DRIVER" "NAME"` blocks of the file (Atlas Pro), read as `docker.DRIVER.NAME.url`.
  func dockerBlocks() -> [(driver: String, name: String)] {
    StructureChecker(file: file).items(of: file.root.firstChild(.body)).blocks.compactMap { block in
      guard block.type == "docker", block.labels.count == 2, isNotHere(block.node.range) else { return nil }
      return (block.labels[0].text, block.labels[1].text)
    }
  }

  static let namespaceDescriptions = [
    "local": "locals", "var": "input variables", "data": "data sources", "atlas": "Atlas (env)", "each": "for_each copy",
    "docker": "docker blocks (Atlas Pro)",
  ]

  static func parameterList(_ function: FunctionSchema) -> String {
    var names = function.parameters.map(\.name)
    if let variadic = function.variadic { names.append("...\(variadic.name)") }
    return "(\(names.joined(separator: ", ")))"
  }

  /// Whether the position is in the value of a top-level block's `for_each`.
  var inForEachAttribute: Bool {
    guard context.blocks.count == 1, case .attributeValue(let attribute) = context.place else { return false }
    return attribute.name == "for_each"
  }

  func blockHasForEach(_ block: CursorContext.EnclosingBlock) -> Bool {
    StructureChecker(file: file).items(of: block.view.body).attributes.contains { $0.name == "for_each" }
  }

  /// Whether a definition is elsewhere than at the position: a local or data source cannot read itself.
  func isNotHere(_ definition: ProjectModel.Definition) -> Bool { isNotHere(definition.range) }

  func isNotHere(_ range: TextRange) -> Bool {
    // A local being typed (`c = `) ends at its `=`: the blanks after it are still its own.
    var end = range.end
    while end < source.count, source[end] == UInt8(ascii: " ") || source[end] == UInt8(ascii: "\t") { end += 1 }
    return !(range.start <= offset && offset <= end)
  }

  /// Definitions by name, the first of each name, in file order.
  func uniqueNames(_ definitions: [ProjectModel.Definition]) -> [(String, ProjectModel.Definition)] {
    var seen: Set<String> = []
    return definitions.compactMap { seen.insert($0.name).inserted ? ($0.name, $0) : nil }
  }

  // MARK: Reference steps

  /// After `root.` or `root.a.`: the names that may follow.
  mutating func completeReferenceStep(_ path: [String]) {
    guard let root = path.first else { return }
    let steps = Array(path.dropFirst())
    let inVariable = context.blocks.first?.view.type == "variable"
    if inVariable, root != "atlas" { return }
    switch (root, steps.count) {
    case ("local", 0):
      for (name, _) in uniqueNames(analysis.model.locals.filter(isNotHere)) {
        add(name, .reference, group: 0, description: localDescription(name))
      }
    case ("var", 0):
      let types = variableTypes()
      for (name, _) in uniqueNames(analysis.model.variables) {
        add(name, .reference, group: 0, description: variableDescription(name, types: types))
      }
    case ("data", 0):
      var types: [String] = []
      for definition in analysis.model.dataSources {
        if let type = definition.dataType, !types.contains(type) { types.append(type) }
      }
      for type in types {
        add(type, .dataSource, group: 0, description: "data source type", documentation: .topic(.dataSource(type)),
            retrigger: true)
      }
    case ("data", 1):
      for definition in analysis.model.dataSources where definition.dataType == steps[0] && isNotHere(definition) {
        let name = String(definition.name.dropFirst(steps[0].count + 1))
        add(name, .reference, group: 0, description: dataSourceDescription(definition.dataType))
      }
    case ("data", 2):
      guard case .object(let fields)? = AtlasSchema.dataSource(steps[0])?.result else { return }
      for field in fields { add(field.name, .reference, group: 0, description: field.type) }
    case ("each", 0):
      // `each` exists in a block with `for_each`, but not in `for_each` itself.
      guard let block = context.blocks.first, blockHasForEach(block), !inForEachAttribute else { return }
      add("key", .reference, group: 0, description: "this copy's key")
      add("value", .reference, group: 0, description: "this copy's value")
    case ("atlas", 0):
      add("env", .reference, group: 0, description: "string",
          documentation: .markdown("The name given with `--env`; empty when none is."))
    case ("docker", 0):
      var drivers: [String] = []
      for (driver, _) in dockerBlocks() where !drivers.contains(driver) { drivers.append(driver) }
      for driver in drivers { add(driver, .reference, group: 0, description: "docker driver", retrigger: true) }
    case ("docker", 1):
      for (driver, name) in dockerBlocks() where driver == steps[0] {
        add(name, .reference, group: 0, description: "docker block", retrigger: true)
      }
    case ("docker", 2):
      add("url", .reference, group: 0, description: "string",
          documentation: .markdown("The URL of the dev database Atlas starts in a container for this block."))
    default:
      return
    }
  }

  // MARK: Describing references (never a secret)

  /// A local's value when it is static and no secret: known, not sensitive (the checks' `knownString` rule), not
  /// named like a secret, and a URL's password masked.
  func localDescription(_ name: String) -> String {
    guard !SecretFilter.looksSecret(name), let value = analysis.evaluation.locals[name], let shown = shown(value) else {
      return "local"
    }
    return shown
  }

  /// A variable's default when it is static and no secret, else its declared type.
  func variableDescription(_ name: String, types: [String: String]) -> String {
    guard !SecretFilter.looksSecret(name), let value = analysis.evaluation.variables[name], let shown = shown(value) else {
      return types[name] ?? "variable"
    }
    return shown
  }

  /// The `type` each variable declares, as written; read once per completion (files may declare hundreds).
  func variableTypes() -> [String: String] {
    let views = StructureChecker(file: file)
    var types: [String: String] = [:]
    for block in views.items(of: file.root.firstChild(.body)).blocks where block.type == "variable" {
      guard let name = block.labels.first?.text, types[name] == nil,
        let type = views.items(of: block.body).attributes.first(where: { $0.name == "type" })?.value
      else { continue }
      types[name] = file.text(in: type.range)
    }
    return types
  }

  func dataSourceDescription(_ type: String?) -> String {
    switch type.flatMap(AtlasSchema.dataSource)?.result {
    case .string?: "string (computed when run)"
    case .object?: "object (computed when run)"
    case nil: "data source"
    }
  }

  /// A short rendering of a known, non-sensitive string, number or bool, cleaned of URL passwords and known secrets
  /// by the filter hovers and inlay hints use; nil for anything else.
  func shown(_ value: Value) -> String? {
    guard !value.containsSensitive, value.isWhollyKnown else { return nil }
    if let text = value.stringValue {
      let masked = secrets.filter.clean(text)
      let short = masked.count > 48 ? String(masked.prefix(45)) + "…" : masked
      return "\"\(short)\""
    }
    if let number = value.numberValue {
      return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
    if let bool = value.boolValue { return bool ? "true" : "false" }
    return nil
  }
}
