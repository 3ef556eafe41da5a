# Variable types are type expressions: no quotes and no `any`.
variable "a" {
  type = any
#        ^^^ error[atlas.invalid-variable-type]: Atlas has no "any" type
}
variable "b" {
  type = "string"
#        ^^^^^^^^ error[atlas.invalid-variable-type]: A variable's type is written without quotes
}
variable "c" {
  type = list(any)
#        ^^^^^^^^^ error[atlas.invalid-variable-type]: Atlas has no "any" type
}
variable "d" {
  type = strin
#        ^^^^^ error[atlas.invalid-variable-type]: "strin" is not a type
}
variable "ok1" {
  type    = map(string)
  default = {}
}
variable "ok2" {
  type = object({ name = string, size = number })
}
variable "ok3" {
  type = tuple([string, int])
}
variable "ok4" {
  type    = bool
  default = getenv("FLAG") == "1"
}
