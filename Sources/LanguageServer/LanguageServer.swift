// The LanguageServer module: Mercator's LSP server, from bytes on stdin to answers on stdout.
//
// Owns: the base protocol's framing (`MessageFramer`), JSON (`JSONValue`, our own parser: total, depth-limited,
// lone surrogates become U+FFFD), JSON-RPC classification and error codes, the LSP types we serve (`LSPTypes.swift`,
// only what we use), the `Server` (lifecycle, capability and position-encoding negotiation, document store,
// diagnostics computed off the request queue, cancellation, progress, configuration, trace) with one handler file
// per concern under `Handlers/`, and the stdio transport (`StdioTransport`).
//
// Must not know: how HCL is parsed or what Atlas means (it asks `HCLSyntax`, later `AtlasLanguage`, and converts
// their UTF-8 ranges at the boundary, in `PositionConversion.swift` only); nothing else in the package knows LSP.
//
// Invariants:
// - Client input never traps the server: no force unwraps, `try!` or unchecked indexing on input paths; every bad
//   message gets the JSON-RPC error the spec names (or, for a notification, a log line) and the server keeps serving.
// - stdout carries only protocol messages; logs go to stderr and never contain document text.
// - Messages are handled one at a time in arrival order on the server's queue; slow work never blocks it.
