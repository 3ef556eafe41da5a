# file header comment
// another style
/* a block
   comment */
lint {
  review                      = ERROR # trailing hash comment
  destructive_changes_allowed = false // trailing slash comment
  latest                      = 2 /* trailing block comment */
  # on its own line
  a  = 1  # aligned
  bb = 22 # aligned too

  c = 3   # alone in its chain
  block { # comment after brace
  }
  list = [
    1,  # first
    22, # second
  ]
}
x = 1 /* block */ + 2 # mixed
