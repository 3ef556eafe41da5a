# Definitions reached from uses and from the names themselves.
variable "re1️⃣gion" {
  type    = string
  default = "us-east-1"
}

locals {
  end2️⃣point = "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com:5432"
  url      = "postgres://iam:${urlescape(data.aws_rds_token.d3️⃣b)}@${local.endpoint4️⃣}/app"
}

data "aws_rds_token" "5️⃣db" {
  endpoint = local.endpoint
  region   = v6️⃣ar.region
  username = "iam"
}

env "7️⃣dev" {
  url = local.url
  dev = atlas.env == "de8️⃣v" ? "docker://postgres/16/dev" : null
}

env "dev" {
  src = "file://schema.hcl"
}
