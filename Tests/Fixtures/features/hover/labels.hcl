variable "1️⃣tenant" {
  type    = string
  default = "acme"
}

2️⃣locals {
  user = "atlas"
}

data "aws_rds_token" "db" {
  endpoint = "db.example.eu-west-1.rds.amazonaws.com:5432"
  username = local.user
}

data "sql" "3️⃣tenants" {
  url   = "postgres://${local.user}@h:5432/app"
  query = "SELECT 1"
}

env "4️⃣prod" {
  url = "postgres://${local.user}:${urlescape(data.aws_rds_token.db)}@db.example.eu-west-1.rds.amazonaws.com:5432/app"
  5️⃣log {
  }
  lint {
    6️⃣naming {
    }
  }
  src = [data.sql.7️⃣tenants.url]
  dev = "${8️⃣each.value}"
  x   = 9️⃣atlas
}

🔟docker "postgres" "dev" {
  image = "postgres:16"
}
