env "broken" {
  url = "unterminated
  dev = 
  = value
  x = [1, 2
  y = (3
}
}
  stray = }
block {
  a = 1 +
  b = ;
  c = 'single'
  d = a & b | c ^ ~d
  e = " $ { "
  f = }}}
