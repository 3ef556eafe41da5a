locals {
  名前 = "日本語"
  é = 1
  é = 2
  emoji👍🏽 = 3
  x = "👨‍👩‍👧‍👦" # family
  yy = "é́" # combining acute
  zzz = "한국어" # hangul
  w = "नमस्ते" # devanagari
  conjunct = "क्ष" # GB9c joins, Unicode 13 splits
  thai = "น้ำทำงาน" # sara am
  bengali = "ক্ষমা স্বাগতম" # conjuncts
  zwj = "👩‍💻" # joiner
  flag = "🇩🇪🇫🇷" # flags
}
