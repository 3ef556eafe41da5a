# Data source types: unknown ones are a warning with a did-you-mean; required attributes are errors.
data "aws_rds_tokn" "db" {}
#    ^^^^^^^^^^^^^^ warning[atlas.unknown-data-source]: Unknown data source type "aws_rds_tokn"

data "sql" "tenants" {
  url   = "postgres://localhost:5432/db"
  query = "SELECT name FROM tenants"
}

  data "sql" "missing" {
# ^^^^^^^^^^^^^^^^^^^^ error[atlas.missing-required-attribute]: Missing required attribute "query" in data "sql"
  url = "postgres://localhost:5432/db"
}

data "external" "program" {
  program = ["echo", "hi"]
}

  data "runtimevar" "secret" {}
# ^^^^^^^^^^^^^^^^^^^^^^^^^^ error[atlas.missing-required-attribute]: Missing required attribute "url" in data "runtimevar"

data "template_dir" "migrations" {
  path = "migrations"
  vars = {
    schema = "public"
  }
}

data "hcl_schema" "both" {
  path  = "a.hcl"
  paths = ["b.hcl"]
# ^^^^^ error[atlas.mutually-exclusive]: "path" and "paths" cannot be used together
}

  data "hcl_schema" "neither" {}
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^ error[atlas.missing-one-of]: One of "path" or "paths" is required in data "hcl_schema"

data "hcl_schema" "one" {
  paths = fileset("schema/*.hcl")
}

data "http" "insecure" {
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
