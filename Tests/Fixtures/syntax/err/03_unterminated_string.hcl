a = "unterminated
b = 2
c {
}
