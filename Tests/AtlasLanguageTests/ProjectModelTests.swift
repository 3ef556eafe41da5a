// The project model: definitions with their name ranges, references with their steps and enclosing block, calls.
import AtlasLanguage
import HCLSyntax
import Testing

@Suite struct ProjectModelTests {
  static func model(_ text: String) -> (ProjectModel, ParsedFile) {
    let file = Parser.parseConfig(Array(text.utf8))
    return (ProjectModel(file), file)
  }

  static func text(_ file: ParsedFile, _ range: TextRange) -> String {
    String(decoding: file.source[range.start..<range.end], as: UTF8.self)
  }

  @Test func definitions() {
    let (model, file) = Self.model("""
      variable "url" {
        type = string
      }
      locals {
        a = 1
      }
      locals {
        b = local.a
      }
      data "sql" "tenants" {
        url   = var.url
        query = "SELECT 1"
      }
      env "dev" {}
      env "t" {
        for_each = toset(["x"])
      }
      env {
        name = atlas.env
      }

      """)
    #expect(model.variables.map(\.name) == ["url"])
    #expect(model.variables.map { Self.text(file, $0.nameRange) } == ["\"url\""])
    #expect(model.locals.map(\.name) == ["a", "b"])
    #expect(model.locals.map { Self.text(file, $0.nameRange) } == ["a", "b"])
    #expect(model.dataSources.map(\.name) == ["sql.tenants"])
    #expect(model.dataSources.first?.dataType == "sql")
    #expect(model.dataSources.map { Self.text(file, $0.nameRange) } == ["\"sql\" \"tenants\""])
    #expect(model.envs.map(\.name) == ["dev", "t", ""])
    #expect(model.envs.map(\.usesForEach) == [false, true, false])
  }

  @Test func referencesWithStepsAndContext() {
    let (model, file) = Self.model("""
      env "t" {
        for_each = toset(local.names)
        url      = "${data.sql.x.values[0]}/${each.value}"
        migration {
          dir = local.dirs.*.path
        }
      }
      locals {
        c = [for local in [1] : local]
        d = { var = 1, (var.k) = 2 }
        e = local.list.0
      }

      """)
    let refs: [(String, [String], String)] = model.references.map { ($0.root, $0.names, Self.text(file, $0.range(throughSteps: $0.steps.count))) }
    #expect(refs.map(\.0) == ["local", "data", "each", "local", "var", "local"])
    #expect(refs.map(\.1) == [["names"], ["sql", "x", "values"], ["value"], ["dirs"], ["k"], ["list", "0"]])
    #expect(refs.map(\.2) == ["local.names", "data.sql.x.values[0]", "each.value", "local.dirs.*.path", "var.k", "local.list.0"])
    let contexts: [(String?, String?, String?)] = model.references.map { ($0.context.block?.type, $0.context.topLevelAttribute, $0.context.attribute) }
    #expect(contexts[0] == ("env", "for_each", "for_each"))
    #expect(contexts[2] == ("env", "url", "url"))
    #expect(contexts[3] == ("env", nil, "dir"))
    #expect(model.references[2].context.block?.hasForEach == true)
    #expect(model.functionCalls.map(\.name) == ["toset"])
    #expect(model.functionCalls.first?.argumentCount == 1)
  }

  /// The parser gives up nesting at some depth (with a syntax error); below it everything is found, past it nothing
  /// overflows the stack.
  @Test(arguments: [100, 20_000]) func deepExpressions(depth: Int) {
    let text = "locals {\n  x = " + String(repeating: "[", count: depth) + "local.y" + String(repeating: "]", count: depth)
      + "\n  z = " + String(repeating: "f(", count: depth) + "1" + String(repeating: ")", count: depth) + "\n}\n"
    let (model, _) = Self.model(text)
    if depth == 100 {
      #expect(model.references.map(\.names) == [["y"]])
      #expect(model.functionCalls.count == depth)
    }
  }
}
