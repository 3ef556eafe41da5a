// Semantic tokens from the syntax alone: what each word, literal, operator and comment is, one line at a time.
package import HCLSyntax

/// A classified run of text on one line (never including a line break).
package struct SemanticToken: Hashable, Sendable {
  package var range: TextRange
  package var type: SemanticTokenType
  package var modifiers: SemanticTokenModifiers

  package init(range: TextRange, type: SemanticTokenType, modifiers: SemanticTokenModifiers = []) {
    self.range = range
    self.type = type
    self.modifiers = modifiers
  }
}

/// Token types, all from the LSP's standard set; the raw value is the index in the legend the server announces.
package enum SemanticTokenType: UInt32, CaseIterable, Sendable {
  /// A block's type: `env`, `locals`, `data`, `variable`.
  case type
  /// A block's labels: `"local"`, `"aws_rds_token"`.
  case `class`
  /// Attribute names, object keys written as bare words and attribute access steps (`.url`).
  case property
  /// Reference roots (`var`, `local`, …) and the names a `for` declares.
  case variable
  /// Function names in calls.
  case function
  /// `true`, `false`, `null`, `for`/`in`/`if` of for expressions and template directives, heredoc markers.
  case keyword
  case comment
  case string
  case number
  /// Operators, `=`, `?`/`:`, `=>`, `...`, splat stars and the `${`/`%{`/`}` of template sequences.
  case `operator`

  /// The name the LSP specification gives the type.
  package var name: String {
    switch self {
    case .type: "type"
    case .class: "class"
    case .property: "property"
    case .variable: "variable"
    case .function: "function"
    case .keyword: "keyword"
    case .comment: "comment"
    case .string: "string"
    case .number: "number"
    case .operator: "operator"
    }
  }
}

/// Token modifiers, all from the LSP's standard set; bit `n` is the `n`th name of `allNames`.
package struct SemanticTokenModifiers: OptionSet, Hashable, Sendable {
  package let rawValue: UInt32
  package init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Where a name is defined: attribute names and the names a `for` declares.
  package static let declaration = SemanticTokenModifiers(rawValue: 1 << 0)
  /// Names that cannot be assigned: the reference roots Atlas provides.
  package static let readonly = SemanticTokenModifiers(rawValue: 1 << 1)
  /// Built in: every function (HCL has no user functions) and the reference roots Atlas provides.
  package static let defaultLibrary = SemanticTokenModifiers(rawValue: 1 << 2)

  /// The LSP names of the modifiers, in bit order.
  package static var allNames: [String] { ["declaration", "readonly", "defaultLibrary"] }
}

package enum SemanticTokens {
  /// The tokens of the file (or of those overlapping `range`), sorted, non-overlapping, each on one line. Adjacent
  /// pieces of the same classification are merged, so `"abc"` is one string token.
  package static func compute(_ file: ParsedFile, in range: TextRange? = nil) -> [SemanticToken] {
    var emitter = Emitter(source: file.source, tokens: file.tokens, limit: range)
    emitter.walk(file.root)
    return emitter.result
  }
}

// MARK: - Classification

private struct Emitter {
  let source: [UInt8]
  let tokens: [Token]
  let limit: TextRange?
  var result: [SemanticToken] = []

  init(source: [UInt8], tokens: [Token], limit: TextRange?) {
    self.source = source
    self.tokens = tokens
    self.limit = limit
    result.reserveCapacity(tokens.count / 3)
  }

  /// Whether a node can hold tokens inside the requested range (its leading trivia belongs to its parent).
  func overlapsLimit(_ range: TextRange) -> Bool {
    guard let limit else { return true }
    return range.start < limit.end && range.end > limit.start || (range.isEmpty && limit.contains(range.start))
  }

  mutating func walk(_ root: SyntaxNode) {
    // Each frame: a node, the next child, and what the node has seen so far (for positional roles).
    var stack: [Frame] = [Frame(children: root.children, kind: root.kind)]
    stack.reserveCapacity(64)
    while !stack.isEmpty {
      let top = stack.count - 1
      let next = stack[top].next
      guard next < stack[top].children.count else {
        stack.removeLast()
        continue
      }
      stack[top].next = next + 1
      switch stack[top].children[next] {
      case .node(let child):
        if overlapsLimit(child.range) { stack.append(Frame(children: child.children, kind: child.kind)) }
      case .token(let index):
        let token = tokens[Int(index)]
        if let limit, token.end <= limit.start || token.start >= limit.end { continue }
        let grandparent = top > 0 ? stack[top - 1].kind : nil
        stack[top].state = classify(token, in: stack[top].kind, under: grandparent, state: stack[top].state)
      }
    }
  }

  /// A node being walked: its children, the next one to visit, and what it has seen so far (for positional roles).
  struct Frame {
    let children: SyntaxChildren
    let kind: SyntaxKind
    var next = 0
    var state = 0
  }

  /// Emits a token's classification given its parent, and returns the parent's new state. The state counts the
  /// significant tokens seen (identifiers mostly), for roles that depend on position.
  mutating func classify(_ token: Token, in kind: SyntaxKind, under grandparent: SyntaxKind?, state: Int) -> Int {
    switch token.kind {
    case .whitespace, .newline, .eof:
      return state
    case .comment:
      emitLines(token.range, .comment, [])
      return state
    case .numberLit:
      emit(token.range, .number, [])
      return state
    case .oQuote, .cQuote, .quotedLit:
      emit(token.range, kind == .blockLabel ? .class : .string, [])
      return state
    case .stringLit:
      emitLines(token.range, .string, [])
      return state
    case .oHeredoc:
      emitLines(trimmed(token.range), .keyword, [])
      return state
    case .cHeredoc:
      var start = token.start
      while start < token.end, source[start] == UInt8(ascii: " ") || source[start] == UInt8(ascii: "\t") { start += 1 }
      emit(TextRange(start: start, end: token.end), .keyword, [])
      return state
    case .templateInterp, .templateControl, .templateSeqEnd:
      emit(token.range, .operator, [])
      return state
    case .plus, .minus, .star, .slash, .percent, .equalOp, .notEqual, .lessThan, .lessThanEq, .greaterThan,
      .greaterThanEq, .and, .or, .bang, .equal, .question, .fatArrow, .ellipsis:
      emit(token.range, .operator, [])
      return state
    case .colon:
      if kind == .conditional || kind == .objectItem || kind == .forExpression || kind == .forIntro {
        emit(token.range, .operator, [])
      }
      return state
    case .ident:
      return classifyIdentifier(token, in: kind, under: grandparent, state: state)
    default:
      return state
    }
  }

  mutating func classifyIdentifier(_ token: Token, in kind: SyntaxKind, under grandparent: SyntaxKind?, state: Int)
    -> Int
  {
    switch kind {
    case .block:
      // The first identifier is the type; later bare identifiers are labels.
      if state == 0 { emit(token.range, .type, []) } else { emit(token.range, .class, []) }
    case .blockLabel:
      emit(token.range, .class, [])
    case .attribute:
      if state == 0 { emit(token.range, .property, .declaration) }
    case .variable:
      if grandparent == .objectKey {
        emit(token.range, .property, [])
      } else if isKnownRoot(token) {
        emit(token.range, .variable, [.readonly, .defaultLibrary])
      } else {
        emit(token.range, .variable, [])
      }
    case .getAttribute:
      emit(token.range, .property, [])
    case .functionCall:
      emit(token.range, .function, .defaultLibrary)
    case .literal:
      emit(token.range, .keyword, [])
    case .forIntro, .templateDirective:
      // `for`, then names up to `in`; `if`, `else`, `endif`, `endfor` alone. A directive's expression is a node.
      if state == 0 || matches(token, "in") {
        emit(token.range, .keyword, [])
      } else {
        emit(token.range, .variable, .declaration)
      }
    case .forCondition:
      emit(token.range, .keyword, [])
    default:
      break
    }
    return state + 1
  }

  /// `local`, `var`, `data`, `each`, `atlas`: the roots Atlas puts in scope.
  func isKnownRoot(_ token: Token) -> Bool {
    matches(token, "local") || matches(token, "var") || matches(token, "data") || matches(token, "each") || matches(token, "atlas")
  }

  func matches(_ token: Token, _ word: StaticString) -> Bool {
    guard token.length == word.utf8CodeUnitCount else { return false }
    return word.withUTF8Buffer { buffer in
      for k in 0..<buffer.count where source[token.start + k] != buffer[k] { return false }
      return true
    }
  }

  func trimmed(_ range: TextRange) -> TextRange {
    var end = range.end
    while end > range.start, source[end - 1] == UInt8(ascii: "\n") || source[end - 1] == UInt8(ascii: "\r") {
      end -= 1
    }
    return TextRange(start: range.start, end: end)
  }

  // MARK: - Output

  /// Adds a single-line range, merging it into the previous token when they touch and agree.
  mutating func emit(_ range: TextRange, _ type: SemanticTokenType, _ modifiers: SemanticTokenModifiers) {
    guard range.end > range.start else { return }
    if let limit, range.end <= limit.start || range.start >= limit.end { return }
    if let last = result.last, last.range.end == range.start, last.type == type, last.modifiers == modifiers {
      result[result.count - 1].range.end = range.end
      return
    }
    result.append(SemanticToken(range: range, type: type, modifiers: modifiers))
  }

  /// Adds a range that may span lines, one piece per line, line breaks left out.
  mutating func emitLines(_ range: TextRange, _ type: SemanticTokenType, _ modifiers: SemanticTokenModifiers) {
    var start = range.start
    var i = range.start
    while i < range.end {
      let byte = source[i]
      if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
        emit(TextRange(start: start, end: i), type, modifiers)
        start = i + 1
      }
      i += 1
    }
    emit(TextRange(start: start, end: range.end), type, modifiers)
  }
}
