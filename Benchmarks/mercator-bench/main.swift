// Benchmark placeholder.
print("todo")
