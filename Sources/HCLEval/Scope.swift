// Scopes (variables and functions with a parent chain) and the shape of a callable function.

/// One parameter of a function, as cty's `function.Parameter`.
package struct FunctionParameter: Sendable, Hashable {
  package var name: String
  package var type: ValueType
  /// Null arguments reach the implementation instead of being an error.
  package var allowNull: Bool
  /// Unknown arguments reach the implementation instead of making the result unknown.
  package var allowUnknown: Bool

  package init(_ name: String, _ type: ValueType, allowNull: Bool = false, allowUnknown: Bool = false) {
    self.name = name
    self.type = type
    self.allowNull = allowNull
    self.allowUnknown = allowUnknown
  }
}

/// Why a function call failed: a message, and the argument it is about when there is one.
package struct FunctionError: Error, Hashable, Sendable {
  package var message: String
  package var argument: Int?
  /// The host could not give what was asked (a file that is not there): the configuration may still be right on
  /// the machine that runs Atlas, so this is a warning (`eval.host-unavailable`), not an error.
  package var fromHost: Bool

  package init(_ message: String, argument: Int? = nil, fromHost: Bool = false) {
    self.message = message
    self.argument = argument
    self.fromHost = fromHost
  }
}

/// A function callable from expressions. Arguments reach `implementation` already converted to the parameter
/// types, known (unless the parameter allows unknowns), non-null (unless it allows null) and without sensitive
/// marks: the caller re-marks the result when any argument was sensitive.
package struct Function: Sendable {
  package var parameters: [FunctionParameter]
  package var variadic: FunctionParameter?
  /// The result type when it does not depend on the arguments; `dynamic` otherwise (the type of an unknown result).
  package var returnType: ValueType
  package var summary: String
  package var implementation: @Sendable ([Value]) -> Result<Value, FunctionError>
  /// The arguments keep their sensitive marks (for functions that must see them, like `print`, which renders them
  /// redacted); otherwise they arrive unmarked and the result is re-marked.
  package var receivesSensitive = false

  package init(
    parameters: [FunctionParameter], variadic: FunctionParameter? = nil, returns returnType: ValueType,
    summary: String = "", implementation: @escaping @Sendable ([Value]) -> Result<Value, FunctionError>
  ) {
    self.parameters = parameters
    self.variadic = variadic
    self.returnType = returnType
    self.summary = summary
    self.implementation = implementation
  }

  /// The signature as documentation shows it: `(str string, ...args any) string`.
  package var signature: String {
    var params = parameters.map { "\($0.name) \($0.type.description)" }
    if let variadic { params.append("...\(variadic.name) \(variadic.type.description)") }
    return "(\(params.joined(separator: ", "))) \(returnType.description)"
  }
}

/// What names mean while evaluating: root variables and functions, looked up here and then in the parent.
package final class Scope: Sendable {
  package let variables: [String: Value]
  package let functions: [String: Function]
  package let parent: Scope?

  package init(variables: [String: Value] = [:], functions: [String: Function] = [:], parent: Scope? = nil) {
    self.variables = variables
    self.functions = functions
    self.parent = parent
  }

  // Most scopes hold only variables or only functions: an empty table is skipped rather than searched, which would
  // hash the name again at every level.

  // Recursive, not a loop over a local variable: the loop retained and released each scope it passed, while a call
  // borrows its parent from a scope that is alive anyway. Chains are as deep as `for` expressions nest, which the
  // evaluator bounds (`Evaluator.maxDepth`), plus a few scopes per block.

  package func variable(_ name: String) -> Value? {
    if !variables.isEmpty, let value = variables[name] { return value }
    return parent?.variable(name)
  }

  package func function(_ name: String) -> Function? {
    if !functions.isEmpty, let function = functions[name] { return function }
    return parent?.function(name)
  }

  /// A nested scope with more variables (a `for` expression's names).
  package func child(variables: [String: Value]) -> Scope { Scope(variables: variables, parent: self) }

  /// Every function name visible here (for completion and did-you-mean).
  package var allFunctionNames: Set<String> {
    var names = Set(functions.keys)
    if let parent { names.formUnion(parent.allFunctionNames) }
    return names
  }

  /// Every variable name visible here (for completion and did-you-mean).
  package var allVariableNames: Set<String> {
    var names = Set(variables.keys)
    if let parent { names.formUnion(parent.allVariableNames) }
    return names
  }
}

/// hcl's `nameSuggestion`: the candidate closest to `name` by edit distance, if it is within 3 edits.
package func nameSuggestion(_ name: String, among candidates: some Sequence<String>) -> String? {
  func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
      var current = [i + 1] + Array(repeating: 0, count: b.count)
      for (j, y) in b.enumerated() {
        current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
  let target = Array(name.unicodeScalars)
  guard target.count <= 64 else { return nil }
  var best: (String, Int)? = nil
  for candidate in candidates.sorted() {
    let scalars = Array(candidate.unicodeScalars)
    guard scalars.count <= 64 else { continue }
    let d = distance(target, scalars)
    if d < 3, best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
  }
  return best?.0
}
