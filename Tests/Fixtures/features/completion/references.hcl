variable "region" {
  type    = string
  default = "eu-west-1"
}
variable "db_password" {
  type    = string
  default = "hunter2"
}
locals {
  endpoint = "db.abc.eu-west-1.rds.amazonaws.com:5432"
  url      = "postgres://u:pw@h/db"
  replicas = 3
  dynamic  = getenv("X")
}
data "aws_rds_token" "db" {
  endpoint = local.endpoint
  username = "app"
}
data "sql" "tenants" {
  url   = local.url
  query = "select 1"
}
env "t" {
  for_each = toset(data.sql.tenants.1️⃣values)
  url      = "postgres://app:${local.2️⃣}@h"
  src      = each.3️⃣
  dev      = data.4️⃣
  schemas  = [data.aws_rds_token.5️⃣]
  exclude  = [atlas.6️⃣]
  x        = var.7️⃣
  y        = each8️⃣
}
variable "v" {
  default = 9️⃣
}
env "no_each" {
  url = each.🔟
}
