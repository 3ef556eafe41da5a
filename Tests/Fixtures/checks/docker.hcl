# Docker blocks (Atlas Pro): two labels, a known driver and an image.
docker "postgress" "dev" {
#      ^^^^^^^^^^^ warning[atlas.unknown-docker-driver]: Unknown docker driver "postgress"
  image = "postgres:16"
}

docker "postgres" "ok" {
  image    = "postgres:16"
  database = "app"
  baseline = file("baseline.sql")
  build {
    context = "."
  }
}

  docker "mysql" "noimage" {
# ^^^^^^^^^^^^^^^^^^^^^^^^ error[atlas.missing-required-attribute]: Missing required attribute "image" in "docker"
  build {}
# ^^^^^ error[atlas.missing-required-attribute]: Missing required attribute "context" in "docker.build"
}

  docker "mysql" {
# ^^^^^^^^^^^^^^ error[atlas.label-count]: Block "docker" takes exactly 2 labels (driver, name), not 1
  image = "mysql:8"
}

hook "sql" "setup" {
  transaction {
    after_begin = ["SET lock_timeout = '2s'"]
  }
}

hook "shell" "bad" {}
#    ^^^^^^^ warning[atlas.unknown-label]: Unknown hook kind "shell"

docker "mysql" "db" {
  image    = "mysql:8"
  database = "app"
# ^^^^^^^^ warning[atlas.unknown-attribute]: Attribute "database" does not apply to docker "mysql"
}
