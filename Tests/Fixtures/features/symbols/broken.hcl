env "dev" {
  url = 
  migration {
    dir = "file://
  }
  schemas = ["public",
data "sql" {
  query = upper(
}
env "unclosed
locals {
  half = { a = 1, b }
