# rename 1: my.env
# rename 2: 9lives
# rename 3: staging
env d1️⃣ev {
  url = "sqlite://dev.db"
}

env "dev" {
  src = "file://schema.hcl"
}

locals {
  is_dev = atlas.env == "d2️⃣ev"
}

env pr3️⃣od {
  url = "sqlite://prod.db"
}
