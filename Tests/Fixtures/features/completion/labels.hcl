data "1️⃣" "x" {
}
docker "2️⃣" "dev" {
}
env "3️⃣" {
}
data "aws4️⃣
