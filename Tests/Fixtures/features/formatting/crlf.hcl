env "x"{
  a=1
  bbb  =   "é"
}
