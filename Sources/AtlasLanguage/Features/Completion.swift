// Completion at a position of an atlas.hcl: what can be typed there, as plain items with UTF-8 ranges. Works on text
// being typed: the place is read from the tokens around the position (which the lexer gives even for broken code)
// and from `CursorContext` (which the recovering parser gives), never from a finished tree alone.
package import HCLSyntax

/// What the caller knows that the file does not.
package struct CompletionOptions: Sendable {
  /// Whether items may be snippets with tab stops (`${1:name}`); plain text otherwise.
  package var snippets: Bool
  /// The AWS profile names of the user's shared config and credentials files (read by the caller: no I/O here).
  package var awsProfiles: [String]
  /// The character that triggered the request, when one did (`.`, `"`, …): some only make sense in some places.
  package var triggerCharacter: String?

  package init(snippets: Bool = true, awsProfiles: [String] = [], triggerCharacter: String? = nil) {
    self.snippets = snippets
    self.awsProfiles = awsProfiles
    self.triggerCharacter = triggerCharacter
  }
}

package enum CompletionKind: Sendable, Hashable {
  case block, attribute, dataSource, label, enumValue, keyword, namespace, reference, function, type
  case region, profile, urlScheme, urlParameter, urlValue
}

/// Documentation of an item: written out, or a topic looked up when the editor asks (`Completion.documentation`).
package enum CompletionDocumentation: Sendable, Hashable {
  case markdown(String)
  case topic(DocumentationTopic)
}

package struct CompletionItem: Sendable, Hashable {
  package var label: String
  package var kind: CompletionKind
  /// Shown right after the label, e.g. a function's parameters `(url string, key string)`.
  package var labelDetail: String?
  /// Shown apart from the label, e.g. a type, a region's name or a local's value.
  package var labelDescription: String?
  /// One line about the item, e.g. a signature.
  package var detail: String?
  package var documentation: CompletionDocumentation?
  /// The text that replaces the list's range: snippet syntax when the options allowed snippets.
  package var text: String
  /// What the editor filters on when it is not the label (e.g. a quoted label).
  package var filterText: String?
  package var sortText: String
  package var deprecated: Bool = false
  package var preselect: Bool = false
  /// Whether completion should be asked again after inserting (after `local.`, `scheme://`, `sslmode=`).
  package var retrigger: Bool = false
}

package struct CompletionList: Sendable {
  package var items: [CompletionItem]
  /// From the start of what is being completed to the position: the text an insertion keeps after it.
  package var insertRange: TextRange
  /// The whole word or value being completed, also after the position: what a replacement overwrites.
  package var replaceRange: TextRange
  /// Whether items were left out (too many to send): the editor must ask again as more is typed.
  package var isIncomplete = false

  package static func empty(at offset: Int) -> CompletionList {
    CompletionList(items: [], insertRange: .empty(at: offset), replaceRange: .empty(at: offset))
  }
}

package enum Completion {
  /// The items for a position. Never fails: a place where nothing fits gives no items.
  package static func complete(_ analysis: AtlasAnalysis, at offset: Int, options: CompletionOptions = CompletionOptions())
    -> CompletionList
  {
    let file = analysis.file
    let offset = min(max(offset, 0), file.source.count)
    var builder = CompletionBuilder(analysis: analysis, offset: offset, options: options)
    builder.build()
    var list = builder.list
    if list.items.count > maximumItems { list = limited(list, typed: file.text(in: list.insertRange)) }
    return list
  }

  /// More items than an editor can usefully show (a file with thousands of locals): past it, only the items that
  /// match what is typed so far, best first, and the list says it is incomplete so that the editor asks again.
  package static let maximumItems = 1000

  static func limited(_ list: CompletionList, typed: String) -> CompletionList {
    var limited = list
    let typed = Array(typed.lowercased().unicodeScalars)
    limited.items = list.items.filter { item in
      // The typed characters in order, as editors filter (`lurl` finds `local.url`).
      var next = 0
      for scalar in (item.filterText ?? item.label).lowercased().unicodeScalars where next < typed.count {
        if scalar == typed[next] { next += 1 }
      }
      return next == typed.count
    }.sorted { $0.sortText < $1.sortText }.prefix(maximumItems).map { $0 }
    limited.isIncomplete = true
    return limited
  }
}

extension Completion {
  /// Whether completion at the position may offer AWS profile names (inside an `aws_rds_token`), so that the caller
  /// reads the user's AWS files only then.
  package static func wantsAWSProfiles(_ analysis: AtlasAnalysis, at offset: Int) -> Bool {
    CursorContext(analysis, offset: min(max(offset, 0), analysis.file.source.count)).innermost?.dataSource?.type
      == "aws_rds_token"
  }
}

/// Reads the place of the position and collects the items for it.
struct CompletionBuilder {
  let analysis: AtlasAnalysis
  let file: ParsedFile
  let source: [UInt8]
  let offset: Int
  let options: CompletionOptions
  let context: CursorContext
  var list: CompletionList
  /// What descriptions of references must not show (made only when a value is described).
  let secrets: LazySecretFilter

  init(analysis: AtlasAnalysis, offset: Int, options: CompletionOptions) {
    self.analysis = analysis
    self.file = analysis.file
    self.source = analysis.file.source
    self.offset = offset
    self.options = options
    self.context = CursorContext(analysis, offset: offset)
    self.list = .empty(at: offset)
    self.secrets = LazySecretFilter(analysis)
  }

  /// Whether the file's lines end with CRLF (judged by its first line break).
  var usesCRLF: Bool {
    guard let newline = source.firstIndex(of: UInt8(ascii: "\n")) else { return false }
    return newline > 0 && source[newline - 1] == UInt8(ascii: "\r")
  }

  // MARK: Where the position is

  /// The token that ends at the position or holds it (the one the user has just typed into); nil at the start.
  /// Not `ParsedFile.tokenIndex(at:)`: at a boundary that one prefers the following token when it is no filler (a
  /// `}` or `"`), and completion after `${local.` must read the `.`, not the `}` after it.
  var tokenBefore: (index: Int, token: Token)? {
    let tokens = file.tokens
    var low = 0
    var high = tokens.count
    // The first token whose end reaches the position.
    while low < high {
      let mid = (low + high) / 2
      if tokens[mid].end < offset { low = mid + 1 } else { high = mid }
    }
    var index = low
    while index < tokens.count, tokens[index].length == 0 { index += 1 }
    guard index < tokens.count, tokens[index].start < offset else {
      // The position is at a token's start: the one before it ends here.
      guard low > 0 else { return nil }
      var previous = low - 1
      while previous > 0, tokens[previous].length == 0 { previous -= 1 }
      return tokens[previous].end <= offset && tokens[previous].length > 0 ? (previous, tokens[previous]) : nil
    }
    return (index, tokens[index])
  }

  mutating func build() {
    let before = tokenBefore
    if let before, before.token.kind == .comment, offset < before.token.end { return }
    if let before, let string = stringStart(from: before.index) {
      completeInString(opening: string)
      return
    }
    completeOutsideStrings()
  }

  /// When the position is in the literal text of a quoted string or heredoc: the index of its opening token. Walks
  /// back over the string's parts, stepping over whole interpolations, to the opening quote.
  func stringStart(from index: Int) -> Int? {
    let tokens = file.tokens
    switch tokens[index].kind {
    case .oQuote, .oHeredoc:
      // Right after the opening quote, or inside it when the position is at its end.
      return offset >= tokens[index].end ? index : nil
    case .quotedLit, .stringLit, .templateSeqEnd, .quotedNewline:
      if tokens[index].kind == .quotedNewline, offset > tokens[index].start { return nil }
      break
    default:
      return nil
    }
    var depth = 0
    var current = index
    while current >= 0 {
      switch tokens[current].kind {
      case .templateSeqEnd: depth += 1
      case .templateInterp, .templateControl:
        if depth > 0 { depth -= 1 } else { return nil }
      case .oQuote, .oHeredoc:
        if depth == 0 { return current }
      case .cQuote where depth == 0 && current != index:
        return nil
      default: break
      }
      current -= 1
    }
    return nil
  }

  /// The identifier-like text around the position: letters, digits, `_` and `-` (HCL identifiers allow dashes).
  func word(around offset: Int) -> TextRange {
    var start = offset
    while start > 0, Self.isIdentifierByte(source[start - 1]) { start -= 1 }
    var end = offset
    while end < source.count, Self.isIdentifierByte(source[end]) { end += 1 }
    return TextRange(start: start, end: end)
  }

  static func isIdentifierByte(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
      || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte >= 0x80
  }

  /// The start of the line holding `offset`.
  func lineStart(of offset: Int) -> Int {
    var start = offset
    while start > 0, source[start - 1] != UInt8(ascii: "\n"), source[start - 1] != UInt8(ascii: "\r") { start -= 1 }
    return start
  }

  /// The spaces and tabs that start the line holding `offset`: what inserted lines are indented by.
  func indentation(of offset: Int) -> String {
    var end = lineStart(of: offset)
    var text = ""
    while end < source.count, source[end] == UInt8(ascii: " ") || source[end] == UInt8(ascii: "\t") {
      text.unicodeScalars.append(Unicode.Scalar(source[end]))
      end += 1
    }
    return text
  }

  func text(_ range: TextRange) -> String { file.text(in: range) }

  func isBlank(_ range: TextRange) -> Bool {
    guard range.start < range.end else { return true }
    for byte in source[max(range.start, 0)..<min(range.end, source.count)]
    where byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") {
      return false
    }
    return true
  }

  // MARK: Outside strings

  mutating func completeOutsideStrings() {
    let word = word(around: offset)
    list.insertRange = TextRange(start: word.start, end: offset)
    list.replaceRange = word
    if word.start < source.count, word.start < word.end, source[word.start] >= 0x30, source[word.start] <= 0x39 {
      return  // a number
    }
    // Characters that trigger completion only inside strings (URL parts) or after a dot.
    if let trigger = options.triggerCharacter, trigger != "." {
      return
    }
    // After `name.` (possibly `a.b.`): a reference step.
    if word.start > 0, source[word.start - 1] == UInt8(ascii: ".") {
      if let path = traversal(endingBefore: word.start - 1) { completeReferenceStep(path) }
      return
    }
    if options.triggerCharacter == "." { return }

    let lineStart = lineStart(of: word.start)
    // `data ` at the top level, labels not written yet: a data source's whole header and body.
    if text(TextRange(start: lineStart, end: word.start)).trimmingBlanks == "data",
      context.blocks.isEmpty || (context.blocks.count == 1 && context.innermost?.view.type == "data"
        && context.innermost?.view.labels.isEmpty == true && context.innermost?.view.body == nil)
    {
      completeDataSourceHeaders(indent: indentation(of: word.start))
      return
    }
    switch context.place {
    case .blockLabel:
      return
    case .blockType:
      // On the type word of a block that has a header already: another type (nothing past the word, where the
      // labels go).
      guard let block = context.innermost, block.view.typeRange.start <= offset, offset <= block.view.typeRange.end
      else { return }
      completeBlockTypes(parent: context.blocks.dropLast().last, replacingExisting: block.view)
      return
    case .attributeValue(let attribute):
      completeValue(of: attribute.name, schema: context.attributeSchema, node: attribute, word: word)
      return
    case .attributeName, .body:
      // A body line whose text before the word holds `name =`: the recovering parser may not have made an
      // attribute of it yet.
      let start = bodyStart(onLineOf: word.start)
      let before = TextRange(start: max(lineStart, start), end: word.start)
      if isBlank(before) {
        // On a block's header line, after its `{`: a new item belongs on a line of its own.
        if start > lineStart { return }
        // On the name of an attribute that has its `=` already: the name alone is replaced.
        var namesOnly = false
        if case .attributeName(let attribute) = context.place {
          namesOnly = file.directToken(.equal, of: attribute.node) != nil
        }
        completeBodyItems(word: word, namesOnly: namesOnly)
      } else if let name = assignedName(in: before) {
        let schema = context.innermost.flatMap { $0.schema?.attribute(name) }
        completeValue(of: name, schema: schema, node: nil, word: word)
      }
    }
  }

  /// Where the innermost body's items may start on the line of `offset`: after its `{` when that is on the line.
  func bodyStart(onLineOf offset: Int) -> Int {
    guard let block = context.innermost, block.inBody,
      let open = file.directToken(.oBrace, of: block.view.node), open.end <= offset,
      open.end >= lineStart(of: offset)
    else { return lineStart(of: offset) }
    return open.end
  }

  /// `name` for a text `name =` (blanks around), else nil.
  func assignedName(in range: TextRange) -> String? {
    let text = text(range)
    guard let equals = text.firstIndex(of: "="), text[text.index(after: equals)...].allSatisfy({ $0 == " " || $0 == "\t" })
    else { return nil }
    let name = text[..<equals].trimmingBlanks
    guard !name.isEmpty, name.utf8.allSatisfy(Self.isIdentifierByte) else { return nil }
    return String(name)
  }

  /// The names of a traversal written just before `dot` (`data.aws_rds_token` for `data.aws_rds_token.`): nil when
  /// it is not a plain chain of names.
  func traversal(endingBefore dot: Int) -> [String]? {
    var names: [String] = []
    var end = dot
    while true {
      var start = end
      while start > 0, Self.isIdentifierByte(source[start - 1]) { start -= 1 }
      guard start < end else { return nil }
      names.append(text(TextRange(start: start, end: end)))
      if start > 0, source[start - 1] == UInt8(ascii: ".") {
        end = start - 1
        continue
      }
      break
    }
    return names.reversed()
  }

  // MARK: Adding items

  /// Adds an item; `group` orders kinds (lower first), items keep their order of addition within a group.
  mutating func add(
    _ label: String, _ kind: CompletionKind, text: SnippetText? = nil, group: Int, labelDetail: String? = nil,
    description: String? = nil, detail: String? = nil, documentation: CompletionDocumentation? = nil,
    filterText: String? = nil, deprecated: Bool = false, preselect: Bool = false, retrigger: Bool = false
  ) {
    let snippet = text ?? SnippetText(label)
    var rendered = snippet.rendered(snippets: options.snippets)
    // Inserted lines end as the file's lines do.
    if usesCRLF, rendered.contains("\n") {
      rendered = rendered.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
    }
    let index = list.items.count
    list.items.append(
      CompletionItem(
        label: label, kind: kind, labelDetail: labelDetail, labelDescription: description, detail: detail,
        documentation: documentation, text: rendered, filterText: filterText,
        sortText: Self.sortText(group: group, index: index), deprecated: deprecated, preselect: preselect,
        retrigger: retrigger))
  }

  static func sortText(group: Int, index: Int) -> String {
    let digits = String(index)
    return "\(group)" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}

extension StringProtocol {
  /// The text without spaces and tabs at either end.
  var trimmingBlanks: SubSequence {
    var start = startIndex
    var end = endIndex
    while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
    while end > start, self[index(before: end)] == " " || self[index(before: end)] == "\t" { end = index(before: end) }
    return self[start..<end]
  }
}
