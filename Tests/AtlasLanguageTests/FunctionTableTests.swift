// The functions the schema documents (for hover, completion and "unknown function") are the ones the evaluator has,
// with the same number of parameters: the two tables are written apart, so this keeps them in step.
import AtlasLanguage
import HCLEval
import Testing

@Suite struct FunctionTableTests {
  @Test func schemaAndEvaluatorAgree() {
    let library = StandardLibrary.functions()
    let documented = Set(AtlasSchema.functions.map(\.name))
    let evaluated = Set(library.keys).union(StandardLibrary.expressionFunctions)
    #expect(documented.subtracting(evaluated).isEmpty, "documented, not evaluated: \(documented.subtracting(evaluated).sorted())")
    #expect(evaluated.subtracting(documented).isEmpty, "evaluated, not documented: \(evaluated.subtracting(documented).sorted())")
    for function in AtlasSchema.functions {
      guard let implementation = library[function.name] else { continue }
      #expect(function.parameters.count == implementation.parameters.count, "\(function.name): parameter count")
      #expect((function.variadic == nil) == (implementation.variadic == nil), "\(function.name): variadic")
    }
  }
}
