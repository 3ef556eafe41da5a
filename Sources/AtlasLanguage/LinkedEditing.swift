// Linked editing of a heredoc's two markers: renaming `EOT` in `<<EOT` renames the closing `EOT` with it.
package import HCLSyntax

package enum LinkedEditing {
  /// With the cursor on (or just after) a heredoc's opening or closing marker, the two marker identifiers (no `<<`,
  /// `-` or indentation), opening first; nil anywhere else, or when the heredoc has no closing marker.
  package static func ranges(_ file: ParsedFile, at offset: Int) -> [TextRange]? {
    guard offset >= 0, offset <= file.source.count, let index = file.tokenIndex(at: offset) else { return nil }
    var candidates = [index]
    if index + 1 < file.tokens.count { candidates.append(index + 1) }
    if index > 0 { candidates.append(index - 1) }
    for candidate in candidates {
      let token = file.tokens[candidate]
      guard token.kind == .oHeredoc || token.kind == .cHeredoc else { continue }
      guard let heredoc = file.nodePath(toToken: candidate).last, heredoc.kind == .heredocTemplate,
        let open = file.directToken(.oHeredoc, of: heredoc), let close = file.lastDirectToken(.cHeredoc, of: heredoc)
      else { continue }
      let opening = openingMarker(file, open)
      let closing = file.trimmingLeadingBlanks(close.range)
      let marker = token.kind == .oHeredoc ? opening : closing
      guard marker.start <= offset, offset <= marker.end, !opening.isEmpty, !closing.isEmpty else { continue }
      return [opening, closing]
    }
    return nil
  }

  /// The identifier of `<<EOT⏎` or `<<-EOT⏎`.
  private static func openingMarker(_ file: ParsedFile, _ token: Token) -> TextRange {
    var start = token.start
    while start < token.end, file.source[start] == UInt8(ascii: "<") || file.source[start] == UInt8(ascii: "-") {
      start += 1
    }
    return file.trimmingLineBreak(TextRange(start: start, end: token.end))
  }
}
