#!/usr/bin/env python3
"""Parses HCL files with tree-sitter-hcl, as a peer of `mercator parse`: exit 1 if any tree has an error node.

    .venv-bench/bin/python Benchmarks/tree_sitter_parse.py FILE...
"""
import sys

import tree_sitter_hcl
from tree_sitter import Language, Parser


def main():
    parser = Parser(Language(tree_sitter_hcl.language()))
    status = 0
    for path in sys.argv[1:]:
        with open(path, "rb") as f:
            tree = parser.parse(f.read())
        if tree.root_node.has_error:
            print(f"{path}: syntax error", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
