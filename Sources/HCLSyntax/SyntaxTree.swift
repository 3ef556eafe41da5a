// The lossless syntax tree: nodes of a kind whose children are nodes and tokens, covering every byte.

/// What a node is. Expression kinds follow hclsyntax's expression types; `unexpected` holds tokens the parser
/// skipped while recovering, so that nothing is ever dropped.
package enum SyntaxKind: UInt8, Sendable, CaseIterable {
  case file, body, attribute, block, blockLabel
  // Expressions.
  case literal, variable, functionCall, argumentList, tuple, object, objectItem, objectKey
  case forExpression, forIntro, forCondition
  case getAttribute, legacyIndex, index, attributeSplat, fullSplat
  case conditional, binary, unary, parentheses
  // Templates.
  case quotedTemplate, heredocTemplate, templateLiteral, templateInterpolation
  case templateIf, templateFor, templateDirective
  // Recovery.
  case unexpected

  package var name: String { "\(self)".prefix(1).uppercased() + "\(self)".dropFirst() }
}

/// A child of a node: another node, or the index of a token in the file's token array.
package enum SyntaxElement: Sendable {
  case node(SyntaxNode)
  case token(Int)
}

/// A node. Nodes are immutable once built; the tree as a whole prints back to the exact source bytes.
package final class SyntaxNode: Sendable {
  package let kind: SyntaxKind
  package let children: [SyntaxElement]
  /// From the first to the last byte of the node's tokens (leading trivia belongs to the parent).
  package let range: TextRange

  package init(kind: SyntaxKind, children: [SyntaxElement], range: TextRange) {
    self.kind = kind
    self.children = children
    self.range = range
  }

  /// Child nodes, in order.
  package var childNodes: [SyntaxNode] {
    children.compactMap { if case .node(let node) = $0 { node } else { nil } }
  }

  package func firstChild(_ kind: SyntaxKind) -> SyntaxNode? {
    for case .node(let node) in children where node.kind == kind { return node }
    return nil
  }
}

/// The result of parsing a file: never fails, and loses nothing.
package struct ParsedFile: Sendable {
  package let source: [UInt8]
  package let tokens: [Token]
  package let root: SyntaxNode
  package let diagnostics: [Diagnostic]

  package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  /// The text of a token.
  package func text(of token: Token) -> String {
    String(decoding: source[token.start..<token.end], as: UTF8.self)
  }

  /// The tokens of a node in order (trivia included).
  package func tokenIndices(in node: SyntaxNode) -> [Int] {
    var result: [Int] = []
    func walk(_ node: SyntaxNode) {
      for child in node.children {
        switch child {
        case .node(let inner): walk(inner)
        case .token(let index): result.append(index)
        }
      }
    }
    walk(node)
    return result
  }

  /// Prints the tree back; equal to `source` for every input.
  package func reconstructedSource() -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(source.count)
    for index in tokenIndices(in: root) {
      let token = tokens[index]
      out.append(contentsOf: source[token.start..<token.end])
    }
    return out
  }

  /// An indented dump in the style `Kind@start..end` / `TokenKind@start..end "text"`, with diagnostics after it.
  /// Whitespace tokens are left out to keep dumps readable; comments and newlines stay.
  package func dump(includeTrivia: Bool = false) -> String {
    var out = ""
    func escape(_ text: String) -> String {
      var escaped = ""
      for scalar in text.unicodeScalars {
        switch scalar {
        case "\n": escaped += "\\n"
        case "\r": escaped += "\\r"
        case "\t": escaped += "\\t"
        case "\"": escaped += "\\\""
        case "\\": escaped += "\\\\"
        default: escaped.unicodeScalars.append(scalar)
        }
      }
      return escaped
    }
    func walk(_ node: SyntaxNode, _ depth: Int) {
      out += String(repeating: "  ", count: depth) + "\(node.kind.name)@\(node.range)\n"
      for child in node.children {
        switch child {
        case .node(let inner): walk(inner, depth + 1)
        case .token(let index):
          let token = tokens[index]
          if token.kind == .whitespace && !includeTrivia { continue }
          out += String(repeating: "  ", count: depth + 1)
          out += "\(token.kind.name)@\(token.range) \"\(escape(text(of: token)))\"\n"
        }
      }
    }
    walk(root, 0)
    for diagnostic in diagnostics {
      out += "\(diagnostic.severity.rawValue)[\(diagnostic.code)]@\(diagnostic.subject): \(diagnostic.summary)\n"
    }
    return out
  }
}
