// hcl-tokens: prints hashicorp/hcl's token stream for a file, one "Kind<TAB>start<TAB>end" line per token,
// so Mercator's lexer can be compared with the real scanner (Tests/HCLSyntaxTests, scripts/oracle.sh).
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

func main() {
	for _, path := range os.Args[1:] {
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		tokens, _ := hclsyntax.LexConfig(src, path, hcl.InitialPos)
		fmt.Printf("== %s\n", path)
		for _, tok := range tokens {
			fmt.Printf("%s\t%d\t%d\n", strings.TrimPrefix(tok.Type.String(), "Token"), tok.Range.Start.Byte, tok.Range.End.Byte)
		}
	}
}
