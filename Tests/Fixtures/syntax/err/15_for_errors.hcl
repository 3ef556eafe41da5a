a = {for x in y : x}
b = [for x in y : k => x]
