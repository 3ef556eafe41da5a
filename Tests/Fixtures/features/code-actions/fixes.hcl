# Every quick fix the checks offer, and what "fix all" makes of the file.
variable "region" {
  typ = string
}

locals {
  endpoint = "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com:5432"
  tenants  = ["a", "b"]
}

data "aws_rds_token" "db" {
  endpoint = local.endpoint
  region   = "eu-west-1"
  username = "iam"
}

data "aws_rds_token" "my" {
  endpoint = "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com:3306"
  username = "iam"
}

data "sql" "incomplete" {
}

env "pg" {
  url = "postgres://iam:${data.aws_rds_token.db}@${local.endpoint}/app?sslmode=disable"
  dev = local.endpont
  migration {
    dri        = "file://migrations"
    exec_order = "LINEAR_SKIPP"
    unknown    = true # not an Atlas attribute
  }
}

env "my" {
  for_each = local.tenants
  url      = "mysql://iam:${urlescape(data.aws_rds_token.my)}@${data.aws_rds_token.my.url}/app"
  src      = upperr(each.value)
}
