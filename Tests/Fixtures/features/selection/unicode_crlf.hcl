locals {
  name = "日本1️⃣語"
  ünï2️⃣ = 1
}
