a = [for x in [1,2,3]: x*2]
b = [ for x in var.list : upper(x) if x != "" ]
c = {for k, v in var.map: k => v}
d = {for k, v in var.map : k => v...}
e = [for x in local.in: x]
f = [for in in in: in]
g = func(list...)
h = {
  for k, v in var.map :
  k => v
}
