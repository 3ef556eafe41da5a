locals {
  a = "first"
  b = "second"
}

env "x" {
  one = local.a
  1️⃣two = local.b
  three = local.a1️⃣
  four = local.b
}
