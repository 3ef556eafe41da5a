// The project model of one atlas.hcl: what it defines (variables, locals, data sources, envs) and every reference
// and function call in its expressions, each with the block it sits in. Built from the syntax tree alone, with
// iterative walks (expressions can nest as deep as the file is long); nothing is evaluated.
package import HCLSyntax

package struct ProjectModel: Sendable {
  package enum DefinitionKind: Sendable, Hashable { case variable, local, dataSource, env }

  /// Something the file defines.
  package struct Definition: Sendable, Hashable {
    package var kind: DefinitionKind
    /// The variable or local name; `TYPE.NAME` for a data source; an env's label (empty when unlabelled).
    package var name: String
    /// Where the name is written: the label (quotes included) or the local's attribute name.
    package var nameRange: TextRange
    /// The whole block (for a local: its attribute).
    package var range: TextRange
    /// For a data source, its type label.
    package var dataType: String?
    /// For an env, whether it has a `for_each` attribute.
    package var usesForEach: Bool
  }

  /// The top-level block an expression sits in.
  package struct BlockContext: Sendable, Hashable {
    package var type: String
    package var labels: [String]
    package var range: TextRange
    /// Whether the block has a `for_each` attribute (then `each` is defined inside it, outside `for_each` itself).
    package var hasForEach: Bool
  }

  /// Where an expression sits: its top-level block, the attribute of that block's own body that holds it (nil when
  /// it is inside a nested block), and the innermost attribute.
  package struct Context: Sendable, Hashable {
    package var block: BlockContext?
    package var topLevelAttribute: String?
    package var attribute: String?
    /// Whether the expression is in the top-level block's own body (not in a nested block).
    package var inBlockBody: Bool

    /// Inside `variable "x" { type = … }`, where identifiers and calls are type expressions.
    package var isVariableType: Bool { block?.type == "variable" && topLevelAttribute == "type" }
  }

  /// One step of a traversal after its root.
  package struct Step: Sendable, Hashable {
    /// The attribute name for `.name` (or the digits of a legacy `.0`); nil for `[…]` and splats.
    package var name: String?
    /// The step as written, its dot or brackets included.
    package var range: TextRange
    /// The name alone (for a `.name` step), else the whole step.
    package var nameRange: TextRange
  }

  /// A traversal rooted at one of the reference namespaces: `local`, `var`, `data`, `each`, `atlas`.
  package struct Reference: Sendable, Hashable {
    package var root: String
    package var rootRange: TextRange
    package var steps: [Step]
    package var context: Context

    /// The traversal from its root to the end of step `count - 1` (the root alone for 0).
    package func range(throughSteps count: Int) -> TextRange {
      let end = count > 0 && count <= steps.count ? steps[count - 1].range.end : rootRange.end
      return TextRange(start: rootRange.start, end: end)
    }

    /// `names[position]` without building the array: nil when there are not that many leading names.
    func name(at position: Int) -> String? {
      guard position < steps.count else { return nil }
      for step in steps[...position] where step.name == nil { return nil }
      return steps[position].name
    }

    /// The leading attribute names, up to the first step that is not `.name`.
    package var names: [String] {
      var result: [String] = []
      for step in steps {
        guard let name = step.name else { break }
        result.append(name)
      }
      return result
    }
  }

  /// A function call by plain name (namespaced calls are a syntax error already and are left out).
  package struct FunctionCall: Sendable, Hashable {
    package var name: String
    package var nameRange: TextRange
    package var range: TextRange
    package var argumentCount: Int
    package var context: Context
  }

  /// Whether a root name is a reference namespace. A switch, not a set: it runs for every variable in the file, and
  /// hashing each name cost more than the comparisons.
  package static func isNamespace(_ name: String) -> Bool {
    switch name {
    case "local", "var", "data", "each", "atlas": true
    default: false
    }
  }

  package var variables: [Definition] = []
  package var locals: [Definition] = []
  package var dataSources: [Definition] = []
  package var envs: [Definition] = []
  package var references: [Reference] = []
  package var functionCalls: [FunctionCall] = []
  /// The expression of each interpolation in a template that has other parts too, in walk order: where a token
  /// data source must be escaped (`checkUnescapedTokens`). Collected here so that the checks need no second walk.
  var interpolationsInTemplates: [TextRange] = []

  package init(_ file: ParsedFile) { self.init(file, views: StructureChecker(file: file)) }

  init(_ file: ParsedFile, views: StructureChecker) {
    var builder = ModelBuilder(file: file, views: views)
    builder.build()
    self = builder.model
  }

  fileprivate init() {}
}

private struct ModelBuilder {
  let file: ParsedFile
  let views: StructureChecker
  var model = ProjectModel()
  /// The walk's side tables (see `walk`), members so that `record` reads an entry only for a reference it keeps:
  /// most roots are not namespaces, and copying a context or a name set for each retained its strings and arrays.
  var contexts: [ProjectModel.Context] = []
  var boundSets: [Set<String>] = []
  /// The walk's stack, kept between walks (one per top-level block) so that its storage is allocated once.
  var stack: [(node: SyntaxNode, context: Int32, bound: Int32, chainInner: Bool)] = []

  init(file: ParsedFile, views: StructureChecker) {
    self.file = file
    self.views = views
  }

  mutating func build() {
    let (_, blocks) = views.items(of: file.root.firstChild(.body))
    for block in blocks {
      let (attributes, _) = views.items(of: block.body)
      let hasForEach = attributes.contains { $0.name == "for_each" }
      collectDefinition(block, attributes: attributes, hasForEach: hasForEach)
      let context = ProjectModel.Context(
        block: ProjectModel.BlockContext(type: block.type, labels: block.labels.map(\.text), range: block.node.range,
                                         hasForEach: hasForEach),
        topLevelAttribute: nil, attribute: nil, inBlockBody: true)
      if let body = block.body { walk(body, context) }
    }
    // Top-level attributes are evaluated too (then ignored): their references count.
    for attribute in views.items(of: file.root.firstChild(.body)).attributes {
      walk(attribute.node, ProjectModel.Context(block: nil, topLevelAttribute: nil, attribute: nil, inBlockBody: false))
    }
  }

  mutating func collectDefinition(_ block: BlockView, attributes: [AttributeView], hasForEach: Bool) {
    switch block.type {
    case "variable":
      guard block.labels.count == 1, let label = block.labels.first else { return }
      model.variables.append(.init(kind: .variable, name: label.text, nameRange: label.range, range: block.node.range,
                                   dataType: nil, usesForEach: false))
    case "locals":
      for attribute in attributes {
        model.locals.append(.init(kind: .local, name: attribute.name, nameRange: attribute.nameRange,
                                  range: attribute.node.range, dataType: nil, usesForEach: false))
      }
    case "data":
      guard block.labels.count == 2 else { return }
      let type = block.labels[0]
      let name = block.labels[1]
      model.dataSources.append(.init(kind: .dataSource, name: "\(type.text).\(name.text)",
                                     nameRange: TextRange(start: type.range.start, end: name.range.end),
                                     range: block.node.range, dataType: type.text, usesForEach: false))
    case "env":
      let label = block.labels.first
      model.envs.append(.init(kind: .env, name: label?.text ?? "", nameRange: label?.range ?? block.typeRange,
                              range: block.node.range, dataType: nil, usesForEach: hasForEach))
    default: break
    }
  }

  static func isTraversal(_ kind: SyntaxKind) -> Bool {
    switch kind {
    case .getAttribute, .index, .legacyIndex, .attributeSplat, .fullSplat: true
    default: false
    }
  }

  /// Visits every expression under `start`. `bound` holds the names a for-expression binds (they shadow roots);
  /// `chainInner` marks the source of a traversal already recorded from its outermost node. Contexts and bound
  /// names are kept in side tables and the stack holds their indices: copying them per node cost more than the walk.
  /// Children are pushed last to first, so that they are visited in source order.
  mutating func walk(_ start: SyntaxNode, _ startContext: ProjectModel.Context) {
    contexts.removeAll(keepingCapacity: true)
    contexts.append(startContext)
    boundSets.removeAll(keepingCapacity: true)
    boundSets.append([])
    stack.removeAll(keepingCapacity: true)
    stack.append((start, 0, 0, false))
    while let (node, contextIndex, boundIndex, chainInner) = stack.popLast() {
      let children = node.children
      switch node.kind {
      case .block:
        var inner = contexts[Int(contextIndex)]
        inner.inBlockBody = false
        inner.attribute = nil
        contexts.append(inner)
        if let body = node.firstChild(.body) { stack.append((body, Int32(contexts.count - 1), boundIndex, false)) }
      case .attribute:
        var inner = contexts[Int(contextIndex)]
        let name = file.directToken(.ident, of: node).map { file.text(of: $0) }
        inner.attribute = name
        if inner.inBlockBody { inner.topLevelAttribute = name }
        contexts.append(inner)
        let innerIndex = Int32(contexts.count - 1)
        for offset in children.indices.reversed() {
          if case .node(let child) = children[offset] { stack.append((child, innerIndex, boundIndex, false)) }
        }
      case .variable:
        if !chainInner {
          record(root: node, context: Int(contextIndex), bound: Int(boundIndex))
        }
      case .getAttribute, .index, .legacyIndex, .attributeSplat, .fullSplat:
        if !chainInner { recordChain(node, context: Int(contextIndex), bound: Int(boundIndex)) }
        for offset in children.indices.reversed() {
          guard case .node(let childNode) = children[offset] else { continue }
          // The first element, when it is a node, is the traversal's source; relative steps start with a token.
          let isSource = offset == 0 && (childNode.kind == .variable || Self.isTraversal(childNode.kind))
          stack.append((childNode, contextIndex, boundIndex, isSource))
        }
      case .functionCall:
        recordCall(node, context: contexts[Int(contextIndex)])
        for offset in children.indices.reversed() {
          if case .node(let child) = children[offset] { stack.append((child, contextIndex, boundIndex, false)) }
        }
      case .forExpression:
        var names = boundSets[Int(boundIndex)]
        let intro = node.firstChild(.forIntro)
        if let intro {
          for case .token(let index) in intro.children {
            let token = file.tokens[Int(index)]
            guard token.kind == .ident else { continue }
            let text = file.text(of: token)
            if text == "in" { break }
            if text != "for" { names.insert(text) }
          }
        }
        boundSets.append(names)
        let namesIndex = Int32(boundSets.count - 1)
        for offset in children.indices.reversed() {
          if case .node(let child) = children[offset], child.kind != .forIntro {
            stack.append((child, contextIndex, namesIndex, false))
          }
        }
        // The collection is evaluated outside the loop's names.
        if let intro {
          let introChildren = intro.children
          for offset in introChildren.indices.reversed() {
            if case .node(let child) = introChildren[offset] { stack.append((child, contextIndex, boundIndex, false)) }
          }
        }
      case .objectKey:
        // A bare identifier key is a string, not a reference.
        var count = 0
        var onlyVariable = false
        for child in node.nodeChildren {
          count += 1
          onlyVariable = child.kind == .variable
        }
        if count == 1, onlyVariable { break }
        for offset in children.indices.reversed() {
          if case .node(let child) = children[offset] { stack.append((child, contextIndex, boundIndex, false)) }
        }
      case .quotedTemplate, .heredocTemplate:
        var count = 0
        for _ in node.nodeChildren { count += 1 }
        if count > 1 {
          for part in node.nodeChildren where part.kind == .templateInterpolation {
            if let expression = part.firstChildNode { model.interpolationsInTemplates.append(expression.range) }
          }
        }
        for offset in children.indices.reversed() {
          if case .node(let child) = children[offset] { stack.append((child, contextIndex, boundIndex, false)) }
        }
      default:
        for offset in children.indices.reversed() {
          if case .node(let child) = children[offset] { stack.append((child, contextIndex, boundIndex, false)) }
        }
      }
    }
  }

  /// A traversal from its outermost node: the steps down to a `variable` root, if it has one.
  /// `context` and `bound` index the walk's side tables.
  mutating func recordChain(_ outer: SyntaxNode, context: Int, bound: Int) {
    // The root is found first: most chains that are not references are left before any step is read, and the
    // steps are counted so that their array is allocated once (growing it step by step reallocated it).
    var depth = 0
    var probe = outer
    while Self.isTraversal(probe.kind), case .node(let source)? = probe.children.first {
      depth += 1
      probe = source
    }
    guard probe.kind == .variable, let (name, token) = root(probe, bound: bound) else { return }
    var steps: [ProjectModel.Step] = []
    steps.reserveCapacity(depth)
    var current = outer
    while Self.isTraversal(current.kind) {
      guard case .node(let source)? = current.children.first else { return }
      let range = TextRange(start: source.range.end, end: current.range.end)
      switch current.kind {
      case .getAttribute:
        // The step's own tokens come after the source: `.` and the name.
        let stepName = file.lastDirectToken(.ident, of: current)
        steps.append(.init(name: stepName.map { file.text(of: $0) }, range: range, nameRange: stepName?.range ?? range))
      case .legacyIndex:
        let digits = file.lastDirectToken(.numberLit, of: current)
        steps.append(.init(name: digits.map { file.text(of: $0) }, range: range, nameRange: digits?.range ?? range))
      default:
        // `[…]`, and splats (whose step runs over the relative steps after the star).
        steps.append(.init(name: nil, range: range, nameRange: range))
      }
      current = source
    }
    // Collected outermost first; reversed in place, where `reversed()` would build another array.
    steps.reverse()
    model.references.append(.init(root: name, rootRange: token.range, steps: steps, context: contexts[context]))
  }

  /// A lone variable as a reference without steps.
  mutating func record(root node: SyntaxNode, context: Int, bound: Int) {
    guard let (name, token) = root(node, bound: bound) else { return }
    model.references.append(.init(root: name, rootRange: token.range, steps: [], context: contexts[context]))
  }

  /// The name and token of a `variable` node that roots a reference: a lone identifier token naming a namespace
  /// that no enclosing `for` binds (the side table `boundSets[bound]`).
  func root(_ node: SyntaxNode, bound: Int) -> (String, Token)? {
    var only: Token?
    for case .token(let index) in node.children {
      guard only == nil else { return nil }
      only = file.tokens[Int(index)]
    }
    guard let token = only, token.kind == .ident else { return nil }
    let name = file.text(of: token)
    guard ProjectModel.isNamespace(name), boundSets[bound].isEmpty || !boundSets[bound].contains(name) else { return nil }
    return (name, token)
  }

  mutating func recordCall(_ node: SyntaxNode, context: ProjectModel.Context) {
    let tokens = file.directTokens(of: node)
    // `a::b(…)` is reported by the parser; only plain names are calls Atlas could resolve.
    guard !tokens.contains(where: { $0.token.kind == .colon }),
      let name = tokens.first(where: { $0.token.kind == .ident })?.token
    else { return }
    let arguments = node.firstChild(.argumentList)?.childNodes.count ?? 0
    model.functionCalls.append(.init(name: file.text(of: name), nameRange: name.range, range: node.range,
                                     argumentCount: arguments, context: context))
  }
}
