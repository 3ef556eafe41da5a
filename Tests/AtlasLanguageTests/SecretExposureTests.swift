// No secret in any answer an editor feature gives (issue 7, acceptance 3): a config whose values hold tokens and
// passwords is evaluated, and every answer is searched for them: completion items (with their resolved
// documentation), hovers and signature help at every offset, inlay hints and code lenses over the whole file.
// A feature that shows values adds its answers to `answers(_:)`.
@testable import AtlasLanguage
import HCLEval
import HCLSyntax
import Testing

@Suite struct SecretExposureTests {
  /// Tokens (an RDS token interpolated into URLs, locals computed from it), passwords (in literal URLs, in variable
  /// defaults, percent-escaped, in query parameters) and values read with `getenv`.
  static let config = """
    variable "db_password" {
      type    = string
      default = "varpass-secret"
    }

    variable "admin" {
      type    = string
      default = "adminpw-secret"
    }

    locals {
      literal_url = "postgres://admin:literal-secret@db.internal:5432/app?sslmode=disable"
      escaped_url = "mysql://root:p%40ss-secret@db.internal:3306/app"
      query_url   = "mysql://root@db.internal:3306/app?password=query-secret"
      from_env    = getenv("DB_PW")
      env_url     = "postgres://u:${getenv("DB_PW2")}@h:5432/app"
      token       = data.aws_rds_token.db
      token_url   = "postgres://atlas:${urlescape(data.aws_rds_token.db)}@db.example.eu-west-1.rds.amazonaws.com:5432/app"
      derived     = upper(local.token)
      wrapped     = { inner = [local.token] }
      password    = "named-secret"
      pieces      = "named-${local.password}-again"
      short_url   = "postgres://app:s3cr3t-pass@db:5432/app"
      api_key     = "key-secret"
      plain       = "visible"
      conn        = "postgres://app:${data.aws_rds_token.db}@db/app"
      db_secret   = "hunter2-secret"
      shout       = upper(local.db_secret)
      shout_twice = "x-${local.shout}"
      nested      = { password = "nested-secret", user = "visible" }
      creds       = "creds-plain"
    }

    data "aws_rds_token" "db" {
      endpoint = "db.example.eu-west-1.rds.amazonaws.com:5432"
      username = "atlas"
    }

    env "literal" {
      url = local.literal_url
      dev = "postgres://admin:literal-secret@db.internal:5432/dev"
    }

    env "variables" {
      url = "postgres://u:${var.db_password}@h:5432/app"
      dev = "postgres://admin:${var.admin}@h:5432/dev"
      pw  = var.db_password
      adm = var.admin
    }

    env "tokens" {
      url     = local.token_url
      dev     = "postgres://atlas:${local.token}@h:5432/dev"
      src     = local.derived
      x       = local.wrapped
      schemas = [local.token]
    }

    env "environment" {
      url   = local.env_url
      other = local.from_env
      named = local.pieces
      more  = local.escaped_url
      q     = local.query_url
    }

    env "derived" {
      url         = "postgres://u:derived-url-secret@h:5432/app"
      shouted     = local.shout_twice
      nested_pw   = local.nested.password
      nested_all  = local.nested
      api_token   = local.creds
      db_password = "plain-attr-secret"
    }

    env "typing" {
      url = local.
      dev = upper(local.
    }

    """

  static let secrets = [
    "varpass-secret", "adminpw-secret", "literal-secret", "p%40ss-secret", "p@ss-secret", "query-secret",
    "envpw-secret", "envpw2-secret", "TOKEN-secret", "named-secret", "s3cr3t-pass", "key-secret",
    "hunter2-secret", "HUNTER2-SECRET", "nested-secret", "plain-attr-secret", "derived-url-secret",
  ]

  /// The environment `getenv` reads and the token a command produced, as a run would have them.
  static let runInputs = EvaluationInputs(
    host: HostEnvironment(environment: { ["DB_PW": "envpw-secret", "DB_PW2": "envpw2-secret"][$0] }),
    dataSources: ["aws_rds_token.db": Value.string("TOKEN-secret/X-Amz-Signature=abc").marked(true)])

  /// Every answer a feature gives, as an editor would show it.
  static func answers(_ analysis: AtlasAnalysis) -> [(where: String, text: String)] {
    var result: [(String, String)] = []
    let source = analysis.file.source
    for offset in 0...source.count {
      for item in Completion.complete(analysis, at: offset).items {
        var documentation = ""
        switch item.documentation {
        case .markdown(let text)?: documentation = text
        case .topic(let topic)?: documentation = Completion.documentation(topic) ?? ""
        case nil: break
        }
        let shown = [item.label, item.labelDetail ?? "", item.labelDescription ?? "", item.detail ?? "", item.text,
                     item.filterText ?? "", documentation]
        result.append(("completion item at \(offset)", shown.joined(separator: "\n")))
      }
      if let hover = Hover.compute(analysis, at: offset) {
        result.append(("hover at \(offset)", hover.markdown))
        result.append(("plain hover at \(offset)", hover.plainText))
      }
      if let signature = SignatureHelp.signature(analysis, at: offset) {
        result.append(("signature help at \(offset)", signature.label + "\n" + signature.documentation))
      }
    }
    for hint in InlayHints.compute(analysis, in: TextRange(start: 0, end: source.count)) {
      result.append(("inlay hint at \(hint.offset)", hint.label + (hint.tooltip ?? "")))
    }
    for lens in CodeLenses.compute(analysis) {
      switch lens.kind {
      case .references(let kind, let name):
        let uses = CodeLenses.uses(of: kind, name: name, in: analysis)
        result.append(("code lens of \(name)", name + " " + CodeLenses.referenceCountTitle(uses.count)))
      case .command:
        break  // `compute` lists reference counts only
      }
    }
    // The command lenses: their titles and the names they run on.
    for lens in CodeLenses.commands(analysis) {
      if case .command(let command) = lens.kind {
        result.append(("\(command.title) lens", command.title + " " + command.target))
      }
    }
    // Show evaluated config renders every env with what the analysis knows.
    for env in analysis.model.envs where !env.name.isEmpty {
      if case .success(let text) = EvaluatedConfig.render(env: env.name, in: analysis.file, inputs: analysis.inputs) {
        result.append(("evaluated config of env \(env.name)", text))
      }
    }
    return result
  }

  @Test(arguments: ["editing", "after a run"])
  func noSecretInAnyAnswer(_ inputs: String) {
    let analysis = AtlasAnalysis(
      Parser.parseConfig(Array(Self.config.utf8)), inputs: inputs == "editing" ? EvaluationInputs() : Self.runInputs)
    let answers = Self.answers(analysis)
    #expect(answers.count > 100, "answers were computed")
    for (place, text) in answers {
      for secret in Self.secrets where text.contains(secret) {
        Issue.record("\(place) shows \"\(secret)\": \(text)")
      }
    }
    // The search sees values: static ones are shown, a URL with its password masked.
    let completions = answers.filter { $0.where.hasPrefix("completion") }.map(\.text).joined(separator: "\n")
    #expect(completions.contains("\"visible\""), "static values are shown")
    #expect(completions.contains("postgres://app:****@db:5432/app"), "a URL is shown with its password masked")
    for feature in ["completion item", "hover", "signature help", "inlay hint", "code lens"] {
      #expect(answers.contains { $0.where.hasPrefix(feature) }, "no \(feature) was searched")
    }
  }

  /// Texts with URLs in them, and what is shown of them.
  @Test(arguments: [
    ("postgres://u:pw@h:5432/db", "postgres://u:****@h:5432/db"),
    ("url = \"mysql://root:p%40ss@[::1]:3306/app?tls=true&Password=x\" # and more",
     "url = \"mysql://root:****@[::1]:3306/app?tls=true&Password=****\" # and more"),
    ("a sqlite://file.db and b docker://postgres/16/dev", "a sqlite://file.db and b docker://postgres/16/dev"),
    ("postgres://${local.user}:${urlescape(data.aws_rds_token.db)}@h/db", "postgres://${local.user}:****@h/db"),
    ("two: x://a:1@h y://b:2@h", "two: x://a:****@h y://b:****@h"),
    ("postgres://u@h/db?password=&sslmode=disable", "postgres://u@h/db?password=&sslmode=disable"),
    ("://:@", "://:@"),
  ])
  func urlPasswordsAreMasked(_ text: String, _ shown: String) {
    #expect(URLDisplay.maskingPasswords(in: text) == shown)
  }

  /// The test would find a leak: the secrets are in the values the evaluation computed.
  @Test func theSecretsAreThere() {
    let analysis = AtlasAnalysis(Parser.parseConfig(Array(Self.config.utf8)), inputs: Self.runInputs)
    #expect(analysis.evaluation.locals["from_env"]?.stringValue == "envpw-secret")
    #expect(analysis.evaluation.variables["db_password"]?.stringValue == "varpass-secret")
    #expect(analysis.evaluation.locals["literal_url"]?.stringValue?.contains("literal-secret") == true)
  }
}
