1️⃣variable "region" {
  2️⃣type    = string
  default = "eu-west-1"
}

data "3️⃣aws_rds_token" "4️⃣db" {
  5️⃣endpoint = "db.example.eu-west-1.rds.amazonaws.com:5432"
  username = "atlas"
  region   = var.region
}

data "sql" "tenants" {
  url   = "mysql://root@localhost:3306/tenants"
  query = "SELECT name FROM tenants"
}

data "6️⃣nosuch" "x" {}

7️⃣env "8️⃣local" {
  url = "sqlite://dev.db"
  9️⃣migration {
    dir        = "file://migrations"
    exec_order = 🔟LINEAR_SKIP
  }
  1️⃣tenant = "acme"
}

lint {
  2️⃣review = "3️⃣WARNING"
  4️⃣log    = "{{ . }}"
  naming {
    error = true
  }
}

docker "postgres" "5️⃣dev" {
  image = "postgres:16"
}
6️⃣
