variable "x" {
  type = 1️⃣
}
env "e" {
  migration {
    format     = 2️⃣
    exec_order = "3️⃣"
  }
  lint {
    review = W4️⃣
  }
}
diff {
  skip {
    drop_table = 5️⃣
  }
}
variable "y" {
  type = list(6️⃣)
}
env "z" {
  for_each = each.7️⃣
}
