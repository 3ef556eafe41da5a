table "users" {
  schema = schema.mercator_standin
  column "id" {
    null = false
    type = bigint
  }
  column "email" {
    null = false
    type = text
  }
  primary_key {
    columns = [column.id]
  }
  unique "users_email_key" {
    columns = [column.email]
  }
}
schema "mercator_standin" {
}
