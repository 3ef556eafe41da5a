// Reference checks over the project model: undeclared `local.x`, `var.x` and `data.T.N`, `each` outside `for_each`,
// references a `variable` block cannot make, unknown functions, attributes of string-valued data sources, and
// definitions nothing uses. Atlas fails on the errors whenever the block holding them is evaluated (reference §4, §5,
// §9); the unused definitions are warnings tagged unnecessary.
import HCLSyntax

extension StructureChecker {
  mutating func checkReferences(_ model: ProjectModel) {
    let locals = Set(model.locals.map(\.name))
    let variables = Set(model.variables.map(\.name))
    let sources = Set(model.dataSources.map(\.name))
    // In source order, so that the first closest name wins every time. Prepared only when a name is unknown: most
    // files have none, and preparing thousands of names costs more than the rest of this check.
    lazy var localNames = SpellingCandidates(Self.unique(model.locals.map(\.name)))
    lazy var variableNames = SpellingCandidates(Self.unique(model.variables.map(\.name)))
    lazy var sourceNames = SpellingCandidates(Self.unique(model.dataSources.map(\.name)))
    var usedLocals: Set<String> = []
    var usedVariables: Set<String> = []
    var usedSources: Set<String> = []
    var usedSourceTypes: Set<String> = []
    let projectsLink = AtlasSchema.Links.projects

    for reference in model.references {
      // The first two names, read in place (no array per reference); only `data` needs the second, and `sourceKey`
      // is its `TYPE.NAME` when both exist.
      let first = reference.name(at: 0)
      let second = first == nil || reference.root != "data" ? nil : reference.name(at: 1)
      let sourceKey: String? = if let first, let second { "\(first).\(second)" } else { nil }
      // Count uses first: a reference that is wrong in its place still shows the definition is wanted.
      switch reference.root {
      case "local": if let name = first { usedLocals.insert(name) }
      case "var": if let name = first { usedVariables.insert(name) }
      case "data":
        if let sourceKey { usedSources.insert(sourceKey) }
        else if let type = first { usedSourceTypes.insert(type) } else { usedSourceTypes.insert("*") }
      default: break
      }

      if reference.context.block?.type == "variable", ["local", "var", "data"].contains(reference.root) {
        report(AtlasCode.referenceInVariable, .error, "A variable cannot use \"\(reference.root).…\"",
               detail: "Atlas evaluates `variable` blocks before locals, data sources and other variables; "
                 + "use a literal, a function such as getenv(), or atlas.env.",
               at: reference.range(throughSteps: min(1, reference.steps.count)),
               documentation: AtlasSchema.Links.config("variable"))
        continue
      }

      switch reference.root {
      case "local":
        guard let name = first, !locals.contains(name) else { continue }
        undeclared(reference, code: AtlasCode.unknownLocal, what: "local", name: name, candidates: localNames,
                   detail: "No `locals` block defines it.", documentation: projectsLink + "#locals")
      case "var":
        guard let name = first, !variables.contains(name) else { continue }
        undeclared(reference, code: AtlasCode.unknownVariable, what: "variable", name: name,
                   candidates: variableNames,
                   detail: "Declare it with a `variable \"\(name)\"` block; Atlas knows only declared variables.",
                   documentation: projectsLink + "#input-variables")
      case "data":
        guard let type = first, let name = second, let key = sourceKey else { continue }
        let nameRange = TextRange(start: reference.steps[0].nameRange.start, end: reference.steps[1].nameRange.end)
        guard sources.contains(key) else {
          let suggestion = sourceNames.suggestion(for: key)
          report(AtlasCode.undeclaredDataSource, .error, "Unknown data source \"data.\(key)\"",
                 detail: suggestion.map { "Did you mean \"data.\($0)\"?" } ?? "No `data \"\(type)\" \"\(name)\"` block defines it.",
                 at: reference.range(throughSteps: 2), documentation: projectsLink + "#data-sources",
                 fixes: suggestion.map { [QuickFix(title: "Change to \"data.\($0)\"", range: nameRange, replacement: $0, isPreferred: true)] } ?? [])
          continue
        }
        if reference.steps.count > 2, let source = AtlasSchema.dataSource(type), source.result == .string {
          let step = reference.steps[2]
          let what = step.name.map { "attribute \"\($0)\"" } ?? "elements"
          report(AtlasCode.urlOnStringSource, .error, "data.\(key) is a string; it has no \(what)",
                 detail: "A \(type) data source evaluates to the string itself; use `data.\(key)`.",
                 at: step.range, documentation: projectsLink + "#data-sources",
                 fixes: [QuickFix(title: "Use data.\(key) itself", range: step.range, replacement: "", isPreferred: true)])
        }
      case "each":
        guard let block = reference.context.block, block.hasForEach,
          !(reference.context.inBlockBody && reference.context.topLevelAttribute == "for_each")
        else {
          report(AtlasCode.eachOutsideForEach, .error, "\"each\" is only defined inside a block with for_each",
                 detail: "Atlas sets `each.key` and `each.value` for the copies of a block with a `for_each` attribute, "
                   + "and not in `for_each` itself.",
                 at: reference.range(throughSteps: min(1, reference.steps.count)), documentation: projectsLink + "#for_each")
          continue
        }
      default: break
      }
    }

    for call in model.functionCalls where !call.context.isVariableType && AtlasSchema.function(call.name) == nil {
      let candidates = AtlasSchema.functions.map(\.name)
      let suggestion = Self.functionAliases[call.name] ?? Spelling.suggestion(for: call.name, among: candidates)
      var detail = suggestion.map { "Did you mean \"\($0)\"? " } ?? ""
      detail += AtlasSchema.missingFunctions.contains(call.name)
        ? "Terraform has \"\(call.name)\", but Atlas does not register it."
        : "Atlas has no function of that name."
      report(AtlasCode.unknownFunction, .error, "Unknown function \"\(call.name)\"", detail: detail, at: call.nameRange,
             documentation: AtlasSchema.Links.functions,
             fixes: suggestion.map { [QuickFix(title: "Change to \"\($0)\"", range: call.nameRange, replacement: $0, isPreferred: true)] } ?? [])
    }

    for local in model.locals where !usedLocals.contains(local.name) {
      unused(AtlasCode.unusedLocal, "Local \"\(local.name)\" is never used", at: local.nameRange,
             removing: removal(of: local.range, title: "Remove local \"\(local.name)\""),
             documentation: projectsLink + "#locals")
    }
    for variable in model.variables where !usedVariables.contains(variable.name) {
      unused(AtlasCode.unusedVariable, "Variable \"\(variable.name)\" is never used", at: variable.nameRange,
             removing: removal(of: variable.range, title: "Remove variable \"\(variable.name)\""),
             documentation: projectsLink + "#input-variables")
    }
    for source in model.dataSources
    where !usedSources.contains(source.name) && !usedSourceTypes.contains(source.dataType ?? "")
      && !usedSourceTypes.contains("*")
    {
      unused(AtlasCode.unusedDataSource, "Data source \"data.\(source.name)\" is never used", at: source.nameRange,
             removing: removal(of: source.range, title: "Remove data.\(source.name)"),
             documentation: projectsLink + "#data-sources")
    }
  }

  /// The names in their first order, each once.
  static func unique(_ names: [String]) -> [String] {
    var seen: Set<String> = []
    return names.filter { seen.insert($0).inserted }
  }

  /// Names people write for an Atlas function, too far apart for the edit distance to find.
  static let functionAliases = ["env": "getenv"]

  mutating func undeclared(
    _ reference: ProjectModel.Reference, code: String, what: String, name: String, candidates: SpellingCandidates,
    detail: String, documentation: String
  ) {
    let suggestion = candidates.suggestion(for: name)
    let nameRange = reference.steps[0].nameRange
    report(code, .error, "Unknown \(what) \"\(name)\"",
           detail: suggestion.map { "Did you mean \"\(reference.root).\($0)\"?" } ?? detail,
           at: reference.range(throughSteps: 1), documentation: documentation,
           fixes: suggestion.map { [QuickFix(title: "Change to \"\(reference.root).\($0)\"", range: nameRange, replacement: $0, isPreferred: true)] } ?? [])
  }

  /// A definition nothing uses, with the fix that removes it (not preferred: a variable may still be required from
  /// the command line, and a data source may be kept on purpose).
  mutating func unused(_ code: String, _ summary: String, at range: TextRange, removing: QuickFix, documentation: String) {
    report(code, .warning, summary, at: range, documentation: documentation, fixes: [removing])
    results[results.count - 1].isUnnecessary = true
  }
}
