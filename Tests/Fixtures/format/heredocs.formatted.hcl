locals {
  plain    = <<EOT
  Keep   this   text
      exactly   as is
EOT
  indented = <<-EOT
      Indented  heredoc
        with ${var.name} inside
      EOT
  after    = "value"
  list = [
    <<EOT
in a list
EOT
    , "second"
  ]
  template = <<EOT
%{for x in xs~}
  item ${x}
%{endfor~}
EOT
  nested = {
    inner = <<-END
      ${jsonencode({ a = 1 })}
    END
  }
}
