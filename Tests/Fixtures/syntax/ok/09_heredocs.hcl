a = <<EOT
hello ${name}
EOT
b = <<-EOT
    indented
  EOT
c = <<EOT
EOT
