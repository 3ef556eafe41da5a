env "a" {
  schemas = ["public",
  data "sql" {
    x = 1
  }
}
env "b" {
  src = f(1,
  url = "x"
  o = {
    a = 1
  block "x" {
  }
}
