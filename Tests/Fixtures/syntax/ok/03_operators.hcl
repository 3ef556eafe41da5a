a = 1 + 2 * 3 - 4 / 5 % 6
b = x > 1 && y <= 2 || !z
c = a == b != c
d = -x
e = a ? b : c ? d : e
