// The value layer: number formatting, cty conversions and unification, equality, rendering, marks and scopes.

import Foundation
import HCLEval
import Testing

@Suite struct ValueTests {
  static let numbers: [(Double, String)] = [
    (0.0, "0"), (-0.0, "0"), (5, "5"), (-5, "-5"), (0.1, "0.1"), (1.5e-7, "0.00000015"), (1e20, "100000000000000000000"),
    (123.456, "123.456"), (1 / 3.0, "0.3333333333333333"), (9007199254740992, "9007199254740992"), (-2.5, "-2.5"),
  ]
  @Test(arguments: numbers)
  func numberRendering(_ n: Double, _ expected: String) {
    #expect(Value.number(n).render() == expected)
  }

  @Test(arguments: [
    (Value.number(5), ValueType.string, "\"5\""),
    (.number(1.25), .string, "\"1.25\""),
    (.true, .string, "\"true\""),
    (.string("12"), .number, "12"),
    (.string(" 12"), .number, "error: a number is required"),
    (.string("1e3"), .number, "1000"),
    (.string("false"), .bool, "false"),
    (.string("no"), .bool, "error: a bool is required"),
    (.number(1), .bool, "error: bool required"),
    (.tuple([.string("a"), .number(1)]), .list(.string), "tolist([\"a\", \"1\"])"),
    (.tuple([.string("a"), .number(1)]), .list(.dynamic), "tolist([\"a\", \"1\"])"),
    (.tuple([.true, .number(1)]), .list(.dynamic), "error: all elements must have the same type"),
    (.tuple([.string("b"), .string("a"), .string("b")]), .set(.string), "toset([\"a\", \"b\"])"),
    (.object(["a": .number(1)]), .map(.string), "tomap({a = \"1\"})"),
    (.object(["a": .number(1), "b": .true]), .map(.dynamic), "error: all elements must have the same type"),
    (.object(["a": .number(1), "b": .string("x")]), .map(.dynamic), "tomap({a = \"1\", b = \"x\"})"),
    (.object(["a": .number(1), "x": .true]), .object(["a": .string]), "{a = \"1\"}"),
    (.object(["x": .true]), .object(["a": .string]), "error: attribute \"a\" is required"),
    (.list([.string("a")], of: .string), .tuple([.string]), "[\"a\"]"),
    (.null(), .string, "null"),
    (.unknown(), .list(.string), "(unknown list(string))"),
    (.unknown(.bool), .number, "error: number required"),
    (.string("x"), .dynamic, "\"x\""),
    (.tuple([]), .list(.dynamic), "tolist([])"),
  ])
  func conversions(_ value: Value, _ type: ValueType, _ expected: String) {
    switch Conversion.convert(value, to: type) {
    case .success(let converted): #expect(converted.render() == expected)
    case .failure(let failure): #expect("error: \(failure.message)" == expected)
    }
  }

  @Test func conversionKeepsSensitivity() throws {
    let secret = Value.number(5).marked(true)
    let converted = try Conversion.convert(secret, to: .string).get()
    #expect(converted.isSensitive)
    #expect(converted.render() == "(sensitive)")
    #expect(converted.render(revealSensitive: true) == "\"5\"")
  }

  @Test(arguments: [
    ([ValueType.string, .string] as [ValueType], "string"),
    ([.string, .number], "string"),
    ([.bool, .number], "none"),
    ([.dynamic, .number], "any"),
    ([.list(.string), .list(.number)], "list(string)"),
    ([.tuple([.string]), .tuple([.number])], "tuple([string])"),
    ([.tuple([.string]), .tuple([.number, .string])], "list(string)"),
    ([.object(["a": .string]), .object(["a": .number])], "object({a = string})"),
    ([.object(["a": .string]), .object(["b": .number])], "map(string)"),
    ([.list(.string), .tuple([.number])], "list(string)"),
    ([.map(.bool), .object(["a": .bool])], "map(bool)"),
    ([.list(.string), .map(.string)], "none"),
  ])
  func unification(_ types: [ValueType], _ expected: String) {
    #expect(Conversion.unify(types)?.description ?? "none" == expected)
  }

  @Test func equality() {
    #expect(Conversion.equals(.number(1), .number(1.0)) == .true)
    #expect(Conversion.equals(.string("1"), .number(1)) == .false)
    #expect(Conversion.equals(.null(), .null(.string)) == .true)
    #expect(Conversion.equals(.null(), .string("")) == .false)
    #expect(!Conversion.equals(.unknown(.string), .string("a")).isKnown)
    #expect(!Conversion.equals(.tuple([.unknown()]), .tuple([.number(1)])).isKnown)
    let marked = Conversion.equals(Value.string("a").marked(true), .string("a"))
    #expect(marked.isSensitive && marked.boolValue == true)
  }

  @Test func rendering() {
    #expect(Value.string("a\"b\\c\nd\t${x}%{y}\u{1}").render() == #""a\"b\\c\nd\t$${x}%%{y}\u0001""#)
    #expect(Value.object(["a-b": .number(1), "1x": .number(2), "ok_key": .null()]).render() == #"{"1x" = 2, a-b = 1, ok_key = null}"#)
    #expect(Value.set([.number(10), .number(2), .number(2)], of: .number).render() == "toset([2, 10])")
    #expect(Value.set([.string("b"), .string("B"), .string("a")], of: .string).render() == #"toset(["B", "a", "b"])"#)
    #expect(Value.unknown(.object(["a": .string])).render() == "(unknown object({a = string}))")
    #expect(Value.tuple([Value.string("pw").marked(true), .number(1)]).render() == "[(sensitive), 1]")
    #expect(Value.tuple([Value.string("pw").marked(true)]).containsSensitive)
  }

  @Test func scopesChain() {
    let parent = Scope(variables: ["a": .number(1), "b": .number(2)], functions: StandardLibrary.functions())
    let child = parent.child(variables: ["b": .number(3)])
    #expect(child.variable("a") == .number(1))
    #expect(child.variable("b") == .number(3))
    #expect(child.variable("c") == nil)
    #expect(child.function("upper") != nil)
    #expect(child.allVariableNames == ["a", "b"])
  }

  @Test func signatures() {
    let functions = StandardLibrary.functions()
    #expect(functions["join"]?.signature == "(separator string, ...lists list(string)) string")
    #expect(functions["urlescape"]?.signature == "(string string) string")
    #expect(functions["format"]?.signature == "(format string, ...args any) string")
    #expect(functions.values.allSatisfy { !$0.summary.isEmpty })
    // Not registered by Atlas (atlas-config.md §5.2).
    for name in ["lookup", "coalesce", "tomap", "one", "sum", "timestamp", "base64encode", "uuid", "templatefile"] {
      #expect(functions[name] == nil, "\(name)")
    }
  }

  final class Printed: @unchecked Sendable {
    let lock = NSLock()
    var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
  }

  @Test func printRedactsSecrets() {
    let printed = Printed()
    let host = HostEnvironment(print: { printed.append($0) })
    let scope = Scope(variables: ["secret": Value.string("hunter2").marked(true)], functions: StandardLibrary.functions(host: host))
    let (value, diagnostics) = Evaluator.evaluate(expression: #"print({a = secret, b = "ok"})"#, scope: scope)
    #expect(diagnostics.isEmpty)
    #expect(value.render() == #"{a = (sensitive), b = "ok"}"#)
    #expect(printed.lines == [#"{a = (sensitive), b = "ok"}"#])
  }

  @Test func withoutHostIOIsUnknownAndQuiet() {
    let scope = Scope(functions: StandardLibrary.functions())
    for source in [#"getenv("HOME")"#, #"file("x")"#, #"fileset("*.sql")"#, #"urlescape(getenv("T"))"#] {
      let (value, diagnostics) = Evaluator.evaluate(expression: source, scope: scope)
      #expect(!value.isKnown, "\(source)")
      #expect(diagnostics.isEmpty, "\(source)")
    }
  }

  @Test func diagnosticRangesAreTight() {
    func subject(_ source: String) -> String {
      let (_, diagnostics) = Evaluator.evaluate(expression: source, scope: TestScope.scope)
      guard let d = diagnostics.first else { return "<none>" }
      let bytes = Array(source.utf8)
      return String(decoding: bytes[d.subject.start..<min(d.subject.end, bytes.count)], as: UTF8.self)
    }
    #expect(subject("upper(nope)") == "nope")
    #expect(subject("obj.zzz") == ".zzz")
    #expect(subject("list[7]") == "[7]")
    #expect(subject("nofunc(1)") == "nofunc")
    #expect(subject(#"upper("a", "b")"#) == #""b""#)
    #expect(subject(#"1 + "x""#) == #""x""#)
    #expect(subject(#"tonumber("x")"#) == #""x""#)
    #expect(subject(#"true ? 1 : [2]"#) == "1 : [2]")
  }

  @Test func messagesFollowHCL() {
    func message(_ source: String) -> String {
      Evaluator.evaluate(expression: source, scope: TestScope.scope).1.first?.message ?? "<none>"
    }
    #expect(message("lsit") == #"Unknown variable; There is no variable named "lsit". Did you mean "list"?"#)
    #expect(message("uper(str)") == #"Call to unknown function; There is no function named "uper". Did you mean "upper"?"#)
    #expect(message("zzzzzz") == #"Unknown variable; There is no variable named "zzzzzz"."#)
    #expect(message("obj.zzz") == #"Unsupported attribute; This object does not have an attribute named "zzz"."#)
    #expect(message("upper(1, 2)") == #"Too many function arguments; Function "upper" expects only 1 argument(s)."#)
    #expect(message("upper([])") == #"Invalid function argument; Invalid value for "str" parameter: string required."#)
    #expect(message("-true") == "Invalid operand; Unsuitable value for unary operand: number required.")
    #expect(message("true ? 1 : [1]") == "Inconsistent conditional result types; The true and false result expressions must have consistent types. The 'true' value is number, but the 'false' value is tuple.")
    #expect(message(#"{for s in ["a", "a"] : s => s}"#).hasPrefix(#"Duplicate object key; Two different items produced the key "a""#))
  }
}
