# one
# two
env "ü" {
  a = [
    1,
  ]
}
