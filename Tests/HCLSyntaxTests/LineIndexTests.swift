// LineIndex: offsets <-> (line, column) in UTF-8, UTF-16 and Unicode-scalar columns, checked against tables of
// hand-computed positions and against an independent model built on the standard library's UTF-8 validation.
import HCLSyntax
import Testing

/// One expected conversion: in `text`, byte `offset` is at `line` and these columns (0-based).
struct PositionCase: Sendable, CustomTestStringConvertible {
  var name: String
  var text: [UInt8]
  var offset: Int
  var line: Int
  var utf8: Int
  var utf16: Int
  var scalar: Int

  init(_ name: String, _ text: [UInt8], offset: Int, line: Int, utf8: Int, utf16: Int, scalar: Int) {
    (self.name, self.text, self.offset, self.line, self.utf8, self.utf16, self.scalar) =
      (name, text, offset, line, utf8, utf16, scalar)
  }

  init(_ name: String, _ text: String, offset: Int, line: Int, utf8: Int, utf16: Int, scalar: Int) {
    self.init(name, Array(text.utf8), offset: offset, line: line, utf8: utf8, utf16: utf16, scalar: scalar)
  }

  var testDescription: String { name }
}

/// A position given in one unit and the offset it should map back to.
struct OffsetCase: Sendable, CustomTestStringConvertible {
  var name: String
  var text: [UInt8]
  var line: Int
  var column: Int
  var unit: ColumnUnit
  var offset: Int

  init(_ name: String, _ text: String, line: Int, column: Int, _ unit: ColumnUnit, offset: Int) {
    (self.name, self.text, self.line, self.column, self.unit, self.offset) =
      (name, Array(text.utf8), line, column, unit, offset)
  }

  var testDescription: String { name }
}

@Suite struct LineIndexTests {
  static let positionCases: [PositionCase] = [
    PositionCase("empty text", "", offset: 0, line: 0, utf8: 0, utf16: 0, scalar: 0),
    PositionCase("plain ASCII", "ab\ncd", offset: 4, line: 1, utf8: 1, utf16: 1, scalar: 1),
    PositionCase("at a newline", "ab\ncd", offset: 2, line: 0, utf8: 2, utf16: 2, scalar: 2),
    PositionCase("after a final newline", "ab\n", offset: 3, line: 1, utf8: 0, utf16: 0, scalar: 0),
    PositionCase("CRLF: next line", "a\r\nb", offset: 3, line: 1, utf8: 0, utf16: 0, scalar: 0),
    PositionCase("CRLF: at the CR", "a\r\nb", offset: 1, line: 0, utf8: 1, utf16: 1, scalar: 1),
    PositionCase("CRLF: between CR and LF is the line end", "a\r\nb", offset: 2, line: 0, utf8: 1, utf16: 1,
                 scalar: 1),
    PositionCase("lone CR breaks a line", "a\rb", offset: 2, line: 1, utf8: 0, utf16: 0, scalar: 0),
    PositionCase("CR CR LF is two breaks", "\r\r\nx", offset: 3, line: 2, utf8: 0, utf16: 0, scalar: 0),
    PositionCase("LF CR is two breaks", "\n\rx", offset: 2, line: 2, utf8: 0, utf16: 0, scalar: 0),
    PositionCase("a tab is one column", "\t\tx", offset: 2, line: 0, utf8: 2, utf16: 2, scalar: 2),
    PositionCase("two-byte character", "é=1", offset: 2, line: 0, utf8: 2, utf16: 1, scalar: 1),
    PositionCase("three-byte character", "日本=1", offset: 6, line: 0, utf8: 6, utf16: 2, scalar: 2),
    PositionCase("astral character is two UTF-16 units", "a🎉b", offset: 5, line: 0, utf8: 5, utf16: 3, scalar: 2),
    PositionCase("two astral characters", "x\n🎉🎉=", offset: 10, line: 1, utf8: 8, utf16: 4, scalar: 2),
    PositionCase("inside an astral character moves to its start", "a🎉b", offset: 3, line: 0, utf8: 1, utf16: 1,
                 scalar: 1),
    PositionCase("inside a two-byte character moves to its start", "é", offset: 1, line: 0, utf8: 0, utf16: 0,
                 scalar: 0),
    PositionCase("combining mark counts as its own scalar", "e\u{301}x", offset: 3, line: 0, utf8: 3, utf16: 2,
                 scalar: 2),
    PositionCase("flag is two astral scalars", "🇩🇪.", offset: 8, line: 0, utf8: 8, utf16: 4, scalar: 2),
    PositionCase("byte order mark is a character", "\u{FEFF}a", offset: 3, line: 0, utf8: 3, utf16: 1, scalar: 1),
    PositionCase("negative offset clamps to 0", "ab\ncd", offset: -5, line: 0, utf8: 0, utf16: 0, scalar: 0),
    PositionCase("offset past the end clamps to the end", "ab\ncd", offset: 99, line: 1, utf8: 2, utf16: 2,
                 scalar: 2),
    PositionCase("offset past the end after a CRLF", "ab\r\n", offset: 99, line: 1, utf8: 0, utf16: 0, scalar: 0),
    // Invalid UTF-8: one column per bad byte, as U+FFFD would count (LineIndex's documented contract).
    PositionCase("invalid byte", [0xFF, 0x61], offset: 1, line: 0, utf8: 1, utf16: 1, scalar: 1),
    PositionCase("truncated two-byte sequence", [0xC3, 0x61], offset: 1, line: 0, utf8: 1, utf16: 1, scalar: 1),
    PositionCase("truncated three-byte sequence", [0xE2, 0x82, 0x61], offset: 2, line: 0, utf8: 2, utf16: 2,
                 scalar: 2),
    PositionCase("stray continuation bytes", [0x80, 0x80, 0x61], offset: 2, line: 0, utf8: 2, utf16: 2, scalar: 2),
    PositionCase("stray continuation after a valid character", [0xC3, 0xA9, 0xA9, 0x61], offset: 3, line: 0,
                 utf8: 3, utf16: 2, scalar: 2),
    PositionCase("overlong encoding", [0xE0, 0x80, 0x80, 0x61], offset: 3, line: 0, utf8: 3, utf16: 3, scalar: 3),
    PositionCase("overlong four-byte encoding", [0xF0, 0x80, 0x80, 0x80, 0x61], offset: 4, line: 0, utf8: 4,
                 utf16: 4, scalar: 4),
    PositionCase("encoded surrogate", [0xED, 0xA0, 0x80, 0x61], offset: 3, line: 0, utf8: 3, utf16: 3, scalar: 3),
    PositionCase("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80, 0x61], offset: 4, line: 0, utf8: 4, utf16: 4,
                 scalar: 4),
    PositionCase("C0 lead byte", [0xC0, 0xAF, 0x61], offset: 2, line: 0, utf8: 2, utf16: 2, scalar: 2),
    PositionCase("truncated at the end", [0x61, 0xF0, 0x9F], offset: 3, line: 0, utf8: 3, utf16: 3, scalar: 3),
  ]

  @Test(arguments: positionCases)
  func position(_ c: PositionCase) {
    let index = LineIndex(c.text)
    #expect(index.line(of: c.offset) == c.line)
    #expect(index.position(of: c.offset, unit: .utf8) == LineColumn(line: c.line, column: c.utf8))
    #expect(index.position(of: c.offset, unit: .utf16) == LineColumn(line: c.line, column: c.utf16))
    #expect(index.position(of: c.offset, unit: .unicodeScalar) == LineColumn(line: c.line, column: c.scalar))
  }

  static let offsetCases: [OffsetCase] = [
    OffsetCase("start", "ab\ncd", line: 0, column: 0, .utf16, offset: 0),
    OffsetCase("second line", "ab\ncd", line: 1, column: 1, .utf16, offset: 4),
    OffsetCase("column past the line end clamps to it", "ab\ncd", line: 0, column: 99, .utf16, offset: 2),
    OffsetCase("column past a CRLF line end stops before CR", "ab\r\ncd", line: 0, column: 99, .utf8, offset: 2),
    OffsetCase("column past the last line's end", "ab\ncd", line: 1, column: 99, .unicodeScalar, offset: 5),
    OffsetCase("negative column gives the line start", "ab\ncd", line: 1, column: -3, .utf8, offset: 3),
    OffsetCase("negative line gives 0", "ab\ncd", line: -1, column: 1, .utf8, offset: 0),
    OffsetCase("line past the end gives the end", "ab\ncd", line: 7, column: 0, .utf8, offset: 5),
    OffsetCase("line after a final newline", "ab\n", line: 1, column: 0, .utf8, offset: 3),
    OffsetCase("lone CR line", "a\rbc", line: 1, column: 1, .utf16, offset: 3),
    OffsetCase("UTF-16 after an astral character", "a🎉b", line: 0, column: 3, .utf16, offset: 5),
    OffsetCase("UTF-16 between surrogates rounds down", "a🎉b", line: 0, column: 2, .utf16, offset: 1),
    OffsetCase("scalar after an astral character", "a🎉b", line: 0, column: 2, .unicodeScalar, offset: 5),
    OffsetCase("UTF-8 inside a character rounds down", "a🎉b", line: 0, column: 3, .utf8, offset: 1),
    OffsetCase("UTF-8 after a character", "a🎉b", line: 0, column: 5, .utf8, offset: 5),
    OffsetCase("combining mark", "e\u{301}x", line: 0, column: 2, .unicodeScalar, offset: 3),
    OffsetCase("tab", "\tx", line: 0, column: 1, .utf16, offset: 1),
  ]

  @Test(arguments: offsetCases)
  func offset(_ c: OffsetCase) {
    let index = LineIndex(c.text)
    #expect(index.offset(of: LineColumn(line: c.line, column: c.column), unit: c.unit) == c.offset)
  }

  @Test func lineStarts() {
    #expect(LineIndex("").lineStarts == [0])
    #expect(LineIndex("a\nb\r\nc\rd").lineStarts == [0, 2, 5, 7])
    #expect(LineIndex("\r\n\r\n").lineStarts == [0, 2, 4])
    #expect(LineIndex("\r\r\n\n\r").lineStarts == [0, 1, 3, 4, 5])
    #expect(LineIndex("x\r").lineCount == 2)
    #expect(LineIndex("x\r").contentEnd(ofLine: 0) == 1)
    #expect(LineIndex("x\r\ny").contentEnd(ofLine: 0) == 1)
    #expect(LineIndex("x\r\ny").contentEnd(ofLine: 1) == 4)
    #expect(LineIndex("\n").contentEnd(ofLine: 0) == 0)
  }

  // MARK: - Round trips against an independent model

  static let samples: [[UInt8]] = [
    Array("".utf8),
    Array("env \"dev\" {\n  url = \"postgres://a:b@h:5432/db\"\n}\n".utf8),
    Array("a = 1\r\nb = \"é\"\r\n\r\nc = \"🎉 ok\"\r\n".utf8),
    Array("one\rtwo\r\rthree\n\r\nfour".utf8),
    Array("\tkey\t= \"tab\tbed\"\n\t\t# 日本語のコメント\n".utf8),
    Array("e\u{301}\u{302} = \"👩‍👩‍👧‍👦\" # family\n🇩🇪🇫🇷\n".utf8),
    Array("\u{FEFF}locals { x = \"\u{10FFFF}\u{E000}\u{7FF}\u{800}\u{FFFF}\u{10000}\" }".utf8),
    [0x61, 0xFF, 0x0A, 0xC3, 0xA9, 0xA9, 0x0D, 0xE0, 0x80, 0x80, 0xED, 0xA0, 0x80, 0x0D, 0x0A, 0xF4, 0x90, 0x80, 0x80,
     0xF0, 0x9F, 0x8E, 0x89, 0xE2, 0x82, 0x62, 0xC0, 0xAF, 0xF0, 0x9F],
  ]

  /// Character boundaries and positions as the model sees them: valid scalars per the standard library,
  /// one "character" per invalid byte; line breaks `\n`, `\r\n`, lone `\r`.
  struct ModelPosition: Equatable {
    var offset: Int
    var line: Int
    var utf8: Int
    var utf16: Int
    var scalar: Int
  }

  /// Length of the valid UTF-8 scalar starting at `i`, or 1 for an invalid byte.
  static func modelLength(_ bytes: [UInt8], _ i: Int) -> (length: Int, utf16: Int) {
    for n in 1...4 where i + n <= bytes.count {
      if let s = String(validating: bytes[i..<(i + n)], as: UTF8.self), s.unicodeScalars.count == 1,
        let scalar = s.unicodeScalars.first
      {
        return (n, scalar.value > 0xFFFF ? 2 : 1)
      }
    }
    return (1, 1)
  }

  /// Every offset a cursor can be at (character boundaries, but not between the CR and LF of a CRLF).
  static func modelPositions(_ bytes: [UInt8]) -> [ModelPosition] {
    var result: [ModelPosition] = []
    var position = ModelPosition(offset: 0, line: 0, utf8: 0, utf16: 0, scalar: 0)
    var i = 0
    while true {
      position.offset = i
      result.append(position)
      guard i < bytes.count else { break }
      if bytes[i] == 0x0D || bytes[i] == 0x0A {
        i += bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
        position.line += 1
        (position.utf8, position.utf16, position.scalar) = (0, 0, 0)
        continue
      }
      let (length, utf16) = modelLength(bytes, i)
      position.utf8 += length
      position.utf16 += utf16
      position.scalar += 1
      i += length
    }
    return result
  }

  @Test(arguments: samples.indices)
  func roundTripsEveryCharacterBoundary(_ sample: Int) {
    let bytes = Self.samples[sample]
    let index = LineIndex(bytes)
    let model = Self.modelPositions(bytes)
    #expect(index.lineCount == (model.last?.line ?? 0) + 1)
    for m in model {
      let units: [(ColumnUnit, Int)] = [(.utf8, m.utf8), (.utf16, m.utf16), (.unicodeScalar, m.scalar)]
      for (unit, column) in units {
        let position = index.position(of: m.offset, unit: unit)
        #expect(position == LineColumn(line: m.line, column: column), "offset \(m.offset) in \(unit)")
        let back = index.offset(of: position, unit: unit)
        #expect(back == m.offset, "offset \(m.offset) -> \(position) in \(unit) -> \(back)")
      }
    }
  }

  /// Offsets that are not boundaries (inside a character, between CR and LF) still give a position, never trap,
  /// and map back to the boundary at or before them.
  @Test(arguments: samples.indices)
  func everyOffsetMapsBackToABoundaryAtOrBeforeIt(_ sample: Int) {
    let bytes = Self.samples[sample]
    let index = LineIndex(bytes)
    let boundaries = Set(Self.modelPositions(bytes).map(\.offset))
    for offset in -2...(bytes.count + 2) {
      for unit in [ColumnUnit.utf8, .utf16, .unicodeScalar] {
        let back = index.offset(of: index.position(of: offset, unit: unit), unit: unit)
        let clamped = min(max(offset, 0), bytes.count)
        #expect(boundaries.contains(back) && back <= clamped, "offset \(offset) in \(unit) maps back to \(back)")
      }
    }
  }
}
