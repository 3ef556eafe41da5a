env "x" {
  ur1️⃣l = "postgres://h"
  migration {2️⃣
  }
  dev = "post3️⃣gres://h"
  x = 14️⃣
}
data "sql" "5️⃣
