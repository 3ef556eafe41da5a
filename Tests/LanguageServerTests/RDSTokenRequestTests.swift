// Reading what a token needs from a `data "aws_rds_token"` block: the values the analysis computes, or a message that
// points at the argument that has none.
import AtlasLanguage
import HCLSyntax
import LanguageServer
import Testing

@Suite struct RDSTokenRequestTests {
  static func request(_ text: String, name: String = "db", variables: [String: [String]] = [:])
    -> (Result<RDSTokenRequest, RDSTokenRequestFailure>, ParsedFile)
  {
    let file = Parser.parseConfig(Array(text.utf8))
    return (RDSTokenRequest.fromConfig(file, name: name, inputs: EvaluationInputs(variables: variables)), file)
  }

  /// The failure's message and the source text it points at.
  static func failure(_ text: String, name: String = "db") -> (message: String, at: String?)? {
    let (result, file) = request(text, name: name)
    guard case .failure(let failure) = result else { return nil }
    return (failure.message, failure.range.map { String(decoding: file.source[$0.start..<$0.end], as: UTF8.self) })
  }

  @Test func readsTheDeveloperGuideExample() {
    let (result, _) = Self.request("""
      locals {
        endpoint = "atlas-demo.xyzxyz.us-east-1.rds.amazonaws.com:5432"
        username = "atlas"
      }
      data "aws_rds_token" "db" {
        endpoint = local.endpoint
        username = local.username
        region   = "us-east-1"
      }
      """)
    #expect(
      result
        == .success(
          RDSTokenRequest(
            endpoint: "atlas-demo.xyzxyz.us-east-1.rds.amazonaws.com:5432", username: "atlas", region: "us-east-1")))
  }

  @Test func emptyRegionAndProfileCountAsNotGiven() {
    let (result, _) = Self.request("""
      variable "profile" {
        type    = string
        default = ""
      }
      data "aws_rds_token" "db" {
        endpoint = "h:5432"
        username = "u"
        region   = ""
        profile  = var.profile
      }
      """, variables: [:])
    #expect(result == .success(RDSTokenRequest(endpoint: "h:5432", username: "u")))
    let (given, _) = Self.request("""
      variable "profile" {
        type = string
      }
      data "aws_rds_token" "db" {
        endpoint = "h:5432"
        username = "u"
        profile  = var.profile
      }
      """, variables: ["profile": ["prod"]])
    #expect(given == .success(RDSTokenRequest(endpoint: "h:5432", username: "u", profile: "prod")))
  }

  @Test func namesTheDeclaredBlocksWhenTheNameIsWrong() {
    let text = "data \"aws_rds_token\" \"a\" {\n  endpoint = \"h:1\"\n  username = \"u\"\n}\n"
    #expect(Self.failure(text, name: "b")?.message == "no data \"aws_rds_token\" \"b\" in the file (declared: \"a\")")
    #expect(
      Self.failure("", name: "b")?.message
        == "no data \"aws_rds_token\" \"b\" in the file (the file declares no data \"aws_rds_token\" block)")
  }

  @Test func pointsAtTheArgumentWithoutAValue() {
    let missing = Self.failure("data \"aws_rds_token\" \"db\" {\n  endpoint = \"h:1\"\n}\n")
    #expect(missing?.message == "Missing required attribute \"username\" in data \"aws_rds_token\"")
    #expect(missing?.at == "data \"aws_rds_token\" \"db\"")
    let dependent = Self.failure("""
      data "runtimevar" "user" {
        url = "awssm://u"
      }
      data "aws_rds_token" "db" {
        endpoint = "h:1"
        username = data.runtimevar.user
      }
      """)
    #expect(dependent?.message == "username depends on data.runtimevar.user, known only when Atlas runs")
    #expect(dependent?.at == "data.runtimevar.user")
  }

  @Test func refusesABlockWithAnError() {
    let broken = Self.failure("data \"aws_rds_token\" \"db\" {\n  endpoint = \"h:1\"\n  username = \"u\"\n  regoin = \"x\"\n}\n")
    #expect(broken?.at == "regoin")
  }
}
