# rename 1: 2fast
# rename 2: with space
# rename 3: name
# rename 4: prod
# rename 5: other
# rename 6: a.b
# rename 7: quo"te
locals {
  na1️⃣me   = "x"
  ot3️⃣her  = local.name
  copy    = local.n6️⃣ame
  count   = length(local.other.list2️⃣)
}

variable "other" {
  type = string
}

data "sql" "q5️⃣" {
  url   = var.other
  query = "SELECT 1"
}

data "sql" "other" {
  url   = var.other
  query = "SELECT 2"
}

env "d7️⃣ev" {
  url = each4️⃣.value
}

env "prod" {
  url = var.other
}
