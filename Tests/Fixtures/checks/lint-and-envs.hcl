# Mutually exclusive lint settings, deprecated names and envs that cannot be selected.
lint {
  log    = "{{ json . }}"
# ^^^ warning[atlas.deprecated]: "log" is deprecated
  format = "{{ json . }}"
# ^^^^^^ error[atlas.mutually-exclusive]: "log" and "format" cannot be used together
}

env "latest" {
  lint {
    latest = 1
    git {
#   ^^^ error[atlas.mutually-exclusive]: "latest" and "git" cannot be used together
      base = "main"
    }
  }
  log {
# ^^^ warning[atlas.deprecated]: "log" is deprecated
    migrate {
      apply = "{{ json . }}"
    }
  }
}

  env {
# ^^^ warning[atlas.unselectable-env]: This env can never be selected
  url = "sqlite://lost"
}

env {
  name = atlas.env
}

env {
  name = "${atlas.env}"
}

  env {
# ^^^ warning[atlas.unselectable-env]: This env can never be selected
  name = local.name
}

locals {
  name = "dev"
}
