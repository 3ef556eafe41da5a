locals {
  greeting = <<-EOT
    Hello, ${upper(var.name)}!
    %{ for x in var.items }- ${x}
    %{ endfor }
  EOT
  /* multi
     line */
  plain = "a\n${"b"}c"
}
