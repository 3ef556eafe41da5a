a = f(1, 2
env "x" {
  url = "y"
}
