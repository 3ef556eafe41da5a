# While typing: the block around is unfinished, the uses are still found.
locals {
  na1️⃣me = "x"
  other = local.name
}

env "dev" {
  url = "${local.name2️⃣}
  src = [local.name,
}

data "sql" "q" {
  url = local.na3️⃣me
