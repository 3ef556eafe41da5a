env "local" {
url="x"
  long_name    =  1
1️⃣  a = 2
  bb= 3
2️⃣  list = [1,2]
}
