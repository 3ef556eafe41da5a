# Header comment,
# two lines long.
env "local" {
  url = "x" # not a run
  # one alone
  list = [
    1,
    2,
  ]
  obj = {
    a = 1
  }
  call = concat(
    [1],
  )
  paren = (
    1 + 2
  )
  one_line = [1, 2]
  doc = <<EOT
line one
line two
EOT
  tmpl = <<EOT
%{ if true }
yes
%{ endif }
EOT
  /* a block
     comment */
  for = [for x in local.list :
    x]
}
locals { a = 1 }
