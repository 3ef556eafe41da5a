a = var.list.*.id
b = var.list[*].name
c = var.list[*].name
d = aws_instance.web[0].id
e = f()[0]
f = [1, 2][0]
g = "str" [0]
h = (x)[0]
i = { a = 1 }["a"]
j = var.list.0.id
k = foo.bar.baz
