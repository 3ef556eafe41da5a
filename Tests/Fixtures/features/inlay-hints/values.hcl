variable "tenants" {
  type    = list(string)
  default = ["acme", "globex"]
}

variable "db_password" {
  type    = string
  default = "hunter2secret"
}

variable "given" {
  type = string
}

locals {
  db_name  = "orders"
  port     = 5432
  enabled  = true
  long     = "a value much longer than forty characters, which gets shortened"
  settings = { schema = "public", nested = { deep = 1 } }
  quoted   = "say \"hi\"\n"
  url      = "postgres://admin:hunter2secret@db.internal:5432/${local.db_name}"
  token    = data.aws_rds_token.db
  derived  = "x-${data.aws_rds_token.db}"
  secret   = var.db_password
}

data "aws_rds_token" "db" {
  endpoint = "db.example.eu-west-1.rds.amazonaws.com:${local.port}"
  username = "atlas"
}

env "dev" {
  url     = "postgres://u@h:${local.port}/${local.db_name}?flag=${local.enabled}"
  dev     = local.url
  schemas = [local.settings.schema, local.settings.nested.deep, local.long]
  src     = local.quoted
  tenants = var.tenants
  given   = var.given
  token   = local.token
  derived = local.derived
  pw      = var.db_password
  secret  = local.secret
  missing = local.nothing
}

env "rds" {
  url = "postgres://atlas:${urlescape(data.aws_rds_token.db)}@db.example.eu-west-1.rds.amazonaws.com:5432/app"
}

env "literal" {
  url = "postgres://admin:hunter2secret@db.internal:5432/app"
}

env "computed_password" {
  url = "postgres://admin:${var.db_password}@db.internal:5432/app"
}
