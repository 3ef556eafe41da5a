env "x" {
}
data 1️⃣
