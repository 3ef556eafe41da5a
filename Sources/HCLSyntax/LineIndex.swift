// Converts UTF-8 offsets to line/column pairs (UTF-8, UTF-16 and Unicode-scalar columns) and back.

/// A 0-based line and column. What the column counts depends on the conversion that made it.
package struct LineColumn: Hashable, Sendable, CustomStringConvertible {
  package var line: Int
  package var column: Int
  package init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
  package var description: String { "\(line):\(column)" }
}

/// The unit a column counts: LSP clients negotiate UTF-8 or UTF-16; people and `mercator check` count scalars.
package enum ColumnUnit: Sendable {
  case utf8
  case utf16
  case unicodeScalar
}

/// Line starts of a buffer. Line breaks are `\n`, `\r\n` and a lone `\r`, as the LSP specification counts them.
/// Offsets and columns out of range are clamped, never trapped on; an offset inside a multi-byte character is moved
/// back to the character's first byte. Invalid UTF-8 counts one column per bad byte, like U+FFFD.
package struct LineIndex: Sendable {
  package let bytes: [UInt8]
  /// Offset of the first byte of each line; `lineStarts[0] == 0`.
  package let lineStarts: [Int]

  package init(_ bytes: [UInt8]) {
    self.bytes = bytes
    var starts = [0]
    var i = 0
    let n = bytes.count
    while i < n {
      let byte = bytes[i]
      if byte == UInt8(ascii: "\n") {
        starts.append(i + 1)
      } else if byte == UInt8(ascii: "\r") {
        if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
        starts.append(i + 1)
      }
      i += 1
    }
    lineStarts = starts
  }

  package init(_ text: String) { self.init(Array(text.utf8)) }

  package var lineCount: Int { lineStarts.count }

  /// The 0-based line holding `offset` (clamped to the buffer).
  package func line(of offset: Int) -> Int {
    let offset = min(max(offset, 0), bytes.count)
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return low
  }

  /// Offset just past the line's content, before its line break.
  package func contentEnd(ofLine line: Int) -> Int {
    guard line + 1 < lineStarts.count else { return bytes.count }
    var end = lineStarts[line + 1]
    if end > 0, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
    if end > lineStarts[line], bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return end
  }

  package func position(of offset: Int, unit: ColumnUnit) -> LineColumn {
    let offset = characterStart(min(max(offset, 0), bytes.count))
    let line = line(of: offset)
    let start = lineStarts[line]
    let offsetInLine = min(offset, contentEnd(ofLine: line))
    var column = 0
    var i = start
    while i < offsetInLine {
      let (length, utf16) = Self.decodeWidth(bytes, at: i)
      switch unit {
      case .utf8: column += length
      case .utf16: column += utf16
      case .unicodeScalar: column += 1
      }
      i += length
    }
    return LineColumn(line: line, column: column)
  }

  /// The offset of a line/column; a column past the line's end is clamped to it, a line past the end gives the end.
  package func offset(of position: LineColumn, unit: ColumnUnit) -> Int {
    guard position.line >= 0 else { return 0 }
    guard position.line < lineStarts.count else { return bytes.count }
    let end = contentEnd(ofLine: position.line)
    var i = lineStarts[position.line]
    var column = 0
    while i < end && column < position.column {
      let (length, utf16) = Self.decodeWidth(bytes, at: i)
      let step: Int
      switch unit {
      case .utf8: step = length
      case .utf16: step = utf16
      case .unicodeScalar: step = 1
      }
      // A column that points inside a character (half a surrogate pair, a UTF-8 continuation) rounds down.
      if column + step > position.column { break }
      column += step
      i += length
    }
    return i
  }

  /// Moves an offset that falls on a UTF-8 continuation byte back to the first byte of its character.
  package func characterStart(_ offset: Int) -> Int {
    var i = offset
    var steps = 0
    while i > 0, i < bytes.count, bytes[i] & 0xC0 == 0x80, steps < 3 {
      i -= 1
      steps += 1
    }
    // Only move if what we found really starts a character that covers `offset`.
    if steps > 0, i < bytes.count {
      let (length, _) = Self.decodeWidth(bytes, at: i)
      if i + length <= offset { return offset }
    }
    return i
  }

  /// Byte length and UTF-16 length of the character at `i`; an invalid sequence counts as one byte, one unit.
  /// Validity follows the Unicode standard's table of well-formed UTF-8 (Table 3-7): overlong forms, encoded
  /// surrogates and values above U+10FFFF are invalid, so each of their bytes counts on its own.
  package static func decodeWidth(_ bytes: [UInt8], at i: Int) -> (length: Int, utf16: Int) {
    let lead = bytes[i]
    if lead < 0x80 { return (1, 1) }
    let length: Int
    // The range the second byte must fall in; later bytes are plain continuation bytes (0x80...0xBF).
    let second: ClosedRange<UInt8>
    switch lead {
    case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
    case 0xE0: (length, second) = (3, 0xA0...0xBF)
    case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
    case 0xED: (length, second) = (3, 0x80...0x9F)
    case 0xF0: (length, second) = (4, 0x90...0xBF)
    case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
    case 0xF4: (length, second) = (4, 0x80...0x8F)
    default: return (1, 1)
    }
    guard i + length <= bytes.count, second.contains(bytes[i + 1]) else { return (1, 1) }
    for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return (1, 1) }
    return (length, length == 4 ? 2 : 1)
  }
}
