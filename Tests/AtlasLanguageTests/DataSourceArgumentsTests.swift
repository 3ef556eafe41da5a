// The arguments a command reads from a data source block: evaluated like the analysis does, or why they are not.
import AtlasLanguage
import HCLEval
import HCLSyntax
import Testing

@Suite struct DataSourceArgumentsTests {
  static let config = """
    variable "region" {
      type    = string
      default = "eu-west-1"
    }
    locals {
      host     = "mydb.abc.eu-west-1.rds.amazonaws.com"
      endpoint = "${local.host}:${5432}"
    }
    data "runtimevar" "user" {
      url = "awssm://db-user"
    }
    data "aws_rds_token" "db" {
      endpoint = local.endpoint
      username = upper("atlas")
      region   = var.region
      profile  = 42
    }
    data "aws_rds_token" "other" {
      endpoint = "h:3306"
      username = data.runtimevar.user
      region   = ["us-east-1"]
      profile  = atlas.env
    }
    data "aws_rds_token" "broken" {
      endpoint = "h:3306"
      username = "u"
      regoin   = "us-east-1"
    }

    """

  static let file = Parser.parseConfig(Array(config.utf8))

  @Test func evaluatesLocalsVariablesAndFunctions() throws {
    let arguments = try #require(DataSourceArguments(type: "aws_rds_token", name: "db", in: Self.file))
    #expect(arguments.string("endpoint") == .text("mydb.abc.eu-west-1.rds.amazonaws.com:5432"))
    #expect(arguments.string("username") == .text("ATLAS"))
    #expect(arguments.string("region") == .text("eu-west-1"))
    #expect(arguments.string("profile") == .text("42"))
    #expect(arguments.errors.isEmpty)
  }

  @Test func variablesGivenOnTheCommandLineWin() throws {
    let inputs = EvaluationInputs(variables: ["region": ["us-east-2"]])
    let arguments = try #require(DataSourceArguments(type: "aws_rds_token", name: "db", in: Self.file, inputs: inputs))
    #expect(arguments.string("region") == .text("us-east-2"))
  }

  @Test func saysWhyAnArgumentHasNoText() throws {
    let arguments = try #require(DataSourceArguments(type: "aws_rds_token", name: "other", in: Self.file))
    #expect(
      arguments.string("username")
        == .unknown(reason: "username depends on data.runtimevar.user, known only when Atlas runs"))
    #expect(arguments.string("profile") == .unknown(reason: "profile depends on atlas.env, known only when Atlas runs"))
    #expect(arguments.string("region") == .invalid(reason: "region must be a string, not tuple"))
    #expect(arguments.string("missing") == .missing)
  }

  @Test func errorsInsideTheBlockAreHandedOut() throws {
    let arguments = try #require(DataSourceArguments(type: "aws_rds_token", name: "broken", in: Self.file))
    #expect(arguments.string("region") == .missing)
    #expect(arguments.errors.map(\.diagnostic.code) == ["atlas.unknown-attribute"])
  }

  @Test func findsDeclaredNames() {
    #expect(DataSourceArguments.declaredNames(ofType: "aws_rds_token", in: Self.file) == ["db", "other", "broken"])
    #expect(DataSourceArguments(type: "aws_rds_token", name: "nope", in: Self.file) == nil)
  }
}
