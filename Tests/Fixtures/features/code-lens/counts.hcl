variable "unused" {
  type = string
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

locals {
  db_name = "orders"
  user    = "atlas"
  url     = "postgres://${local.user}@h/${local.db_name}"
}

data "aws_rds_token" "db" {
  endpoint = "h:5432"
  username = local.user
  region   = var.region
}

data "sql" "tenants" {
  url   = local.url
  query = "SELECT 1"
}

env "dev" {
  url = "postgres://${local.user}:${urlescape(data.aws_rds_token.db)}@h:5432/${local.db_name}"
  src = data.sql.tenants.values
  dev = data.sql.tenants.value
}
