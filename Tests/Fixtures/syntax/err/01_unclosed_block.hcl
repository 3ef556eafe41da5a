env "a" {
  url = "x"

env "b" {
}
