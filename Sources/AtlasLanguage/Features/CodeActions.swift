// Code actions from the checks' quick fixes: the fixes of the diagnostics at a range, each tied to its diagnostic,
// and "fix all", which applies every preferred fix once, where no two overlap.
package import HCLSyntax

/// One quick fix of one diagnostic of an analysis, addressed by indices so that an editor can ask for its edit
/// later (`codeAction/resolve`) and get it only if the text is still the same.
package struct CodeActionFix: Sendable, Hashable {
  /// The diagnostic's index in `AtlasAnalysis.diagnostics`.
  package var diagnosticIndex: Int
  /// The fix's index in that diagnostic's `fixes`.
  package var fixIndex: Int
  package var diagnostic: AtlasDiagnostic
  package var fix: QuickFix

  package var edit: TextEdit { TextEdit(range: fix.range, newText: fix.replacement) }
}

package enum CodeActions {
  /// The fixes of the diagnostics that overlap `range` (touching counts: an editor asks at the cursor), in the
  /// order of the diagnostics and their fixes.
  package static func quickFixes(in analysis: AtlasAnalysis, overlapping range: TextRange) -> [CodeActionFix] {
    var result: [CodeActionFix] = []
    for (diagnosticIndex, diagnostic) in analysis.diagnostics.enumerated() {
      let subject = diagnostic.diagnostic.subject
      guard subject.start <= range.end, range.start <= subject.end else { continue }
      for (fixIndex, fix) in diagnostic.fixes.enumerated() {
        result.append(CodeActionFix(diagnosticIndex: diagnosticIndex, fixIndex: fixIndex, diagnostic: diagnostic, fix: fix))
      }
    }
    return result
  }

  /// A fix by its indices, if the analysis has it.
  package static func fix(in analysis: AtlasAnalysis, diagnosticIndex: Int, fixIndex: Int) -> CodeActionFix? {
    guard analysis.diagnostics.indices.contains(diagnosticIndex) else { return nil }
    let diagnostic = analysis.diagnostics[diagnosticIndex]
    guard diagnostic.fixes.indices.contains(fixIndex) else { return nil }
    return CodeActionFix(diagnosticIndex: diagnosticIndex, fixIndex: fixIndex, diagnostic: diagnostic,
                         fix: diagnostic.fixes[fixIndex])
  }

  /// "Fix all": the preferred fix of every diagnostic that has one, in source order. A fix that overlaps one already
  /// taken is left for the next run (two insertions at one offset overlap too: their order would be a guess), and
  /// the same edit made for two diagnostics is made once.
  package static func fixAll(_ analysis: AtlasAnalysis) -> [TextEdit] {
    var candidates: [TextEdit] = []
    for diagnostic in analysis.diagnostics {
      if let fix = diagnostic.fixes.first(where: \.isPreferred) {
        candidates.append(TextEdit(range: fix.range, newText: fix.replacement))
      }
    }
    candidates.sort { ($0.range.start, $0.range.end) < ($1.range.start, $1.range.end) }
    var result: [TextEdit] = []
    for edit in candidates {
      if let previous = result.last {
        if previous == edit { continue }
        let overlaps = edit.range.start < previous.range.end
          || (edit.range.start == previous.range.start)
        if overlaps { continue }
      }
      result.append(edit)
    }
    return result
  }
}
