# References: undeclared locals, variables and data sources are errors Atlas certainly hits; each outside for_each;
# unknown functions; attributes of a string-valued data source.
variable "url" {
  type    = string
  default = getenv("DATABASE_URL")
}

variable "bad_default" {
#        ^^^^^^^^^^^^^ warning[atlas.unused-variable]: Variable "bad_default" is never used
  type    = string
  default = var.url
#           ^^^^^^^ error[atlas.reference-in-variable]: A variable cannot use "var.…"
}

variable "bad_local" {
#        ^^^^^^^^^^^ warning[atlas.unused-variable]: Variable "bad_local" is never used
  type    = string
  default = "${local.first}-x"
#              ^^^^^^^^^^^ error[atlas.reference-in-variable]: A variable cannot use "local.…"
}

locals {
  first = "a"
}

# A second locals block: its locals are just as visible.
locals {
  second  = local.first
# ^^^^^^ warning[atlas.unused-local]: Local "second" is never used
  third   = local.secnd
# ^^^^^ warning[atlas.unused-local]: Local "third" is never used
#           ^^^^^^^^^^^ error[atlas.unknown-local]: Unknown local "secnd"
  tenants = toset(["t1", "t2"])
  listed  = [for local in ["x"] : local]
# ^^^^^^ warning[atlas.unused-local]: Local "listed" is never used
  keyed   = { local = 1, var = 2 }
# ^^^^^ warning[atlas.unused-local]: Local "keyed" is never used
  nested  = [for k, v in { a = 1 } : "${k}-${v}-${local.first}"]
# ^^^^^^ warning[atlas.unused-local]: Local "nested" is never used
  missing = local.nowhere.deeper[0]
# ^^^^^^^ warning[atlas.unused-local]: Local "missing" is never used
#           ^^^^^^^^^^^^^ error[atlas.unknown-local]: Unknown local "nowhere"
  fn      = env("HOME")
# ^^ warning[atlas.unused-local]: Local "fn" is never used
#           ^^^ error[atlas.unknown-function]: Unknown function "env"
  tf      = lookup({ a = 1 }, "a", 0)
# ^^ warning[atlas.unused-local]: Local "tf" is never used
#           ^^^^^^ error[atlas.unknown-function]: Unknown function "lookup"
  typo    = uper("x")
# ^^^^ warning[atlas.unused-local]: Local "typo" is never used
#           ^^^^ error[atlas.unknown-function]: Unknown function "uper"
  known   = [upper("x"), urlescape("y"), jsondecode("{}"), fileset("*.sql")]
# ^^^^^ warning[atlas.unused-local]: Local "known" is never used
  splat   = data.sql.tenants.values[*]
# ^^^^^ warning[atlas.unused-local]: Local "splat" is never used
  whole   = data.aws_rds_token.token
# ^^^^^ warning[atlas.unused-local]: Local "whole" is never used
}

data "aws_rds_token" "token" {
  endpoint = "db.example.com:5432"
  username = "iam"
}

data "runtimevar" "pass" {
  url = "awssecretsmanager://pass"
}

data "sql" "tenants" {
  url   = var.url
  query = "SELECT name FROM tenants"
}

env "dev" {
  url = "postgres://iam:${urlescape(data.aws_rds_token.token.url)}@db:5432/app"
#                                                           ^^^^ error[atlas.url-on-string-source]: data.aws_rds_token.token is a string; it has no attribute "url"
  dev  = data.runtimevar.pass.value
#                            ^^^^^^ error[atlas.url-on-string-source]: data.runtimevar.pass is a string; it has no attribute "value"
  src  = data.sql.tenant.value
#        ^^^^^^^^^^^^^^^ error[atlas.undeclared-data-source]: Unknown data source "data.sql.tenant"
  tenant = var.urll
#          ^^^^^^^^ error[atlas.unknown-variable]: Unknown variable "urll"
  other  = var.nope
#          ^^^^^^^^ error[atlas.unknown-variable]: Unknown variable "nope"
  me     = each.value
#          ^^^^^^^^^^ error[atlas.each-outside-for-each]: "each" is only defined inside a block with for_each
  name   = atlas.env
}

env "tenants" {
  for_each = toset(local.tenants)
  url      = urlsetpath(var.url, each.value)
  migration {
    dir = "file://migrations/${each.key}"
  }
}

env "self" {
  for_each = toset([each.value])
#                   ^^^^^^^^^^ error[atlas.each-outside-for-each]: "each" is only defined inside a block with for_each
}
