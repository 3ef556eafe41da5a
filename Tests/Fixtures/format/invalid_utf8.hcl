a = "cafÃ
" # c1
bb = "ÿþ" # c2
# ÿ in a comment
ccc = 1 # é
d = "ok"
