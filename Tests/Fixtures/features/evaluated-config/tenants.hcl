# for_each expanded (each copy with its each.key and each.value), variables and locals resolved, secrets masked.
variable "password" {
  type    = string
  default = "hunter2"
}
variable "tenants" {
  type    = list(string)
  default = ["b", "a"]
}
locals {
  host = "db.internal"
}
data "aws_rds_token" "db" {
  endpoint = "${local.host}:5432"
  username = "app"
}
env "tenant" {
  for_each = toset(var.tenants)
  url      = "postgres://app:${var.password}@${local.host}:5432/${each.value}"
  dev      = "docker://postgres/15/dev"
  schemas  = [each.key, "public"]
  migration {
    dir = "file://migrations/${each.value}"
  }
}
env "rds" {
  url = "postgres://app:${urlescape(data.aws_rds_token.db)}@${local.host}:5432/db"
  diff {
    skip {
      drop_table = true
    }
  }
}
