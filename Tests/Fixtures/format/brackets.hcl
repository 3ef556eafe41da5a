data "x" "y" {
  program = [
  "go",
  "run",
  ]
  nested = [[
  1, 2,
  ]]
  call = foo([
  "a",
  ])
  deep = {
  a = {
  b = {
  c = [1, [2, [3]]]
  }
  }
  }
  mixed = foo({
  a = [
  1
  ]})
  empty_object = {   }
  empty_tuple = [   ]
  parens = ( 1 + 2 ) * 3
  index = a [ 0 ] [ "k" ]
}
