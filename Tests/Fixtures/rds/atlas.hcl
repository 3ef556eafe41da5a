# The RDS IAM example of DEVELOPERS.md, pointed at the RDS stand-in (rds_standin.py): PORT, USER and REGION are
# filled in by the test; the stand-in's certificate is the test servers' one, for localhost.
locals {
  endpoint = "localhost:PORT"
  username = "USER"
}
data "aws_rds_token" "db" {
  endpoint = local.endpoint
  username = local.username
  region   = "REGION"
}
env "rds" {
  url = "postgres://${local.username}:${urlescape(data.aws_rds_token.db)}@${local.endpoint}/mercator_test?sslmode=verify-full&sslrootcert=CA&search_path=mercator_standin"
}
