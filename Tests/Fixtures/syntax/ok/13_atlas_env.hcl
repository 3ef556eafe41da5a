env "rds" {
  url = "postgres://${local.username}:${urlescape(data.aws_rds_token.db)}@${local.endpoint}/postgres"
  for_each = toset(["a"])
  migration {
    dir = "file://migrations"
  }
}
