env "dev" {
  url = upper(1️⃣
  x = { a = 2️⃣ }
  y = "unterminated 3️⃣
