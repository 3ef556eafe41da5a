# completion: plain
env "x" {
  1️⃣
  migration {
    format = 2️⃣
  }
}
3️⃣
