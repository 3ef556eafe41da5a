# Generate token on each aws_rds_token, the env lenses on each labelled env; Show evaluated config only on for_each.
data "aws_rds_token" "db" {
  endpoint = "db.example.us-east-1.rds.amazonaws.com:5432"
  username = "app"
}
data "sql" "other" {
  url   = "sqlite://x"
  query = "SELECT 1"
}
env "dev" {
  url = "sqlite://file?mode=memory"
}
env "tenants" {
  for_each = toset(["a", "b"])
  url      = "sqlite://${each.value}"
}
env {
  name = atlas.env
}
