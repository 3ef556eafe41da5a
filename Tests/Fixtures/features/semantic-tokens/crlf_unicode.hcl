# ünïcode comment
env "日本" {
  1️⃣url = "é${var.x}"
  list = [true, null]1️⃣
}
