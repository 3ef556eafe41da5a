locals {
  日本 = "語"
  ünï   = {x=1,yy=2}
  1️⃣tab	= 1
}
