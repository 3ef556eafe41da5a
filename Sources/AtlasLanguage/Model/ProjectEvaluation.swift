// Evaluates an atlas.hcl as Atlas does (reference §1): variables from `--var` values and defaults, then locals and
// data sources in dependency order (cycles are found and never followed), then every other block with `var`,
// `local`, `data`, `atlas` and, inside a block with `for_each`, `each`. Data sources are never run: their values are
// unknown, of the type Atlas gives them (reference §3). Pure: files and the environment come in `inputs.host`.
package import HCLSyntax
package import HCLEval

/// What evaluation takes from outside the file.
package struct EvaluationInputs: Sendable {
  /// The `--env` name, which is `atlas.env`. Nil while editing: `atlas.env` is then unknown, as any env may be chosen.
  package var env: String?
  /// `--var` values by name; a name given more than once is a list (reference §4).
  package var variables: [String: [String]]
  /// `file`, `fileset`, `glob` and `getenv`; a missing closure makes those calls unknown.
  package var host: HostEnvironment
  /// Values of data sources a command has run, by `TYPE.NAME` (e.g. the token of `aws_rds_token.db`, marked
  /// sensitive): they replace the unknowns analysis gives. Empty while editing, since nothing runs without a click.
  package var dataSources: [String: Value]

  package init(
    env: String? = nil, variables: [String: [String]] = [:], host: HostEnvironment = HostEnvironment(),
    dataSources: [String: Value] = [:]
  ) {
    self.env = env
    self.variables = variables
    self.host = host
    self.dataSources = dataSources
  }
}

/// The values of a file's expressions and what evaluating them found.
package struct ProjectEvaluation: Sendable {
  /// The value of every evaluated expression (attribute values, local values, variable defaults) by its range.
  package var values: [TextRange: Value] = [:]
  /// The same values computed again with every token data source standing for a marker string
  /// (`TokenMarker`), so that a URL holding a token can be taken apart. Empty when no token source is used. Holds the
  /// env `url` and `for_each` values; locals no marker can reach are taken from the first pass, not recorded again.
  package var probedValues: [TextRange: Value] = [:]
  /// `TYPE.NAME` of each token data source, by the number in its marker.
  package var tokenSources: [Int: String] = [:]
  package var variables: [String: Value] = [:]
  package var locals: [String: Value] = [:]
  /// Evaluation errors, cycles, `for_each` values Atlas rejects and variable defaults of the wrong type.
  package var diagnostics: [AtlasDiagnostic] = []

  package init(_ file: ParsedFile, model: ProjectModel, inputs: EvaluationInputs = EvaluationInputs()) {
    self.init(file, model: model, inputs: inputs, views: StructureChecker(file: file))
  }

  init(_ file: ParsedFile, model: ProjectModel, inputs: EvaluationInputs, views: StructureChecker) {
    let (_, blocks) = views.items(of: file.root.firstChild(.body))
    // The graph is the same for both passes: it is made from the file, not from values.
    let graph = DependencyGraph(blocks: blocks, model: model, views: views)
    var pass = EvaluationPass(file: file, model: model, graph: graph, inputs: inputs, probing: false, views: views)
    pass.run()
    values = pass.values
    tokenSources = pass.tokenSources
    variables = pass.variables
    locals = pass.locals
    diagnostics = pass.diagnostics
    let usesTokens = model.references.contains {
      $0.root == "data" && $0.name(at: 0).map(TokenMarker.sources.contains) == true
    }
    if usesTokens {
      var probe = EvaluationPass(file: file, model: model, graph: graph, inputs: inputs, probing: true, views: views)
      probe.prior = (pass.variables, pass.locals)
      probe.run()
      probedValues = probe.values
    }
  }
}

extension ProjectEvaluation {
  /// The scope top-level blocks are evaluated in once variables and locals are (`local`, `var`, `data`, `atlas`,
  /// functions): for evaluating a block again with a scope of its own, as each copy of a `for_each` env.
  static func topLevelScope(
    _ file: ParsedFile, model: ProjectModel, inputs: EvaluationInputs, views: StructureChecker
  ) -> Scope {
    let (_, blocks) = views.items(of: file.root.firstChild(.body))
    let graph = DependencyGraph(blocks: blocks, model: model, views: views)
    var pass = EvaluationPass(file: file, model: model, graph: graph, inputs: inputs, probing: false, views: views)
    pass.run()
    return pass.globalScope ?? Scope(functions: StandardLibrary.functions(host: inputs.host))
  }
}

/// The marker string a token data source evaluates to in the probing pass: letters and digits only, so that
/// `urlescape` leaves it as it is and it can be found again in the URL built around it.
package enum TokenMarker {
  package static let sources: Set<String> = ["aws_rds_token", "gcp_cloudsql_token"]
  static let prefix = "mercatortokenmarker"

  package static func marker(index: Int) -> String { "\(prefix)\(index)x" }

  /// The indices of the markers in a text, in order.
  package static func indices(in text: String) -> [Int] {
    let bytes = Array(text.utf8)
    let marker = Array(prefix.utf8)
    guard bytes.count > marker.count else { return [] }
    var result: [Int] = []
    var i = 0
    while i + marker.count < bytes.count {
      guard bytes[i] == marker[0], bytes[i..<(i + marker.count)].elementsEqual(marker) else {
        i += 1
        continue
      }
      var j = i + marker.count
      var index = 0
      while j < bytes.count, j - i - marker.count < 9, bytes[j] >= 0x30, bytes[j] <= 0x39 {
        index = index * 10 + Int(bytes[j] - 0x30)
        j += 1
      }
      if j > i + marker.count, j < bytes.count, bytes[j] == UInt8(ascii: "x") { result.append(index) }
      i = j
    }
    return result
  }
}

/// One local or data source in the dependency graph.
private struct GraphNode {
  enum Kind { case local(name: String), dataSource(type: String, name: String) }
  var kind: Kind
  /// The local's attribute or the data block (references inside it belong to this node).
  var range: TextRange
  var value: SyntaxNode?
  var block: BlockView?

  var key: String {
    switch kind {
    case .local(let name): "local.\(name)"
    case .dataSource(let type, let name): "data.\(type).\(name)"
    }
  }
}

/// The locals and data sources of a file and the references between them, with its strongly connected components
/// in evaluation order.
private struct DependencyGraph {
  var nodes: [GraphNode] = []
  /// A local's node by name; a later definition of a name wins (reference §2.2).
  var localIndex: [String: Int] = [:]
  /// A data source's node by type, then name (no `TYPE.NAME` string is built per reference).
  var dataIndex: [String: [String: Int]] = [:]
  /// Node indices sorted by the start of their range.
  var order: [Int] = []
  var edges: [[Int]] = []
  /// For each edge, the index in `model.references` of the reference that makes it.
  var edgeReferences: [[Int]] = []
  var components: [[Int]] = []

  init(blocks: [BlockView], model: ProjectModel, views: StructureChecker) {
    for block in blocks {
      switch block.type {
      case "locals":
        for attribute in views.items(of: block.body).attributes {
          localIndex[attribute.name] = nodes.count
          nodes.append(GraphNode(kind: .local(name: attribute.name), range: attribute.node.range, value: attribute.value))
        }
      case "data" where block.labels.count == 2:
        dataIndex[block.labels[0].text, default: [:]][block.labels[1].text] = nodes.count
        nodes.append(GraphNode(kind: .dataSource(type: block.labels[0].text, name: block.labels[1].text),
                               range: block.node.range, block: block))
      default: break
      }
    }
    // Every reference from inside a node to a node is an edge (ranges of nodes do not overlap: sorted by start).
    order = nodes.indices.sorted { nodes[$0].range.start < nodes[$1].range.start }
    edges = [[Int]](repeating: [], count: nodes.count)
    edgeReferences = [[Int]](repeating: [], count: nodes.count)
    for (index, reference) in model.references.enumerated() {
      guard let target = self.target(of: reference), let source = containing(reference.rootRange.start) else { continue }
      edges[source].append(target)
      edgeReferences[source].append(index)
    }
    components = Self.stronglyConnectedComponents(edges)
  }

  /// The local or data source node a reference names, if any.
  func target(of reference: ProjectModel.Reference) -> Int? {
    switch reference.root {
    case "local": return reference.name(at: 0).flatMap { localIndex[$0] }
    case "data":
      guard let type = reference.name(at: 0), let name = reference.name(at: 1) else { return nil }
      return dataIndex[type]?[name]
    default: return nil
    }
  }

  /// Tarjan's algorithm without recursion (a chain of locals can be as long as the file). Components come out
  /// dependencies first, which is the order to evaluate them in.
  static func stronglyConnectedComponents(_ edges: [[Int]]) -> [[Int]] {
    let count = edges.count
    var index = [Int](repeating: -1, count: count)
    var low = [Int](repeating: 0, count: count)
    var onStack = [Bool](repeating: false, count: count)
    var stack: [Int] = []
    var components: [[Int]] = []
    var counter = 0
    for root in 0..<count where index[root] < 0 {
      var calls: [(node: Int, edge: Int)] = [(root, 0)]
      index[root] = counter
      low[root] = counter
      counter += 1
      stack.append(root)
      onStack[root] = true
      while let (node, edge) = calls.last {
        if edge < edges[node].count {
          calls[calls.count - 1].edge += 1
          let next = edges[node][edge]
          if index[next] < 0 {
            index[next] = counter
            low[next] = counter
            counter += 1
            stack.append(next)
            onStack[next] = true
            calls.append((next, 0))
          } else if onStack[next] {
            low[node] = min(low[node], index[next])
          }
          continue
        }
        calls.removeLast()
        if let parent = calls.last { low[parent.node] = min(low[parent.node], low[node]) }
        guard low[node] == index[node] else { continue }
        var component: [Int] = []
        while let member = stack.popLast() {
          onStack[member] = false
          component.append(member)
          if member == node { break }
        }
        components.append(component.reversed())
      }
    }
    return components
  }

  /// The node whose range holds an offset (nodes sorted by start do not overlap).
  func containing(_ offset: Int) -> Int? {
    var low = 0
    var high = order.count
    while low < high {
      let middle = (low + high) / 2
      if nodes[order[middle]].range.start <= offset { low = middle + 1 } else { high = middle }
    }
    guard low > 0 else { return nil }
    let candidate = order[low - 1]
    return nodes[candidate].range.end > offset ? candidate : nil
  }
}

private struct EvaluationPass {
  let file: ParsedFile
  let model: ProjectModel
  let graph: DependencyGraph
  let inputs: EvaluationInputs
  let probing: Bool
  let views: StructureChecker
  let functions: Scope
  var values: [TextRange: Value] = [:]
  var variables: [String: Value] = [:]
  var locals: [String: Value] = [:]
  var diagnostics: [AtlasDiagnostic] = []
  /// `TYPE.NAME` of each token data source by its index in `model.dataSources` (its marker's number).
  var tokenSources: [Int: String] = [:]
  /// In the probing pass, the first pass's variables and locals: a value no token marker can reach is the same in
  /// both passes, so it is taken from there instead of being evaluated again.
  var prior: (variables: [String: Value], locals: [String: Value])? = nil
  /// After `run`, the scope top-level blocks are evaluated in (`local`, `var`, `data`, `atlas`, functions): what
  /// EvaluatedConfig evaluates each copy of an env in.
  var globalScope: Scope?

  init(
    file: ParsedFile, model: ProjectModel, graph: DependencyGraph, inputs: EvaluationInputs, probing: Bool,
    views: StructureChecker
  ) {
    self.file = file
    self.model = model
    self.graph = graph
    self.inputs = inputs
    self.probing = probing
    self.views = views
    self.functions = Scope(functions: StandardLibrary.functions(host: inputs.host))
  }

  var atlasValue: Value { .object(["env": inputs.env.map(Value.string) ?? .unknown(.string)]) }

  mutating func run() {
    values.reserveCapacity(file.source.count / 32)
    let (_, blocks) = views.items(of: file.root.firstChild(.body))
    if probing, let prior {
      // Defaults see functions and `atlas` only, never `data`: no marker can reach a variable.
      variables = prior.variables
    } else {
      for block in blocks where block.type == "variable" { evaluateVariable(block) }
    }

    let nodes = graph.nodes
    let edges = graph.edges

    // Data sources are never run, so their values do not depend on the order: all are known before any local.
    var dataValues: [String: [String: Value]] = [:]
    for (index, source) in model.dataSources.enumerated() {
      guard let type = source.dataType else { continue }
      let name = String(source.name.dropFirst(type.count + 1))
      dataValues[type, default: [:]][name] = inputs.dataSources[source.name] ?? dataValue(type: type, index: index)
      if TokenMarker.sources.contains(type) { tokenSources[index] = source.name }
    }
    let base = baseScope(blocks, data: .object(dataValues.mapValues { .object($0) }))
    // The probing pass evaluates only the locals an env URL reaches.
    var needed: [Bool]? = nil
    if probing {
      var reached = [Bool](repeating: false, count: nodes.count)
      var pending: [Int] = []
      for reference in model.references
      where reference.context.block?.type == "env" && reference.context.topLevelAttribute == "url" {
        let target = reference.root == "local" ? graph.target(of: reference) : nil
        if let target, !reached[target] {
          reached[target] = true
          pending.append(target)
        }
      }
      while let node = pending.popLast() {
        for target in edges[node] where !reached[target] {
          reached[target] = true
          pending.append(target)
        }
      }
      needed = reached
    }
    // Probing: the nodes whose value may differ from the first pass's because a token marker can reach it — a
    // reference to a token source, or to `data` whole or by a computed name (either may reach one), or a dependency
    // on such a node. A local whose name is defined twice counts too: which definition a dependent sees depends on
    // which nodes are evaluated, and the probing pass evaluates fewer.
    var tainted = [Bool](repeating: false, count: nodes.count)
    if probing, prior != nil {
      for reference in model.references where reference.root == "data" {
        guard reference.name(at: 0).map(TokenMarker.sources.contains) ?? true,
          let source = graph.containing(reference.rootRange.start)
        else { continue }
        tainted[source] = true
      }
      var definitions: [String: Int] = [:]
      definitions.reserveCapacity(nodes.count)
      for node in nodes { if case .local(let name) = node.kind { definitions[name, default: 0] += 1 } }
      for (index, node) in nodes.enumerated() {
        if case .local(let name) = node.kind, definitions[name, default: 0] > 1 { tainted[index] = true }
      }
    }
    let noDependencies = Scope(variables: ["local": .object([:])], parent: base)
    locals.reserveCapacity(nodes.count)
    for component in graph.components {
      if let needed, !component.contains(where: { needed[$0] }) { continue }
      if let prior {
        // Components come dependencies first, so every dependency outside this component is settled already.
        if component.contains(where: { member in tainted[member] || edges[member].contains { tainted[$0] } }) {
          for member in component { tainted[member] = true }
        } else {
          for member in component {
            if case .local(let name) = nodes[member].kind { locals[name] = prior.locals[name] }
          }
          continue
        }
      }
      let cyclic = component.count > 1 || component.first.map { edges[$0].contains($0) } ?? false
      if cyclic, !probing { reportCycle(component) }
      for index in component {
        let node = nodes[index]
        var dependencies: [String: Value] = [:]
        for target in edges[index] {
          if case .local(let name) = nodes[target].kind { dependencies[name] = locals[name] ?? .unknown() }
        }
        // Most locals use no other local: they share one scope instead of building the same one each.
        let scope = dependencies.isEmpty ? noDependencies : Scope(variables: ["local": .object(dependencies)], parent: base)
        switch node.kind {
        case .local(let name):
          guard let value = node.value else { continue }
          locals[name] = cyclic ? .unknown() : evaluate(value, scope)
        case .dataSource(let type, _):
          // The probing pass needs only what a URL can be made of: locals and env URLs.
          if !probing, let block = node.block {
            evaluateBody(block, schema: AtlasSchema.dataSource(type)?.body, scope: scope)
          }
        }
      }
    }

    let global = Scope(variables: ["local": .object(locals)], parent: base)
    globalScope = global
    for block in blocks {
      switch block.type {
      case "variable", "locals", "data": continue
      case _ where probing && block.type != "env": continue
      default:
        var scope = block.type == "check" ? global.child(variables: ["self": .unknown()]) : global
        if let forEach = views.items(of: block.body).attributes.first(where: { $0.name == "for_each" }),
          let expression = forEach.value
        {
          let collection = evaluate(expression, global)
          scope = scope.child(variables: ["each": eachValue(collection, at: expression)])
        }
        if probing {
          if let url = views.items(of: block.body).attributes.first(where: { $0.name == "url" })?.value {
            _ = evaluate(url, scope)
          }
        } else {
          evaluateBody(block, schema: AtlasSchema.topLevelBlock(block.type), scope: scope, skipping: "for_each")
        }
      }
    }
  }

  /// The roots every expression outside `variable` blocks sees, besides `local`: functions, `var`, `data`, `atlas`, and each top-level block type as an unknown (Atlas's generic `env.NAME.attr` references, §1.5).
  func baseScope(_ blocks: [BlockView], data: Value) -> Scope {
    var roots: [String: Value] = [:]
    for block in blocks where !["variable", "locals", "data", "atlas"].contains(block.type) { roots[block.type] = .unknown() }
    roots["var"] = .object(variables)
    roots["atlas"] = atlasValue
    roots["data"] = data
    return Scope(variables: roots, parent: functions)
  }

  // MARK: Variables

  /// A variable's value: its `--var` values, else its default, converted to its type as Atlas does (a lone value
  /// where a list is declared becomes a one-element list). Without either, it is unknown of its type.
  mutating func evaluateVariable(_ block: BlockView) {
    guard block.labels.count == 1, let name = block.labels.first?.text else { return }
    let attributes = views.items(of: block.body).attributes
    let declared: HCLEval.ValueType? = attributes.first { $0.name == "type" }?.value
      .flatMap { TypeExpression.evaluate($0, in: file).0 }
    let defaultNode = attributes.first { $0.name == "default" }?.value
    var value: Value
    if let given = inputs.variables[name] {
      value = given.count == 1 ? .string(given[0]) : .list(given.map(Value.string), of: .string)
    } else if let defaultNode {
      // A default sees functions and `atlas` only (reference §1.3).
      value = evaluate(defaultNode, Scope(variables: ["atlas": atlasValue], parent: functions))
    } else {
      value = .unknown(declared ?? .dynamic)
    }
    if let declared {
      if case .list(let element) = declared, value.type == element { value = .list([value], of: element) }
      switch Conversion.convert(value, to: declared) {
      case .success(let converted): value = converted
      case .failure(let failure):
        if !probing, let defaultNode, inputs.variables[name] == nil {
          report(AtlasCode.variableDefaultType, "The default of variable \"\(name)\" is not of its type \(declared.description)",
                 detail: "Atlas converts the default to the declared type and fails: \(failure.message).",
                 at: defaultNode.range, documentation: AtlasSchema.Links.config("variable"))
        }
        value = .unknown(declared)
      }
    }
    variables[name] = value
  }

  // MARK: Blocks

  /// Evaluates every attribute of a block, nested blocks included, recording each value.
  mutating func evaluateBody(_ block: BlockView, schema: BlockSchema?, scope: Scope, skipping skipped: String? = nil) {
    var pending: [(BlockView, BlockSchema?, isTop: Bool)] = [(block, schema, true)]
    while let (current, currentSchema, isTop) = pending.popLast() {
      let (attributes, blocks) = views.items(of: current.body)
      for attribute in attributes where !(isTop && attribute.name == skipped) {
        guard let expression = attribute.value else { continue }
        let attributeSchema = currentSchema?.attribute(attribute.name)
        if attributeSchema?.type == .typeExpression { continue }
        var attributeScope = scope
        if let attributeSchema, attributeSchema.acceptsBareEnum {
          // Scoped enums: bare identifiers are their own names inside these attributes (reference §1.8).
          var names: [String: Value] = [:]
          for value in attributeSchema.allowedValues { names[value] = .string(value) }
          attributeScope = scope.child(variables: names)
        }
        _ = evaluate(expression, attributeScope)
      }
      for nested in blocks.reversed() { pending.append((nested, currentSchema?.block(nested.type), false)) }
    }
  }

  /// `each` for the copies of a block: `key` and `value` of an element, unknown (one evaluation stands for all).
  /// Atlas accepts a set, an object or a tuple, and rejects a list or a map (reference §1.6, §9.7).
  mutating func eachValue(_ collection: Value, at expression: SyntaxNode) -> Value {
    var element: HCLEval.ValueType = .dynamic
    switch collection.type {
    case .set(let type): element = type
    case .object, .tuple, .dynamic: break
    case .list, .map:
      let kind: String
      if case .list = collection.type { kind = "a list" } else { kind = "a map" }
      if !probing {
        let wrapped = "toset(\(file.text(in: expression.range)))"
        report(AtlasCode.forEachType, "for_each does not accept \(kind)",
               detail: "Atlas expands a set, an object or a tuple, and fails on \(kind) (\"for_each does not support "
                 + "\(kind == "a list" ? "list" : "map") type\"); wrap it in toset().",
               at: expression.range, documentation: AtlasSchema.Links.projects + "#for_each",
               fixes: kind == "a list" ? [QuickFix(title: "Wrap in toset()", range: expression.range, replacement: wrapped, isPreferred: true)] : [])
      }
    default:
      if !probing, !collection.isNull {
        report(AtlasCode.forEachType, "for_each needs a set, an object or a tuple, not \(collection.type.friendlyName)",
               detail: "Atlas makes one copy of the block for each element.", at: expression.range,
               documentation: AtlasSchema.Links.projects + "#for_each")
      }
    }
    return .object(["key": .unknown(), "value": .unknown(element)])
  }

  // MARK: Data sources

  /// A data source's value during analysis: unknown of its result type (a token source is a secret); in the probing
  /// pass a token source is its marker.
  func dataValue(type: String, index: Int) -> Value {
    guard let schema = AtlasSchema.dataSource(type) else { return .unknown() }
    switch schema.result {
    case .string:
      if probing, TokenMarker.sources.contains(type) { return .string(TokenMarker.marker(index: index)) }
      return Value.unknown(.string).marked(TokenMarker.sources.contains(type) || type == "runtimevar")
    case .object(let fields):
      var types: [String: HCLEval.ValueType] = [:]
      for field in fields { types[field.name] = Self.valueType(field.type) }
      return .unknown(.object(types))
    }
  }

  /// The types written in the data-source schema (`string`, `number`, `list`, `any`, `map(list(string))`).
  static func valueType(_ text: String) -> HCLEval.ValueType {
    switch text {
    case "string": return .string
    case "number": return .number
    case "bool": return .bool
    case "list": return .list(.dynamic)
    case "map(list(string))": return .map(.list(.string))
    default: return .dynamic
    }
  }

  // MARK: Evaluating

  mutating func evaluate(_ expression: SyntaxNode, _ scope: Scope) -> Value {
    let (value, found) = Evaluator.evaluate(expression, in: file, scope: scope)
    values[expression.range] = value
    if !probing {
      for diagnostic in found {
        let link = diagnostic.code.contains("argument") || diagnostic.code == "eval.call-failed"
          ? AtlasSchema.Links.functions : AtlasSchema.Links.projects
        diagnostics.append(AtlasDiagnostic(diagnostic, documentation: link))
      }
    }
    return value
  }

  mutating func report(
    _ code: String, _ summary: String, detail: String, at range: TextRange, documentation: String, fixes: [QuickFix] = []
  ) {
    diagnostics.append(AtlasDiagnostic(
      Diagnostic(code: code, severity: .error, summary: summary, detail: detail, subject: range),
      documentation: documentation, fixes: fixes))
  }

  // MARK: Cycles

  /// One diagnostic per reference that closes a cycle, naming the whole loop (Atlas: `cyclic reference to "local.x"`).
  mutating func reportCycle(_ component: [Int]) {
    let nodes = graph.nodes
    let edges = graph.edges
    let members = Set(component)
    for source in component {
      for (offset, target) in edges[source].enumerated() where members.contains(target) {
        let path = Self.path(from: target, to: source, within: members, edges: edges) ?? [target]
        let loop = ([source] + path + (path.last == source ? [] : [source])).map { nodes[$0].key }
        let reference = model.references[graph.edgeReferences[source][offset]]
        report(AtlasCode.cycle, "Cyclic reference to \"\(nodes[target].key)\"",
               detail: "\(loop.joined(separator: " → ")): Atlas cannot evaluate any of them.",
               at: reference.range(throughSteps: min(nodes[target].key.hasPrefix("data.") ? 2 : 1, reference.steps.count)),
               documentation: AtlasSchema.Links.projects)
      }
    }
  }

  /// The shortest path from one node to another inside a component (breadth first).
  static func path(from start: Int, to goal: Int, within members: Set<Int>, edges: [[Int]]) -> [Int]? {
    if start == goal { return [start] }
    var previous: [Int: Int] = [start: start]
    var queue = [start]
    var head = 0
    while head < queue.count {
      let node = queue[head]
      head += 1
      for next in edges[node] where members.contains(next) && previous[next] == nil {
        previous[next] = node
        if next == goal {
          var path = [goal]
          var current = goal
          while current != start, let step = previous[current] {
            path.append(step)
            current = step
          }
          return path.reversed()
        }
        queue.append(next)
      }
    }
    return nil
  }
}
