# Variable types are type expressions: no quotes and no `any`.
variable "a" {
#        ^^^ warning[atlas.unused-variable]: Variable "a" is never used
  type = any
#        ^^^ error[atlas.invalid-variable-type]: Atlas has no "any" type
}
variable "b" {
#        ^^^ warning[atlas.unused-variable]: Variable "b" is never used
  type = "string"
#        ^^^^^^^^ error[atlas.invalid-variable-type]: A variable's type is written without quotes
}
variable "c" {
#        ^^^ warning[atlas.unused-variable]: Variable "c" is never used
  type = list(any)
#        ^^^^^^^^^ error[atlas.invalid-variable-type]: Atlas has no "any" type
}
variable "d" {
#        ^^^ warning[atlas.unused-variable]: Variable "d" is never used
  type = strin
#        ^^^^^ error[atlas.invalid-variable-type]: "strin" is not a type
}
variable "ok1" {
#        ^^^^^ warning[atlas.unused-variable]: Variable "ok1" is never used
  type    = map(string)
  default = {}
}
variable "ok2" {
#        ^^^^^ warning[atlas.unused-variable]: Variable "ok2" is never used
  type = object({ name = string, size = number })
}
variable "ok3" {
#        ^^^^^ warning[atlas.unused-variable]: Variable "ok3" is never used
  type = tuple([string, int])
}
variable "ok4" {
#        ^^^^^ warning[atlas.unused-variable]: Variable "ok4" is never used
  type    = bool
  default = getenv("FLAG") == "1"
}
