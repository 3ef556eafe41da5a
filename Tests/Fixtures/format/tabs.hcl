env "tabs" {
	url	=	"x"
		dev = "y"	# tab before comment
	migration {
		dir = "file://m"
	}
	text = <<-EOT
		keep tabs
	EOT
}
trailing = 1		