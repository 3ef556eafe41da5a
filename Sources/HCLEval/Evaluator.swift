// The evaluator: hclsyntax's expression semantics over Mercator's syntax tree, total (a value plus diagnostics).

package import HCLSyntax

/// Evaluates expressions. Never throws or traps: broken trees give unknown values (the parser already reported
/// them), mistakes give one diagnostic each, and unknown values propagate without any.
package enum Evaluator {
  /// How deeply expressions may nest before evaluation gives up with a diagnostic (long operator chains nest too).
  package static let maxDepth = 200
  /// How many expression nodes one evaluation may visit (nested `for` loops multiply) before it gives up with a
  /// diagnostic, so that a hostile file cannot hang the server.
  package static let maxSteps = 500_000

  /// Evaluates an expression node (or a `file` node from `Parser.parseExpression`, whose expression it takes).
  package static func evaluate(_ node: SyntaxNode, in file: ParsedFile, scope: Scope) -> (Value, [Diagnostic]) {
    var state = EvaluationState(file: file)
    var target = node
    if node.kind == .file {
      guard let first = node.childNodes.first else { return (.unknown(), []) }
      target = first
    }
    let value = state.evaluate(target, scope)
    return (value, state.diagnostics)
  }

  /// Parses and evaluates a lone expression; parse errors come first in the diagnostics.
  package static func evaluate(expression source: String, scope: Scope) -> (Value, [Diagnostic]) {
    let file = Parser.parseExpression(Array(source.utf8))
    let (value, diagnostics) = evaluate(file.root, in: file, scope: scope)
    return (value, file.diagnostics + diagnostics)
  }
}

struct EvaluationState {
  let file: ParsedFile
  var diagnostics: [Diagnostic] = []
  var depth = 0
  var reportedDepth = false
  var steps = 0
  /// The element a splat's steps apply to (innermost last).
  var splatItems: [Value] = []

  init(file: ParsedFile) { self.file = file }

  mutating func error(_ id: String, _ summary: String, _ detail: String, _ range: TextRange, context: TextRange? = nil) {
    diagnostics.append(
      Diagnostic(code: "eval.\(id)", summary: summary, detail: detail, subject: range, context: context))
  }

  func token(_ element: SyntaxElement) -> Token? {
    guard let index = element.tokenIndex, index < file.tokens.count else { return nil }
    return file.tokens[index]
  }

  func text(_ token: Token) -> String { file.text(of: token) }

  /// Direct child tokens of a node, trivia excluded.
  func tokens(of node: SyntaxNode) -> [Token] {
    var result: [Token] = []
    for element in node.children {
      if let token = token(element), !token.kind.isTrivia, token.kind != .newline { result.append(token) }
    }
    return result
  }

  /// The first direct child token, trivia excluded (`tokens(of:).first` without the array).
  func firstToken(of node: SyntaxNode) -> Token? {
    for element in node.children {
      if let token = token(element), !token.kind.isTrivia, token.kind != .newline { return token }
    }
    return nil
  }

  /// The first direct child token of a kind.
  func firstToken(_ kind: TokenKind, of node: SyntaxNode) -> Token? {
    for element in node.children {
      if let token = token(element), token.kind == kind { return token }
    }
    return nil
  }

  /// The last direct child token of a kind.
  func lastToken(_ kind: TokenKind, of node: SyntaxNode) -> Token? {
    // By position: a reversed view of the children would read them through the generic collection accessors.
    let children = node.children
    for position in children.indices.reversed() {
      if let token = token(children[position]), token.kind == kind { return token }
    }
    return nil
  }

  // MARK: - Dispatch

  mutating func evaluate(_ node: SyntaxNode, _ scope: Scope) -> Value {
    guard depth < Evaluator.maxDepth else {
      if !reportedDepth {
        reportedDepth = true
        error("too-deep", "Expression too deeply nested",
          "This expression nests more than \(Evaluator.maxDepth) levels deep; Mercator does not evaluate it.", node.range)
      }
      return .unknown()
    }
    steps += 1
    guard steps <= Evaluator.maxSteps else {
      if steps == Evaluator.maxSteps + 1 {
        error("too-expensive", "Expression too expensive",
          "Evaluating this expression takes more than \(Evaluator.maxSteps) steps; Mercator stops here.", node.range)
      }
      return .unknown()
    }
    depth += 1
    defer { depth -= 1 }
    let value = dispatch(node, scope)
    if value.nesting > Value.maxNesting {
      error("too-deep-value", "Value too deeply nested",
        "This value nests collections more than \(Value.maxNesting) levels deep; Mercator does not evaluate it.", node.range)
      return .unknown()
    }
    return value
  }

  mutating func dispatch(_ node: SyntaxNode, _ scope: Scope) -> Value {
    switch node.kind {
    case .literal: return literal(node)
    case .variable: return variable(node, scope)
    case .parentheses:
      guard let inner = node.firstChildNode else { return .unknown() }
      return evaluate(inner, scope)
    case .tuple:
      var elements: [Value] = []
      for element in node.nodeChildren { elements.append(evaluate(element, scope)) }
      return .tuple(elements)
    case .object: return object(node, scope)
    case .functionCall: return call(node, scope)
    case .getAttribute, .legacyIndex, .index: return traversal(node, scope)
    case .attributeSplat, .fullSplat: return splat(node, scope)
    case .conditional: return conditional(node, scope)
    case .binary: return binary(node, scope)
    case .unary: return unary(node, scope)
    case .forExpression: return forExpression(node, scope)
    case .quotedTemplate, .heredocTemplate: return template(node, scope)
    case .file:
      guard let inner = node.childNodes.first else { return .unknown() }
      return evaluate(inner, scope)
    default:
      // Recovery nodes and non-expressions: the parser has reported them.
      return .unknown()
    }
  }

  // MARK: - Terms

  func literal(_ node: SyntaxNode) -> Value {
    guard let token = firstToken(of: node) else { return .unknown() }
    let spelling = text(token)
    switch token.kind {
    case .numberLit:
      guard let n = NumberFormat.parse(spelling) else { return .unknown(.number) }
      return .number(n)
    case .ident:
      switch spelling {
      case "true": return .true
      case "false": return .false
      case "null": return .null()
      default: return .unknown()
      }
    default: return .unknown()
    }
  }

  mutating func variable(_ node: SyntaxNode) -> String? {
    firstToken(of: node).map { text($0) }
  }

  mutating func variable(_ node: SyntaxNode, _ scope: Scope) -> Value {
    guard let name = variable(node) else { return .unknown() }
    if let value = scope.variable(name) { return value }
    var detail = "There is no variable named \"\(name)\"."
    if let suggestion = nameSuggestion(name, among: scope.allVariableNames) { detail += " Did you mean \"\(suggestion)\"?" }
    error("unknown-variable", "Unknown variable", detail, node.range)
    return .unknown()
  }

  mutating func object(_ node: SyntaxNode, _ scope: Scope) -> Value {
    var attributes: [String: Value] = [:]
    var unknown = false
    var sensitive = false
    for item in node.nodeChildren where item.kind == .objectItem {
      var keyNode: SyntaxNode? = nil
      var valueNode: SyntaxNode? = nil
      for part in item.nodeChildren {
        if keyNode == nil {
          keyNode = part
        } else {
          valueNode = part
          break
        }
      }
      guard let keyNode, let valueNode, keyNode.kind == .objectKey, let keyExpression = keyNode.firstChildNode
      else { continue }
      let value = evaluate(valueNode, scope)
      var key: String
      if keyExpression.kind == .variable || keyExpression.kind == .literal,
        let token = firstToken(of: keyExpression), token.kind == .ident
      {
        // A bare name is the key itself, keywords included (`{null = 1}` has the key "null").
        key = text(token)
      } else {
        let keyValue = evaluate(keyExpression, scope)
        if keyValue.isNull {
          error("null-key", "Null value as key", "Can't use a null value as a key.", keyExpression.range)
          continue
        }
        switch Conversion.convert(keyValue, to: .string) {
        case .failure(let failure):
          error("invalid-key", "Incorrect key type", "Can't use this value as a key: \(failure.message).", keyExpression.range)
          continue
        case .success(let converted):
          guard let s = converted.stringValue else {
            unknown = true
            continue
          }
          sensitive = sensitive || converted.isSensitive
          key = s
        }
      }
      attributes[key] = value
    }
    if unknown { return Value.unknown(.dynamic).marked(sensitive) }
    return Value.object(attributes).marked(sensitive)
  }

  // MARK: - Traversals

  /// The operand of a traversal step: its first child node, or the current splat item when the step is relative.
  mutating func operand(of node: SyntaxNode, _ scope: Scope) -> Value? {
    if case .node(let first)? = node.children.first {
      return evaluate(first, scope)
    }
    return splatItems.last
  }

  /// The range of the step itself (`.name`, `[key]`), without the operand.
  func stepRange(_ node: SyntaxNode) -> TextRange {
    if case .node(let first)? = node.children.first, first.range.end <= node.range.end {
      return TextRange(start: first.range.end, end: node.range.end)
    }
    return node.range
  }

  mutating func traversal(_ node: SyntaxNode, _ scope: Scope) -> Value {
    guard let base = operand(of: node, scope) else { return .unknown() }
    let range = stepRange(node)
    switch node.kind {
    case .getAttribute:
      guard let name = lastToken(.ident, of: node) else { return .unknown() }
      return getAttribute(base, text(name), range: range)
    case .legacyIndex:
      guard let number = lastToken(.numberLit, of: node),
        let n = NumberFormat.parse(text(number))
      else { return .unknown() }
      return index(base, .number(n), range: range)
    default:
      let hasOperand: Bool = if case .node? = node.children.first { true } else { false }
      // The key is the child node after the operand, read without building the array of child nodes.
      var childNodes = node.nodeChildren.makeIterator()
      if hasOperand { _ = childNodes.next() }
      guard let keyNode = childNodes.next() else { return .unknown() }
      let key = evaluate(keyNode, scope)
      return index(base, key, range: range)
    }
  }

  mutating func getAttribute(_ base: Value, _ name: String, range: TextRange) -> Value {
    let sensitive = base.isSensitive
    if base.isNull {
      error("null-attribute", "Attempt to get attribute from null value",
        "This value is null, so it does not have any attributes.", range)
      return .unknown()
    }
    switch base.type {
    case .dynamic: return .unknown()
    case .object(let types):
      // A known object's attributes are all in its type (every constructor keeps them so), so a name found among
      // them needs no second lookup: `local.x` reads a table of every local, and each lookup there is a cache miss.
      if let attributes = base.attributes, let value = attributes[name] { return value.marked(sensitive) }
      guard let type = types[name] else {
        error("unsupported-attribute", "Unsupported attribute", "This object does not have an attribute named \"\(name)\".", range)
        return .unknown()
      }
      guard let attributes = base.attributes else { return Value.unknown(type).marked(sensitive) }
      return (attributes[name] ?? .unknown(type)).marked(sensitive)
    case .map(let elementType):
      guard let attributes = base.attributes else { return Value.unknown(elementType).marked(sensitive) }
      guard let value = attributes[name] else {
        error("missing-map-element", "Missing map element", "This map does not have an element with the key \"\(name)\".", range)
        return .unknown()
      }
      return value.marked(sensitive)
    case .bool, .number, .string:
      error("unsupported-attribute", "Unsupported attribute",
        "Can't access attributes on a primitive-typed value (\(base.type.friendlyName)).", range)
      return .unknown()
    default:
      error("unsupported-attribute", "Unsupported attribute", "This value does not have any attributes.", range)
      return .unknown()
    }
  }

  mutating func index(_ base: Value, _ key: Value, range: TextRange) -> Value {
    let sensitive = base.isSensitive || key.isSensitive
    if base.isNull {
      error("null-index", "Attempt to index null value", "This value is null, so it does not have any indices.", range)
      return .unknown()
    }
    if key.isNull {
      error("invalid-index", "Invalid index", "Can't use a null value as an indexing key.", range)
      return .unknown()
    }
    switch base.type {
    case .dynamic: return .unknown()
    case .list, .tuple:
      let elementType: ValueType = base.type.elementType ?? .dynamic
      switch Conversion.convert(key, to: .number) {
      case .failure(let f):
        error("invalid-index", "Invalid index", "The given key does not identify an element in this collection value: \(f.message).", range)
        return .unknown()
      case .success(let k):
        guard let n = k.numberValue, let elements = base.elements else {
          if case .tuple = base.type { return Value.unknown().marked(sensitive) }
          return Value.unknown(elementType).marked(sensitive)
        }
        guard let i = NumberFormat.integer(n) else {
          error("invalid-index", "Invalid index", "The given key does not identify an element in this collection value: a whole number is required.", range)
          return .unknown()
        }
        if i < 0 {
          error("invalid-index", "Invalid index", "The given key does not identify an element in this collection value: a negative number is not a valid index for a sequence.", range)
          return .unknown()
        }
        guard i < elements.count else {
          error("invalid-index", "Invalid index", "The given key does not identify an element in this collection value: the given index is greater than or equal to the length of the collection.", range)
          return .unknown()
        }
        return elements[i].marked(sensitive)
      }
    case .map, .object:
      switch Conversion.convert(key, to: .string) {
      case .failure(let f):
        error("invalid-index", "Invalid index", "The given key does not identify an element in this collection value: \(f.message).", range)
        return .unknown()
      case .success(let k):
        guard let name = k.stringValue, let attributes = base.attributes else {
          return Value.unknown(base.type.elementType ?? .dynamic).marked(sensitive)
        }
        guard let value = attributes[name] else {
          error("invalid-index", "Invalid index", "The given key does not identify an element in this collection value.", range)
          return .unknown()
        }
        return value.marked(sensitive)
      }
    case .set:
      error("invalid-index", "Invalid index", "Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set.", range)
      return .unknown()
    default:
      error("invalid-index", "Invalid index", "This value does not have any indices.", range)
      return .unknown()
    }
  }

  /// `.*` and `[*]`: the steps after the splat applied to each element. A null operand gives `[]`; a value that is
  /// not a list, set or tuple is wrapped as a one-element tuple.
  mutating func splat(_ node: SyntaxNode, _ scope: Scope) -> Value {
    let nodes = node.childNodes
    guard let sourceNode = nodes.first else { return .unknown() }
    let source = evaluate(sourceNode, scope)
    let steps = nodes.dropFirst().first
    if source.isNull { return Value.tuple([]).marked(source.isSensitive) }
    guard source.isKnown else { return Value.unknown().marked(source.isSensitive) }
    var items: [Value]
    var isList = false
    switch source.type {
    case .list, .set:
      items = source.elements ?? []
      isList = true
    case .tuple:
      items = source.elements ?? []
    default:
      items = [source.marked(false)]
    }
    var results: [Value] = []
    for item in items {
      guard let steps else {
        results.append(item)
        continue
      }
      splatItems.append(item)
      results.append(evaluate(steps, scope))
      splatItems.removeLast()
    }
    var result: Value = .tuple(results)
    if isList {
      if case .success(let list) = Conversion.convert(result, to: .list(.dynamic)) { result = list }
    }
    return result.marked(source.isSensitive)
  }

  // MARK: - Operators

  mutating func conditional(_ node: SyntaxNode, _ scope: Scope) -> Value {
    let nodes = node.childNodes
    guard nodes.count >= 3 else { return .unknown() }
    let saved = diagnostics
    let condition = evaluate(nodes[0], scope)
    let conditionDiagnostics = Array(diagnostics[saved.count...])
    diagnostics = saved
    let trueResult = evaluate(nodes[1], scope)
    let trueDiagnostics = Array(diagnostics[saved.count...])
    diagnostics = saved
    let falseResult = evaluate(nodes[2], scope)
    let falseDiagnostics = Array(diagnostics[saved.count...])
    diagnostics = saved + conditionDiagnostics

    let resultType: ValueType
    if let unified = Conversion.unify([trueResult.type, falseResult.type]) {
      resultType = unified
    } else {
      error("inconsistent-conditional-types", "Inconsistent conditional result types",
        "The true and false result expressions must have consistent types. The 'true' value is \(trueResult.type.friendlyName), but the 'false' value is \(falseResult.type.friendlyName).",
        TextRange(start: nodes[1].range.start, end: nodes[2].range.end), context: node.range)
      return .unknown()
    }
    if condition.isNull {
      error("null-condition", "Null condition", "The condition value is null. Conditions must either be true or false.", nodes[0].range)
      return .unknown(resultType)
    }
    guard case .success(let boolCondition) = Conversion.convert(condition, to: .bool) else {
      error("incorrect-condition-type", "Incorrect condition type", "The condition expression must be of type bool.", nodes[0].range)
      return .unknown(resultType)
    }
    guard let chosen = boolCondition.boolValue else { return Value.unknown(resultType).marked(condition.isSensitive) }
    let result = chosen ? trueResult : falseResult
    diagnostics += chosen ? trueDiagnostics : falseDiagnostics
    switch Conversion.convert(result, to: resultType) {
    case .success(let converted): return converted.marked(condition.isSensitive)
    case .failure(let f):
      error("inconsistent-conditional-types", "Inconsistent conditional result types",
        "The \(chosen ? "true" : "false") result value is inconsistent with the result type: \(f.message).", (chosen ? nodes[1] : nodes[2]).range)
      return .unknown(resultType)
    }
  }

  /// Converts an operand, reporting "Invalid operand" on failure; nil means the result is poisoned.
  mutating func operand(_ value: Value, _ type: ValueType, side: String, _ range: TextRange) -> Value? {
    if value.isNull {
      error("invalid-operand", "Invalid operand", "Unsuitable value for \(side) operand: argument must not be null.", range)
      return nil
    }
    switch Conversion.convert(value, to: type) {
    case .success(let v): return v
    case .failure(let f):
      error("invalid-operand", "Invalid operand", "Unsuitable value for \(side) operand: \(f.message).", range)
      return nil
    }
  }

  mutating func binary(_ node: SyntaxNode, _ scope: Scope) -> Value {
    let nodes = node.childNodes
    guard nodes.count >= 2, let op = firstToken(of: node) else { return .unknown() }
    let lhs = evaluate(nodes[0], scope)
    let rhs = evaluate(nodes[1], scope)
    let sensitive = lhs.isSensitive || rhs.isSensitive
    switch op.kind {
    case .equalOp, .notEqual:
      var result = Conversion.equals(lhs, rhs)
      if op.kind == .notEqual, let b = result.boolValue { result = Value.bool(!b).marked(result.isSensitive) }
      return result
    case .and, .or:
      let a = operand(lhs, .bool, side: "left", nodes[0].range)
      let b = operand(rhs, .bool, side: "right", nodes[1].range)
      guard let a, let b else { return .unknown(.bool) }
      guard let x = a.boolValue, let y = b.boolValue else { return Value.unknown(.bool).marked(sensitive) }
      return Value.bool(op.kind == .and ? x && y : x || y).marked(sensitive)
    default:
      break
    }
    let a = operand(lhs, .number, side: "left", nodes[0].range)
    let b = operand(rhs, .number, side: "right", nodes[1].range)
    let isComparison = [.lessThan, .lessThanEq, .greaterThan, .greaterThanEq].contains(op.kind)
    let resultType: ValueType = isComparison ? .bool : .number
    guard let a, let b else { return .unknown(resultType) }
    guard let x = a.numberValue, let y = b.numberValue else { return Value.unknown(resultType).marked(sensitive) }
    let result: Value
    switch op.kind {
    case .lessThan: result = .bool(x < y)
    case .lessThanEq: result = .bool(x <= y)
    case .greaterThan: result = .bool(x > y)
    case .greaterThanEq: result = .bool(x >= y)
    case .plus: result = .number(x + y)
    case .minus: result = .number(x - y)
    case .star: result = .number(x * y)
    case .slash:
      if y == 0 && x == 0 || x.isInfinite && y.isInfinite {
        error("operation-failed", "Operation failed", "Error during operation: can't divide zero by zero or infinity by infinity.", node.range)
        return .unknown(.number)
      }
      result = .number(x / y)
    case .percent:
      if y == 0 || x.isInfinite {
        error("operation-failed", "Operation failed", "Error during operation: can't use modulo operator with zero or infinity.", node.range)
        return .unknown(.number)
      }
      result = .number(y.isInfinite ? x : x.truncatingRemainder(dividingBy: y))
    default:
      return .unknown()
    }
    if let n = result.numberValue, n.isNaN {
      error("operation-failed", "Operation failed", "Error during operation: the result is not a number.", node.range)
      return .unknown(.number)
    }
    return result.marked(sensitive)
  }

  mutating func unary(_ node: SyntaxNode, _ scope: Scope) -> Value {
    guard let op = firstToken(of: node), let operandNode = node.firstChildNode else { return .unknown() }
    let value = evaluate(operandNode, scope)
    if op.kind == .bang {
      guard let b = operand(value, .bool, side: "unary", operandNode.range) else { return .unknown(.bool) }
      guard let x = b.boolValue else { return Value.unknown(.bool).marked(value.isSensitive) }
      return Value.bool(!x).marked(value.isSensitive)
    }
    guard let n = operand(value, .number, side: "unary", operandNode.range) else { return .unknown(.number) }
    guard let x = n.numberValue else { return Value.unknown(.number).marked(value.isSensitive) }
    return Value.number(-x).marked(value.isSensitive)
  }

  // MARK: - Calls

  mutating func call(_ node: SyntaxNode, _ scope: Scope) -> Value {
    guard let nameToken = firstToken(.ident, of: node) else { return .unknown() }
    let name = text(nameToken)
    guard let arguments = node.firstChild(.argumentList) else { return .unknown() }
    let argumentNodes = arguments.childNodes
    let expands = firstToken(.ellipsis, of: arguments) != nil
    guard let function = scope.function(name) else {
      var detail = "There is no function named \"\(name)\"."
      if let suggestion = nameSuggestion(name, among: scope.allFunctionNames) { detail += " Did you mean \"\(suggestion)\"?" }
      error("unknown-function", "Call to unknown function", detail, nameToken.range, context: node.range)
      return .unknown()
    }
    if StandardLibrary.expressionFunctions.contains(name) {
      return tryOrCan(name, argumentNodes, scope, callRange: node.range)
    }
    var values: [Value] = []
    var ranges: [TextRange] = []
    for (index, argumentNode) in argumentNodes.enumerated() {
      let value = evaluate(argumentNode, scope)
      if expands && index == argumentNodes.count - 1 {
        if value.isNull {
          error("invalid-expansion", "Invalid expanding argument value", "The expanding argument (indicated by ...) must not be null.", argumentNode.range)
          return .unknown(function.returnType)
        }
        guard value.isKnown else { return Value.unknown(function.returnType).marked(value.isSensitive) }
        switch value.type {
        case .list, .set, .tuple:
          for element in value.elements ?? [] {
            values.append(element.marked(value.isSensitive))
            ranges.append(argumentNode.range)
          }
        default:
          error("invalid-expansion", "Invalid expanding argument value", "The expanding argument (indicated by ...) must be of a tuple, list, or set type.", argumentNode.range)
          return .unknown(function.returnType)
        }
      } else {
        values.append(value)
        ranges.append(argumentNode.range)
      }
    }
    var closeRange = node.range
    let argumentChildren = arguments.children
    for position in argumentChildren.indices.reversed() {
      if let token = token(argumentChildren[position]), !token.kind.isTrivia, token.kind != .newline {
        closeRange = token.range
        break
      }
    }
    return apply(function, name: name, values, ranges: ranges, callRange: node.range, closeRange: closeRange)
  }

  mutating func apply(_ function: Function, name: String, _ values: [Value], ranges: [TextRange], callRange: TextRange, closeRange: TextRange) -> Value {
    let params = function.parameters
    if values.count < params.count {
      let missing = params[values.count]
      error("not-enough-arguments", "Not enough function arguments",
        "Function \"\(name)\" expects \(params.count) argument(s). Missing value for \"\(missing.name)\".", closeRange, context: callRange)
      return .unknown(function.returnType)
    }
    if values.count > params.count && function.variadic == nil {
      error("too-many-arguments", "Too many function arguments",
        "Function \"\(name)\" expects only \(params.count) argument(s).", ranges[params.count], context: callRange)
      return .unknown(function.returnType)
    }
    var converted: [Value] = []
    var sensitive = false
    var unknown = false
    var failed = false
    for (index, value) in values.enumerated() {
      guard let param = index < params.count ? params[index] : function.variadic else { continue }
      if value.isNull && !param.allowNull {
        error("invalid-argument", "Invalid function argument", "Invalid value for \"\(param.name)\" parameter: argument must not be null.", ranges[index], context: callRange)
        failed = true
        continue
      }
      switch Conversion.convert(value, to: param.type) {
      case .failure(let f):
        error("invalid-argument", "Invalid function argument", "Invalid value for \"\(param.name)\" parameter: \(f.message).", ranges[index], context: callRange)
        failed = true
      case .success(let v):
        let (plain, marked) = v.unmarkedDeep()
        sensitive = sensitive || marked
        if !param.allowUnknown && !plain.isWhollyKnown { unknown = true }
        converted.append(function.receivesSensitive ? v : plain)
      }
    }
    if failed { return .unknown(function.returnType) }
    if unknown { return Value.unknown(function.returnType).marked(sensitive) }
    switch function.implementation(converted) {
    case .success(let result):
      return function.receivesSensitive ? result : result.marked(sensitive)
    case .failure(let failure):
      if failure.fromHost {
        let message = sensitive ? "(sensitive value)" : failure.message
        diagnostics.append(Diagnostic(
          code: "eval.host-unavailable", severity: .warning, summary: message.prefix(1).uppercased() + message.dropFirst(),
          detail: "Mercator could not read for \(name)(); Atlas fails too if it cannot, when this block is evaluated.", subject: callRange))
      } else if let argument = failure.argument, argument < ranges.count {
        let param = argument < params.count ? params[argument] : function.variadic
        error("invalid-argument", "Invalid function argument",
          "Invalid value for \"\(param?.name ?? "argument")\" parameter: \(sensitive ? "(sensitive value)" : failure.message).", ranges[argument], context: callRange)
      } else {
        error("call-failed", "Error in function call",
          "Call to function \"\(name)\" failed: \(sensitive ? "(sensitive value)" : failure.message).", callRange)
      }
      return .unknown(function.returnType)
    }
  }

  /// `try(…)` and `can(…)` (hcl's `ext/tryfunc`): arguments are evaluated one by one with their diagnostics held
  /// back; an unknown result is not a success or failure yet, so the result is unknown.
  mutating func tryOrCan(_ name: String, _ arguments: [SyntaxNode], _ scope: Scope, callRange: TextRange) -> Value {
    if name == "can" && arguments.count != 1 {
      error(arguments.isEmpty ? "not-enough-arguments" : "too-many-arguments",
        arguments.isEmpty ? "Not enough function arguments" : "Too many function arguments",
        "Function \"can\" expects 1 argument(s).", callRange)
      return .unknown(.bool)
    }
    if arguments.isEmpty {
      error("call-failed", "Error in function call", "Call to function \"try\" failed: at least one argument is required.", callRange)
      return .unknown()
    }
    var failures: [String] = []
    for argument in arguments {
      let saved = diagnostics
      let value = evaluate(argument, scope)
      let produced = diagnostics.count - saved.count
      let messages = diagnostics[saved.count...].map(\.message)
      diagnostics = saved
      if produced == 0 {
        if !value.isWhollyKnown { return name == "can" ? Value.unknown(.bool) : Value.unknown() }
        return name == "can" ? .true : value
      }
      failures += messages
    }
    if name == "can" { return .false }
    error("call-failed", "Error in function call",
      "Call to function \"try\" failed: no expression succeeded:\n" + failures.map { "- \($0)" }.joined(separator: "\n"),
      callRange)
    return .unknown()
  }

  // MARK: - For expressions

  mutating func forExpression(_ node: SyntaxNode, _ scope: Scope) -> Value {
    guard let intro = node.firstChild(.forIntro), let collectionNode = intro.childNodes.first else { return .unknown() }
    let isObject = firstToken(of: node)?.kind == .oBrace
    let idents = tokens(of: intro).filter { $0.kind == .ident }.map { text($0) }
    guard idents.count >= 3 else { return .unknown() }
    let names = Array(idents[1..<(idents.count - 1)])
    let keyName: String? = names.count == 2 ? names[0] : nil
    let valueName = names.last ?? "_"
    let bodyTokens = tokens(of: node)
    let hasKey = bodyTokens.contains { $0.kind == .fatArrow }
    let grouping = bodyTokens.contains { $0.kind == .ellipsis }
    let bodies = node.childNodes.filter { $0.kind != .forIntro && $0.kind != .forCondition && $0.kind != .unexpected }
    let conditionNode = node.firstChild(.forCondition)?.childNodes.first
    guard let valueNode = hasKey ? bodies.dropFirst().first : bodies.first else { return .unknown() }
    let keyNode = hasKey ? bodies.first : nil
    if isObject && keyNode == nil { return .unknown() }

    let collection = evaluate(collectionNode, scope)
    if collection.isNull {
      error("null-iteration", "Iteration over null value", "A null value cannot be used as the collection in a 'for' expression.", collectionNode.range)
      return .unknown()
    }
    guard collection.isKnown else { return Value.unknown().marked(collection.isSensitive) }
    guard let items = collection.keyedElements else {
      error("non-iterable", "Iteration over non-iterable value",
        "A value of type \(collection.type.friendlyName) cannot be used as the collection in a 'for' expression.", collectionNode.range)
      return .unknown()
    }
    let sensitive = collection.isSensitive
    var tupleValues: [Value] = []
    var objectValues: [String: Value] = [:]
    var groups: [String: [Value]] = [:]
    var unknown = false
    for item in items {
      var variables = [valueName: item.value.marked(sensitive)]
      if let keyName { variables[keyName] = item.key.marked(sensitive) }
      let inner = scope.child(variables: variables)
      if let conditionNode {
        let condition = evaluate(conditionNode, inner)
        if condition.isNull {
          error("invalid-for-condition", "Condition is null", "The value of the 'if' clause must not be null.", conditionNode.range)
          return .unknown()
        }
        guard case .success(let b) = Conversion.convert(condition, to: .bool) else {
          error("invalid-for-condition", "Invalid 'for' condition", "The 'if' clause value is invalid: bool required.", conditionNode.range)
          return .unknown()
        }
        guard let include = b.boolValue else {
          unknown = true
          continue
        }
        if !include { continue }
      }
      if isObject, let keyNode {
        let key = evaluate(keyNode, inner)
        let value = evaluate(valueNode, inner)
        if key.isNull {
          error("invalid-object-key", "Invalid object key", "Key expression in 'for' expression must not produce a null value.", keyNode.range)
          return .unknown()
        }
        guard case .success(let k) = Conversion.convert(key, to: .string) else {
          error("invalid-object-key", "Invalid object key", "The key expression produced an invalid result: string required.", keyNode.range)
          return .unknown()
        }
        guard let name = k.stringValue else {
          unknown = true
          continue
        }
        if grouping {
          if groups[name] == nil { groups[name] = [] }
          groups[name]?.append(value)
        } else {
          if objectValues[name] != nil {
            error("duplicate-key", "Duplicate object key",
              "Two different items produced the key \"\(name)\" in this 'for' expression. If duplicate keys are expected, use the ellipsis (...) after the value expression to enable grouping by key.",
              keyNode.range)
            return .unknown()
          }
          objectValues[name] = value
        }
      } else {
        tupleValues.append(evaluate(valueNode, inner))
      }
    }
    if unknown { return Value.unknown().marked(sensitive) }
    if isObject {
      if grouping { objectValues = groups.mapValues { Value.tuple($0) } }
      return Value.object(objectValues).marked(sensitive)
    }
    return Value.tuple(tupleValues).marked(sensitive)
  }
}
