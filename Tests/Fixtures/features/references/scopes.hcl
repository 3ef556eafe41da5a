# Uses in every kind of place: nested traversals, index keys, heredocs, for expressions (whose names shadow the
# namespaces), for_each copies and splats.
variable "t1️⃣enants" {
  type    = list(string)
  default = ["acme"]
}

locals {
  urls   = { for var in var.tenants : var => "postgres://localhost/${var}" }
  schema = [for local in var.tenants : upper(local)]
  3️⃣names  = var.tenants[*]
  report = <<-EOT
    tenants: ${join(", ", local.na2️⃣mes)}
    %{ for t in var.tenants }${t} %{ endfor }
  EOT
}

env "tenant" {
  for_each = toset(var.tenants)
  url      = local.urls[each.value]
  schemas  = local.schema
  dev      = lookup(local.urls, var.tenants[0], local.names[0])
}
