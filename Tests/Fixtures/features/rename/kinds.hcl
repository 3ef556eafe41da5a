# rename 1: db_token
# rename 2: endpoint_host
# rename 3: aws_region
# rename 4: production
# rename 5: production
# rename 6: token
variable "reg3️⃣ion" {
  type    = string
  default = "us-east-1"
}

locals {
  endpoint = "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com:5432"
  url      = "postgres://iam:${urlescape(data.aws_rds_token.d1️⃣b)}@${local.endpoint2️⃣}/app"
  tokens   = [data.aws_rds_token.db, data.aws_rds_token.other]
}

data "aws_rds_token" "db" {
  endpoint = local.endpoint
  region   = var.region
  username = "iam"
}

data 6️⃣"aws_rds_token" "other" {
  endpoint = local.endpoint
  region   = var.region
  username = "other"
}

env "d4️⃣ev" {
  url = local.url
  dev = atlas.env == "dev" ? "docker://postgres/16/dev" : null
  src = "dev" != atlas.env ? "file://prod.hcl" : "file://dev.hcl"
  schemas = {dev = ["public"]}[atlas.env]
}

env "dev" {
  exclude = atlas.env == "de5️⃣v" ? ["tmp"] : []
}
