env "dev" {
  url = var.
  x = upper(
  y = "abc
  z = 1 +
env "prod
