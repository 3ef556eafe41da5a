# Project file for the billing service.
variable "db_password" {
  type    = string
  default = null
}

locals {
  regions = ["eu-west-1", "us-east-1"]
  port    = 5432
  debug   = false
  ratio   = -1.5
  tags = {
    team       = "billing"
    "cost-center" = 42
    nested     = { deep = true }
  }
  dsn = "postgres://app@${var.host}:${local.port}/app?sslmode=require"
  script = <<-EOT
    SELECT 1;
  EOT
}

data "aws_rds_token" "db" {
  endpoint = "db.example.com:5432"
  region   = upper(local.regions[0])
}

env "local" {
  url = data.aws_rds_token.db
  migration {
    dir = "file://migrations"
  }
  for_each = toset(local.regions)
}
