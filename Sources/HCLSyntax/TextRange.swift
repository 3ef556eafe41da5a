// Byte ranges into a source buffer: the one position type the syntax layer uses (UTF-8 offsets).

/// A half-open range of UTF-8 byte offsets, `start ..< end`.
package struct TextRange: Hashable, Sendable, CustomStringConvertible {
  package var start: Int
  package var end: Int

  @inlinable package init(start: Int, end: Int) {
    self.start = start
    self.end = max(start, end)
  }

  package static func empty(at offset: Int) -> TextRange { TextRange(start: offset, end: offset) }

  package var length: Int { end - start }
  package var isEmpty: Bool { start == end }

  package func contains(_ offset: Int) -> Bool { offset >= start && offset < end }

  /// The smallest range that covers both.
  package func union(_ other: TextRange) -> TextRange {
    TextRange(start: min(start, other.start), end: max(end, other.end))
  }

  package var description: String { "\(start)..\(end)" }
}
