a = [for x in y : x if x]
b = {for k, v in m : k => v...}
c = [for i, x in y : [for z in x : z]]
