// Signature help: the signature of the function whose call's parentheses hold the position, and the parameter the
// position is in (the variadic one for every argument past the fixed ones). Works in unclosed calls.
package import HCLSyntax

package struct SignatureInformation: Sendable, Hashable {
  /// `name(a string, ...b string) string`.
  package var label: String
  /// Each parameter's place in `label`, as UTF-8 offsets (start, end).
  package var parameters: [(start: Int, end: Int)]
  /// The parameter the position is in; nil past the last one of a function without a variadic parameter.
  package var activeParameter: Int?
  package var documentation: String
  /// The call's name, where the signature belongs.
  package var nameRange: TextRange

  package static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.label == rhs.label && lhs.parameters.map(\.start) == rhs.parameters.map(\.start)
      && lhs.parameters.map(\.end) == rhs.parameters.map(\.end) && lhs.activeParameter == rhs.activeParameter
      && lhs.documentation == rhs.documentation && lhs.nameRange == rhs.nameRange
  }

  package func hash(into hasher: inout Hasher) {
    hasher.combine(label)
    hasher.combine(activeParameter)
  }
}

package enum SignatureHelp {
  /// The signature at a position; nil outside calls and for functions Atlas does not have.
  package static func signature(_ analysis: AtlasAnalysis, at offset: Int) -> SignatureInformation? {
    let offset = min(max(offset, 0), analysis.file.source.count)
    let context = CursorContext(analysis, offset: offset)
    guard let (call, argument) = context.call, let function = AtlasSchema.function(call.name) else { return nil }
    var label = "\(function.name)("
    var parameters: [(start: Int, end: Int)] = []
    var pieces = function.parameters.map { "\($0.name) \($0.type)" }
    if let variadic = function.variadic { pieces.append("...\(variadic.name) \(variadic.type)") }
    for (index, piece) in pieces.enumerated() {
      if index > 0 { label += ", " }
      let start = label.utf8.count
      label += piece
      parameters.append((start, label.utf8.count))
    }
    label += ") \(function.returns)"
    let active: Int?
    if argument < function.parameters.count {
      active = argument
    } else {
      active = function.variadic == nil ? nil : function.parameters.count
    }
    let documentation = Completion.documentation(.function(function.name)) ?? function.doc
    return SignatureInformation(label: label, parameters: parameters, activeParameter: active,
                                documentation: documentation, nameRange: call.nameRange)
  }
}
