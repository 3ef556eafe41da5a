env "bom" {
  a  = 1
  bb = 2
}
