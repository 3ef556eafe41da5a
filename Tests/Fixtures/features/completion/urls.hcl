env "a" {
  url = "1️⃣"
  dev = "dock2️⃣"
  src = "3️⃣"
  migration {
    dir = "4️⃣"
  }
}
env "b" {
  url = "postgres://u@h:5432/db?5️⃣"
  dev = "docker://6️⃣"
}
env "c" {
  url = "postgres://u@h:5432/db?search_path=public&sslmode=7️⃣"
  dev = "mysql://root@localhost/dev?tls=true&8️⃣"
}
data "runtimevar" "pw" {
  url = "9️⃣"
}
env "d" {
  url = po🔟
}
