// Completion inside quoted strings: block labels (data source types), enum values, AWS regions and profiles, and the
// parts of URLs (scheme, `docker://` driver, query parameters and their values).
import HCLSyntax

extension CompletionBuilder {
  mutating func completeInString(opening index: Int) {
    let open = file.tokens[index]
    guard open.kind == .oQuote else { return }  // heredocs hold free text
    let contentStart = open.end
    let contentEnd = stringContentEnd(after: index)
    list.insertRange = TextRange(start: contentStart, end: offset)
    list.replaceRange = TextRange(start: contentStart, end: max(contentEnd, offset))
    if case .blockLabel(let label) = context.place, let block = context.innermost {
      completeLabel(label, of: block)
      return
    }
    // The string must be the attribute's whole value (`name = "…`), not a part of a larger expression.
    let lineStart = lineStart(of: open.start)
    let before = TextRange(start: max(lineStart, bodyStart(onLineOf: open.start)), end: open.start)
    guard let name = assignedName(in: before) else { return }
    let schema: AttributeSchema?
    if case .attributeValue(let attribute) = context.place, attribute.name == name {
      schema = context.attributeSchema
    } else {
      schema = context.innermost?.schema?.attribute(name)
    }
    guard let schema else { return }
    let typed = text(TextRange(start: contentStart, end: offset))
    if let uses = urlUses(of: name), completeURL(typed: typed, contentStart: contentStart, uses: uses) { return }
    if let trigger = options.triggerCharacter, trigger != "\"" { return }
    completeAttributeValues(schema, quoted: false)
  }

  /// Where the string's literal text ends: at its closing quote, an interpolation or the end of the line.
  func stringContentEnd(after index: Int) -> Int {
    let tokens = file.tokens
    var current = index + 1
    var end = tokens[index].end
    while current < tokens.count {
      let token = tokens[current]
      guard token.kind == .quotedLit else { break }
      end = token.end
      current += 1
    }
    return end
  }

  // MARK: URLs

  /// The part of a URL being typed: its scheme, a `docker://` driver, a query parameter's name or value. False when
  /// the position is elsewhere in the URL (the host, the path), where nothing is offered.
  mutating func completeURL(typed: String, contentStart: Int, uses: Set<URLScheme.Use>) -> Bool {
    let bytes = Array(typed.utf8)
    guard let separator = typed.firstRange(of: "://") else {
      // The scheme: letters, digits and `+` so far.
      guard bytes.allSatisfy({ Self.isSchemeByte($0) }) else { return true }
      var end = offset
      while end < source.count, Self.isSchemeByte(source[end]) { end += 1 }
      let followedBySeparator = source[end...].starts(with: Array("://".utf8))
      list.replaceRange = TextRange(start: contentStart, end: end)
      for scheme in AtlasSchema.urlSchemes where !scheme.uses.isDisjoint(with: uses) {
        var text = SnippetText(scheme.name)
        if !followedBySeparator {
          text.append("://")
          text.append(Self.templateParts(scheme.template))
        }
        add("\(scheme.name)://", .urlScheme, text: text, group: scheme.pro ? 1 : 0, description: scheme.title,
            documentation: .topic(.urlScheme(scheme.name)), filterText: scheme.name)
      }
      return true
    }
    let schemeName = String(typed[..<separator.lowerBound]).lowercased()
    let rest = typed[separator.upperBound...]
    guard let scheme = AtlasSchema.urlScheme(schemeName) else { return true }
    // `docker://` then the driver.
    if schemeName == "docker", !rest.contains("/"), !rest.contains("?") {
      let start = offset - rest.utf8.count
      var end = offset
      while end < source.count, Self.isIdentifierByte(source[end]) { end += 1 }
      list.insertRange = TextRange(start: start, end: offset)
      list.replaceRange = TextRange(start: start, end: end)
      for driver in AtlasSchema.dockerURLDrivers {
        let text = SnippetText(parts: [.text("\(driver)/"), .placeholder("latest"), .text("/"), .placeholder("dev")])
        add(driver, .urlValue, text: text, group: 0, description: "docker driver")
      }
      return true
    }
    guard let question = rest.firstIndex(of: "?") else { return true }
    let query = rest[rest.index(after: question)...]
    let current = query.split(separator: "&", omittingEmptySubsequences: false).last ?? ""
    let start = offset - current.utf8.count
    if let equals = current.firstIndex(of: "=") {
      // A parameter's value.
      let name = String(current[..<equals])
      guard let parameter = scheme.parameters.first(where: { $0.name == name }) else { return true }
      let valueStart = offset - current[current.index(after: equals)...].utf8.count
      var end = offset
      // The value runs to the next parameter, the string's end or an interpolation.
      let stops: [UInt8] = [UInt8(ascii: "&"), UInt8(ascii: "\""), UInt8(ascii: "$"), UInt8(ascii: "#"), UInt8(ascii: "\n")]
      while end < source.count, !stops.contains(source[end]) { end += 1 }
      list.insertRange = TextRange(start: valueStart, end: offset)
      list.replaceRange = TextRange(start: valueStart, end: end)
      for value in parameter.values {
        add(value, .urlValue, group: 0, description: "\(name)=",
            documentation: .topic(.urlParameter(scheme: scheme.name, name: name)))
      }
      return true
    }
    // A parameter's name; those the query has already are left out.
    let present = Set(query.split(separator: "&").compactMap { $0.split(separator: "=").first.map(String.init) })
    var end = offset
    while end < source.count, Self.isIdentifierByte(source[end]) { end += 1 }
    let followedByEquals = end < source.count && source[end] == UInt8(ascii: "=")
    list.insertRange = TextRange(start: start, end: offset)
    list.replaceRange = TextRange(start: start, end: end)
    for parameter in scheme.parameters where !present.contains(parameter.name) || parameter.name == String(current) {
      var text = SnippetText(parameter.name)
      if !followedByEquals {
        text.append("=")
        if !parameter.values.isEmpty { text.append(SnippetText.Part.choice(parameter.values, plain: "")) }
      }
      add(parameter.name, .urlParameter, text: text, group: 0,
          description: parameter.values.isEmpty ? nil : parameter.values.joined(separator: "|"),
          documentation: .topic(.urlParameter(scheme: scheme.name, name: parameter.name)),
          retrigger: parameter.values.isEmpty ? false : !options.snippets)
    }
    return true
  }

  static func isSchemeByte(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
      || byte == UInt8(ascii: "+")
  }
}
