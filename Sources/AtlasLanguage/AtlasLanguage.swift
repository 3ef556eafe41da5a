// The AtlasLanguage module: what Mercator knows about atlas.hcl, and the editor features built on it.
//
// Owns: the editor features, each a pure function from a parsed file (and a position) to plain structs with UTF-8
// ranges: document symbols, folding ranges, selection ranges, semantic tokens, linked editing of heredoc markers and
// formatting edits; the atlas.hcl schema as data (`Schema/`: blocks, attributes, data sources, functions, docs); the
// project model and its evaluation (`Model/`: definitions, references, values in Atlas's order, cycles), and the
// checks over all of them (`Checks/`, entry `AtlasChecks.check`, with their quick fixes); `Features/`: the cursor
// context, completion and signature help (`Completion.complete`, `SignatureHelp.signature`), hover, inlay hints,
// code lenses, navigation and rename (`Navigation`, `Rename`), code actions and workspace symbols.
//
// Must not know: LSP (its types, positions in UTF-16, JSON), files, the network, processes or any other I/O, and
// Foundation if it can be helped. It imports only `HCLSyntax` and `HCLEval`; files and the environment reach evaluation as `EvaluationInputs`.
//
// Invariants (checked by Tests/AtlasLanguageTests over fixtures and the whole conformance corpus):
// - No feature throws or traps on any input: broken code gives what can be found, never an error.
// - Tree walks are iterative: trees are as deep as `a+a+a…` is long.
// - Ranges lie inside the file, at character boundaries; lists are sorted by offset.
