env "a" {
  url = [
    1,
env "b" {
  x = {
    y = 1
