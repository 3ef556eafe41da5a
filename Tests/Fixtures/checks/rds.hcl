# Token data sources: a token interpolated into a URL without urlescape, an aws_rds_token endpoint without a valid
# port, a region that contradicts the RDS endpoint's host, and an env URL that sends an RDS token without TLS.
locals {
  endpoint = "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com:5432"
  portless = "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com"
  region   = "us-east-1"
  params   = "tls=true"
  # The whole template is the token itself: nothing to escape yet.
  token    = "${data.aws_rds_token.db}"
  others   = [data.aws_rds_token.china, data.aws_rds_token.gov, data.aws_rds_token.other, data.aws_rds_token.computed,
  data.aws_rds_token.big_port, data.aws_rds_token.wrong_region, data.aws_rds_token.scheme, data.aws_rds_token.ipv6]
}

# Endpoint and region through locals, and they agree.
data "aws_rds_token" "db" {
  endpoint = local.endpoint
  region   = local.region
  username = "iam"
}

data "aws_rds_token" "portless" {
  endpoint = local.portless
#            ^^^^^^^^^^^^^^ error[atlas.rds-endpoint-port]: The endpoint "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com" has no port
  username = "iam"
}

data "aws_rds_token" "named_port" {
  endpoint = "db.example.com:pg"
#            ^^^^^^^^^^^^^^^^^^^ error[atlas.rds-endpoint-port]: The endpoint "db.example.com:pg" has an invalid port "pg"
  username = "iam"
}

data "aws_rds_token" "big_port" {
  endpoint = "db.example.com:70000"
#            ^^^^^^^^^^^^^^^^^^^^^^ error[atlas.rds-endpoint-port]: The endpoint "db.example.com:70000" has a port out of range (70000)
  username = "iam"
}

# A scheme prefix and IPv6 brackets are accepted.
data "aws_rds_token" "scheme" {
  endpoint = "https://db.example.com:5432"
  username = "iam"
}

data "aws_rds_token" "ipv6" {
  endpoint = "[::1]:5432"
  username = "iam"
}

data "aws_rds_token" "wrong_region" {
  endpoint = "mydb.c9akciq32abc.eu-west-1.rds.amazonaws.com:3306"
  region   = "us-east-1"
#            ^^^^^^^^^^^ error[atlas.rds-region-mismatch]: Region "us-east-1" does not match the endpoint's region "eu-west-1"
  username = "iam"
}

data "aws_rds_token" "china" {
  endpoint = "mydb.c9akciq32abc.rds.cn-north-1.amazonaws.com.cn:5432"
  region   = "cn-northwest-1"
#            ^^^^^^^^^^^^^^^^ error[atlas.rds-region-mismatch]: Region "cn-northwest-1" does not match the endpoint's region "cn-north-1"
  username = "iam"
}

data "aws_rds_token" "gov" {
  endpoint = "mydb.c9akciq32abc.us-gov-west-1.rds.amazonaws.com:5432"
  region   = "us-gov-west-1"
  username = "iam"
}

# Not an RDS host: any region goes.
data "aws_rds_token" "other" {
  endpoint = "db.internal.example.com:5432"
  region   = "ap-south-1"
  username = "iam"
}

# Computed: not judged.
data "aws_rds_token" "computed" {
  endpoint = getenv("RDS_ENDPOINT")
  region   = getenv("AWS_REGION")
  username = "iam"
}

data "gcp_cloudsql_token" "sql" {}

data "aws_rds_token" "mysql" {
  endpoint = "db:3306"
  username = "iam"
}

# Escaped; Postgres without sslmode uses TLS (lib/pq defaults to require).
env "escaped" {
  url = "postgres://iam:${urlescape(data.aws_rds_token.db)}@${local.endpoint}/app"
  dev = "postgres://iam:${urlescape(local.token)}@${local.endpoint}/dev?sslmode=require"
  src = local.others
}

env "raw" {
  url = "postgres://iam:${data.aws_rds_token.portless}@${local.endpoint}/app?sslmode=require"
#                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[atlas.rds-token-not-escaped]: data.aws_rds_token.portless is interpolated without urlescape()
}

env "cloudsql" {
  url = "mysql://iam:${data.gcp_cloudsql_token.sql}@10.0.0.1:3306/app?tls=skip-verify"
#                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[atlas.rds-token-not-escaped]: data.gcp_cloudsql_token.sql is interpolated without urlescape()
}

env "pg_disabled" {
  url = "postgres://iam:${urlescape(data.aws_rds_token.named_port)}@db.example.com:5432/app?sslmode=disable"
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[atlas.rds-url-without-tls]: This URL sends an RDS token without TLS: it sets sslmode=disable
}

env "mysql_plain" {
  url = "mysql://iam:${urlescape(data.aws_rds_token.mysql)}@db:3306/app?allowCleartextPasswords=true"
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[atlas.rds-url-without-tls]: This URL sends an RDS token without TLS: it has no tls parameter
}

env "mysql_false" {
  url = "mysql://iam:${urlescape(data.aws_rds_token.mysql)}@db:3306/app?tls=false"
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[atlas.rds-url-without-tls]: This URL sends an RDS token without TLS: it sets tls=false
}

env "mysql_tls" {
  url = "mysql://iam:${urlescape(data.aws_rds_token.mysql)}@db:3306/app?tls=true&allowCleartextPasswords=true"
}

# The parameters come from an interpolation: they may hold tls.
env "mysql_hidden" {
  url = "mysql://iam:${urlescape(data.aws_rds_token.mysql)}@db:3306/app?${local.params}"
}

# The URL's user and host:port against the token's username and endpoint, through locals and functions.
locals {
  rds_host = "prod.c9akciq32abc.us-east-1.rds.amazonaws.com"
  rds_user = "deployer"
}

data "aws_rds_token" "prod" {
  endpoint = "${local.rds_host}:5432"
  region   = "us-east-1"
  username = local.rds_user
}

env "prod_ok" {
  url = "postgres://${local.rds_user}:${urlescape(data.aws_rds_token.prod)}@${upper(local.rds_host)}/app"
}

env "prod_wrong_user" {
  url = "postgres://admin:${urlescape(data.aws_rds_token.prod)}@${local.rds_host}:5432/app"
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error[atlas.rds-url-user-mismatch]: The URL signs in as "admin", but data.aws_rds_token.prod is a token for "deployer"
}

env "prod_wrong_port" {
  url = urlqueryset("postgres://deployer:${urlescape(data.aws_rds_token.prod)}@${local.rds_host}:6432/app", "sslmode", "require")
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[atlas.rds-url-host-mismatch]: The URL connects to "prod.c9akciq32abc.us-east-1.rds.amazonaws.com:6432", but data.aws_rds_token.prod is signed for "prod.c9akciq32abc.us-east-1.rds.amazonaws.com:5432"
}

# The token in the user name position is not a password: nothing to compare.
env "token_elsewhere" {
  url = "postgres://deployer@${local.rds_host}/app?password=${urlescape(data.aws_rds_token.prod)}"
}

# Endpoint computed from a local with no port, and a region computed to contradict the host.
locals {
  region_suffix = "west-2"
}

data "aws_rds_token" "computed_port" {
  endpoint = "${local.rds_host}"
#            ^^^^^^^^^^^^^^^^^^^ error[atlas.rds-endpoint-port]: The endpoint "prod.c9akciq32abc.us-east-1.rds.amazonaws.com" has no port
  region   = "us-${local.region_suffix}"
#            ^^^^^^^^^^^^^^^^^^^^^^^^^^^ error[atlas.rds-region-mismatch]: Region "us-west-2" does not match the endpoint's region "us-east-1"
  username = "deployer"
}

env "computed_port" {
  url = "postgres://deployer:${urlescape(data.aws_rds_token.computed_port)}@${local.rds_host}/app"
}
