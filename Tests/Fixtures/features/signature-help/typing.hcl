locals {
  a = format("%s", 1️⃣
}
env "x" {
  url = "postgres://${urlescape(2️⃣
