// The blocks of atlas.hcl: top-level blocks (reference §2) and everything nested in them.

private typealias A = AttributeSchema
private typealias B = BlockSchema

private let stringList = ValueType.list(.string)
private let stringOrList = ValueType.oneOf([.string, .list(.string)])

/// The whole atlas.hcl schema: the namespace the checks and editor features read from.
package enum AtlasSchema {
  package enum Links {
    package static let config = "https://atlasgo.io/hcl/config"
    package static let projects = "https://atlasgo.io/atlas-schema/projects"
    package static let functions = "https://atlasgo.io/atlas-schema/projects#project-input-variables"
    package static let analyzers = "https://atlasgo.io/lint/analyzers"
    package static let devDatabase = "https://atlasgo.io/concepts/dev-database"
    package static let urls = "https://atlasgo.io/concepts/url"
    static func config(_ anchor: String) -> String { "\(config)#\(anchor)" }
  }

  /// Every top-level block type. `data` blocks are described by `dataSources`, keyed on their first label.
  package static let topLevelBlocks: [BlockSchema] = [
    variable, locals, data, env, lint(path: "lint"), diff(path: "diff"), test(path: "test"), atlas, docker, hook, check,
  ]

  package static func topLevelBlock(_ type: String) -> BlockSchema? { topLevelBlocksByType[type] }
  private static let topLevelBlocksByType = table(topLevelBlocks, by: \.type)

  /// Each name's first entry, for lookups by name: the checks and the evaluation look up every block, data source
  /// and function call, and searching the lists compared the name with dozens of others each time.
  static func table<Entry>(_ entries: [Entry], by name: (Entry) -> String) -> [String: Entry] {
    var result: [String: Entry] = [:]
    for entry in entries where result[name(entry)] == nil { result[name(entry)] = entry }
    return result
  }

  // MARK: variable, locals, data

  static let variable: BlockSchema = B(
    "variable", labels: .exactly("name"),
    attributes: [
      A("type", .typeExpression, required: true, link: Links.projects + "#input-variables",
        "The value's type: `string`, `number`, `bool`, `int`, or `list(T)`, `set(T)`, `map(T)`, `tuple([…])`, `object({…})`. There is no `any`."),
      A("default", .any, link: Links.projects + "#input-variables",
        "The value used when no `--var` gives one. It may call functions and read `atlas.env`, but not `local`, `data` or other `var` values."),
      A("description", .string, link: Links.projects + "#input-variables", "What the variable is for."),
    ],
    repeatable: true, unknownAttributes: .strict, unknownBlocks: .strict,
    link: Links.projects + "#input-variables",
    "An input variable, read as `var.<name>` and set with `--var name=value`; without a `default` it must be given.")

  static let locals: BlockSchema = B(
    "locals", repeatable: true, unknownAttributes: .open, unknownBlocks: .lenient,
    link: Links.projects + "#local-values",
    "Named values computed once and read as `local.<name>`; a file may hold several `locals` blocks.")

  static let data: BlockSchema = B(
    "data", labels: .exactly("type", "name"), repeatable: true, unknownAttributes: .open, unknownBlocks: .open,
    link: Links.projects + "#data-sources",
    "A data source: a value computed on demand (a query, a token, a program's output), read as `data.<type>.<name>`.")

  // MARK: env

  static let env: BlockSchema = B(
    "env", labels: .optional("name"),
    attributes: [
      A("name", .string, link: Links.config("env.name"),
        "The environment's name, overriding the label. An unlabelled env needs `name = atlas.env` to be selectable."),
      A("for_each", .any, link: Links.projects + "#multi-environment-config",
        "Creates one copy of the env per element of a set, object or tuple, exposing `each.key` and `each.value`. Wrap lists in `toset()`."),
      A("url", .string, link: Links.config("env.url"), "The URL of the target database (what `--url` would give)."),
      A("dev", .string, link: Links.devDatabase,
        "The URL of the dev database Atlas uses to normalise and plan changes (what `--dev-url` would give)."),
      A("src", stringOrList, link: Links.config("env.src"),
        "The desired schema: a path, a URL, a list of them, or a data source's `url`."),
      A("schemas", stringList, link: Links.config("env.schemas"), "The database schemas Atlas manages (`--schema`)."),
      A("exclude", stringList, link: Links.config("env.exclude"), "Glob patterns of resources to leave out (`--exclude`)."),
      A("include", stringList, link: Links.config("env"), "Glob patterns of resources to keep (`--include`)."),
    ],
    blocks: [
      migration, envSchema, format(type: "format"),
      format(type: "log", deprecation: "use `format` instead"),
      lint(path: "env.lint"), diff(path: "env.diff"), test(path: "env.test"),
      B("rollout", repeatable: false, unknownAttributes: .open, unknownBlocks: .open, pro: true,
        link: Links.projects, "How a change rolls out across the instances of a multi-tenant environment (Atlas Pro, newer)."),
    ],
    repeatable: true, unknownAttributes: .open, unknownBlocks: .lenient,
    link: Links.config("env"),
    "An environment: the databases, sources and settings selected together with `--env <name>`. Extra attributes are passed to HCL schema files as variables.")

  static let repo: BlockSchema = B(
    "repo", attributes: [A("name", .string, required: true, link: Links.config("env.migration.repo"), "The repository's slug in the Atlas Registry.")],
    unknownAttributes: .lenient, link: Links.config("env.migration.repo"),
    "The Atlas Registry repository this migration directory or schema is pushed to.")

  static let migration: BlockSchema = B(
    "migration",
    attributes: [
      A("dir", .string, default: "\"file://migrations\"", link: Links.config("env.migration"),
        "The migration directory's URL (`file://`, `atlas://` or a data source's `url`)."),
      A("format", .string, default: "atlas", allowed: ["atlas", "golang-migrate", "goose", "flyway", "liquibase", "dbmate"],
        bareEnum: true, link: Links.config("env.migration"), "The migration directory's format (`--dir-format`)."),
      A("exclude", stringList, link: Links.config("env.migration"), "Glob patterns of resources the directory leaves out."),
      A("baseline", .string, link: Links.config("env.migration"),
        "The version the database is assumed to be at already (`--baseline`)."),
      A("exec_order", .string, default: "LINEAR",
        allowed: ["LINEAR", "LINEAR_SKIP", "NON_LINEAR"], bareEnum: true, normalizesEnum: true,
        link: Links.config("env.migration"),
        "How `migrate apply` treats files older than the last applied one: `LINEAR`, `LINEAR_SKIP` or `NON_LINEAR`."),
      A("lock_timeout", .string, default: "\"10s\"", link: Links.config("env.migration"),
        "How long to wait for the database lock, as a Go duration such as `10s`."),
      A("revisions_schema", .string, link: Links.config("env.migration"),
        "The schema that holds Atlas's revisions table."),
      A("to_version", .string, pro: true, link: Links.config("env.migration"),
        "The version to migrate to (Atlas Pro, newer)."),
    ],
    blocks: [repo],
    unknownAttributes: .lenient, unknownBlocks: .lenient,
    link: Links.config("env.migration"), "Where the env's migration directory is and how it is applied.")

  static let schemaMode: BlockSchema = B(
    "mode",
    attributes: ["roles", "permissions", "tables", "views", "funcs", "types", "triggers", "objects"].map {
      A($0, .bool, pro: $0 == "roles" || $0 == "permissions", link: Links.config("env.schema"),
        "Whether declarative commands manage \($0).")
    },
    unknownAttributes: .lenient, link: Links.config("env.schema"),
    "Which kinds of objects declarative `schema` commands manage (roles and permissions need Atlas Pro).")

  static let envSchema: BlockSchema = B(
    "schema",
    attributes: [A("src", stringOrList, link: Links.config("env.schema"), "The desired schema: a path, URL or list of them.")],
    blocks: [repo, schemaMode],
    unknownAttributes: .open, unknownBlocks: .lenient,
    link: Links.config("env.schema"), "The env's desired schema and the registry repository it is pushed to.")

  static func format(type: String, deprecation: String? = nil) -> BlockSchema {
    let migrate = ["apply", "down", "lint", "status", "diff"]
    let schema = ["clean", "inspect", "apply", "diff", "push"]
    func templates(_ names: [String], _ command: String) -> [AttributeSchema] {
      names.map {
        A($0, .string, link: Links.config("env.format.\(command)"), "A Go template for the output of `atlas \(command) \($0)`.")
      }
    }
    return B(
      type,
      blocks: [
        B("migrate", attributes: templates(migrate, "migrate"), unknownAttributes: .lenient,
          link: Links.config("env.format.migrate"), "Output templates for the `migrate` commands."),
        B("schema", attributes: templates(schema, "schema"), unknownAttributes: .lenient,
          link: Links.config("env.format.schema"), "Output templates for the `schema` commands."),
      ],
      unknownAttributes: .lenient, unknownBlocks: .lenient, deprecation: deprecation,
      link: Links.config("env.format"), "Go templates that shape the output of Atlas commands run with this env.")
  }

  // MARK: lint

  static func lint(path: String) -> BlockSchema {
    let link = Links.config(path)
    func analyzer(_ name: String, pro: Bool = false, extra: [AttributeSchema] = [], blocks: [BlockSchema] = [],
                  errorDefault: String? = "false", _ doc: String) -> BlockSchema {
      B(name, attributes: [A("error", .bool, default: errorDefault, link: Links.analyzers, "Whether findings fail the lint run.")] + extra,
        blocks: blocks, unknownAttributes: .lenient, unknownBlocks: .lenient, pro: pro, link: Links.analyzers, doc)
    }
    let naming = ["check", "column", "foreign_key", "index", "schema", "table"].map {
      B($0, attributes: [
        A("match", .string, link: Links.analyzers, "A regular expression the names must match."),
        A("message", .string, link: Links.analyzers, "The message reported when a name does not match."),
      ], unknownAttributes: .lenient, link: Links.analyzers, "The naming rule for \($0) names.")
    }
    return B(
      "lint",
      attributes: [
        A("format", .string, link: link, "A Go template for the output of `migrate lint`."),
        A("log", .string, deprecation: "use `format` instead", link: link, "Old name of `format`."),
        A("latest", .number, link: link, "Lint the last N migration files (`--latest`)."),
        A("review", .string, default: "ALWAYS", allowed: ["ALWAYS", "WARNING", "ERROR"], bareEnum: true, link: link,
          "When declarative `schema apply` asks for approval: `ALWAYS`, on `WARNING`, or on `ERROR` findings."),
      ],
      blocks: [
        analyzer("destructive", extra: [A("force", .bool, link: Links.analyzers, "Allow destructive changes (newer).")],
                 errorDefault: "true", "Reports changes that drop schemas, tables or columns (DS101–DS103)."),
        analyzer("data_depend", "Reports changes that may fail on existing data (MF101–MF104)."),
        analyzer("incompatible", "Reports changes that break backward compatibility, such as renames (BC101, BC102)."),
        analyzer("condrop", "Reports dropping a constraint (CD101)."),
        analyzer("non_linear", "Reports migration files added out of order."),
        analyzer("naming", pro: true,
                 extra: [A("match", .string, link: Links.analyzers, "A regular expression all names must match."),
                         A("message", .string, link: Links.analyzers, "The message reported when a name does not match.")],
                 blocks: naming, "Checks object names against patterns (NM101–NM106, Atlas Pro)."),
        analyzer("concurrent_index", pro: true,
                 extra: ["check_create", "check_drop", "check_txmode"].map {
                   A($0, .bool, default: "true", link: Links.analyzers, "Whether to run the `\($0)` check.")
                 }, "PostgreSQL: reports index changes that lock the table (PG1xx, Atlas Pro)."),
        B("git", attributes: [
          A("base", .string, link: link, "The branch to compare against (`--git-base`)."),
          A("dir", .string, link: link, "The repository directory (`--git-dir`)."),
        ], unknownAttributes: .lenient, link: link, "Lint the files changed relative to a git branch."),
        B("rule", labels: .exactly("kind", "name", strict: false), attributes: [
          A("src", stringList, link: "https://atlasgo.io/lint/rules", "The `*.rule.hcl` files that define the rule."),
          A("vars", .map(.any), link: "https://atlasgo.io/lint/rules", "Input variables of the rule files."),
          A("error", .bool, link: "https://atlasgo.io/lint/rules", "Whether findings fail the lint run."),
        ], repeatable: true, unknownAttributes: .lenient, pro: true, link: "https://atlasgo.io/lint/rules",
          "A custom policy rule loaded from `*.rule.hcl` files (Atlas Pro, newer)."),
        B("statement", unknownAttributes: .open, unknownBlocks: .open, pro: true, link: Links.analyzers,
          "Rules about the statements of migration files (Atlas Pro, newer)."),
        B("check", labels: .exactly("code", strict: false), attributes: [
          A("error", .bool, link: Links.analyzers, "Whether this check's findings fail the lint run."),
        ], repeatable: true, unknownAttributes: .lenient, pro: true, link: Links.analyzers,
          "Settings of one analyzer check, by code (newer)."),
        B("ownership", labels: .upTo(1, ["kind"]), unknownAttributes: .open, unknownBlocks: .open, pro: true,
          link: Links.analyzers, "Ownership rules for schema changes (Atlas Pro, newer)."),
      ],
      unknownAttributes: .lenient, unknownBlocks: .lenient,
      exclusive: [["latest", "git"], ["log", "format"]],
      link: link, "The migration linting policy: which analyzers run and whether their findings fail the run.")
  }

  // MARK: diff

  static func diff(path: String) -> BlockSchema {
    let kinds = ["schema", "table", "column", "index", "foreign_key"]
    var skip: [AttributeSchema] = []
    for kind in kinds {
      for verb in ["add", "drop", "modify"] {
        skip.append(A("\(verb)_\(kind)", .bool, default: "false", link: Links.config("\(path).skip"), "Leave out changes that \(verb) a \(kind.replacingUnderscores)."))
      }
    }
    skip.append(A("rename_table", .bool, default: "false", link: Links.config("\(path).skip"), "Leave out table renames."))
    skip.append(A("rename_constraint", .bool, default: "false", link: Links.config("\(path).skip"), "Leave out constraint renames."))
    for kind in ["func", "proc", "trigger", "view"] {
      for verb in ["add", "drop", "modify", "rename"] {
        skip.append(A("\(verb)_\(kind)", .bool, default: "false", pro: true, link: Links.config("\(path).skip"), "Leave out changes that \(verb) a \(kind) (Atlas Pro)."))
      }
    }
    return B(
      "diff",
      blocks: [
        B("skip", attributes: skip, unknownAttributes: .lenient, link: Links.config("\(path).skip"),
          "Kinds of changes that planning leaves out."),
        B("concurrent_index", attributes: [
          A("add", .bool, link: Links.config("\(path).concurrent_index"), "Create indexes `CONCURRENTLY` (same as `create`)."),
          A("create", .bool, link: Links.config("\(path).concurrent_index"), "Create indexes `CONCURRENTLY`."),
          A("drop", .bool, link: Links.config("\(path).concurrent_index"), "Drop indexes `CONCURRENTLY`."),
        ], unknownAttributes: .lenient, link: Links.config("\(path).concurrent_index"),
          "PostgreSQL: build and drop indexes without locking the table."),
      ],
      unknownAttributes: .lenient, unknownBlocks: .open,
      link: Links.config(path), "How Atlas plans schema changes: what to leave out and driver options.")
  }

  // MARK: test

  static func test(path: String) -> BlockSchema {
    func part(_ name: String) -> BlockSchema {
      B(name, attributes: [
        A("src", stringList, required: true, link: Links.config("\(path).\(name)"), "The `*.test.hcl` files to run."),
        A("vars", .map(.any), link: Links.config("\(path).\(name)"), "Input variables of the test files."),
      ], unknownAttributes: .lenient, link: Links.config("\(path).\(name)"), "Tests for `atlas \(name) test`.")
    }
    return B(
      "test", blocks: [part("schema"), part("migrate")], unknownAttributes: .lenient, unknownBlocks: .lenient,
      pro: true, link: Links.config(path), "Test files run by `atlas schema test` and `atlas migrate test` (Atlas Pro commands).")
  }

  // MARK: Pro blocks

  static let atlas: BlockSchema = B(
    "atlas", labels: LabelRule(names: [], min: 0, max: 0, strict: true),
    blocks: [
      B("cloud", attributes: [
        A("org", .string, link: Links.config("atlas.cloud"), "The Atlas Cloud organization commands must be logged in to."),
        A("token", .string, link: Links.config("atlas.cloud"), "An Atlas Cloud token."),
        A("url", .string, link: Links.config("atlas.cloud"), "The Atlas Cloud address (older releases)."),
        A("project", .string, default: "\"default\"", link: Links.config("atlas.cloud"), "The Atlas Cloud project (older releases)."),
      ], unknownAttributes: .lenient, link: Links.config("atlas.cloud"), "How to reach Atlas Cloud."),
    ],
    unknownAttributes: .strict, unknownBlocks: .strict, duplicateIsError: true, pro: true,
    link: Links.config("atlas"), "Settings of Atlas itself, read before anything else; at most one, without labels.")

  /// The drivers a `docker` block may name (first label).
  package static let dockerDrivers = ["postgres", "mysql", "mariadb", "sqlserver", "clickhouse"]

  static let docker: BlockSchema = B(
    "docker", labels: .exactly("driver", "name"),
    attributes: [
      A("image", .string, required: true, link: Links.config("docker.postgres"), "The container image, such as `postgres:16`."),
      A("schema", .string, link: Links.config("docker.postgres"), "The schema the dev database is scoped to."),
      A("database", .string, link: Links.config("docker.postgres"), "The database to create (PostgreSQL and SQL Server)."),
      A("baseline", .string, link: Links.devDatabase, "SQL run once on the new database, e.g. `file(\"baseline.sql\")`."),
    ],
    blocks: [
      B("build", attributes: [
        A("context", .string, required: true, link: Links.config("docker.build"), "The build context directory."),
        A("dockerfile", .string, link: Links.config("docker.build"), "The Dockerfile's path."),
        A("target", .string, link: Links.config("docker.build"), "The build stage to use."),
        A("args", .map(.string), link: Links.config("docker.build"), "Build arguments."),
      ], unknownAttributes: .lenient, link: Links.config("docker.build"), "Build the image from a Dockerfile."),
    ],
    repeatable: true, unknownAttributes: .lenient, unknownBlocks: .lenient, pro: true,
    link: Links.config("docker.postgres"),
    "A dev database in a container that Atlas starts on demand; use it as `docker.<driver>.<name>.url` (Atlas Pro).")

  static let hook: BlockSchema = B(
    "hook", labels: .exactly("kind", "name"),
    attributes: [A("skip_errors", .bool, link: Links.config("hook.sql"), "Go on when a hook statement fails.")],
    blocks: [
      B("transaction", attributes: ["after_begin", "before_commit", "before_rollback"].map {
        A($0, stringList, link: Links.config("hook.transaction"), "Statements run \($0.replacingUnderscores) of each migration transaction.")
      }, unknownAttributes: .lenient, link: Links.config("hook.transaction"), "Statements run around migration transactions."),
    ],
    repeatable: true, unknownAttributes: .lenient, unknownBlocks: .lenient, pro: true,
    link: "https://atlasgo.io/versioned/apply#migration-hooks",
    "SQL statements Atlas runs around migrations it applies (Atlas Pro).")

  static let check: BlockSchema = B(
    "check", labels: .exactly("stage"),
    blocks: [
      B("allow", labels: .upTo(1, ["name"]), attributes: [
        A("condition", .bool, required: true, link: Links.config("check"), "When the operation is allowed."),
      ], repeatable: true, unknownAttributes: .lenient, link: Links.config("check"), "A condition that allows the operation."),
      B("deny", labels: .upTo(1, ["name"]), attributes: [
        A("condition", .bool, required: true, link: Links.config("check"), "When the operation is denied."),
        A("message", .string, link: Links.config("check"), "Why it was denied."),
      ], repeatable: true, unknownAttributes: .lenient, link: Links.config("check"), "A condition that denies the operation."),
    ],
    repeatable: true, unknownAttributes: .lenient, unknownBlocks: .lenient, pro: true,
    link: "https://atlasgo.io/guides/environment-promotion",
    "Conditions checked before an operation such as `migrate_apply` runs (Atlas Pro, newer).")
}

extension String {
  var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
