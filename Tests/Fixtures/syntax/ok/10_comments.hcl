# hash
// slash
/* block */ a = 1 # trailing
b = [ # in tuple
  1, /* inline */ 2
]
/* multi
line */
