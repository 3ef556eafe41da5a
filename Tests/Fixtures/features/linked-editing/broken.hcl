locals {
  a = <<EO1️⃣T
never closed
b = <<X2️⃣
