// Atlas project for the example "shop" database: a SQLite file built from schema.sql (scripts/demo.sh makes one in
// a temporary folder and passes its path with --var db_file=...).

variable "db_file" {
  type        = string
  default     = "shop.db"
  description = "Path of the SQLite database file"
}

env "local" {
  src = "file://schema.sql"
  url = "sqlite://${var.db_file}?_fk=1"
  dev = "sqlite://dev?mode=memory"
}
