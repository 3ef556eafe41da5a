locals {
  a = <<E1️⃣OT
text
E2️⃣OT
  b = <<-3️⃣END
    text
    END4️⃣
  c = <5️⃣<EOT
x
EOT
  d = "EO6️⃣T"
}
