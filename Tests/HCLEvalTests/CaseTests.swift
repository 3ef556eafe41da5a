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
