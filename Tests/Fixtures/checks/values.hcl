# Enum values and literal types; computed values are never judged here.
env "enums" {
  migration {
    format     = goose2
#                ^^^^^^ error[atlas.invalid-enum-value]: "goose2" is not a valid value of "format"
    exec_order = "LINEAR-SKIPS"
#                ^^^^^^^^^^^^^^ error[atlas.invalid-enum-value]: "LINEAR-SKIPS" is not a valid value of "exec_order"
  }
  lint {
    review = "WARN"
#            ^^^^^^ error[atlas.invalid-enum-value]: "WARN" is not a valid value of "review"
  }
}

env "enum-near-misses" {
  migration {
    format     = golang-migrate
    exec_order = "linear-skip"
  }
  lint {
    review = WARNING
  }
}

env "enum-computed" {
  migration {
    format     = var.format
    exec_order = LINEAR_SKIP
  }
  lint {
    review = local.review
  }
}

env "types" {
  schemas = "public"
#           ^^^^^^^^ error[atlas.type-mismatch]: "schemas" must be a list of strings, not a string
  url     = ["a"]
#           ^^^^^ error[atlas.type-mismatch]: "url" must be a string, not a list
  exclude = ["a", ["b"]]
#           ^^^^^^^^^^^^ error[atlas.type-mismatch]: "exclude" must be a list of strings, not a list holding a list
  lint {
    latest = true
#            ^^^^ error[atlas.type-mismatch]: "latest" must be a number, not a bool
    destructive {
      error = "yes"
#             ^^^^^ error[atlas.type-mismatch]: "error" must be a bool, not a string
    }
  }
}

env "type-near-misses" {
  schemas = ["public", 1]
  url     = "sqlite://x"
  src     = ["a.sql", "b.sql"]
  dev     = null
  exclude = concat(["a"], ["b"])
  lint {
    latest = "3"
    destructive {
      error = "true"
    }
  }
}

variable "format" {
  type    = string
  default = "atlas"
}

locals {
  review = "ERROR"
}
