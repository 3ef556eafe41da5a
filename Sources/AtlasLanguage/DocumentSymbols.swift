// The outline: blocks, attributes and object items as a tree of symbols, from the syntax alone.
package import HCLSyntax

/// One entry of the outline. `range` covers the whole construct, `selectionRange` its name (a block's type and
/// labels, an attribute's name, an object item's key).
package struct DocumentSymbol: Hashable, Sendable {
  package var name: String
  /// Always nil for now: a block's labels are part of its name (as terraform-ls shows them) and values are not
  /// repeated, so that no secret written into the file turns up in the outline.
  package var detail: String?
  package var kind: SymbolKind
  package var range: TextRange
  package var selectionRange: TextRange
  package var children: [DocumentSymbol]

  package init(
    name: String, detail: String? = nil, kind: SymbolKind, range: TextRange, selectionRange: TextRange,
    children: [DocumentSymbol] = []
  ) {
    self.name = name
    self.detail = detail
    self.kind = kind
    self.range = range
    self.selectionRange = selectionRange
    self.children = children
  }
}

/// What a symbol is; the server maps these to LSP symbol kinds. Attributes and object items take the kind of their
/// value when it is a literal or a collection; `attribute` and `key` are for any other expression.
package enum SymbolKind: Sendable, Hashable {
  case block, attribute, object, array, string, number, boolean, null, key
}

package enum DocumentSymbols {
  /// The symbols of the file's top-level body, nested as the file nests them. Broken code still gives every
  /// block, attribute and object item the parser recognised.
  package static func compute(_ file: ParsedFile) -> [DocumentSymbol] {
    guard let body = file.root.firstChild(.body) else { return [] }
    // Built bottom-up without recursion: each pending entry is a node to describe and the slot for its children.
    var builder = Builder(file: file)
    return builder.symbols(inBody: body)
  }
}

// MARK: - Building

private struct Builder {
  let file: ParsedFile

  /// A container being filled: the symbol (children still empty) and the children to visit.
  struct Frame {
    var symbol: DocumentSymbol?
    var pending: [SyntaxNode]
    var next = 0
    var children: [DocumentSymbol] = []
  }

  /// Symbols for the items of a body, walking nested bodies and objects with an explicit stack.
  mutating func symbols(inBody body: SyntaxNode) -> [DocumentSymbol] {
    var stack: [Frame] = [Frame(symbol: nil, pending: items(of: body))]
    while true {
      guard var top = stack.popLast() else { return [] }
      if top.next < top.pending.count {
        let node = top.pending[top.next]
        top.next += 1
        stack.append(top)
        if let (symbol, nested) = describe(node) {
          stack.append(Frame(symbol: symbol, pending: nested))
        }
        continue
      }
      // The frame is complete.
      guard var symbol = top.symbol else { return top.children }
      symbol.children = top.children
      if var parent = stack.popLast() {
        parent.children.append(symbol)
        stack.append(parent)
      } else {
        return [symbol]
      }
    }
  }

  /// The attributes and blocks of a body, or the items of an object.
  func items(of node: SyntaxNode) -> [SyntaxNode] {
    node.childNodes.filter { $0.kind == .attribute || $0.kind == .block || $0.kind == .objectItem }
  }

  /// A symbol (children empty) and the nodes that give its children.
  func describe(_ node: SyntaxNode) -> (DocumentSymbol, [SyntaxNode])? {
    switch node.kind {
    case .block:
      return describeBlock(node)
    case .attribute:
      guard let name = file.directToken(.ident, of: node) else { return nil }
      let value = node.childNodes.first
      let (kind, nested) = classify(value, fallback: .attribute)
      return (
        DocumentSymbol(name: file.text(of: name), kind: kind, range: node.range, selectionRange: name.range), nested
      )
    case .objectItem:
      guard let key = node.firstChild(.objectKey) else { return nil }
      let value = node.childNodes.dropFirst().first { $0.kind != .unexpected }
      let (kind, nested) = classify(value, fallback: .key)
      return (DocumentSymbol(name: keyName(key), kind: kind, range: node.range, selectionRange: key.range), nested)
    default:
      return nil
    }
  }

  func describeBlock(_ node: SyntaxNode) -> (DocumentSymbol, [SyntaxNode])? {
    var parts: [String] = []
    var selection: TextRange? = nil
    for element in node.children {
      switch element {
      case .token(let index):
        let token = file.tokens[Int(index)]
        if token.kind == .ident && selection == nil {
          parts.append(file.text(of: token))
          selection = token.range
        }
      case .node(let child):
        if child.kind == .blockLabel, let start = selection {
          parts.append(singleLine(file.text(in: child.range)))
          selection = start.union(child.range)
        }
      }
      if case .token(let index) = element, file.tokens[Int(index)].kind == .oBrace { break }
    }
    guard let selection else { return nil }
    let nested = node.firstChild(.body).map(items(of:)) ?? []
    return (DocumentSymbol(name: parts.joined(separator: " "), kind: .block, range: node.range, selectionRange: selection), nested)
  }

  /// The kind a value gives its attribute or item, and the nodes of its children (an object's items).
  func classify(_ value: SyntaxNode?, fallback: SymbolKind) -> (SymbolKind, [SyntaxNode]) {
    guard let value else { return (fallback, []) }
    switch value.kind {
    case .object: return (.object, items(of: value))
    case .tuple: return (.array, [])
    case .forExpression:
      return (file.directToken(.oBrace, of: value) != nil ? .object : .array, [])
    case .quotedTemplate, .heredocTemplate: return (.string, [])
    case .literal:
      guard let token = file.directToken(.numberLit, of: value) ?? file.directToken(.ident, of: value) else {
        return (fallback, [])
      }
      if token.kind == .numberLit { return (.number, []) }
      return (file.text(of: token) == "null" ? .null : .boolean, [])
    case .unary:
      // `-1` is a number as far as anyone reading the outline cares.
      if file.directToken(.minus, of: value) != nil, let operand = value.childNodes.first, operand.kind == .literal,
        file.directToken(.numberLit, of: operand) != nil
      {
        return (.number, [])
      }
      return (fallback, [])
    default: return (fallback, [])
    }
  }

  /// An object key as a name: a bare word or a string's content as written; other expressions as written.
  func keyName(_ key: SyntaxNode) -> String {
    if let template = key.firstChild(.quotedTemplate), template.childNodes.allSatisfy({ $0.kind == .templateLiteral }) {
      let open = file.directToken(.oQuote, of: template)
      let close = file.directToken(.cQuote, of: template)
      let start = open?.end ?? template.range.start
      let end = close?.start ?? template.range.end
      let content = file.text(in: TextRange(start: start, end: end))
      return content.isEmpty ? "\"\"" : content
    }
    let text = singleLine(file.text(in: key.range))
    return text.isEmpty ? "?" : text
  }

  /// Line breaks and runs of blanks folded into one space, so a name fits on one line.
  func singleLine(_ text: String) -> String {
    var out = ""
    var pendingSpace = false
    for character in text {
      if character == " " || character == "\t" || character == "\n" || character == "\r\n" || character == "\r" {
        pendingSpace = !out.isEmpty
        continue
      }
      if pendingSpace { out.append(" ") }
      pendingSpace = false
      out.append(character)
    }
    return out
  }
}
