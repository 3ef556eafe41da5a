# Features of Atlas Pro are noted (information, not a problem): blocks, data sources, analyzers and attributes.
# Near misses: the Community Edition's own blocks and attributes get no note.
# (Indented so that an annotation can point at the block type.)
  docker "postgres" "dev" {
# ^^^^^^ information[atlas.pro-feature]: "docker" needs Atlas Pro
    image = "postgres:16"
  }

  data "remote_dir" "migrations" {
# ^^^^ information[atlas.pro-feature]: data "remote_dir" needs Atlas Pro
    name = "app"
  }

lint {
  naming {
# ^^^^^^ information[atlas.pro-feature]: "lint.naming" needs Atlas Pro
    match = "^[a-z]+$"
  }
  destructive {
    error = true
  }
}

env "prod" {
  url = "sqlite://prod.db"
  dev = docker.postgres.dev.url
  migration {
    dir        = data.remote_dir.migrations.url
    to_version = "20240101"
#   ^^^^^^^^^^ information[atlas.pro-feature]: "to_version" needs Atlas Pro
  }
}
