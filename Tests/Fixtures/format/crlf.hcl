env "crlf" {
  url="x"
  dev   = "y" # comment

  text = <<EOT
  kept
EOT
  list = [
  1,
  ]
}
lonecr = 1
