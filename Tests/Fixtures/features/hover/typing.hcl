locals {
  name = "orders"
  half = local.1️⃣name +
}

env "dev" {
  url = "postgres://u:pw@h:5432/${local.2️⃣name}"
  dev = local.9️⃣
  migration {
    3️⃣exec_order = 4️⃣
  }
  5️⃣lint {
    review = 6️⃣WARN
  }
  src = upper(7️⃣
}

data "aws_rds_token" {
  8️⃣endpoint = "h:5432"
