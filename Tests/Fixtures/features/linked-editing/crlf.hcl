x = <<EOT1️⃣
y
EOT
