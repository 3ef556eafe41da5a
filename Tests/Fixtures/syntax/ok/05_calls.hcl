a = f()
b = f(1, 2,)
c = f(x...)
d = urlescape(data.aws_rds_token.db)
e = f(
  1,
  2
)
