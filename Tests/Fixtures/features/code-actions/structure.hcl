# Fixes of the structure checks: a misspelt or quoted variable type, a deprecated block, an env that can never be
# selected, attributes that exclude each other, a hook kind, a data source missing one of two attributes.
variable "a" {
  type = strng
}

variable "b" {
  type = "number"
}

env {
  url = "sqlite://file?mode=memory"
  src = var.a
  dev = var.b
  lint {
    log    = "{{ json . }}"
    format = "{{ json . }}"
  }
  log {
    migrate {
      apply = "{{ json . }}"
    }
  }
}

data "hcl_schema" "app" {
}

hook "shell" "before" {
}

data "hcl_schema" "both" {
  path  = "schema.hcl"
  paths = ["a.hcl"]
}

locals {
  schemas = [data.hcl_schema.app, data.hcl_schema.both]
}
