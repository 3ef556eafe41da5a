// The HCLEval module: HCL values, the expression evaluator and the function library Atlas registers.
//
// Owns: `Value` and `ValueType` (cty's type system: null of a type, bool, number, string, list, tuple, set, map,
// object, and *unknown* of a type; `dynamic` is cty's DynamicPseudoType, written `any`), the *sensitive* mark,
// conversions and type unification (go-cty's `convert` rules), the evaluator of hclsyntax expressions and
// templates (`Evaluator`), `Scope` (variables and functions with a parent chain), and the function library
// (`StandardLibrary`: go-cty's stdlib subset that Atlas registers, and Atlas's own functions).
//
// Must not know: Atlas's schema or project model, LSP, files, the environment or any other I/O. What functions such
// as `getenv`, `file` and `fileset` need reaches them as closures the caller injects (`HostEnvironment`).
//
// Invariants:
// - Evaluation is total: any tree (broken ones included) gives a value plus diagnostics; nothing throws or traps on
//   user input. Deep nesting yields a diagnostic, not a stack overflow.
// - An unknown value poisons quietly: operations on unknowns give unknowns without a diagnostic, so one mistake
//   gives one diagnostic.
// - A sensitive value taints everything computed from it and never renders: `render()` prints `(sensitive)`.
// - Evaluation is bounded: nesting deeper than `Evaluator.maxDepth` or more than `Evaluator.maxSteps` nodes per
//   evaluation gives one diagnostic and an unknown; functions cap the strings and lists they build.
//
// Known differences from Atlas (go-cty v1.14, hcl v2.18), each a deliberate simplification:
// - Numbers are `Double` (see `Number.swift` for the limits compared with cty's 512-bit big.Float).
// - Strings are not NFC-normalised when built; comparisons still treat canonically equivalent strings as equal
//   (Swift's `String` equality), but bytes and sort order follow the source.
// - Regular expressions run on Swift's backtracking engine with RE2-like options (`Functions+Regex.swift`).
// - `upper`/`lower`/`title` approximate Go's simple case mapping from Swift's full mappings.
// - YAML (yamldecode, yamlencode, yamlmerge) uses our own reader and emitter; see `Functions+YAML.swift`.
