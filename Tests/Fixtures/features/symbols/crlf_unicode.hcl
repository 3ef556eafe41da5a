env "prüfung" {
  ünïcode = "日本語"
  list = [1, 2]
}
block bare label {
}
