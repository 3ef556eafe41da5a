ünïcödé = "✓"
x-y = a-b
