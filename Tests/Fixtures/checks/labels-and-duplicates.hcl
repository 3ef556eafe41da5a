# Label counts and duplicate blocks.
env "a" "b" {}
#       ^^^ error[atlas.label-count]: Block "env" takes 0 or 1 labels (name), not 2
env "ok" {}
  variable {
# ^^^^^^^^ error[atlas.label-count]: Block "variable" takes exactly 1 label (name), not 0
  type = string
}
atlas "x" {}
#     ^^^ error[atlas.label-count]: Block "atlas" takes no labels, not 1
  atlas {}
# ^^^^^ error[atlas.duplicate-block]: Duplicate "atlas" block
locals {
  a = 1
# ^ warning[atlas.unused-local]: Local "a" is never used
}
locals {
  b = 2
# ^ warning[atlas.unused-local]: Local "b" is never used
}
env "dup" {
  migration {
    dir = "file://a"
  }
  migration {
# ^^^^^^^^^ warning[atlas.duplicate-block]: Duplicate "migration" block
    dir = "file://b"
  }
}
lint "named" {}
#    ^^^^^^^ warning[atlas.label-count]: Block "lint" takes no labels, not 1
check "migrate_apply" {
  deny "old" {
    condition = true
    message   = "no"
  }
  allow {}
# ^^^^^ error[atlas.missing-required-attribute]: Missing required attribute "condition" in "check.allow"
}
