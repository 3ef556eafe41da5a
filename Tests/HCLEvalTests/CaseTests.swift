// Table tests from Tests/Fixtures/eval/*.cases: each expression must render as expected with exactly the listed codes.

import Testing

@Suite struct CaseTests {
  static func check(_ testCase: EvalCase) {
    let (rendered, diagnostics, _) = evaluate(testCase.expression)
    #expect(rendered == testCase.expected, "\(testCase)")
    #expect(diagnostics.map(\.code) == testCase.codes, "\(testCase): \(diagnostics.map(\.message))")
  }

  @Test(arguments: EvalCase.load("expressions")) func expressions(_ testCase: EvalCase) { Self.check(testCase) }
  @Test(arguments: EvalCase.load("templates")) func templates(_ testCase: EvalCase) { Self.check(testCase) }
  @Test(arguments: EvalCase.load("functions")) func functions(_ testCase: EvalCase) { Self.check(testCase) }
  @Test(arguments: EvalCase.load("unknown-and-sensitive")) func unknownAndSensitive(_ testCase: EvalCase) {
    Self.check(testCase)
  }
}

@Suite struct CoverageTests {
  /// Every registered function is exercised by at least one case in functions.cases.
  @Test func everyFunctionHasCases() throws {
    let text = try String(contentsOf: EvalPaths.cases.appendingPathComponent("functions.cases"), encoding: .utf8)
    let missing = TestScope.functions.keys.filter { !text.contains("\($0)(") }.sorted()
    #expect(missing.isEmpty, "functions without cases: \(missing)")
  }
}
