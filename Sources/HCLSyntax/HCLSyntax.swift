// The HCLSyntax module: HCL native syntax, from bytes to a lossless tree and back to canonical text.
//
// Owns: source positions (`TextRange` as UTF-8 offsets, `LineIndex` for UTF-8/UTF-16/scalar columns), the
// `Diagnostic` type, the lexer (token for token what hashicorp/hcl's scanner produces, plus whitespace), the
// error-tolerant parser and its `SyntaxNode` tree, and the token-based formatter (byte-identical to
// `hclwrite.Format`, which `atlas schema fmt` runs).
//
// Must not know: Atlas, evaluation, values, LSP, files or any I/O. It imports nothing of ours and no Foundation.
//
// Invariants (each checked by tests and by the fuzz target, Fuzz/HCLSyntaxFuzz.swift):
// - Parsing never fails and never traps: any bytes give a tree plus diagnostics.
// - The tree holds every byte, comments and invalid bytes included: `reconstructedSource() == source`.
// - One mistake gives one diagnostic; the items after it still parse.
// - Formatting works on any input, valid or not, and changes only whitespace between tokens.
