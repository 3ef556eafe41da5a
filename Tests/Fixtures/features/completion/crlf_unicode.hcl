locals {
  emoji = "😀中"
}
env "😀" {
  dev = "😀${local.1️⃣}"
  mi2️⃣
}
