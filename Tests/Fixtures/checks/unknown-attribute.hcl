# Unknown attributes: strict blocks (variable, most data sources) give errors; envs take any attribute.
  dangling = 1
# ^^^^^^^^ warning[atlas.unknown-attribute]: Top-level attribute "dangling" is ignored

env "dev" {
  url     = "sqlite://dev?mode=memory"
  tenant  = "acme"
  anything = ["allowed", "in", "env"]
  migration {
    dri = "file://migrations"
#   ^^^ warning[atlas.unknown-attribute]: Unknown attribute "dri" in "env.migration"
  }
}

variable "x" {
#        ^^^ warning[atlas.unused-variable]: Variable "x" is never used
  type    = string
  defualt = "a"
# ^^^^^^^ error[atlas.unknown-attribute]: Unknown attribute "defualt" in "variable"
}

data "aws_rds_token" "db" {
#    ^^^^^^^^^^^^^^^^^^^^ warning[atlas.unused-data-source]: Data source "data.aws_rds_token.db" is never used
  endpoint = "db.example.com:5432"
  username = "app"
  regin    = "us-east-1"
# ^^^^^ error[atlas.unknown-attribute]: Unknown attribute "regin" in data "aws_rds_token"
}

data "gcp_cloudsql_token" "db" {
#    ^^^^^^^^^^^^^^^^^^^^^^^^^ warning[atlas.unused-data-source]: Data source "data.gcp_cloudsql_token.db" is never used
  region = "us"
}

locals {
  whatever = 1
# ^^^^^^^^ warning[atlas.unused-local]: Local "whatever" is never used
  goes     = "here"
# ^^^^ warning[atlas.unused-local]: Local "goes" is never used
}

docker "postgres" "dev" {
  image = "postgres:16"
  imagee = "postgres:17"
# ^^^^^^ warning[atlas.unknown-attribute]: Unknown attribute "imagee" in "docker"
}
