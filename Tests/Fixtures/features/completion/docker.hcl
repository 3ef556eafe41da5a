docker "postgres" "dev" {
  image = "postgres:16"
}
env "pro" {
  dev = docker.1️⃣
  url = docker.postgres.2️⃣
  src = docker.postgres.dev.3️⃣
}
env "plain" {
  dev = do4️⃣
}
