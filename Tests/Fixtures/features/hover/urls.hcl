locals {
  host = "db.internal"
  # A password in a literal URL is masked wherever the URL shows.
  with_password = "postgres://admin:hunter2secret@db.internal:5432/app?sslmode=disable&search_path=public"
}

data "aws_rds_token" "db" {
  endpoint = "db.example.eu-west-1.rds.amazonaws.com:5432"
  username = "atlas"
}

env "literal" {
  url = "1️⃣postgres://admin:hunter2secret@db.internal:5432/app?sslmode=disable"
  dev = "docker://postgres/16/2️⃣dev"
  src = "3️⃣file://schema.pg.hcl"
}

env "computed" {
  url = "mysql://root:pa%40ss@${4️⃣local.host}:3306/5️⃣app?tls=preferred&password=other"
  dev = 6️⃣local.with_password
}

env "token" {
  url = "postgres://atlas:${urlescape(data.aws_rds_token.db)}@db.example.eu-west-1.rds.amazonaws.com:5432/app7️⃣"
}

env "8️⃣unknown" {
  url = "postgres://${getenv("DB_USER")}:${getenv("DB_9️⃣PASSWORD")}@db:5432/app"
}
