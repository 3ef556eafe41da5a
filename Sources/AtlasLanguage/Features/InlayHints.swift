// Inlay hints: the value of a static local or variable after each use (` = "orders"`), and the URL an env's `url`
// resolves to after it when it is computed. Nothing unknown or secret is hinted: values pass `SecretFilter`, and a
// sensitive or unknown value gives no hint at all.
import HCLEval
package import HCLSyntax

package struct InlayHint: Sendable, Hashable {
  package enum Kind: Sendable, Hashable {
    /// The value of `local.x` / `var.x` after a use.
    case value
    /// The resolved URL of an env's `url`.
    case url
  }

  /// Where the hint shows (a UTF-8 offset): right after the thing it describes.
  package var offset: Int
  package var label: String
  package var kind: Kind
  /// The whole text when `label` had to be shortened.
  package var tooltip: String?
}

package enum InlayHints {
  /// Values longer than this are shortened in the label (the tooltip has them whole, up to `tooltipLimit`).
  static let labelLimit = 40
  static let tooltipLimit = 1000

  /// The hints whose position lies in `range` (ends included), in source order.
  package static func compute(_ analysis: AtlasAnalysis, in range: TextRange) -> [InlayHint] {
    let model = analysis.model
    let evaluation = analysis.evaluation
    let secrets = LazySecretFilter(analysis)
    var hints: [InlayHint] = []
    for reference in model.references where reference.root == "local" || reference.root == "var" {
      // A reference that starts after the range or ends before it has no hint in it.
      guard reference.rootRange.start <= range.end, reference.range(throughSteps: reference.steps.count).end >= range.start
      else { continue }
      // The hint follows the leading names (`local.obj.key`), where a value can be looked up.
      let names = reference.names
      guard let name = names.first else { continue }
      let end = reference.range(throughSteps: names.count).end
      guard range.start <= end, end <= range.end, !SecretFilter.looksSecret(name) else { continue }
      // A local defined twice has its later definition's value, as in Atlas.
      let value = reference.root == "local" ? evaluation.locals[name] : evaluation.variables[name]
      guard let value else { continue }
      let shown = value.following(names.dropFirst())
      guard !shown.containsSensitive, shown.isWhollyKnown else { continue }
      if let hint = hint(secrets.filter.render(shown), at: end, kind: .value, prefix: "= ") { hints.append(hint) }
    }
    let views = StructureChecker(file: analysis.file)
    // Only the blocks that overlap the range are read (a window of a large file holds a few).
    var envBlocks: [BlockView] = []
    if let body = analysis.file.root.firstChild(.body) {
      for node in body.nodeChildren
      where node.kind == .block && node.range.start <= range.end && node.range.end >= range.start {
        if let block = views.blockView(node), block.type == "env" { envBlocks.append(block) }
      }
    }
    for block in envBlocks {
      guard let url = views.items(of: block.body).attributes.first(where: { $0.name == "url" })?.value,
        range.start <= url.range.end, url.range.end <= range.end
      else { continue }
      // A plain literal shows itself.
      if case .string = views.literal(url) { continue }
      guard let text = URLDisplay.resolvedText(of: url, in: evaluation) else { continue }
      if let hint = hint(secrets.filter.clean(text), at: url.range.end, kind: .url, prefix: "→ ") { hints.append(hint) }
    }
    return hints.sorted { $0.offset < $1.offset }
  }

  static func hint(_ text: String, at offset: Int, kind: InlayHint.Kind, prefix: String) -> InlayHint? {
    guard !text.isEmpty, text != SecretFilter.sensitive, text != SecretFilter.unknown else { return nil }
    let short = SecretFilter.shorten(text, to: labelLimit)
    return InlayHint(offset: offset, label: prefix + short, kind: kind,
                     tooltip: short == text ? nil : SecretFilter.shorten(text, to: tooltipLimit))
  }
}
