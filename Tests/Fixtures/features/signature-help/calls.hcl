locals {
  a = urlqueryset(1️⃣"u", 2️⃣"k", "v"3️⃣)
  b = urluserinfo("u", "user", "p"4️⃣, "x")
  c = join(",", ["a"], 5️⃣)
  d = upper(lower(6️⃣"x"))
  e = substr("x", 1, 2, 7️⃣3)
  f = nope(8️⃣)
  g = upper("x")9️⃣
}
