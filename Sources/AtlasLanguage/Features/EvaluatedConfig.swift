// Show evaluated config: an env as Atlas sees it once evaluated, as HCL. Every copy of a `for_each` env with its own
// `each`, variables and locals resolved, and secrets masked the way hovers mask them; values only a run can know
// (data sources) are said to be so. Pure: the caller hands in the inputs and writes the text where it wants.
package import HCLEval
package import HCLSyntax

package enum EvaluatedConfig {
  /// The evaluated `env "NAME"` blocks of `file`, formatted as hclwrite would; a failure when the file declares none.
  package static func render(
    env name: String, in file: ParsedFile, inputs: EvaluationInputs
  ) -> Result<String, EnvironmentSettings.Failure> {
    var inputs = inputs
    inputs.env = name
    let views = StructureChecker(file: file)
    let (_, blocks) = views.items(of: file.root.firstChild(.body))
    let envs = blocks.filter { $0.type == "env" && $0.labels.first?.text == name }
    guard !envs.isEmpty else {
      let declared = blocks.filter { $0.type == "env" }.compactMap { $0.labels.first?.text }
      let known = declared.isEmpty ? "the file declares no env" : "declared: \(declared.joined(separator: ", "))"
      return .failure(EnvironmentSettings.Failure(message: "env \"\(name)\" is not declared (\(known))", range: nil))
    }
    let analysis = AtlasAnalysis(file, inputs: inputs)
    let filter = SecretFilter(analysis)
    let global = ProjectEvaluation.topLevelScope(file, model: analysis.model, inputs: inputs, views: views)
    var renderer = Renderer(file: file, views: views, filter: filter, probed: analysis.evaluation.probedValues)
    var out = "# env \"\(name)\" as Atlas evaluates it (atlas.env = \(quoted(name))): variables and locals "
    out += "resolved, for_each expanded,\n# secrets shown as ****, (sensitive) or (known only when run).\n"
    for env in envs {
      let attributes = views.items(of: env.body).attributes
      guard let forEach = attributes.first(where: { $0.name == "for_each" })?.value else {
        out += "\n" + renderer.block(env, schema: AtlasSchema.topLevelBlock("env"), scope: global, comment: nil)
        continue
      }
      // The probe pass evaluated each url with `each` unknown: its values do not hold for a copy.
      renderer.probed = [:]
      let collection = Evaluator.evaluate(forEach, in: file, scope: global).0
      guard let instances = eachValues(collection) else {
        out += "\n# for_each of env \"\(name)\" is \(filter.render(collection)): its copies are known only when run\n"
        continue
      }
      if instances.isEmpty { out += "\n# for_each of env \"\(name)\" is empty: Atlas makes no copy of it\n" }
      for (key, value) in instances {
        let each: Value = .object(["key": key, "value": value])
        let scope = global.child(variables: ["each": each])
        let comment = "each.key = \(filter.render(key)), each.value = \(filter.render(value))"
        out += "\n" + renderer.block(env, schema: AtlasSchema.topLevelBlock("env"), scope: scope, comment: comment)
      }
    }
    return .success(String(decoding: Formatter.format(Array(out.utf8)), as: UTF8.self))
  }

  /// `each.key` and `each.value` of every element Atlas makes a copy for (a set, an object or a tuple, as
  /// hcl's for_each expansion iterates them); nil when the collection is not wholly known or not one of those.
  static func eachValues(_ collection: Value) -> [(key: Value, value: Value)]? {
    guard collection.isWhollyKnown else { return nil }
    switch (collection.type, collection.content) {
    case (.set, .elements(let elements)): return elements.map { ($0, $0) }
    case (.tuple, .elements(let elements)):
      return elements.enumerated().map { (Value.number($0.offset), $0.element) }
    case (.object, .attributes(let attributes)):
      return attributes.keys.sorted().compactMap { key in attributes[key].map { (Value.string(key), $0) } }
    default: return nil
    }
  }

  /// A string literal as HCL writes it.
  static func quoted(_ text: String) -> String { Value.string(text).render() }

  /// Writes blocks with their attributes evaluated; nested blocks after the attributes, each in source order.
  struct Renderer {
    let file: ParsedFile
    let views: StructureChecker
    let filter: SecretFilter
    /// Values computed with each token standing for a marker (ProjectEvaluation.probedValues): a url holding a
    /// token is shown with `****` where the token goes instead of not at all.
    var probed: [TextRange: Value]

    mutating func block(_ block: BlockView, schema: BlockSchema?, scope: Scope, comment: String?, depth: Int = 0) -> String {
      let indent = String(repeating: "  ", count: depth)
      var out = indent + block.type
      for label in block.labels { out += " " + quoted(label.text) }
      out += " {\n"
      if let comment { out += indent + "  # \(comment)\n" }
      let (attributes, blocks) = views.items(of: block.body)
      for attribute in attributes where !(depth == 0 && attribute.name == "for_each") {
        guard let expression = attribute.value else { continue }
        let attributeSchema = schema?.attribute(attribute.name)
        let text: String
        if attributeSchema?.type == .typeExpression {
          text = file.text(in: expression.range)
        } else if SecretFilter.looksSecret(attribute.name) {
          // The same rule as hovers: an attribute named like a secret is not shown, whatever it holds.
          text = quoted(SecretFilter.mask)
        } else {
          var attributeScope = scope
          if let attributeSchema, attributeSchema.acceptsBareEnum {
            var names: [String: Value] = [:]
            for value in attributeSchema.allowedValues { names[value] = .string(value) }
            attributeScope = scope.child(variables: names)
          }
          let value = Evaluator.evaluate(expression, in: file, scope: attributeScope).0
          if !value.isWhollyKnown || value.containsSensitive, let masked = tokenMasked(expression.range) {
            text = masked
          } else {
            text = Self.expression(value, filter: filter)
          }
        }
        out += indent + "  " + attribute.name + " = " + text + "\n"
      }
      for nested in blocks {
        out += self.block(nested, schema: schema?.block(nested.type), scope: scope, comment: nil, depth: depth + 1)
      }
      return out + indent + "}\n"
    }

    /// The probed string of an expression with its token markers as `****`, when it is known apart from them.
    func tokenMasked(_ range: TextRange) -> String? {
      guard let probe = probed[range], probe.isWhollyKnown, !probe.containsSensitive, var text = probe.stringValue else {
        return nil
      }
      let indices = TokenMarker.indices(in: text)
      guard !indices.isEmpty else { return nil }
      for index in indices { text = text.replacing(TokenMarker.marker(index: index), with: SecretFilter.mask) }
      return filter.clean(quoted(text))
    }

    /// A value as an HCL expression; what cannot be shown is a comment-like string that says why.
    static func expression(_ value: Value, filter: SecretFilter) -> String {
      if value.containsSensitive { return quoted(SecretFilter.sensitive) }
      if !value.isKnown || !value.isWhollyKnown { return quoted(SecretFilter.unknown) }
      return filter.clean(value.render())
    }
  }
}
