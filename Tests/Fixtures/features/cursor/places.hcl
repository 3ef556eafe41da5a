1️⃣locals {
  endpoint = "db.example.com:5432"
  2️⃣region = upper(lo3️⃣cal.endpoint, 4️⃣"x")
}
data "aws_rds_5️⃣token" "db" {
  endpoint = local.endpoint
  6️⃣
}
env "7️⃣x" {
  url = "postgres://u:${urlescape(data.aws_rds_token.8️⃣db)}@h/db"
  migration {
    dir = 9️⃣
  }
  🔟
}
