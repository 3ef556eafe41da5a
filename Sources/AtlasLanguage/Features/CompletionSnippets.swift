// The text completion inserts, written once and rendered either as an LSP snippet (tab stops, choices) or as plain
// text for editors without snippets: blocks with their required attributes and blocks, attribute assignments, calls.

/// Inserted text made of literal parts and tab stops.
struct SnippetText: Sendable {
  enum Part: Sendable {
    case text(String)
    /// A tab stop with default text (kept as is in plain text).
    case placeholder(String)
    /// A tab stop offering values; plain text gets `plain`.
    case choice([String], plain: String)
    /// Where the cursor ends (`$0`).
    case final
  }

  var parts: [Part]

  init(_ text: String) { parts = [.text(text)] }
  init(parts: [Part]) { self.parts = parts }

  static func + (lhs: SnippetText, rhs: SnippetText) -> SnippetText { SnippetText(parts: lhs.parts + rhs.parts) }

  mutating func append(_ text: String) { parts.append(.text(text)) }
  mutating func append(_ part: Part) { parts.append(part) }
  mutating func append(_ other: SnippetText) { parts.append(contentsOf: other.parts) }

  /// Whether the text has tab stops (a snippet says more than plain text then).
  var hasStops: Bool {
    parts.contains { if case .text = $0 { false } else { true } }
  }

  /// Snippet syntax with stops numbered in order, or plain text.
  func rendered(snippets: Bool) -> String {
    var out = ""
    var stop = 0
    for part in parts {
      switch part {
      case .text(let text):
        out += snippets ? Self.escaped(text, inPlaceholder: false) : text
      case .placeholder(let text):
        guard snippets else { out += text; continue }
        stop += 1
        out += text.isEmpty ? "${\(stop)}" : "${\(stop):\(Self.escaped(text))}"
      case .choice(let values, let plain):
        guard snippets else { out += plain; continue }
        stop += 1
        let escaped = values.map { Self.escaped($0, inChoice: true) }
        out += values.count == 1 ? "${\(stop):\(escaped[0])}" : "${\(stop)|\(escaped.joined(separator: ","))|}"
      case .final:
        if snippets { out += "$0" }
      }
    }
    return out
  }

  /// Snippet text escapes `$` and `\`, a placeholder's text `}` too, and a choice's `,` and `|`. A `}` outside
  /// placeholders is left as it is: the grammar allows it, and some clients print the backslash of `\}` there.
  static func escaped(_ text: String, inPlaceholder: Bool = true, inChoice: Bool = false) -> String {
    var out = ""
    for character in text {
      if character == "$" || character == "\\" || (inPlaceholder && character == "}")
        || (inChoice && (character == "," || character == "|"))
      {
        out.append("\\")
      }
      out.append(character)
    }
    return out
  }
}

extension SnippetText {
  /// `name = value` for an attribute: the value a stop shaped by the attribute's type. `prefill` is for a required
  /// attribute written into a new block, where plain text gets an empty value of the right shape rather than none.
  static func assignment(_ attribute: AttributeSchema, indent: String) -> SnippetText {
    SnippetText("\(attribute.name) = ") + value(attribute, indent: indent)
  }

  static func value(_ attribute: AttributeSchema, indent: String) -> SnippetText {
    let values = attribute.allowedValues
    let preferred = attribute.defaultValue.map(unquoted) ?? values.first ?? ""
    if !values.isEmpty {
      let ordered = [preferred] + values.filter { $0 != preferred }
      if attribute.acceptsBareEnum { return SnippetText(parts: [.choice(ordered, plain: preferred)]) }
      return SnippetText(parts: [.text("\""), .choice(ordered, plain: preferred), .text("\"")])
    }
    if attribute.name == "for_each" { return SnippetText(parts: [.text("toset(["), .placeholder(""), .text("])")]) }
    return value(of: attribute.type, default: attribute.defaultValue.map(unquoted), indent: indent)
  }

  static func value(of type: ValueType, default defaultValue: String?, indent: String) -> SnippetText {
    switch type {
    case .string, .oneOf:
      return SnippetText(parts: [.text("\""), .placeholder(defaultValue ?? ""), .text("\"")])
    case .bool:
      let preferred = defaultValue ?? "true"
      return SnippetText(parts: [.choice([preferred, preferred == "true" ? "false" : "true"], plain: preferred)])
    case .number, .any:
      return SnippetText(parts: [.placeholder(defaultValue ?? "")])
    case .typeExpression:
      let types = ["string", "number", "bool", "list(string)", "map(string)", "set(string)"]
      return SnippetText(parts: [.choice(types, plain: "string")])
    case .list(let element):
      if element == .string { return SnippetText(parts: [.text("[\""), .placeholder(""), .text("\"]")]) }
      return SnippetText(parts: [.text("["), .placeholder(""), .text("]")])
    case .map:
      return SnippetText(parts: [.text("{\n\(indent)  "), .placeholder(""), .text("\n\(indent)}")])
    }
  }

  /// A default as documented (`"10s"`) without its quotes.
  static func unquoted(_ text: String) -> String {
    text.count >= 2 && text.hasPrefix("\"") && text.hasSuffix("\"") ? String(text.dropFirst().dropLast()) : text
  }

  /// A new block: its type, labels as stops, and a body holding its required attributes and blocks (recursively),
  /// or the final cursor when nothing is required. `labelChoices` offers values for a label (a data source's type).
  static func block(_ schema: BlockSchema, indent: String, labelChoices: [Int: [String]] = [:], fixedLabels: [String] = [])
    -> SnippetText
  {
    var text = SnippetText(schema.type)
    for label in fixedLabels { text.append(" \"\(label)\"") }
    // An optional label (env's name) is still written: most blocks of that type have one.
    let labelCount = max(schema.labels.min, min(schema.labels.max, 1))
    for index in fixedLabels.count..<max(labelCount, fixedLabels.count) where index < schema.labels.names.count {
      let name = schema.labels.names[index]
      if let choices = labelChoices[index], !choices.isEmpty {
        text.append(SnippetText(parts: [.text(" \""), .choice(choices, plain: choices[0]), .text("\"")]))
      } else {
        text.append(SnippetText(parts: [.text(" \""), .placeholder(name), .text("\"")]))
      }
    }
    text.append(" {\n")
    text.append(body(schema, indent: indent + "  "))
    text.append("\(indent)}")
    return text
  }

  /// The lines of a new block's body: required attributes (and the first of each one-of-required set), then
  /// required blocks; the final cursor on an empty line when there are none.
  static func body(_ schema: BlockSchema, indent: String) -> SnippetText {
    var text = SnippetText(parts: [])
    var wrote = false
    var attributes = schema.attributes.filter(\.required)
    for set in schema.oneOfRequired {
      if let first = set.first, !attributes.contains(where: { set.contains($0.name) }),
        let attribute = schema.attribute(first)
      {
        attributes.append(attribute)
      }
    }
    for attribute in attributes {
      text.append(indent)
      text.append(assignment(attribute, indent: indent))
      text.append("\n")
      wrote = true
    }
    for block in schema.blocks where block.required {
      text.append(indent)
      text.append(self.block(block, indent: indent))
      text.append("\n")
      wrote = true
    }
    if !wrote {
      text.append(indent)
      text.append(.final)
      text.append("\n")
    }
    return text
  }

  /// `name(…)`: a call with the cursor between the parentheses.
  static func call(_ function: FunctionSchema) -> SnippetText {
    let takesArguments = !function.parameters.isEmpty || function.variadic != nil
    return takesArguments ? SnippetText(parts: [.text("\(function.name)("), .placeholder(""), .text(")")])
      : SnippetText("\(function.name)()")
  }
}
