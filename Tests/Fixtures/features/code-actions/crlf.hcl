# CRLF line breaks and one-line blocks: added lines keep them.
variable "a" {}
variable "b" { default = 1 }
data "aws_rds_token" "t" { username = "u" }
env "x" {
  url = "postgres://u:${data.aws_rds_token.t}@h:5432/db?sslmode=disable&x=1"
  src = var.a
  dev = var.b
}
