env "lo1️⃣cal" {
  url = "postgres://${var.u2️⃣ser}@host"
  list = [1, 3️⃣2, 3]
  call = upper(local.na4️⃣me, "x")
  5️⃣
  heredoc = <<EOT
some 6️⃣text
EOT
  sum = 1 + 2 * 7️⃣3 # tr8️⃣ailing
}
9️⃣