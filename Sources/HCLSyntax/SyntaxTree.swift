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
package enum SyntaxElement: Sendable, Hashable {
  case node(SyntaxNode)
  case token(UInt32)

  /// The token index, if this is a token.
  package var tokenIndex: Int? {
    if case .token(let index) = self { Int(index) } else { nil }
  }
}

/// Where a tree's nodes live: one record per node and one flat array of children, written once by the parser.
/// A tree is a few large arrays instead of one object and one array per node, which makes building and freeing it
/// cheap (no per-node allocation, no recursion when it dies) and keeps it small (about 20 bytes a node and 4 bytes a
/// child). The accessors other modules use in hot loops are inlinable, so that walking children is direct array
/// reads there too instead of calls through the generic collection protocols.
package final class SyntaxArena: Sendable {
  @usableFromInline struct NodeRecord {
    @usableFromInline var kind: SyntaxKind
    @usableFromInline var start: UInt32
    @usableFromInline var end: UInt32
    @usableFromInline var firstChild: UInt32
    @usableFromInline var childCount: UInt32

    init(kind: SyntaxKind, start: UInt32, end: UInt32, firstChild: UInt32, childCount: UInt32) {
      self.kind = kind
      self.start = start
      self.end = end
      self.firstChild = firstChild
      self.childCount = childCount
    }
  }

  /// A child reference: a node index with the high bit set, or a token index.
  @usableFromInline static let nodeFlag: UInt32 = 1 << 31

  @usableFromInline let nodes: [NodeRecord]
  @usableFromInline let children: [UInt32]

  init(nodes: [NodeRecord], children: [UInt32]) {
    self.nodes = nodes
    self.children = children
  }

  var nodeCount: Int { nodes.count }
}

/// A node: a view into its tree's arena. Nodes are immutable; the tree as a whole prints back to the exact source.
package struct SyntaxNode: Sendable, Hashable {
  @usableFromInline let arena: SyntaxArena
  @usableFromInline let index: Int

  @usableFromInline init(arena: SyntaxArena, index: Int) {
    self.arena = arena
    self.index = index
  }

  @inlinable package var kind: SyntaxKind { arena.nodes[index].kind }

  /// The node's number in its tree: unique per node, for tables keyed by node.
  @inlinable package var id: Int { index }

  /// From the first to the last byte of the node's tokens (leading trivia belongs to the parent).
  @inlinable package var range: TextRange {
    let record = arena.nodes[index]
    return TextRange(start: Int(record.start), end: Int(record.end))
  }

  @inlinable package var children: SyntaxChildren {
    let record = arena.nodes[index]
    return SyntaxChildren(arena: arena, start: Int(record.firstChild), count: Int(record.childCount))
  }

  /// Child nodes, in order.
  package var childNodes: [SyntaxNode] {
    children.compactMap { if case .node(let node) = $0 { node } else { nil } }
  }

  /// Child nodes, in order, without building an array (for hot loops).
  @inlinable package var nodeChildren: SyntaxChildNodes { SyntaxChildNodes(children: children) }

  /// The first child node, without building an array.
  @inlinable package var firstChildNode: SyntaxNode? {
    for case .node(let node) in children { return node }
    return nil
  }

  @inlinable package func firstChild(_ kind: SyntaxKind) -> SyntaxNode? {
    for case .node(let node) in children where node.kind == kind { return node }
    return nil
  }

  package static func == (lhs: SyntaxNode, rhs: SyntaxNode) -> Bool { lhs.arena === rhs.arena && lhs.index == rhs.index }

  package func hash(into hasher: inout Hasher) {
    hasher.combine(ObjectIdentifier(arena))
    hasher.combine(index)
  }
}

/// The children of a node, in order, without copying them out of the arena.
package struct SyntaxChildren: RandomAccessCollection, Sendable {
  @usableFromInline let arena: SyntaxArena
  @usableFromInline let start: Int
  package let count: Int

  @usableFromInline init(arena: SyntaxArena, start: Int, count: Int) {
    self.arena = arena
    self.start = start
    self.count = count
  }

  @inlinable package var startIndex: Int { 0 }
  @inlinable package var endIndex: Int { count }

  @inlinable package subscript(position: Int) -> SyntaxElement {
    let reference = arena.children[start + position]
    if reference & SyntaxArena.nodeFlag != 0 {
      return .node(SyntaxNode(arena: arena, index: Int(reference & ~SyntaxArena.nodeFlag)))
    }
    return .token(reference)
  }

  // `for … in children`, `first` and `last` read the arena directly. With the collection protocols' defaults, the
  // other modules reached each element through a generic accessor that allocated (about 30 M instructions of the
  // 1 MiB atlas.hcl analysis).

  @inlinable package func makeIterator() -> Iterator { Iterator(children: self) }

  @inlinable package var first: SyntaxElement? { count > 0 ? self[0] : nil }

  @inlinable package var last: SyntaxElement? { count > 0 ? self[count - 1] : nil }

  package struct Iterator: IteratorProtocol {
    @usableFromInline let children: SyntaxChildren
    @usableFromInline var position = 0

    @usableFromInline init(children: SyntaxChildren) { self.children = children }

    @inlinable package mutating func next() -> SyntaxElement? {
      guard position < children.count else { return nil }
      defer { position += 1 }
      return children[position]
    }
  }
}

/// The child nodes of a node, in order (tokens skipped), read straight from the arena.
package struct SyntaxChildNodes: Sequence, Sendable {
  @usableFromInline let children: SyntaxChildren

  @usableFromInline init(children: SyntaxChildren) { self.children = children }

  package struct Iterator: IteratorProtocol {
    @usableFromInline let children: SyntaxChildren
    @usableFromInline var position = 0

    @usableFromInline init(children: SyntaxChildren) { self.children = children }

    @inlinable package mutating func next() -> SyntaxNode? {
      while position < children.count {
        defer { position += 1 }
        if case .node(let node) = children[position] { return node }
      }
      return nil
    }
  }

  @inlinable package func makeIterator() -> Iterator { Iterator(children: children) }
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

  /// The tokens of a node in order (trivia included). Iterative, since trees can be as deep as files are long.
  package func tokenIndices(in node: SyntaxNode) -> [Int] {
    var result: [Int] = []
    var stack: [(node: SyntaxNode, next: Int)] = [(node, 0)]
    while let (current, next) = stack.popLast() {
      guard next < current.children.count else { continue }
      stack.append((current, next + 1))
      switch current.children[next] {
      case .node(let child): stack.append((child, 0))
      case .token(let index): result.append(Int(index))
      }
    }
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

  /// Text as dumps quote it: newlines, tabs, quotes and backslashes escaped, everything else as it is.
  package static func escapedForDump(_ text: String) -> String {
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

  /// An indented dump in the style `Kind@start..end` / `TokenKind@start..end "text"`, with diagnostics after it.
  /// Whitespace tokens are left out to keep dumps readable; comments and newlines stay.
  package func dump(includeTrivia: Bool = false) -> String {
    var out = ""
    var stack: [(node: SyntaxNode, next: Int)] = [(root, 0)]
    out += "\(root.kind.name)@\(root.range)\n"
    while let (current, next) = stack.popLast() {
      guard next < current.children.count else { continue }
      stack.append((current, next + 1))
      let indent = String(repeating: "  ", count: stack.count)
      switch current.children[next] {
      case .node(let child):
        out += indent + "\(child.kind.name)@\(child.range)\n"
        stack.append((child, 0))
      case .token(let index):
        let token = tokens[Int(index)]
        if token.kind == .whitespace && !includeTrivia { continue }
        out += indent + "\(token.kind.name)@\(token.range) \"\(Self.escapedForDump(text(of: token)))\"\n"
      }
    }
    for diagnostic in diagnostics {
      out += "\(diagnostic.severity.rawValue)[\(diagnostic.code)]@\(diagnostic.subject): \(diagnostic.summary)\n"
    }
    return out
  }
}
