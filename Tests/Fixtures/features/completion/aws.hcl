# completion: profiles=default,prod,staging
data "aws_rds_token" "db" {
  endpoint = "mydb.abc123.eu-central-1.rds.amazonaws.com:5432"
  username = "app"
  region   = "1️⃣"
  profile  = "pr2️⃣"
}
data "aws_rds_token" "other" {
  endpoint = "x:5432"
  profile  = 3️⃣
  region   = "us-gov4️⃣"
}
