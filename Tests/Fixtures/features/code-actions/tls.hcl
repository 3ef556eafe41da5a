# TLS fixes where the URL is written: in the env, or in the local the env reads.
data "aws_rds_token" "pg" {
  endpoint = "pg.c9akciq32abc.us-east-1.rds.amazonaws.com:5432"
  username = "iam"
}

data "aws_rds_token" "my" {
  endpoint = "my.c9akciq32abc.us-east-1.rds.amazonaws.com:3306"
  username = "iam"
}

locals {
  pg_url = "postgres://iam:${urlescape(data.aws_rds_token.pg)}@pg.c9akciq32abc.us-east-1.rds.amazonaws.com:5432/app?sslmode=disable"
}

env "pg" {
  url = local.pg_url
}

env "my_disabled" {
  url = "mysql://iam:${urlescape(data.aws_rds_token.my)}@my.c9akciq32abc.us-east-1.rds.amazonaws.com:3306/app?tls=false&allowCleartextPasswords=true"
}

env "my_query" {
  url = "mysql://iam:${urlescape(data.aws_rds_token.my)}@my.c9akciq32abc.us-east-1.rds.amazonaws.com:3306/app?parseTime=true"
}
