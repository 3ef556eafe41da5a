// The syntax features over an in-process server: document symbols, folding, selection ranges, semantic tokens (full,
// delta, range), formatting, range formatting and linked editing, in UTF-16 and UTF-8, on text with emoji, CJK,
// combining marks, tabs and CRLF, and on broken code.
import AtlasLanguage
import HCLSyntax
import Testing
@testable import LanguageServer

/// The two encodings a client can negotiate, and the capabilities that select them.
enum Encoding: String, CaseIterable, CustomStringConvertible {
  case utf16, utf8

  var description: String { rawValue }

  var capabilities: JSONValue {
    switch self {
    case .utf16: ["general": ["positionEncodings": ["utf-16"]]]
    case .utf8: ["general": ["positionEncodings": ["utf-8"]]]
    }
  }
}

/// Text with everything that makes columns differ between encodings: emoji (two UTF-16 units, four bytes), CJK (one
/// unit, three bytes), a combining mark, tabs, and CRLF line breaks.
let unicodeText = [
  "# 😀 first comment",  // 0
  "# second comment",  // 1
  "env \"😀中\" {",  // 2
  "\turl = \"e\u{301}😀\" # note",  // 3
  "\tdev = <<EOT",  // 4
  "  x 中",  // 5
  "EOT",  // 6
  "\tlist = [",  // 7
  "\t\t1,",  // 8
  "\t\"😀\"]",  // 9
  "\tm = { 中 = true, k = null }",  // 10
  "}",  // 11
  "",
].joined(separator: "\r\n")

let brokenText = "env \"dev\" {\n  url = \n  migration {\n    dir = \"file://\n  }\n  schemas = [\"public\",\ndata \"sql\" {\n  query = upper(\n}\nenv \"unclosed\n"

/// Opens a client with the encoding and one document.
func openClient(_ encoding: Encoding, _ text: String, uri: String = "file:///atlas.hcl", capabilities: JSONValue? = nil)
  async throws -> TestClient
{
  let client = TestClient()
  var caps = encoding.capabilities
  if case .object(var object) = caps, let extra = capabilities?.objectValue {
    for (key, value) in extra { object[key] = value }
    caps = .object(object)
  }
  try await client.initialize(capabilities: caps)
  client.open(uri, text)
  return client
}

extension TestClient {
  func result(_ method: String, _ params: JSONValue) async throws -> JSONValue {
    let response = try await request(method, params)
    #expect(response["error"] == nil, "\(method): \(response.serializedString)")
    return response["result"] ?? .null
  }
}

func docParams(_ uri: String = "file:///atlas.hcl", extra: [String: JSONValue] = [:]) -> JSONValue {
  var object = extra
  object["textDocument"] = ["uri": .string(uri)]
  return .object(object)
}

func positionJSON(_ line: Int, _ character: Int) -> JSONValue { ["line": .int(line), "character": .int(character)] }

// MARK: - Independent position arithmetic (not the server's converter)

/// The lines of a text, split at `\r\n`, `\n` and `\r`, as the LSP counts them.
func lspLines(_ text: String) -> [String] {
  var lines: [String] = []
  var current = ""
  var iterator = text.unicodeScalars.makeIterator()
  var pending: Unicode.Scalar? = nil
  while let scalar = pending ?? iterator.next() {
    pending = nil
    if scalar == "\n" {
      lines.append(current)
      current = ""
    } else if scalar == "\r" {
      lines.append(current)
      current = ""
      if let next = iterator.next(), next != "\n" { pending = next }
    } else {
      current.unicodeScalars.append(scalar)
    }
  }
  lines.append(current)
  return lines
}

/// The UTF-8 offset of a column in a line, counting the column in the encoding's units.
func byteColumn(_ line: String, _ column: Int, _ encoding: Encoding) -> Int {
  var units = 0
  var bytes = 0
  for scalar in line.unicodeScalars {
    if units >= column { break }
    units += encoding == .utf16 ? UTF16.width(scalar) : UTF8.width(scalar)
    bytes += UTF8.width(scalar)
  }
  return bytes
}

/// The text of one line between two columns in the encoding's units.
func slice(_ text: String, line: Int, from: Int, to: Int, _ encoding: Encoding) -> String {
  let lines = lspLines(text)
  guard line < lines.count else { return "<no line \(line)>" }
  let bytes = Array(lines[line].utf8)
  let start = byteColumn(lines[line], from, encoding)
  let end = byteColumn(lines[line], to, encoding)
  return String(decoding: bytes[min(start, bytes.count)..<min(end, bytes.count)], as: UTF8.self)
}

/// The UTF-8 offset in the whole text of an LSP position.
func textOffset(_ text: String, _ position: JSONValue, _ encoding: Encoding) -> Int {
  let bytes = Array(text.utf8)
  var lineStarts = [0]
  var i = 0
  while i < bytes.count {
    if bytes[i] == 0x0A {
      lineStarts.append(i + 1)
    } else if bytes[i] == 0x0D {
      if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
      lineStarts.append(i + 1)
    }
    i += 1
  }
  let line = position["line"]?.intValue ?? 0
  let column = position["character"]?.intValue ?? 0
  return lineStarts[line] + byteColumn(lspLines(text)[line], column, encoding)
}

/// Applies LSP text edits (non-overlapping, positions in the original text) to a text.
func applyEdits(_ text: String, _ edits: [JSONValue], _ encoding: Encoding) -> String {
  var bytes = Array(text.utf8)
  let resolved = edits.map { edit -> (Int, Int, String) in
    let range = edit["range"] ?? .null
    return (
      textOffset(text, range["start"] ?? .null, encoding), textOffset(text, range["end"] ?? .null, encoding),
      edit["newText"]?.stringValue ?? ""
    )
  }
  for (start, end, newText) in resolved.sorted(by: { $0.0 > $1.0 }) {
    bytes.replaceSubrange(start..<end, with: Array(newText.utf8))
  }
  return String(decoding: bytes, as: UTF8.self)
}

/// The text an LSP range covers.
func rangeText(_ text: String, _ range: JSONValue?, _ encoding: Encoding) -> String {
  let bytes = Array(text.utf8)
  let start = textOffset(text, range?["start"] ?? .null, encoding)
  let end = textOffset(text, range?["end"] ?? .null, encoding)
  return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
}

/// Semantic token data decoded to absolute (line, start, length, type, modifiers).
func decodeTokens(_ data: [JSONValue]) -> [(line: Int, start: Int, length: Int, type: Int, modifiers: Int)] {
  let ints = data.compactMap(\.intValue)
  var result: [(Int, Int, Int, Int, Int)] = []
  var line = 0
  var start = 0
  var k = 0
  while k + 4 < ints.count {
    line += ints[k]
    start = ints[k] == 0 ? start + ints[k + 1] : ints[k + 1]
    result.append((line, start, ints[k + 2], ints[k + 3], ints[k + 4]))
    k += 5
  }
  return result
}

/// The tokens AtlasLanguage finds, as (text, type name, modifier bits): what the decoded LSP data must show.
func expectedTokens(_ text: String, in range: TextRange? = nil) -> [String] {
  let file = Parser.parseConfig(text)
  return SemanticTokens.compute(file, in: range).map {
    "\(String(decoding: file.source[$0.range.start..<$0.range.end], as: UTF8.self)) \($0.type.name) \($0.modifiers.rawValue)"
  }
}

func lspTokens(_ text: String, _ data: [JSONValue], _ encoding: Encoding) -> [String] {
  decodeTokens(data).map {
    "\(slice(text, line: $0.line, from: $0.start, to: $0.start + $0.length, encoding)) "
      + "\(SemanticTokenType.allCases[$0.type].name) \($0.modifiers)"
  }
}

// MARK: - Tests

@Suite struct DocumentSymbolTests {
  @Test(arguments: Encoding.allCases) func hierarchicalSymbols(encoding: Encoding) async throws {
    let client = try await openClient(encoding, unicodeText)
    let symbols = try #require(try await client.result("textDocument/documentSymbol", docParams()).arrayValue)
    #expect(symbols.count == 1)
    let env = try #require(symbols.first)
    #expect(env["name"] == "env \"😀中\"")
    #expect(env["kind"] == 3)
    // The selection range ends after the label: 😀 is 2 UTF-16 units or 4 bytes, 中 1 unit or 3 bytes.
    #expect(env["selectionRange"] == rangeJSON(2, 0, 2, encoding == .utf16 ? 9 : 13))
    #expect(env["range"] == rangeJSON(2, 0, 11, 1))
    let children = try #require(env["children"]?.arrayValue)
    #expect(children.map { $0["name"]?.stringValue ?? "" } == ["url", "dev", "list", "m"])
    #expect(children.map { $0["kind"]?.intValue ?? 0 } == [15, 15, 18, 19])
    for child in children {
      // Every selection range is the name, in the negotiated encoding.
      #expect(rangeText(unicodeText, child["selectionRange"], encoding) == child["name"]?.stringValue)
    }
    let url = try #require(children.first)
    #expect(rangeText(unicodeText, url["range"], encoding) == "url = \"e\u{301}😀\"")
    let items = try #require(children.last?["children"]?.arrayValue)
    #expect(items.map { $0["name"]?.stringValue ?? "" } == ["中", "k"])
    #expect(items.map { $0["kind"]?.intValue ?? 0 } == [17, 21])
    #expect(items.first?["selectionRange"] == rangeJSON(10, 7, 10, encoding == .utf16 ? 8 : 10))
  }

  @Test func brokenCodeStillHasSymbols() async throws {
    let client = try await openClient(.utf16, brokenText)
    let symbols = try #require(try await client.result("textDocument/documentSymbol", docParams()).arrayValue)
    #expect(symbols.map { $0["name"]?.stringValue ?? "" }.prefix(2) == ["env \"dev\"", "data \"sql\""])
  }
}

@Suite struct FoldingRangeTests {
  @Test(arguments: Encoding.allCases) func foldsByLine(encoding: Encoding) async throws {
    let client = try await openClient(
      encoding, unicodeText, capabilities: ["textDocument": ["foldingRange": ["lineFoldingOnly": true]]])
    let folds = try #require(try await client.result("textDocument/foldingRange", docParams()).arrayValue)
    #expect(
      folds == [
        ["startLine": 0, "endLine": 1, "kind": "comment"],  // A comment run folds through its last line.
        ["startLine": 2, "endLine": 10, "kind": "region"],  // The block, to the line before `}`.
        ["startLine": 4, "endLine": 5, "kind": "region"],  // The heredoc, to the line before `EOT`.
        ["startLine": 7, "endLine": 8, "kind": "region"],  // The list, to the line before its `]`.
      ])
  }

  @Test(arguments: Encoding.allCases) func foldsToTheCloserByCharacter(encoding: Encoding) async throws {
    let client = try await openClient(encoding, unicodeText)
    let folds = try #require(try await client.result("textDocument/foldingRange", docParams()).arrayValue)
    #expect(
      folds == [
        ["startLine": 0, "endLine": 1, "kind": "comment"],
        ["startLine": 2, "endLine": 11, "endCharacter": 0, "kind": "region"],
        ["startLine": 4, "endLine": 5, "kind": "region"],
        // `\t"😀"]`: the `]` is at UTF-16 column 5, byte 7.
        ["startLine": 7, "endLine": 9, "endCharacter": .int(encoding == .utf16 ? 5 : 7), "kind": "region"],
      ])
  }

  @Test func brokenCodeFolds() async throws {
    let client = try await openClient(
      .utf16, brokenText, capabilities: ["textDocument": ["foldingRange": ["lineFoldingOnly": true]]])
    let folds = try #require(try await client.result("textDocument/foldingRange", docParams()).arrayValue)
    #expect(!folds.isEmpty)
    for fold in folds {
      #expect((fold["startLine"]?.intValue ?? 0) < (fold["endLine"]?.intValue ?? 0))
    }
  }
}

@Suite struct SelectionRangeTests {
  @Test(arguments: Encoding.allCases) func chainsPerPosition(encoding: Encoding) async throws {
    let client = try await openClient(encoding, unicodeText)
    // Inside the string after `é😀` (`\turl = "` is 8 units either way; then e, U+0301 and 😀 are 1+1+2 UTF-16 units or 1+2+4 bytes).
    let insideString = encoding == .utf16 ? 12 : 15
    let result = try #require(
      try await client.result(
        "textDocument/selectionRange",
        docParams(extra: ["positions": [positionJSON(3, 2), positionJSON(3, insideString), positionJSON(99, 0)]])
      ).arrayValue)
    #expect(result.count == 3)
    func chain(_ value: JSONValue) -> [String] {
      var texts: [String] = []
      var current: JSONValue? = value
      while let step = current {
        texts.append(rangeText(unicodeText, step["range"], encoding))
        current = step["parent"]
      }
      return texts
    }
    let first = chain(result[0])
    #expect(first.first == "url")
    #expect(first.contains("url = \"e\u{301}😀\""))
    #expect(first.last == unicodeText)
    let second = chain(result[1])
    #expect(second.prefix(2) == ["\"e\u{301}😀\"", "url = \"e\u{301}😀\""] || second.first == "e\u{301}😀")
    #expect(second.contains("\"e\u{301}😀\""))
    // A position past the end is clamped to the end of the text.
    #expect(chain(result[2]).last == unicodeText)
  }

  @Test func deepChainsAreCapped() async throws {
    let text = "a = " + Array(repeating: "1", count: 2_000).joined(separator: "+") + "\n"
    let client = try await openClient(.utf16, text)
    let result = try await client.result(
      "textDocument/selectionRange", docParams(extra: ["positions": [positionJSON(0, 5)]]))
    var depth = 0
    var current = result.arrayValue?.first
    var last: JSONValue? = nil
    while let step = current {
      depth += 1
      last = step["range"]
      current = step["parent"]
    }
    #expect(depth <= Server.maximumSelectionDepth)
    #expect(depth > 10)
    #expect(last == rangeJSON(0, 0, 1, 0))
  }

  @Test func brokenCode() async throws {
    let client = try await openClient(.utf8, brokenText)
    let result = try await client.result(
      "textDocument/selectionRange", docParams(extra: ["positions": [positionJSON(7, 12), positionJSON(9, 6)]]))
    #expect(result.arrayValue?.count == 2)
  }
}

@Suite struct SemanticTokenTests {
  @Test(arguments: Encoding.allCases) func fullTokensMatchTheFeature(encoding: Encoding) async throws {
    let client = try await openClient(encoding, unicodeText)
    let result = try await client.result("textDocument/semanticTokens/full", docParams())
    #expect(result["resultId"]?.stringValue != nil)
    let data = try #require(result["data"]?.arrayValue)
    #expect(data.count % 5 == 0)
    #expect(lspTokens(unicodeText, data, encoding) == expectedTokens(unicodeText))
    // A token after an emoji on its line: `中` in `\tm = { 中 = true…`, at UTF-16 column 7, byte 7, length 1 or 3.
    let decoded = decodeTokens(data)
    let cjk = try #require(decoded.first { $0.line == 10 && $0.start == 7 })
    #expect(cjk.length == (encoding == .utf16 ? 1 : 3))
    // The string after é😀: `"e\u{301}😀"` is 6 UTF-16 units or 9 bytes long.
    let string = try #require(decoded.first { $0.line == 3 && $0.type == Int(SemanticTokenType.string.rawValue) })
    #expect(string.length == (encoding == .utf16 ? 6 : 9))
  }

  @Test func legendIsAnnounced() async throws {
    let client = TestClient()
    let response = try await client.initialize()
    let provider = try #require(response["result"]?["capabilities"]?["semanticTokensProvider"])
    #expect(provider["legend"]?["tokenTypes"] == .array(SemanticTokenType.allCases.map { .string($0.name) }))
    #expect(provider["legend"]?["tokenModifiers"] == .array(SemanticTokenModifiers.allNames.map { .string($0) }))
    #expect(provider["full"] == ["delta": true])
    #expect(provider["range"] == true)
  }

  @Test(arguments: Encoding.allCases) func rangeTokens(encoding: Encoding) async throws {
    let client = try await openClient(encoding, unicodeText)
    let result = try await client.result(
      "textDocument/semanticTokens/range",
      docParams(extra: ["range": rangeJSON(3, 0, 5, 0)]))
    #expect(result["resultId"] == nil)
    let data = try #require(result["data"]?.arrayValue)
    let bytes = Array(unicodeText.utf8)
    let lines = LineIndex(bytes)
    let range = TextRange(start: lines.lineStarts[3], end: lines.lineStarts[5])
    #expect(lspTokens(unicodeText, data, encoding) == expectedTokens(unicodeText, in: range))
    #expect(decodeTokens(data).allSatisfy { (3...4).contains($0.line) })
  }

  @Test(arguments: Encoding.allCases) func deltasApplyToTheOldData(encoding: Encoding) async throws {
    let client = try await openClient(encoding, unicodeText)
    let first = try await client.result("textDocument/semanticTokens/full", docParams())
    let firstID = try #require(first["resultId"]?.stringValue)
    var data = try #require(first["data"]?.arrayValue)

    // Unchanged text: an empty delta.
    let same = try await client.result(
      "textDocument/semanticTokens/full/delta", docParams(extra: ["previousResultId": .string(firstID)]))
    #expect(same["edits"] == [])
    var previousID = try #require(same["resultId"]?.stringValue)
    #expect(previousID != firstID)

    let changes: [[JSONValue]] = [
      // Type into the string after the emoji (position in the encoding's units).
      [edit(3, encoding == .utf16 ? 10 : 14, 3, encoding == .utf16 ? 10 : 14, "中x")],
      // A new attribute line with a CJK key in the block, CRLF kept.
      [edit(10, 0, 10, 0, "\t中 = var.x # 😀\r\n")],
      // Delete the comment run.
      [edit(0, 0, 2, 0, "")],
      // Break the code.
      [edit(2, 0, 2, 0, "= = {\r\n")],
    ]
    var version = 1
    for change in changes {
      version += 1
      client.change("file:///atlas.hcl", version: version, change)
      let delta = try await client.result(
        "textDocument/semanticTokens/full/delta", docParams(extra: ["previousResultId": .string(previousID)]))
      let edits = try #require(delta["edits"]?.arrayValue, "\(delta.serializedString)")
      for edit in edits.reversed() {
        let start = try #require(edit["start"]?.intValue)
        let deleteCount = try #require(edit["deleteCount"]?.intValue)
        data.replaceSubrange(start..<(start + deleteCount), with: edit["data"]?.arrayValue ?? [])
      }
      previousID = try #require(delta["resultId"]?.stringValue)
      let text = try #require(client.documentText("file:///atlas.hcl"))
      let fresh = try await client.result("textDocument/semanticTokens/full", docParams())
      #expect(data == fresh["data"]?.arrayValue)
      #expect(lspTokens(text, data, encoding) == expectedTokens(text))
      previousID = try #require(fresh["resultId"]?.stringValue)
    }
  }

  @Test func unknownPreviousResultGivesFullData() async throws {
    let client = try await openClient(.utf16, unicodeText)
    let result = try await client.result(
      "textDocument/semanticTokens/full/delta", docParams(extra: ["previousResultId": "nope"]))
    #expect(result["edits"] == nil)
    #expect(lspTokens(unicodeText, result["data"]?.arrayValue ?? [], .utf16) == expectedTokens(unicodeText))
  }

  @Test func deltaEdits() {
    #expect(Server.semanticTokensEdits(from: [1, 2, 3], to: [1, 2, 3]) == [])
    let edits = Server.semanticTokensEdits(from: [1, 2, 3, 4, 5], to: [1, 2, 9, 9, 4, 5])
    #expect(edits == [SemanticTokensEdit(start: 2, deleteCount: 1, data: [9, 9])])
    #expect(Server.semanticTokensEdits(from: [1, 1, 1], to: [1, 1]) == [SemanticTokensEdit(start: 2, deleteCount: 1, data: [])])
    #expect(Server.semanticTokensEdits(from: [], to: [7]) == [SemanticTokensEdit(start: 0, deleteCount: 0, data: [7])])
  }

  @Test func brokenCode() async throws {
    let client = try await openClient(.utf8, brokenText)
    let result = try await client.result("textDocument/semanticTokens/full", docParams())
    #expect(lspTokens(brokenText, result["data"]?.arrayValue ?? [], .utf8) == expectedTokens(brokenText))
  }
}

@Suite struct FormattingTests {
  static let messy = "locals {\r\n  日本 = \"語\"\r\n  ünï   = {x=1,yy=2}\r\n\tshort=\"😀\" # e\u{301}\r\n}\r\nenv \"x\" {\r\n  a=1\r\n  bbb   =2\r\n}\r\n"

  @Test(arguments: Encoding.allCases) func wholeDocument(encoding: Encoding) async throws {
    let client = try await openClient(encoding, Self.messy)
    let edits = try #require(
      try await client.result("textDocument/formatting", docParams(extra: ["options": ["tabSize": 8, "insertSpaces": false]]))
        .arrayValue)
    #expect(!edits.isEmpty)
    let expected = String(decoding: Formatter.format(Array(Self.messy.utf8)), as: UTF8.self)
    #expect(applyEdits(Self.messy, edits, encoding) == expected)
  }

  @Test(arguments: Encoding.allCases) func range(encoding: Encoding) async throws {
    let client = try await openClient(encoding, Self.messy)
    // Lines 6 and 7 only: the `env` block's attributes.
    let edits = try #require(
      try await client.result(
        "textDocument/rangeFormatting",
        docParams(extra: ["range": rangeJSON(6, 0, 7, 3), "options": ["tabSize": 2, "insertSpaces": true]])
      ).arrayValue)
    #expect(!edits.isEmpty)
    for edit in edits {
      let line = edit["range"]?["start"]?["line"]?.intValue ?? -1
      #expect((6...7).contains(line))
    }
    let formatted = applyEdits(Self.messy, edits, encoding)
    #expect(formatted.hasPrefix("locals {\r\n  日本 = \"語\"\r\n  ünï   = {x=1,yy=2}\r\n"))
    #expect(formatted.hasSuffix("env \"x\" {\r\n  a   = 1\r\n  bbb = 2\r\n}\r\n"))
  }

  @Test func formattedTextHasNoEdits() async throws {
    let formatted = String(decoding: Formatter.format(Array(Self.messy.utf8)), as: UTF8.self)
    let client = try await openClient(.utf16, formatted)
    #expect(try await client.result("textDocument/formatting", docParams(extra: ["options": [:]])) == [])
  }

  @Test func brokenCode() async throws {
    let client = try await openClient(.utf16, brokenText)
    let edits = try #require(try await client.result("textDocument/formatting", docParams()).arrayValue)
    let expected = String(decoding: Formatter.format(Array(brokenText.utf8)), as: UTF8.self)
    #expect(applyEdits(brokenText, edits, .utf16) == expected)
  }
}

@Suite struct LinkedEditingTests {
  @Test(arguments: Encoding.allCases) func heredocMarkers(encoding: Encoding) async throws {
    let client = try await openClient(encoding, unicodeText)
    let result = try await client.result(
      "textDocument/linkedEditingRange", docParams(extra: ["position": positionJSON(6, 1)]))
    let ranges = try #require(result["ranges"]?.arrayValue)
    #expect(ranges == [rangeJSON(4, 9, 4, 12), rangeJSON(6, 0, 6, 3)])
    #expect(ranges.map { rangeText(unicodeText, $0, encoding) } == ["EOT", "EOT"])
    #expect(result["wordPattern"]?.stringValue == Server.identifierWordPattern)
    // Elsewhere: nothing to link.
    let none = try await client.result(
      "textDocument/linkedEditingRange", docParams(extra: ["position": positionJSON(3, 2)]))
    #expect(none == .null)
  }

  @Test func markerAfterUnicode() async throws {
    let text = "a = \"😀\"\nb = <<中\n  x\n中\n"
    for encoding in Encoding.allCases {
      let client = try await openClient(encoding, text)
      let result = try await client.result(
        "textDocument/linkedEditingRange", docParams(extra: ["position": positionJSON(1, 6)]))
      let ranges = try #require(result["ranges"]?.arrayValue, "\(encoding)")
      #expect(ranges.map { rangeText(text, $0, encoding) } == ["中", "中"])
      #expect(ranges.first == rangeJSON(1, 6, 1, encoding == .utf16 ? 7 : 9))
    }
  }

  @Test func brokenCode() async throws {
    let client = try await openClient(.utf16, "x = <<EOT\nunterminated\n")
    let result = try await client.result(
      "textDocument/linkedEditingRange", docParams(extra: ["position": positionJSON(0, 7)]))
    #expect(result == .null)
  }
}

@Suite struct FeatureRequestTests {
  static let methods: [(String, [String: JSONValue])] = [
    ("textDocument/documentSymbol", [:]),
    ("textDocument/foldingRange", [:]),
    ("textDocument/selectionRange", ["positions": [["line": 0, "character": 0]]]),
    ("textDocument/semanticTokens/full", [:]),
    ("textDocument/semanticTokens/full/delta", ["previousResultId": "1"]),
    ("textDocument/semanticTokens/range", ["range": ["start": ["line": 0, "character": 0], "end": ["line": 1, "character": 0]]]),
    ("textDocument/formatting", ["options": ["tabSize": 2, "insertSpaces": true]]),
    ("textDocument/rangeFormatting", ["range": ["start": ["line": 0, "character": 0], "end": ["line": 1, "character": 0]]]),
    ("textDocument/linkedEditingRange", ["position": ["line": 0, "character": 0]]),
  ]

  @Test func unknownDocumentAnswersNull() async throws {
    let client = TestClient()
    try await client.initialize()
    for (method, extra) in Self.methods {
      let response = try await client.request(method, docParams("file:///never-opened.hcl", extra: extra))
      #expect(response["result"] == .null, "\(method)")
      #expect(response["error"] == nil, "\(method)")
    }
  }

  @Test func badParamsAreInvalidParams() async throws {
    let client = try await openClient(.utf16, unicodeText)
    for (method, _) in Self.methods {
      #expect(try await client.request(method, ["textDocument": 3]).errorCode == -32602, "\(method)")
    }
    let missingPositions = try await client.request("textDocument/selectionRange", docParams())
    #expect(missingPositions.errorCode == -32602)
    let badPosition = try await client.request(
      "textDocument/linkedEditingRange", docParams(extra: ["position": ["line": "x"]]))
    #expect(badPosition.errorCode == -32602)
  }

  @Test func everyMethodOnEmptyAndHostileText() async throws {
    for text in ["", "\r", "\u{FEFF}", "{{{{[[[(((", "\"\\", "<<", "a = <<EOT\n", String(repeating: "😀\t\r\n", count: 50)] {
      let client = try await openClient(.utf16, text)
      for (method, extra) in Self.methods {
        let response = try await client.request(method, docParams("file:///atlas.hcl", extra: extra))
        #expect(response["error"] == nil, "\(method) on \(text.debugDescription)")
      }
    }
  }

  /// A request right after a change waits for the parse of the new text (the queue does not), and answers from it.
  @Test func requestAfterChangeSeesTheNewText() async throws {
    let client = try await openClient(.utf16, "a = 1\n")
    let id = client.withServerPausedReturning {
      client.change("file:///atlas.hcl", version: 2, [["text": "locals {\n  b = 2\n}\n"]])
      return client.sendRequest("textDocument/documentSymbol", docParams())
    }
    let response = try await client.response(to: .int(id))
    #expect(response["result"]?.arrayValue?.first?["name"] == "locals")
  }

  /// A request made against a text that changes before its parse arrives is answered ContentModified.
  @Test func requestOverTakenByAChangeIsContentModified() async throws {
    let client = try await openClient(.utf16, "a = 1\n")
    let id = client.withServerPausedReturning {
      client.change("file:///atlas.hcl", version: 2, [["text": "b = 2\n"]])
      let id = client.sendRequest("textDocument/foldingRange", docParams())
      client.change("file:///atlas.hcl", version: 3, [["text": "c = 3\n"]])
      return id
    }
    #expect(try await client.response(to: .int(id)).errorCode == -32801)
    // The next one is answered from the latest text.
    let symbols = try await client.result("textDocument/documentSymbol", docParams())
    #expect(symbols.arrayValue?.first?["name"] == "c")
  }

  @Test func closingAnswersWaitingRequestsContentModified() async throws {
    let client = try await openClient(.utf16, "a = 1\n")
    let id = client.withServerPausedReturning {
      client.change("file:///atlas.hcl", version: 2, [["text": "b = 2\n"]])
      let id = client.sendRequest("textDocument/semanticTokens/full", docParams())
      client.notify("textDocument/didClose", docParams())
      return id
    }
    #expect(try await client.response(to: .int(id)).errorCode == -32801)
  }

  @Test func waitingRequestCanBeCancelled() async throws {
    let client = try await openClient(.utf16, "a = 1\n")
    let id = client.withServerPausedReturning {
      client.change("file:///atlas.hcl", version: 2, [["text": "b = 2\n"]])
      let id = client.sendRequest("textDocument/semanticTokens/full", docParams())
      client.notify("$/cancelRequest", ["id": .int(id)])
      return id
    }
    #expect(try await client.response(to: .int(id)).errorCode == -32800)
    client.settle()
    try await Task.sleep(nanoseconds: 50_000_000)
    client.settle()
    #expect(client.inbox.all.filter { $0["id"] == .int(id) }.isEmpty)
  }

  /// Features work with diagnostics switched off (the parse still runs).
  @Test func featuresWithDiagnosticsDisabled() async throws {
    let client = TestClient()
    let response = try await client.request(
      "initialize",
      ["processId": .null, "capabilities": [:], "initializationOptions": ["mercator": ["diagnostics": ["enable": false]]]])
    #expect(response["error"] == nil)
    client.notify("initialized")
    client.open("file:///atlas.hcl", "env \"x\" {\n}\n")
    let symbols = try await client.result("textDocument/documentSymbol", docParams())
    #expect(symbols.arrayValue?.first?["name"] == "env \"x\"")
  }
}

extension TestClient {
  /// Like `withServerPaused`, returning what the body returns.
  func withServerPausedReturning<T>(_ body: () -> T) -> T {
    server.queue.suspend()
    let value = body()
    server.queue.resume()
    return value
  }
}
