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
  type    = string
  defualt = "a"
# ^^^^^^^ error[atlas.unknown-attribute]: Unknown attribute "defualt" in "variable"
}

data "aws_rds_token" "db" {
  endpoint = "db.example.com:5432"
  username = "app"
  regin    = "us-east-1"
# ^^^^^ error[atlas.unknown-attribute]: Unknown attribute "regin" in data "aws_rds_token"
}

data "gcp_cloudsql_token" "db" {
  region = "us"
}

locals {
  whatever = 1
  goes     = "here"
}

docker "postgres" "dev" {
  image = "postgres:16"
  imagee = "postgres:17"
# ^^^^^^ warning[atlas.unknown-attribute]: Unknown attribute "imagee" in "docker"
}
