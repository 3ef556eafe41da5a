// Type expressions (`variable "x" { type = list(string) }`): hcl's typeexpr plus Atlas's `int`, to a ValueType.

package import HCLSyntax

package enum TypeExpression {
  /// The type an expression spells (`string`, `number`, `bool`, `int`, `list(T)`, `set(T)`, `map(T)`,
  /// `tuple([T, …])`, `object({name = T, …})`), or nil with a diagnostic. Atlas has no `any` keyword
  /// (atlas-config.md §5), so `any` is rejected unless `allowAny`.
  package static func evaluate(_ node: SyntaxNode, in file: ParsedFile, allowAny: Bool = false) -> (ValueType?, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    let type = read(node, file, allowAny, &diagnostics, depth: 0)
    return (type, diagnostics)
  }

  static func fail(_ node: SyntaxNode, _ detail: String, _ diagnostics: inout [Diagnostic]) -> ValueType? {
    diagnostics.append(Diagnostic(code: "eval.invalid-type", summary: "Invalid type specification", detail: detail, subject: node.range))
    return nil
  }

  /// The first identifier token directly in a node (an attribute's name, a block's type, a call's function name).
  package static func identifierText(_ node: SyntaxNode, _ file: ParsedFile) -> String? { identifier(node, file) }

  static func identifier(_ node: SyntaxNode, _ file: ParsedFile) -> String? {
    for case .token(let index) in node.children {
      let token = file.tokens[Int(index)]
      if token.kind == .ident { return file.text(of: token) }
    }
    return nil
  }

  static func read(_ node: SyntaxNode, _ file: ParsedFile, _ allowAny: Bool, _ diagnostics: inout [Diagnostic], depth: Int) -> ValueType? {
    guard depth < 64 else { return fail(node, "The type is nested too deeply.", &diagnostics) }
    switch node.kind {
    case .parentheses:
      guard let inner = node.childNodes.first else { return nil }
      return read(inner, file, allowAny, &diagnostics, depth: depth + 1)
    case .variable:
      switch identifier(node, file) {
      case "string": return .string
      case "number", "int": return .number
      case "bool": return .bool
      case "any" where allowAny: return .dynamic
      case let name?:
        if ["list", "set", "map", "tuple", "object"].contains(name) {
          return fail(node, "The \(name) type constructor requires one argument specifying the element type.", &diagnostics)
        }
        return fail(node, "The keyword \"\(name)\" is not a valid type specification.", &diagnostics)
      case nil: return nil
      }
    case .functionCall:
      guard let name = identifier(node, file), let arguments = node.firstChild(.argumentList) else { return nil }
      let args = arguments.childNodes
      guard args.count == 1, let argument = args.first else {
        return fail(node, "The \(name) type constructor requires one argument.", &diagnostics)
      }
      switch name {
      case "list", "set", "map":
        guard let element = read(argument, file, allowAny, &diagnostics, depth: depth + 1) else { return nil }
        return name == "list" ? .list(element) : name == "set" ? .set(element) : .map(element)
      case "tuple":
        guard argument.kind == .tuple else {
          return fail(argument, "The tuple type constructor requires a list of element types.", &diagnostics)
        }
        var elements: [ValueType] = []
        for element in argument.childNodes {
          guard let t = read(element, file, allowAny, &diagnostics, depth: depth + 1) else { return nil }
          elements.append(t)
        }
        return .tuple(elements)
      case "object":
        guard argument.kind == .object else {
          return fail(argument, "The object type constructor requires an object of attribute types.", &diagnostics)
        }
        var attributes: [String: ValueType] = [:]
        for item in argument.childNodes where item.kind == .objectItem {
          let parts = item.childNodes
          guard parts.count >= 2, let key = parts[0].childNodes.first, let name = identifier(key, file),
            key.kind == .variable
          else {
            return fail(item, "Object type attribute names must be bare identifiers.", &diagnostics)
          }
          guard let t = read(parts[1], file, allowAny, &diagnostics, depth: depth + 1) else { return nil }
          attributes[name] = t
        }
        return .object(attributes)
      default:
        return fail(node, "Keyword \"\(name)\" is not a valid type constructor.", &diagnostics)
      }
    default:
      return fail(node, "A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).", &diagnostics)
    }
  }
}
