# Data source types: unknown ones are a warning with a did-you-mean; required attributes are errors.
data "aws_rds_tokn" "db" {}
#    ^^^^^^^^^^^^^^^^^^^ warning[atlas.unused-data-source]: Data source "data.aws_rds_tokn.db" is never used
#    ^^^^^^^^^^^^^^ warning[atlas.unknown-data-source]: Unknown data source type "aws_rds_tokn"

data "sql" "tenants" {
#    ^^^^^^^^^^^^^^^ warning[atlas.unused-data-source]: Data source "data.sql.tenants" is never used
  url   = "postgres://localhost:5432/db"
  query = "SELECT name FROM tenants"
}

  data "sql" "missing" {
#      ^^^^^^^^^^^^^^^ warning[atlas.unused-data-source]: Data source "data.sql.missing" is never used
# ^^^^^^^^^^^^^^^^^^^^ error[atlas.missing-required-attribute]: Missing required attribute "query" in data "sql"
  url = "postgres://localhost:5432/db"
}

data "external" "program" {
#    ^^^^^^^^^^^^^^^^^^^^ warning[atlas.unused-data-source]: Data source "data.external.program" is never used
  program = ["echo", "hi"]
}

  data "runtimevar" "secret" {}
#      ^^^^^^^^^^^^^^^^^^^^^ warning[atlas.unused-data-source]: Data source "data.runtimevar.secret" is never used
# ^^^^^^^^^^^^^^^^^^^^^^^^^^ error[atlas.missing-required-attribute]: Missing required attribute "url" in data "runtimevar"

data "template_dir" "migrations" {
#    ^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[atlas.unused-data-source]: Data source "data.template_dir.migrations" is never used
  path = "migrations"
  vars = {
    schema = "public"
  }
}

data "hcl_schema" "both" {
#    ^^^^^^^^^^^^^^^^^^^ warning[atlas.unused-data-source]: Data source "data.hcl_schema.both" is never used
  path  = "a.hcl"
  paths = ["b.hcl"]
# ^^^^^ error[atlas.mutually-exclusive]: "path" and "paths" cannot be used together
}

  data "hcl_schema" "neither" {}
#      ^^^^^^^^^^^^^^^^^^^^^^ warning[atlas.unused-data-source]: Data source "data.hcl_schema.neither" is never used
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^ error[atlas.missing-one-of]: One of "path" or "paths" is required in data "hcl_schema"

data "hcl_schema" "one" {
#    ^^^^^^^^^^^^^^^^^^ warning[atlas.unused-data-source]: Data source "data.hcl_schema.one" is never used
  paths = fileset("schema/*.hcl")
}

data "http" "insecure" {
#    ^^^^^^^^^^^^^^^^^ warning[atlas.unused-data-source]: Data source "data.http.insecure" is never used
  url         = "https://example.com"
  ca_cert_pem = "pem"
  insecure    = true
# ^^^^^^^^ error[atlas.mutually-exclusive]: "ca_cert_pem" and "insecure" cannot be used together
}

  data "sql" {}
# ^^^^^^^^^^ error[atlas.label-count]: Block "data" takes exactly 2 labels (type, name), not 1
# ^^^^^^^^^^ error[atlas.missing-required-attribute]: Missing required attribute "url" in data "sql"
# ^^^^^^^^^^ error[atlas.missing-required-attribute]: Missing required attribute "query" in data "sql"
data "sql" "a" "b" {
#              ^^^ error[atlas.label-count]: Block "data" takes exactly 2 labels (type, name), not 3
  url   = "x"
  query = "y"
}
