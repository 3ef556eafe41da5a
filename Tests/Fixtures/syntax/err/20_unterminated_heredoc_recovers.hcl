locals {
  doc = <<EOT
  text without its marker
}

env "x" {
  url = "y"
}
