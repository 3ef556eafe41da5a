// The one place where LSP positions meet UTF-8 offsets: position ⇄ offset in the negotiated encoding, with clamping;
// and the conversions of the features' UTF-8 results (folding lines, semantic token data, edits) to LSP terms.
package import AtlasLanguage
package import HCLSyntax

/// Converts between LSP positions (0-based line, column in the negotiated `PositionEncoding`) and the UTF-8
/// offsets every other module uses. Out-of-range input is clamped to the nearest valid position and reported, so the
/// caller can log it; nothing here traps.
package struct PositionConverter: Sendable {
  package let lines: LineIndex
  package let encoding: PositionEncoding

  package init(lines: LineIndex, encoding: PositionEncoding) {
    self.lines = lines
    self.encoding = encoding
  }

  package init(text: [UInt8], encoding: PositionEncoding) {
    self.init(lines: LineIndex(text), encoding: encoding)
  }

  private var unit: ColumnUnit {
    switch encoding {
    case .utf8: return .utf8
    case .utf16: return .utf16
    }
  }

  /// The UTF-8 offset of a position, and whether the position had to be clamped (a negative number, a line past
  /// the end, a column past the line's end or inside a character).
  package func offset(of position: Position) -> (offset: Int, clamped: Bool) {
    guard position.line >= 0, position.character >= 0 else {
      let offset = lines.offset(of: LineColumn(line: max(position.line, 0), column: max(position.character, 0)), unit: unit)
      return (offset, true)
    }
    guard position.line < lines.lineCount else { return (lines.bytes.count, true) }
    let offset = lines.offset(of: LineColumn(line: position.line, column: position.character), unit: unit)
    let roundTrip = lines.position(of: offset, unit: unit)
    return (offset, roundTrip.line != position.line || roundTrip.column != position.character)
  }

  package func position(of offset: Int) -> Position {
    let lineColumn = lines.position(of: offset, unit: unit)
    return Position(line: lineColumn.line, character: lineColumn.column)
  }

  package func range(of range: TextRange) -> Range {
    Range(start: position(of: range.start), end: position(of: range.end))
  }

  /// The byte range of an LSP range; a reversed range is treated as empty at its start (and counts as clamped).
  package func textRange(of range: Range) -> (range: TextRange, clamped: Bool) {
    let start = offset(of: range.start)
    let end = offset(of: range.end)
    let reversed = end.offset < start.offset
    return (TextRange(start: start.offset, end: max(start.offset, end.offset)), start.clamped || end.clamped || reversed)
  }

  /// A syntax diagnostic as LSP: `code` is ours, `source` is "mercator", the message is summary then detail.
  package func diagnostic(_ diagnostic: HCLSyntax.Diagnostic) -> LSPDiagnostic {
    LSPDiagnostic(
      range: range(of: diagnostic.subject),
      severity: DiagnosticSeverity(diagnostic.severity),
      code: diagnostic.code,
      source: "mercator",
      message: diagnostic.message
    )
  }
}

extension PositionEncoding {
  /// UTF-8 when the client offers it (no conversion work for either side), else the mandatory UTF-16.
  package static func negotiate(clientOffers offered: [String]) -> PositionEncoding {
    offered.contains(PositionEncoding.utf8.rawValue) ? .utf8 : .utf16
  }
}

// MARK: - Feature results

/// A folding range in LSP lines (and, for clients that fold by character, where the fold ends on its last line).
package struct LSPFoldingRange: Sendable, Hashable {
  package var startLine: Int
  package var endLine: Int
  package var endCharacter: Int?
  package var kind: FoldingKind
}

extension PositionConverter {
  /// Where a fold starts and ends. A comment run folds through the line of its last comment. A region (opener to
  /// closer inclusive) folds from the opener's line to the line before the closer's, so the closer stays visible, as
  /// editors expect; with `lineFoldingOnly` false and a one-character bracket closer, it instead ends at the
  /// closer's line and column (the client then shows `{…}`). Nil when nothing would fold (a region whose closer is
  /// on the line after its opener).
  package func foldingRange(_ range: FoldingRange, lineFoldingOnly: Bool) -> LSPFoldingRange? {
    let startLine = lines.line(of: range.range.start)
    switch range.kind {
    case .comment:
      let endLine = lines.line(of: range.range.end)
      guard endLine > startLine else { return nil }
      return LSPFoldingRange(startLine: startLine, endLine: endLine, endCharacter: nil, kind: .comment)
    case .region:
      let end = range.range.end
      if !lineFoldingOnly, end > range.range.start, end <= lines.bytes.count {
        let closer = lines.bytes[end - 1]
        if closer == UInt8(ascii: "}") || closer == UInt8(ascii: "]") || closer == UInt8(ascii: ")") {
          let position = position(of: end - 1)
          guard position.line > startLine else { return nil }
          return LSPFoldingRange(
            startLine: startLine, endLine: position.line, endCharacter: position.character, kind: .region)
        }
      }
      let endLine = lines.line(of: end) - 1
      guard endLine > startLine else { return nil }
      return LSPFoldingRange(startLine: startLine, endLine: endLine, endCharacter: nil, kind: .region)
    }
  }

  /// Semantic tokens in the LSP's relative integer encoding: for each token, the line delta, the start delta (from
  /// the previous token's start on the same line, else from the line's start), the length, the type index and the
  /// modifier bits; columns and lengths in the negotiated encoding. `tokens` must be sorted and each on one line (as
  /// `SemanticTokens.compute` gives them). One pass: columns are counted forward from the previous token.
  package func semanticTokenData(_ tokens: [SemanticToken]) -> [UInt32] {
    let starts = lines.lineStarts
    let bytes = lines.bytes
    var data: [UInt32] = []
    data.reserveCapacity(tokens.count * 5)
    var line = 0
    var previousLine = 0
    var previousColumn = 0
    // A point on the current line whose column is known: columns are counted on from there.
    var cursorOffset = 0
    var cursorColumn = 0
    func width(_ from: Int, _ to: Int) -> Int {
      guard encoding == .utf16 else { return to - from }
      var units = 0
      var i = from
      while i < to {
        if bytes[i] < 0x80 {
          units += 1
          i += 1
        } else {
          let (length, utf16) = LineIndex.decodeWidth(bytes, at: i)
          units += utf16
          i += length
        }
      }
      return units
    }
    for token in tokens {
      let start = min(max(token.range.start, 0), bytes.count)
      let end = min(max(token.range.end, start), bytes.count)
      if start < cursorOffset {
        // Out of order (never, for sorted input): recount from the line's start.
        line = lines.line(of: start)
        cursorOffset = starts[line]
        cursorColumn = 0
      }
      while line + 1 < starts.count, starts[line + 1] <= start {
        line += 1
        cursorOffset = starts[line]
        cursorColumn = 0
      }
      let column = cursorColumn + width(cursorOffset, start)
      let length = width(start, end)
      cursorOffset = end
      cursorColumn = column + length
      let deltaLine = line - previousLine
      data.append(UInt32(truncatingIfNeeded: deltaLine))
      data.append(UInt32(truncatingIfNeeded: deltaLine == 0 ? column - previousColumn : column))
      data.append(UInt32(truncatingIfNeeded: length))
      data.append(token.type.rawValue)
      data.append(token.modifiers.rawValue)
      previousLine = line
      previousColumn = column
    }
    return data
  }

  /// A formatting edit as an LSP `TextEdit`.
  package func textEdit(_ edit: AtlasLanguage.TextEdit) -> JSONValue {
    ["range": range(of: edit.range).json, "newText": .string(edit.newText)]
  }
}

extension PositionEncoding {
  /// A UTF-8 offset into a one-line text (a signature's label) counted in this encoding.
  package func offset(_ utf8Offset: Int, in text: String) -> Int {
    let bytes = Array(text.utf8)
    let clamped = min(max(utf8Offset, 0), bytes.count)
    guard self == .utf16 else { return clamped }
    return String(decoding: bytes[..<clamped], as: UTF8.self).utf16.count
  }
}

extension DiagnosticSeverity {
  init(_ severity: Severity) {
    switch severity {
    case .error: self = .error
    case .warning: self = .warning
    case .information: self = .information
    }
  }
}
