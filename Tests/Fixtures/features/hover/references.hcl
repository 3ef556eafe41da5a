variable "tenants" {
  type        = list(string)
  default     = ["acme", "globex"]
  description = "The tenants to migrate."
}

variable "required_name" {
  type = string
}

locals {
  db_name = "orders"
  settings = {
    schema = "public"
    port   = 5432
  }
  host = "${local.1️⃣db_name}.internal"
  nested = 2️⃣local.settings.3️⃣schema
  unknown_token = data.aws_rds_token.db
  4️⃣fromvar = 5️⃣var.tenants
  undefined = local.6️⃣missing
  loop = upper(local.loop)
}

data "aws_rds_token" "db" {
  endpoint = "db.example.eu-west-1.rds.amazonaws.com:5432"
  username = "atlas"
}

data "template_dir" "migrations" {
  path = "migrations"
}

env "tenant" {
  for_each = toset(var.tenants)
  url      = "postgres://u@${7️⃣each.value}.internal:5432/${local.db_name}"
  dev      = 8️⃣var.required_name
  name     = 9️⃣atlas.env
  migration {
    dir = data.template_dir.migrations.🔟url
  }
  schemas = [1️⃣data.2️⃣aws_rds_token.db]
  src     = 3️⃣urlescape(4️⃣lookup("a", "b"))
  exclude = [5️⃣glob("*.sql")]
  x       = 6️⃣each.key
}

env "plain" {
  url = "${7️⃣each.value}"
}
