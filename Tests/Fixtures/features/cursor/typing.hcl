env "x" {
  url = local.1️⃣
  dev = "docker://postgres/15/dev"
  mig2️⃣
  migration {
    dir = "file://x"
    fo3️⃣
}
locals {
  a = upper(4️⃣
