env "local" {
  src              = "file://schema.hcl"
  url              = "sqlite://file?mode=memory"
  dev_database_url = "docker://postgres/15/dev"
  x                = 1

  after_blank_line = true
  y                = 2
  migration {
    dir    = "file://migrations"
    format = atlas
  }
  # a comment-only line breaks the chain
  revisions_schema = "atlas_schema_revisions"
  z                = 3
  multi = {
    a   = 1
    bbb = 2
  }
  list       = [1, 2, 3]
  after_list = "x"
  call = coalesce(var.a,
  var.b)
  k = "v"
}
one_line_block { a = 1 }
object      = { a = 1, bb = 2 }
lonely      = 1
longer_name = 2
