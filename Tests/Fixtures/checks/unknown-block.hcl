# Unknown blocks: a warning where Atlas ignores them, an error where it decodes strictly (atlas, variable).
  var "url" {}
# ^^^ warning[atlas.unknown-block]: Unknown block "var" in the file
  envv "dev" {}
# ^^^^ warning[atlas.unknown-block]: Unknown block "envv" in the file

env "dev" {
  migrations {
# ^^^^^^^^^^ warning[atlas.unknown-block]: Unknown block "migrations" in "env"
    dir = "file://migrations"
  }
  extension "uuid" {}
# ^^^^^^^^^ warning[atlas.unknown-block]: Unknown block "extension" in "env"
  lint {
    destructive {
      error = true
    }
    destructiv {}
#   ^^^^^^^^^^ warning[atlas.unknown-block]: Unknown block "destructiv" in "env.lint"
  }
  diff {
    skip {
      drop_table = true
    }
    concurrent_index {
      create = true
    }
    driver_option {}
  }
  schema {
    mode {
      roles = true
    }
  }
}

atlas {
  cloud {
    token = "x"
  }
  lint {}
# ^^^^ error[atlas.unknown-block]: Unknown block "lint" in "atlas"
}

variable "x" {
#        ^^^ warning[atlas.unused-variable]: Variable "x" is never used
  type = string
  validation {}
# ^^^^^^^^^^ error[atlas.unknown-block]: Unknown block "validation" in "variable"
}

data "composite_schema" "app" {
#    ^^^^^^^^^^^^^^^^^^^^^^^^ warning[atlas.unused-data-source]: Data source "data.composite_schema.app" is never used
  schema "public" {
    url = "file://a.sql"
  }
  schema {
    url = "file://b.sql"
  }
}

lint {
  rule "hcl" "policy" {
    src = ["policy.rule.hcl"]
  }
}

test {
  schema {
    src = ["a.test.hcl"]
  }
}
