env "x" {
  a   =  1
  b = upper(
  c=[1,
