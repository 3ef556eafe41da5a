1️⃣
lint {
  latest = 3
}
env "dev" {
  url = "postgres://localhost"
  2️⃣
  migration {
    3️⃣
  }
}
data "aws_rds_token" "db" {
  endpoint = "x:5432"
  4️⃣
}
data "hcl_schema" "app" {
  path = "schema.hcl"
  5️⃣
}
lo6️⃣cals {
}
