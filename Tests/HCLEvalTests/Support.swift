// Test support: the standard test scope, `.cases` fixture loading and a one-call evaluator returning text.

import Foundation
import HCLEval
import HCLSyntax

enum EvalPaths {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let cases = packageRoot.appendingPathComponent("Tests/Fixtures/eval")
  static let conformance = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance")
}

enum TestScope {
  static let host = HostEnvironment(
    environment: { ["HOME": "/home/me", "TOKEN": "a b&c/d"][$0] },
    readFile: { path in
      if path == "schema.sql" { return .success("CREATE TABLE t (id int);\n") }
      return .failure(FunctionError("open \(path): no such file or directory"))
    },
    fileset: { pattern in .success(pattern == "migrations/*.sql" ? ["/p/migrations/1.sql", "/p/migrations/2.sql"] : []) },
    glob: { _ in .success([]) }
  )

  static let functions = StandardLibrary.functions(host: host)

  static let variables: [String: Value] = [
    "str": .string("hello"),
    "num": .number(5),
    "yes": .true,
    "nothing": .null(),
    "list": .list([.string("a"), .string("b"), .string("c")], of: .string),
    "tup": .tuple([.string("a"), .number(1)]),
    "obj": .object(["a": .number(1), "b": .string("x")]),
    "map": .map(["a": .string("1"), "b": .string("2")], of: .string),
    "set": .set([.string("b"), .string("a")], of: .string),
    "users": .tuple([
      .object(["name": .string("ann"), "age": .number(31)]),
      .object(["name": .string("bob"), "age": .number(42)]),
    ]),
    "userlist": .list([
      .object(["name": .string("ann")]),
      .object(["name": .string("bob")]),
    ], of: .object(["name": .string])),
    "unk": .unknown(),
    "ustr": .unknown(.string),
    "unum": .unknown(.number),
    "ubool": .unknown(.bool),
    "secret": Value.string("hunter2").marked(true),
    "db": .object(["password": Value.string("s3cr3t").marked(true), "user": .string("root")]),
    "local": .object(["url": .string("postgres://u@h:5432/db?sslmode=disable"), "region": .string("us-east-1")]),
    "atlas": .object(["env": .string("dev")]),
  ]

  static let scope = Scope(variables: variables, functions: functions)
}

/// One case: an expression, the rendering it must give, and the diagnostic codes it must report (in order).
struct EvalCase: CustomStringConvertible, Sendable {
  let file: String
  let line: Int
  let expression: String
  let expected: String
  let codes: [String]

  var description: String { "\(file):\(line): \(expression.replacingOccurrences(of: "\n", with: "⏎"))" }

  /// Reads `NAME.cases`: `EXPR  ==>  RENDERED` per line, optionally followed by `  !!  code code…`; a block form
  /// `<<<` / lines / `>>> RENDERED [!! codes]` holds multi-line expressions. `#` starts a comment line.
  static func load(_ name: String) -> [EvalCase] {
    let url = EvalPaths.cases.appendingPathComponent("\(name).cases")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      return [EvalCase(file: name, line: 0, expression: "missing fixture \(url.path)", expected: "", codes: [])]
    }
    var cases: [EvalCase] = []
    let lines = text.components(separatedBy: "\n")
    var index = 0
    func parseExpected(_ s: String) -> (String, [String]) {
      let parts = s.components(separatedBy: "  !!  ")
      let codes = parts.count > 1 ? parts[1].split(separator: " ").map(String.init) : []
      return (parts[0].trimmingCharacters(in: .whitespaces), codes)
    }
    while index < lines.count {
      let line = lines[index]
      let lineNumber = index + 1
      index += 1
      if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
      if line == "<<<" {
        var body: [String] = []
        while index < lines.count, !lines[index].hasPrefix(">>>") {
          body.append(lines[index])
          index += 1
        }
        guard index < lines.count else { break }
        let (expected, codes) = parseExpected(String(lines[index].dropFirst(3)))
        index += 1
        cases.append(EvalCase(file: name, line: lineNumber, expression: body.joined(separator: "\n") + "\n", expected: expected, codes: codes))
        continue
      }
      guard let arrow = line.range(of: "  ==>  ") else {
        cases.append(EvalCase(file: name, line: lineNumber, expression: "malformed case line: \(line)", expected: "", codes: []))
        continue
      }
      let (expected, codes) = parseExpected(String(line[arrow.upperBound...]))
      cases.append(EvalCase(
        file: name, line: lineNumber, expression: String(line[..<arrow.lowerBound]).trimmingCharacters(in: .whitespaces),
        expected: expected, codes: codes))
    }
    return cases
  }
}

/// Evaluates source text as one expression: the rendering (sensitive values hidden) and every diagnostic.
func evaluate(_ source: String, scope: Scope = TestScope.scope) -> (rendered: String, diagnostics: [Diagnostic], value: Value) {
  let (value, diagnostics) = Evaluator.evaluate(expression: source, scope: scope)
  return (value.render(), diagnostics, value)
}
