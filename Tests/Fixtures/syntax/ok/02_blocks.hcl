env "local" {
  url = "x"
}
data aws_rds_token db {
}
locals { a = 1 }
empty {}
