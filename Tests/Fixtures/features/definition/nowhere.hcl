# Places with nothing to follow: attributes of values, each, atlas.env, undeclared names, unlabelled envs, keywords.
data "sql" "tenants" {
  url   = "postgres://localhost/app"
  query = "SELECT name FROM tenants"
}

env "tenant" {
  for_each = toset(data.sql.tenants.val1️⃣ues)
  url      = "postgres://localhost/${eac2️⃣h.value}"
  dev      = atl3️⃣as.env
  src      = local.miss4️⃣ing
  schemas  = [var.5️⃣]
}

e6️⃣nv {
  name = atlas.env
}

locals {
  duplicated = 1
  duplicated = 2
  both       = local.dupli7️⃣cated
  no8️⃣thing    = 1
}
