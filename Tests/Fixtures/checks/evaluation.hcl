# Evaluation: cycles among locals and data sources, for_each values Atlas rejects, variable defaults of the wrong
# type, wrong arity or argument types in calls, an object-valued data source where a string goes, and computed
# values of the wrong type. Each with a near miss that must stay quiet.
variable "tags" {
  type    = list(string)
  default = "one"
}

variable "port" {
  type    = number
  default = "5432"
}

variable "labels" {
  type    = map(string)
  default = { team = "data" }
}

variable "replicas" {
  type    = number
  default = "three"
#           ^^^^^^^ error[atlas.variable-default-type]: The default of variable "replicas" is not of its type number
}

variable "schemas" {
  type    = list(string)
  default = { a = "x" }
#           ^^^^^^^^^^^ error[atlas.variable-default-type]: The default of variable "schemas" is not of its type list(string)
}

locals {
  a = local.b
#     ^^^^^^^ error[atlas.cycle]: Cyclic reference to "local.b"
  b = "${local.c}-x"
#        ^^^^^^^ error[atlas.cycle]: Cyclic reference to "local.c"
  c = upper(local.a)
#           ^^^^^^^ error[atlas.cycle]: Cyclic reference to "local.a"
  self_loop = [local.self_loop]
#              ^^^^^^^^^^^^^^^ error[atlas.cycle]: Cyclic reference to "local.self_loop"
  # A chain is not a cycle.
  d = local.e
  e = local.f
  f = "${var.port}"
  tenants = ["a", "b"]
  owner   = { name = "x" }
  nums    = [1, 2]
  joined  = join(",", var.tags, [local.d])
  short   = substr("abc", 1)
#                          ^ error[eval.not-enough-arguments]: Not enough function arguments
  long    = upper("a", "b")
#                      ^^^ error[eval.too-many-arguments]: Too many function arguments
  typed   = abs("ten")
#               ^^^^^ error[eval.invalid-argument]: Invalid function argument
  fine    = [abs(-1), length(local.tenants), try(local.owner.missing, "default")]
  wrong   = local.owner.missing
#                      ^^^^^^^^ error[eval.unsupported-attribute]: Unsupported attribute
  used = [local.a, local.self_loop, local.joined, local.short, local.long, local.typed, local.fine, local.wrong,
  data.sql.loop, local.nums, local.replicas_known, var.replicas, var.schemas]
  replicas_known = var.replicas + 1
}

# A local and a data source that need each other.
data "sql" "loop" {
  url   = local.dsn
#         ^^^^^^^^^ error[atlas.cycle]: Cyclic reference to "local.dsn"
  query = "SELECT 1"
}

locals {
  dsn = data.sql.loop.value
#       ^^^^^^^^^^^^^ error[atlas.cycle]: Cyclic reference to "data.sql.loop"
}

data "hcl_schema" "app" {
  path = "schema.hcl"
}

data "template_dir" "migrations" {
  path = "migrations"
}

env "from_list" {
  for_each = var.tags
#            ^^^^^^^^ error[atlas.for-each-type]: for_each does not accept a list
  url = "sqlite://${each.value}.db"
}

env "from_map" {
  for_each = var.labels
#            ^^^^^^^^^^ error[atlas.for-each-type]: for_each does not accept a map
  url = "sqlite://${each.key}.db"
}

env "from_string" {
  for_each = "tenants"
#            ^^^^^^^^^ error[atlas.for-each-type]: for_each needs a set, an object or a tuple, not string
  url = "sqlite://x.db"
}

# Near misses: a set, a tuple literal and an object are what Atlas expands.
env "from_set" {
  for_each = toset(local.tenants)
  url      = "sqlite://${each.value}.db"
}

env "from_tuple" {
  for_each = ["a", "b"]
  url      = "sqlite://${each.key}.db"
}

env "from_object" {
  for_each = local.owner
  url      = "sqlite://${each.key}.db"
}

env "sources" {
  # An object-valued data source where a string goes, in a template and as the whole value.
  url = "sqlite://${data.hcl_schema.app}"
#                   ^^^^^^^^^^^^^^^^^^^ error[atlas.object-source-as-string]: data.hcl_schema.app is an object, not a string
  src = data.hcl_schema.app
#       ^^^^^^^^^^^^^^^^^^^ error[atlas.type-mismatch]: "src" must be a string or a list of strings, not an object
  dev = "sqlite://dev?mode=memory"
  migration {
    dir = data.template_dir.migrations
#         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error[atlas.type-mismatch]: "dir" must be a string, not an object
    revisions_schema = local.nums
#                      ^^^^^^^^^^ error[atlas.type-mismatch]: "revisions_schema" must be a string, not a list
  }
}

# Near misses: the url attribute of each, computed strings and numbers where strings go.
env "sources_ok" {
  url = data.hcl_schema.app.url
  all = local.used
  dev = "sqlite://${local.f}"
  migration {
    dir              = data.template_dir.migrations.url
    revisions_schema = var.port
  }
}
