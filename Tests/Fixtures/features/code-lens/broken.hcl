locals {
  a = "x"
  b = local.a +
}

data "aws_rds_token" {
}

variable {
  type = string
}

env "x" {
  url = local.a
