// The function table Atlas registers (go-cty stdlib subset + Atlas's own), and what the host injects for I/O.

/// What functions that would touch the outside world get from the caller instead. Every closure is optional: when
/// one is missing, calls that need it give an unknown value (analysis without the environment stays quiet).
package struct HostEnvironment: Sendable {
  /// `getenv`: the variable's value, or nil when unset (the function then returns `""`, as Go's `os.Getenv`).
  package var environment: (@Sendable (String) -> String?)?
  /// `file`: the file's text for a path (relative paths are the host's business), or a failure message.
  package var readFile: (@Sendable (String) -> Result<String, FunctionError>)?
  /// `fileset` (doublestar) and `glob` (filepath.Glob): the matching absolute paths, sorted.
  package var fileset: (@Sendable (String) -> Result<[String], FunctionError>)?
  package var glob: (@Sendable (String) -> Result<[String], FunctionError>)?
  /// `print`: where the printed rendering goes (never called for sensitive values).
  package var print: (@Sendable (String) -> Void)?

  package init(
    environment: (@Sendable (String) -> String?)? = nil,
    readFile: (@Sendable (String) -> Result<String, FunctionError>)? = nil,
    fileset: (@Sendable (String) -> Result<[String], FunctionError>)? = nil,
    glob: (@Sendable (String) -> Result<[String], FunctionError>)? = nil,
    print: (@Sendable (String) -> Void)? = nil
  ) {
    self.environment = environment
    self.readFile = readFile
    self.fileset = fileset
    self.glob = glob
    self.print = print
  }
}

typealias Impl = @Sendable ([Value]) throws(FunctionError) -> Value

func makeFunction(
  _ parameters: [FunctionParameter], variadic: FunctionParameter? = nil, returns: ValueType, _ summary: String,
  _ body: @escaping Impl
) -> Function {
  Function(parameters: parameters, variadic: variadic, returns: returns, summary: summary) { args in
    do throws(FunctionError) {
      return .success(try body(args))
    } catch {
      return .failure(error)
    }
  }
}

func p(_ name: String, _ type: ValueType, null: Bool = false, unknown: Bool = false) -> FunctionParameter {
  FunctionParameter(name, type, allowNull: null, allowUnknown: unknown)
}

extension Value {
  /// Accessors for converted, known, non-null arguments.
  var s: String { stringValue ?? "" }
  var n: Double { numberValue ?? 0 }
  var b: Bool { boolValue ?? false }
  var items: [Value] { elements ?? [] }
}

/// The functions of an atlas.hcl evaluation.
package enum StandardLibrary {
  /// Every function Atlas registers for atlas.hcl (atlas-config.md §5), bound to `host` for the ones doing I/O.
  package static func functions(host: HostEnvironment = HostEnvironment()) -> [String: Function] {
    var table: [String: Function] = [:]
    table.merge(numberFunctions) { a, _ in a }
    table.merge(stringFunctions) { a, _ in a }
    table.merge(collectionFunctions) { a, _ in a }
    table.merge(encodingFunctions) { a, _ in a }
    table.merge(yamlFunctions) { a, _ in a }
    table.merge(timeAndCSVFunctions) { a, _ in a }
    table.merge(regexFunctions) { a, _ in a }
    table.merge(atlasFunctions(host: host)) { a, _ in a }
    return table
  }

  /// Names the evaluator handles itself because they take expressions, not values (`hcl/v2/ext/tryfunc`).
  package static let expressionFunctions: Set<String> = ["try", "can"]
}
