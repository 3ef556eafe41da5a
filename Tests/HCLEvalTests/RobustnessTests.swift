// Hostile input: deep nesting, long operator chains, huge numbers, invalid UTF-8 and every prefix of expressions.

import HCLEval
import HCLSyntax
import Testing

@Suite struct RobustnessTests {
  @Test(arguments: [
    String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000),
    String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000),
    "1" + String(repeating: " + 1", count: 20000),
    "a" + String(repeating: ".b", count: 20000),
    "a" + String(repeating: "[0]", count: 20000),
    String(repeating: "-", count: 20000) + "1",
    String(repeating: "!", count: 20000) + "true",
    String(repeating: "\"${", count: 3000) + "1" + String(repeating: "}\"", count: 3000),
    String(repeating: "true ? ", count: 5000) + "1" + String(repeating: " : 2", count: 5000),
    "[for x in [1] : " + String(repeating: "[for y in [1] : ", count: 2000) + "1" + String(repeating: "]", count: 2001),
    "jsondecode(\"" + String(repeating: "[", count: 100000) + "\")",
    "flatten(" + String(repeating: "[", count: 150) + String(repeating: "]", count: 150) + ")",
  ])
  func deepNestingGivesAValue(_ source: String) {
    let (value, _) = Evaluator.evaluate(expression: source, scope: TestScope.scope)
    _ = value.render()
  }

  @Test func expensiveEvaluationStops() {
    let source = "[for a in range(1000) : [for b in range(1000) : [for c in range(10) : a + b + c]]]"
    let (value, diagnostics) = Evaluator.evaluate(expression: source, scope: TestScope.scope)
    _ = value.render()
    #expect(diagnostics.map(\.code) == ["eval.too-expensive"])
    let big = Evaluator.evaluate(expression: #"indent(1000000000, "a\nb\nc")"#, scope: TestScope.scope)
    #expect(big.1.map(\.code) == ["eval.call-failed"])
    let wide = Evaluator.evaluate(expression: #"length(replace(format("%9999d", 1), "", format("%9999d", 1)))"#, scope: TestScope.scope)
    #expect(wide.1.map(\.code) == ["eval.call-failed"])
  }

  @Test func largeSetsAreFast() {
    let numbers = (0..<200_000).map { "\($0 % 1000)" }.joined(separator: ",")
    let (value, diagnostics) = Evaluator.evaluate(expression: "length(toset(jsondecode(\"[\(numbers)]\")))", scope: TestScope.scope)
    #expect(diagnostics.isEmpty)
    #expect(value.render() == "1000")
  }

  /// Values built from deep variables (as chains of locals would make) stop at `Value.maxNesting`.
  @Test func deepValuesAreRefused() {
    var deep = Value.number(1)
    for _ in 0..<(Value.maxNesting + 10) { deep = .tuple([deep]) }
    #expect(deep.nesting == Value.maxNesting + 10)
    let scope = Scope(variables: ["deep": deep], functions: StandardLibrary.functions())
    let (value, diagnostics) = Evaluator.evaluate(expression: "[deep]", scope: scope)
    #expect(value.render() == "[(unknown any)]")
    #expect(diagnostics.map(\.code) == ["eval.too-deep-value"])
    #expect(Evaluator.evaluate(expression: "deep[0][0][0]", scope: scope).1.map(\.code) == ["eval.too-deep-value"])
    var ok = Value.number(1)
    for _ in 0..<(Value.maxNesting - 5) { ok = .tuple([ok]) }
    let fine = Scope(variables: ["ok": ok], functions: StandardLibrary.functions())
    #expect(Evaluator.evaluate(expression: "length(jsonencode([ok]))", scope: fine).1.isEmpty)
  }

  @Test func tooDeepIsOneDiagnostic() {
    let source = "1" + String(repeating: " + 1", count: 1000)
    let (value, diagnostics) = Evaluator.evaluate(expression: source, scope: TestScope.scope)
    #expect(!value.isKnown)
    #expect(diagnostics.filter { $0.code == "eval.too-deep" }.count == 1)
  }

  @Test(arguments: [
    ("1e400", "+Inf"), ("1e-400", "0"), ("123456789012345678901234567890", "123456789012345680000000000000"),
    ("9007199254740993", "9007199254740992"), ("1e308 * 10", "+Inf"), ("-1e308 * 10", "-Inf"),
    ("2e15", "2000000000000000"), ("1e21", "1000000000000000000000"), ("0.000001", "0.000001"),
  ])
  func hugeAndTinyNumbers(_ source: String, _ expected: String) {
    let (value, _) = Evaluator.evaluate(expression: source, scope: TestScope.scope)
    #expect(value.render() == expected)
  }

  @Test func invalidUTF8() {
    let inputs: [[UInt8]] = [
      [0x22, 0xff, 0xfe, 0x22], [0x22, 0xc3, 0x22], [0x75, 0x70, 0x70, 0x65, 0x72, 0x28, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x29],
      [0x3c, 0x3c, 0x45, 0x0a, 0xff, 0x0a, 0x45, 0x0a], [0xff], [0x7b, 0xff, 0x3d, 0x31, 0x7d],
    ]
    for bytes in inputs {
      let file = Parser.parseExpression(bytes)
      let (value, _) = Evaluator.evaluate(file.root, in: file, scope: TestScope.scope)
      _ = value.render()
    }
  }

  /// Every prefix of a realistic expression (as while typing) evaluates without a trap.
  @Test func everyPrefix() {
    let samples = [
      #"{for k, v in merge(local.url == "" ? {} : {a = 1}, {b = [for s in split(",", "x,y") : upper(s) if s != ""]}) : k => v...}"#,
      #"<<-EOT\n  %{~ for i, s in list ~}\n  ${i}: ${format("%-5s|%05.1f", s, 3.14159)}\n  %{ endfor }\n  EOT\n"#,
      #"urlqueryset(urlsetpath("postgres://u:${urlescape(secret)}@h:5432/db", "t"), "sslmode", "require")"#,
      #"users[*].name[0] != null && !can(obj.zzz) || try(jsondecode("{\"a\":[1,2]}").a[1], 0) >= 2"#,
    ]
    for sample in samples {
      let bytes = Array(sample.utf8)
      for end in 0...bytes.count {
        let file = Parser.parseExpression(Array(bytes[0..<end]))
        let (value, _) = Evaluator.evaluate(file.root, in: file, scope: TestScope.scope)
        _ = value.render()
      }
    }
  }

  @Test func secretsNeverReachDiagnostics() {
    for source in ["tonumber(secret)", "jsondecode(secret)", "file(secret)", "db.password + 1", "secret[0]",
      "format(secret)", "parseint(secret, 10)", "\"${secret}\" ? 1 : 2", "{(secret) = 1}.x"]
    {
      let (value, diagnostics) = Evaluator.evaluate(expression: source, scope: TestScope.scope)
      #expect(!value.render().contains("hunter2"), "\(source)")
      for diagnostic in diagnostics {
        #expect(!diagnostic.message.contains("hunter2") && !diagnostic.message.contains("s3cr3t"), "\(source): \(diagnostic.message)")
      }
    }
  }

  /// Every prefix of every fixture expression, and each with one byte removed, evaluates without a trap.
  @Test func everyPrefixOfEveryCase() {
    let all = ["expressions", "templates", "functions", "unknown-and-sensitive"].flatMap { EvalCase.load($0) }
    #expect(all.count > 300)
    for testCase in all {
      let bytes = Array(testCase.expression.utf8)
      for end in 0..<bytes.count {
        for input in [Array(bytes[0..<end]), Array(bytes[0..<end] + bytes[(end + 1)...])] {
          let file = Parser.parseExpression(input)
          let (value, _) = Evaluator.evaluate(file.root, in: file, scope: TestScope.scope)
          _ = value.render()
        }
      }
    }
  }

  @Test func crlfHeredocsFlush() {
    let source = "<<-EOT\r\n    a\r\n      b\r\n    EOT\r\n"
    let (value, diagnostics) = Evaluator.evaluate(expression: source, scope: TestScope.scope)
    #expect(diagnostics.isEmpty)
    #expect(value.stringValue?.utf8.elementsEqual("a\r\n  b\r\n".utf8) == true, "\(value.render())")
  }
}
