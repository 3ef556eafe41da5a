// The data sources of atlas.hcl (reference §3): `data "<type>" "<name>" { … }`, read as `data.<type>.<name>`.

private typealias A = AttributeSchema
private typealias B = BlockSchema

extension AtlasSchema {
  /// Every data source type Atlas (Community or Pro) is known to have.
  package static let dataSources: [DataSourceSchema] = [
    DataSourceSchema(
      B("sql", attributes: [
        A("url", .string, required: true, link: Links.config("data.sql"), "The URL of the database to query."),
        A("query", .string, required: true, link: Links.config("data.sql"), "The query to run; each row gives one value."),
        A("args", .list(.any), link: Links.config("data.sql"), "Values for the query's placeholders."),
      ], unknownAttributes: .strict, unknownBlocks: .strict, link: Links.config("data.sql"),
        "Runs a query and exposes its rows: `count`, `values` (one per row) and `value` (the first)."),
      result: .object([("count", "number"), ("values", "list"), ("value", "any")])),
    DataSourceSchema(
      B("external", attributes: [
        A("program", .list(.string), required: true, link: Links.config("data.external"), "The program and its arguments."),
        A("working_dir", .string, link: Links.config("data.external"), "The directory the program runs in."),
      ], unknownAttributes: .strict, unknownBlocks: .strict, link: Links.config("data.external"),
        "Runs a program and gives its standard output as a string (often passed to `jsondecode`)."),
      result: .string),
    DataSourceSchema(
      B("runtimevar", attributes: [
        A("url", .string, required: true, link: Links.config("data.runtimevar"),
          "The variable's URL, e.g. `awsparamstore://…`, `gcpsecretmanager://…`, `file://…`; `timeout` sets how long to wait."),
      ], unknownAttributes: .strict, unknownBlocks: .strict, link: Links.config("data.runtimevar"),
        "Reads a value from a runtime configuration or secret store and gives it as a string."),
      result: .string),
    DataSourceSchema(
      B("template_dir", attributes: [
        A("path", .string, required: true, link: Links.config("data.template_dir"), "The directory of templated migration files."),
        A("vars", .map(.any), link: Links.config("data.template_dir"), "Values the templates can use."),
      ], unknownAttributes: .strict, unknownBlocks: .strict, link: Links.config("data.template_dir"),
        "Renders a directory of Go-templated migration files into an in-memory migration directory; use its `url`."),
      result: .object([("url", "string")])),
    DataSourceSchema(
      B("hcl_schema", attributes: [
        A("path", .string, link: Links.config("data.hcl_schema"), "One HCL schema file."),
        A("paths", .list(.string), link: Links.config("data.hcl_schema"), "Several HCL schema files."),
        A("vars", .map(.any), link: Links.config("data.hcl_schema"), "Input variables of the schema files."),
      ], unknownAttributes: .strict, unknownBlocks: .strict, exclusive: [["path", "paths"]],
        oneOfRequired: [["path", "paths"]], link: Links.config("data.hcl_schema"),
        "Loads HCL schema files with input variables; use its `url` as a schema source."),
      result: .object([("url", "string")])),
    DataSourceSchema(
      B("external_schema", attributes: [
        A("program", .list(.string), required: true, link: Links.config("data.external_schema"), "The program that prints the schema as SQL."),
        A("working_dir", .string, link: Links.config("data.external_schema"), "The directory the program runs in."),
        A("format", .string, link: Links.config("data.external_schema"), "The format of the program's output (newer)."),
        A("env", .map(.string), link: Links.config("data.external_schema"), "Environment variables of the program (newer)."),
      ], unknownAttributes: .lenient, unknownBlocks: .lenient, pro: true, link: Links.config("data.external_schema"),
        "Loads a schema printed by a program, such as an ORM's loader (Atlas Pro)."),
      result: .object([("url", "string")])),
    DataSourceSchema(
      B("composite_schema", blocks: [
        B("schema", labels: .upTo(1, ["schema"]), attributes: [
          A("url", .string, required: true, link: Links.config("data.schema"), "The URL of the schema to load."),
        ], repeatable: true, unknownAttributes: .lenient, link: Links.config("data.schema"),
          "One schema source; a label scopes it to that database schema."),
      ], unknownAttributes: .lenient, unknownBlocks: .lenient, pro: true, link: Links.config("data.composite_schema"),
        "Combines several schema sources into one, loaded in order (Atlas Pro)."),
      result: .object([("url", "string")])),
    DataSourceSchema(
      B("remote_dir", attributes: [
        A("name", .string, required: true, link: Links.config("data.remote_dir"), "The directory's slug in Atlas Cloud."),
        A("tag", .string, link: Links.config("data.remote_dir"), "The tag to read; the latest when absent."),
      ], unknownAttributes: .lenient, unknownBlocks: .lenient, pro: true, link: Links.config("data.remote_dir"),
        "A migration directory stored in Atlas Cloud; prefer `atlas://<slug>` URLs (Atlas Pro)."),
      result: .object([("url", "string")])),
    DataSourceSchema(
      B("remote_schema", attributes: [
        A("name", .string, required: true, link: Links.config("data.remote_schema"), "The schema's slug in the Atlas Registry."),
        A("tag", .string, link: Links.config("data.remote_schema"), "The tag to read."),
        A("version", .string, link: Links.config("data.remote_schema"), "The version to read."),
      ], unknownAttributes: .lenient, unknownBlocks: .lenient, pro: true, link: Links.config("data.remote_schema"),
        "A schema stored in the Atlas Registry (Atlas Pro)."),
      result: .object([("url", "string")])),
    DataSourceSchema(
      B("aws_rds_token", attributes: [
        A("endpoint", .string, required: true, link: Links.config("data.aws_rds_token"), "The database's `host:port`; the port is required."),
        A("username", .string, required: true, link: Links.config("data.aws_rds_token"), "The database user to sign in as."),
        A("region", .string, link: Links.config("data.aws_rds_token"), "The AWS region; from the AWS configuration when absent."),
        A("profile", .string, link: Links.config("data.aws_rds_token"), "The AWS profile whose credentials sign the token."),
      ], unknownAttributes: .strict, unknownBlocks: .strict, link: Links.config("data.aws_rds_token"),
        "A short-lived RDS IAM password, valid 15 minutes; escape it with `urlescape()` inside a URL."),
      result: .string),
    DataSourceSchema(
      B("gcp_cloudsql_token", attributes: [
        A("region", .string, link: Links.config("data.gcp_cloudsql_token"), "Listed by Atlas's schema but not used."),
      ], unknownAttributes: .lenient, unknownBlocks: .lenient, link: Links.config("data.gcp_cloudsql_token"),
        "A Google Cloud SQL access token from the application default credentials; escape it with `urlescape()` inside a URL."),
      result: .string),
    DataSourceSchema(
      B("blob_dir", attributes: [
        A("url", .string, required: true, link: "https://atlasgo.io/faq/s3-dirs", "The bucket URL, e.g. `s3://bucket/path`."),
      ], unknownAttributes: .lenient, unknownBlocks: .lenient, pro: true, link: "https://atlasgo.io/faq/s3-dirs",
        "A migration directory stored in a cloud bucket (Atlas Pro, newer)."),
      result: .object([("url", "string")])),
    DataSourceSchema(
      B("cloud_databases", attributes: [
        A("repo", .string, link: Links.projects, "The repository whose deployments to list."),
        A("env", .string, link: Links.projects, "The environment whose deployments to list."),
      ], unknownAttributes: .lenient, unknownBlocks: .lenient, pro: true, link: Links.projects,
        "The databases Atlas Cloud knows for a repository, with their current versions (Atlas Pro, newer)."),
      result: .object([("targets", "list")])),
    DataSourceSchema(
      B("http", attributes: [
        A("url", .string, required: true, link: Links.projects, "The `http` or `https` URL to request."),
        A("method", .string, default: "\"GET\"", allowed: ["GET", "HEAD", "POST"], link: Links.projects, "The request method."),
        A("request_headers", .map(.string), link: Links.projects, "Request headers."),
        A("request_body", .string, link: Links.projects, "The request body."),
        A("request_timeout_ms", .number, link: Links.projects, "The request's timeout in milliseconds."),
        A("ca_cert_pem", .string, link: Links.projects, "A CA certificate to trust."),
        A("client_cert_pem", .string, link: Links.projects, "A client certificate (with `client_key_pem`)."),
        A("client_key_pem", .string, link: Links.projects, "The client certificate's key."),
        A("insecure", .bool, default: "false", link: Links.projects, "Skip TLS verification."),
      ], blocks: [
        B("retry", attributes: [
          A("attempts", .number, link: Links.projects, "How many times to try."),
          A("min_delay_ms", .number, link: Links.projects, "The shortest wait between tries."),
          A("max_delay_ms", .number, link: Links.projects, "The longest wait between tries."),
        ], unknownAttributes: .lenient, link: Links.projects, "How to retry failed requests."),
      ], unknownAttributes: .lenient, unknownBlocks: .lenient, exclusive: [["ca_cert_pem", "insecure"]], pro: true,
        link: Links.projects, "Makes an HTTP request and exposes the response (Atlas Pro, newer)."),
      result: .object([("url", "string"), ("response_headers", "map(list(string))"), ("response_body", "string"),
                       ("response_body_base64", "string"), ("status_code", "number")])),
  ]

  package static func dataSource(_ type: String) -> DataSourceSchema? { dataSourcesByType[type] }
  private static let dataSourcesByType = table(dataSources, by: \.type)
}
