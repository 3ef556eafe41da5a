// Atlas project file for the "orders" service.
// Local development runs against Docker; staging and production use RDS PostgreSQL with IAM authentication.

variable "aws_profile" {
  type        = string
  default     = "orders-dev"
  description = "AWS profile used to sign RDS IAM tokens"
}

variable "tenants" {
  type    = list(string)
  default = ["acme", "globex"]
}

locals {
  db_name  = "orders"
  db_user  = "atlas_migrator"
  rds_host = "orders.cluster-c9akciq32.eu-west-1.rds.amazonaws.com"
  rds_port = 5432
  dev_url  = "docker://postgres/15/dev?search_path=public"
  schemas  = ["public", "billing"]
}

data "aws_rds_token" "db" {
  endpoint = "${local.rds_host}:${local.rds_port}"
  region   = "eu-west-1"
  username = local.db_user
  profile  = var.aws_profile
}

lint {
  destructive {
    error = true
  }
  data_depend {
    error = true
  }
}

diff {
  skip {
    drop_schema = true
  }
}

env "local" {
  src     = "file://schema"
  url     = "postgres://postgres:pass@localhost:5432/${local.db_name}?sslmode=disable"
  dev     = local.dev_url
  schemas = local.schemas
  migration {
    dir = "file://migrations"
  }
  format {
    migrate {
      diff = "{{ sql . \"  \" }}"
    }
  }
}

env "prod" {
  src     = "file://schema"
  url     = "postgres://${local.db_user}:${urlescape(data.aws_rds_token.db)}@${local.rds_host}:${local.rds_port}/${local.db_name}?sslmode=require"
  dev     = local.dev_url
  schemas = local.schemas
  exclude = ["public.atlas_*"]
  migration {
    dir              = "file://migrations"
    format           = atlas
    exec_order       = LINEAR_SKIP
    lock_timeout     = "30s"
    revisions_schema = "atlas"
  }
  lint {
    latest = 1
    format = <<-EOT
      {{- range $f := .Files }}
        {{- $f.Name }}: {{ len $f.Reports }} report(s)
      {{ end -}}
    EOT
  }
}

// One environment per tenant, each in its own schema of the production database.
env "tenant" {
  for_each = toset(var.tenants)
  url      = "postgres://${local.db_user}:${urlescape(data.aws_rds_token.db)}@${local.rds_host}:${local.rds_port}/${local.db_name}?sslmode=require&search_path=${each.value}"
  src      = "file://schema"
  schemas  = [each.value]
  tenant   = each.value
  migration {
    dir = "file://migrations/tenant"
  }
}
