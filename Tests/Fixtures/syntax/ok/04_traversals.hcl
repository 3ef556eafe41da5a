a = x.y.z
b = x[0]["k"]
c = x.0.y
d = x.*.y[0]
e = x[*].y[0]
f = (x).y
