// One analysed text of an atlas.hcl: its parse, project model, evaluation and diagnostics, made once per text and
// read by every editor feature (completion, hover, navigation, code actions, inlay hints), so that none of them
// evaluates the file again.
package import HCLSyntax

package struct AtlasAnalysis: Sendable {
  package let file: ParsedFile
  package let model: ProjectModel
  package let evaluation: ProjectEvaluation
  /// The atlas.hcl diagnostics (not the syntax ones, which are `file.diagnostics`), in source order.
  package let diagnostics: [AtlasDiagnostic]
  /// What the evaluation was given (files, environment, variables); features that evaluate pieces again use it.
  package let inputs: EvaluationInputs

  package init(_ file: ParsedFile, inputs: EvaluationInputs = EvaluationInputs()) {
    var checker = StructureChecker(file: file)
    checker.checkFile(inputs: inputs)
    self.file = file
    self.model = checker.model ?? ProjectModel(file)
    self.evaluation = checker.evaluation ?? ProjectEvaluation(file, model: self.model, inputs: inputs)
    self.diagnostics = checker.results.sorted { $0.diagnostic.subject.start < $1.diagnostic.subject.start }
    self.inputs = inputs
  }
}
