a = "${x"
b = "%{ if x }y"
c = "%{ endif }"
