// The one place where LSP positions meet UTF-8 offsets: position ⇄ offset in the negotiated encoding, with clamping.
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
      severity: diagnostic.severity == .error ? .error : .warning,
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
