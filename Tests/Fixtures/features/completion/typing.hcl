env "y" {
  mig8️⃣
  url = "postgres://${local.9️⃣}"
  dev = "docker://postgres/15/dev?search_path=public&🔟"
}
env "x" {
  url = local.1️⃣
  dev = "docker://postgres/15/dev"
  mig2️⃣
  migration {
    dir = "file://x"
    fo3️⃣
}
# local.4️⃣ in a comment
locals {
  b = lo5️⃣
  c = 6️⃣
  a = upper(7️⃣
