// Formatting as edits: the smallest changes that turn a document into `Formatter.format` of it, whole or by lines.
package import HCLSyntax

/// Replace `range` of the source with `newText`.
package struct TextEdit: Hashable, Sendable {
  package var range: TextRange
  package var newText: String

  package init(range: TextRange, newText: String) {
    self.range = range
    self.newText = newText
  }
}

package enum DocumentFormatting {
  /// Minimal edits turning the source into Formatter.format(source): only changed regions, non-overlapping, sorted.
  package static func edits(_ source: [UInt8]) -> [TextEdit] {
    diff(source, Formatter.format(source))
  }

  /// Range formatting: format the whole document, then keep only edits within the lines the range touches (hclwrite
  /// has no range mode; alignment depends on neighbours, so compute on the whole file). A range that ends at the
  /// start of a line does not touch that line.
  package static func edits(_ source: [UInt8], in range: TextRange) -> [TextEdit] {
    let lines = LineIndex(source)
    let start = min(max(range.start, 0), source.count)
    var end = min(max(range.end, start), source.count)
    let firstLine = lines.line(of: start)
    if end > start, lines.lineStarts.contains(end), lines.line(of: end) > firstLine { end -= 1 }
    let lastLine = lines.line(of: end)
    let from = lines.lineStarts[firstLine]
    let to = lastLine + 1 < lines.lineStarts.count ? lines.lineStarts[lastLine + 1] : source.count
    return edits(source).filter { $0.range.start >= from && $0.range.end <= to }
  }

  /// The changes from `old` to `new`. The formatter changes only blanks and line breaks between tokens, so the two
  /// are walked in step over their other bytes and each differing run of blanks becomes one edit (less what the
  /// runs share at either end). Should the other bytes ever differ, the rest becomes one edit, so that applying the
  /// edits always gives `new`.
  static func diff(_ old: [UInt8], _ new: [UInt8]) -> [TextEdit] {
    var result: [TextEdit] = []
    var i = 0
    var j = 0
    while i < old.count || j < new.count {
      var oldEnd = i
      while oldEnd < old.count, isBlank(old[oldEnd]) { oldEnd += 1 }
      var newEnd = j
      while newEnd < new.count, isBlank(new[newEnd]) { newEnd += 1 }
      if oldEnd - i != newEnd - j || !old[i..<oldEnd].elementsEqual(new[j..<newEnd]) {
        result.append(replacement(old, i..<oldEnd, new, j..<newEnd))
      }
      i = oldEnd
      j = newEnd
      guard i < old.count, j < new.count else {
        if i < old.count || j < new.count { result.append(replacement(old, i..<old.count, new, j..<new.count)) }
        break
      }
      if old[i] == new[j] {
        i += 1
        j += 1
        continue
      }
      // Not a whitespace-only change: one edit for the rest.
      result.append(replacement(old, i..<old.count, new, j..<new.count))
      break
    }
    return merged(result)
  }

  static func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
  }

  /// An edit replacing `old[oldRange]` with `new[newRange]`, shrunk by their common prefix and suffix but never
  /// cutting a multi-byte character.
  static func replacement(_ old: [UInt8], _ oldRange: Range<Int>, _ new: [UInt8], _ newRange: Range<Int>) -> TextEdit {
    var prefix = 0
    while prefix < oldRange.count, prefix < newRange.count,
      old[oldRange.lowerBound + prefix] == new[newRange.lowerBound + prefix]
    {
      prefix += 1
    }
    while prefix > 0, oldRange.lowerBound + prefix < old.count, isContinuation(old[oldRange.lowerBound + prefix]) {
      prefix -= 1
    }
    var suffix = 0
    while suffix < oldRange.count - prefix, suffix < newRange.count - prefix,
      old[oldRange.upperBound - 1 - suffix] == new[newRange.upperBound - 1 - suffix]
    {
      suffix += 1
    }
    while suffix > 0, isContinuation(old[oldRange.upperBound - suffix]) { suffix -= 1 }
    let range = TextRange(start: oldRange.lowerBound + prefix, end: oldRange.upperBound - suffix)
    let text = String(decoding: new[(newRange.lowerBound + prefix)..<(newRange.upperBound - suffix)], as: UTF8.self)
    return TextEdit(range: range, newText: text)
  }

  static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

  /// Drops empty edits and joins edits that touch.
  static func merged(_ edits: [TextEdit]) -> [TextEdit] {
    var result: [TextEdit] = []
    for edit in edits where !(edit.range.isEmpty && edit.newText.isEmpty) {
      if let last = result.last, last.range.end == edit.range.start {
        result[result.count - 1] = TextEdit(
          range: TextRange(start: last.range.start, end: edit.range.end), newText: last.newText + edit.newText)
      } else {
        result.append(edit)
      }
    }
    return result
  }
}
