a  = "cafÃ 
" # c1
bb = "ÿ þ"    # c2
# ÿ in a comment
ccc = 1 # é
d   = "ok"
