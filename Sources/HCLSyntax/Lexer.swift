// Splits HCL source bytes into tokens exactly as hashicorp/hcl's scanner does, keeping every byte.

/// The lexer. Token boundaries follow `hclsyntax`'s Ragel scanner (templates, heredocs, brace tracking and all),
/// because hclwrite's formatter works on those tokens and we must format byte-identically. Unlike hclsyntax it
/// also emits whitespace (and a leading byte order mark) as tokens, so concatenating the tokens gives the input.
package enum Lexer {
  /// Tokenizes a whole config file; the last token is always an empty `eof`.
  ///
  /// With `endStringsAtNewline`, a quoted string that reaches the end of its line is ended there instead of
  /// running on into the next lines as hclsyntax does; the parser uses this so that one unterminated string
  /// costs one diagnostic, not the rest of the file. The formatter needs hclsyntax's exact tokens and leaves it off.
  package static func tokenize(_ bytes: [UInt8], endStringsAtNewline: Bool = false) -> [Token] {
    bytes.withUnsafeBufferPointer { buffer in
      var scanner = Scanner(buffer)
      scanner.endStringsAtNewline = endStringsAtNewline
      scanner.run()
      return scanner.tokens
    }
  }

  /// Tokenizes a bare template (hclsyntax's `LexTemplate`): literal text with `${…}` and `%{…}` sequences.
  package static func tokenizeTemplate(_ bytes: [UInt8]) -> [Token] {
    bytes.withUnsafeBufferPointer { buffer in
      var scanner = Scanner(buffer)
      scanner.modes = [.bareTemplate]
      scanner.run()
      return scanner.tokens
    }
  }
}

private struct HeredocInProgress {
  var markerStart: Int
  var markerEnd: Int
  var startOfLine: Bool
}

private enum Mode {
  case main
  case quoted
  case heredoc
  case bareTemplate
}

private struct Scanner {
  let bytes: UnsafeBufferPointer<UInt8>
  var tokens: [Token] = []
  var position = 0
  var modes: [Mode] = [.main]
  var braces = 0
  /// Brace levels at which a `}` ends a template sequence (`${…}` or `%{…}`) instead of an object or block.
  var returnBraces: [Int] = []
  var heredocs: [HeredocInProgress] = []
  var endStringsAtNewline = false
  /// Where the body of the current top-level heredoc starts, for `resumeAfterUnterminatedHeredoc`.
  var heredocBodyStart: Int?

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    tokens.reserveCapacity(bytes.count / 3 + 8)
  }

  var count: Int { bytes.count }

  func byte(_ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }

  mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int) {
    tokens.append(Token(kind, start, end))
    position = end
  }

  mutating func run() {
    if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
      emit(.whitespace, 0, 3)
    }
    while position < count {
      switch modes.last ?? .main {
      case .main: scanMain()
      case .quoted: scanQuoted()
      case .heredoc: scanHeredoc()
      case .bareTemplate: scanBareTemplate()
      }
      if position >= count, endStringsAtNewline { resumeAfterUnterminatedHeredoc() }
    }
    tokens.append(Token(.eof, count, count))
  }

  /// Recovery for editors: a top-level heredoc that never closes would make the rest of the file text. Instead the
  /// heredoc is taken to end before the first later line that starts, at column 0, an argument (`name =`) or a block
  /// (`name … {`), and scanning resumes there. hclsyntax has no such recovery; the parser still reports the heredoc.
  mutating func resumeAfterUnterminatedHeredoc() {
    guard modes.count == 2, modes[1] == .heredoc, let bodyStart = heredocBodyStart else { return }
    var lineStart = bodyStart
    while lineStart < count {
      if looksLikeBodyItemLine(at: lineStart) {
        guard let last = tokens.lastIndex(where: { $0.start < lineStart }), tokens[last].end == lineStart else { return }
        tokens.removeSubrange((last + 1)...)
        modes = [.main]
        heredocs = []
        heredocBodyStart = nil
        position = lineStart
        return
      }
      while lineStart < count, bytes[lineStart] != UInt8(ascii: "\n") { lineStart += 1 }
      lineStart += 1
    }
  }

  /// `name =` (not `==`) or a line ending in `{`, starting with an identifier at `start`.
  func looksLikeBodyItemLine(at start: Int) -> Bool {
    guard let identEnd = identifierEnd(from: start) else { return false }
    var i = identEnd
    while i < count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
    if byte(i) == UInt8(ascii: "="), byte(i + 1) != UInt8(ascii: "=") { return true }
    var lineEnd = i
    while lineEnd < count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
    var last = lineEnd
    while last > i, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[last - 1]) { last -= 1 }
    return last > i && bytes[last - 1] == UInt8(ascii: "{")
  }

  // MARK: - Main mode (expressions and structure)

  mutating func scanMain() {
    let start = position
    let c = bytes[start]
    switch c {
    case UInt8(ascii: " "), UInt8(ascii: "\t"):
      var i = start + 1
      while i < count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
      emit(.whitespace, start, i)
    case UInt8(ascii: "\n"):
      emit(.newline, start, start + 1)
    case UInt8(ascii: "\r"):
      if byte(start + 1) == UInt8(ascii: "\n") { emit(.newline, start, start + 2) } else { emit(.invalid, start, start + 1) }
    case UInt8(ascii: "0")...UInt8(ascii: "9"):
      emit(.numberLit, start, numberEnd(from: start))
    case UInt8(ascii: "#"):
      emit(.comment, start, lineCommentEnd(from: start + 1))
    case UInt8(ascii: "/"):
      if byte(start + 1) == UInt8(ascii: "/") {
        emit(.comment, start, lineCommentEnd(from: start + 2))
      } else if byte(start + 1) == UInt8(ascii: "*"), let end = blockCommentEnd(from: start + 2) {
        emit(.comment, start, end)
      } else {
        emit(.slash, start, start + 1)
      }
    case UInt8(ascii: "{"):
      braces += 1
      emit(.oBrace, start, start + 1)
    case UInt8(ascii: "}"):
      closeBrace(start, start + 1, isStripMarker: false)
    case UInt8(ascii: "~"):
      if byte(start + 1) == UInt8(ascii: "}") {
        closeBrace(start, start + 2, isStripMarker: true)
      } else {
        emit(.bitwiseNot, start, start + 1)
      }
    case UInt8(ascii: "\""):
      emit(.oQuote, start, start + 1)
      modes.append(.quoted)
    case UInt8(ascii: "<"):
      if byte(start + 1) == UInt8(ascii: "<"), let heredoc = heredocIntroducer(at: start) {
        emit(.oHeredoc, start, heredoc.end)
        heredocs.append(HeredocInProgress(markerStart: heredoc.markerStart, markerEnd: heredoc.markerEnd, startOfLine: true))
        if modes.count == 1 { heredocBodyStart = heredoc.end }
        modes.append(.heredoc)
      } else if byte(start + 1) == UInt8(ascii: "=") {
        emit(.lessThanEq, start, start + 2)
      } else {
        emit(.lessThan, start, start + 1)
      }
    case UInt8(ascii: ">"): pair(UInt8(ascii: "="), .greaterThanEq, else: .greaterThan)
    case UInt8(ascii: "="):
      if byte(start + 1) == UInt8(ascii: "=") {
        emit(.equalOp, start, start + 2)
      } else if byte(start + 1) == UInt8(ascii: ">") {
        emit(.fatArrow, start, start + 2)
      } else {
        emit(.equal, start, start + 1)
      }
    case UInt8(ascii: "!"): pair(UInt8(ascii: "="), .notEqual, else: .bang)
    case UInt8(ascii: "&"): pair(UInt8(ascii: "&"), .and, else: .bitwiseAnd)
    case UInt8(ascii: "|"): pair(UInt8(ascii: "|"), .or, else: .bitwiseOr)
    case UInt8(ascii: "."):
      if byte(start + 1) == UInt8(ascii: "."), byte(start + 2) == UInt8(ascii: ".") {
        emit(.ellipsis, start, start + 3)
      } else {
        emit(.dot, start, start + 1)
      }
    case UInt8(ascii: "["): emit(.oBrack, start, start + 1)
    case UInt8(ascii: "]"): emit(.cBrack, start, start + 1)
    case UInt8(ascii: "("): emit(.oParen, start, start + 1)
    case UInt8(ascii: ")"): emit(.cParen, start, start + 1)
    case UInt8(ascii: ","): emit(.comma, start, start + 1)
    case UInt8(ascii: "*"): emit(.star, start, start + 1)
    case UInt8(ascii: "%"): emit(.percent, start, start + 1)
    case UInt8(ascii: "+"): emit(.plus, start, start + 1)
    case UInt8(ascii: "-"): emit(.minus, start, start + 1)
    case UInt8(ascii: "?"): emit(.question, start, start + 1)
    case UInt8(ascii: ":"): emit(.colon, start, start + 1)
    case UInt8(ascii: "^"): emit(.bitwiseXor, start, start + 1)
    case UInt8(ascii: ";"): emit(.semicolon, start, start + 1)
    case UInt8(ascii: "`"): emit(.backtick, start, start + 1)
    case UInt8(ascii: "'"): emit(.apostrophe, start, start + 1)
    default:
      if let end = identifierEnd(from: start) {
        emit(.ident, start, end)
      } else {
        invalidCharacter(at: start)
      }
    }
  }

  mutating func pair(_ second: UInt8, _ twoByteKind: TokenKind, else oneByteKind: TokenKind) {
    if byte(position + 1) == second {
      emit(twoByteKind, position, position + 2)
    } else {
      emit(oneByteKind, position, position + 1)
    }
  }

  mutating func closeBrace(_ start: Int, _ end: Int, isStripMarker: Bool) {
    if let level = returnBraces.last, level == braces {
      emit(.templateSeqEnd, start, end)
      braces -= 1
      returnBraces.removeLast()
      if modes.count > 1 { modes.removeLast() }
    } else {
      // A `~}` that does not end a sequence is still a sequence end, so the parser can say it is misplaced.
      emit(isStripMarker ? .templateSeqEnd : .cBrace, start, end)
      braces -= 1
    }
  }

  mutating func invalidCharacter(at start: Int) {
    let (length, valid) = looseCharacter(at: start)
    emit(valid ? .invalid : .badUTF8, start, start + length)
  }

  /// A character as hclsyntax's scanner sees it: a lead byte and the right number of continuation bytes (overlong
  /// forms allowed); anything else is one broken byte.
  func looseCharacter(at i: Int) -> (length: Int, valid: Bool) {
    let lead = bytes[i]
    let length: Int
    switch lead {
    case 0x00...0x7F: return (1, true)
    case 0xC0...0xDF: length = 2
    case 0xE0...0xEF: length = 3
    case 0xF0...0xF7: length = 4
    default: return (1, false)
    }
    guard i + length <= count else { return (1, false) }
    for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return (1, false) }
    return (length, true)
  }

  /// `digit (digit | '.' | [eE][+-]?digit)*`, never ending on a '.'.
  func numberEnd(from start: Int) -> Int {
    var i = start + 1
    var end = i
    while i < count {
      let c = bytes[i]
      if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
        i += 1
        end = i
      } else if c == UInt8(ascii: ".") {
        i += 1
      } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
        var j = i + 1
        if byte(j) == UInt8(ascii: "+") || byte(j) == UInt8(ascii: "-") { j += 1 }
        guard j < count, bytes[j] >= UInt8(ascii: "0"), bytes[j] <= UInt8(ascii: "9") else { break }
        i = j + 1
        end = i
      } else {
        break
      }
    }
    return end
  }

  /// A line comment runs to and includes the first `\n`, or to the end of input.
  func lineCommentEnd(from start: Int) -> Int {
    var i = start
    while i < count {
      if bytes[i] == UInt8(ascii: "\n") { return i + 1 }
      i += 1
    }
    return count
  }

  /// The end of a `/* … */` comment, or nil when it never closes (then hclsyntax reads `/` and `*` as operators).
  func blockCommentEnd(from start: Int) -> Int? {
    var i = start
    while i + 1 < count {
      if bytes[i] == UInt8(ascii: "*"), bytes[i + 1] == UInt8(ascii: "/") { return i + 2 }
      i += 1
    }
    return nil
  }

  /// `(ID_Start | '_') (ID_Continue | '-')*`, or nil when no identifier starts here.
  func identifierEnd(from start: Int) -> Int? {
    guard start < count else { return nil }
    var i: Int
    let lead = bytes[start]
    if lead < 0x80 {
      // ASCII, the common case, without decoding a scalar.
      guard lead == UInt8(ascii: "_") || (lead | 0x20 >= UInt8(ascii: "a") && lead | 0x20 <= UInt8(ascii: "z")) else {
        return nil
      }
      i = start + 1
    } else {
      guard let first = scalar(at: start), isIdentifierStart(first.scalar) else { return nil }
      i = start + first.length
    }
    while i < count {
      let c = bytes[i]
      if c < 0x80 {
        if isASCIIIdentifierContinue(c) { i += 1 } else { break }
      } else if let next = scalar(at: i), next.scalar.properties.isIDContinue {
        i += next.length
      } else {
        break
      }
    }
    return i
  }

  func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
      let c = UInt8(scalar.value)
      return (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
    }
    return scalar.properties.isIDStart
  }

  func isASCIIIdentifierContinue(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
      || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
  }

  /// Decodes one well-formed UTF-8 scalar.
  func scalar(at i: Int) -> (scalar: Unicode.Scalar, length: Int)? {
    guard i < count else { return nil }
    let lead = bytes[i]
    if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
    var value: UInt32
    let length: Int
    switch lead {
    case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
    case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
    case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
    default: return nil
    }
    guard i + length <= count else { return nil }
    for k in 1..<length {
      let b = bytes[i + k]
      guard b & 0xC0 == 0x80 else { return nil }
      value = value << 6 | UInt32(b & 0x3F)
    }
    guard let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, length)
  }

  /// `<<` `-`? Ident Newline: the heredoc opener, including its newline.
  func heredocIntroducer(at start: Int) -> (end: Int, markerStart: Int, markerEnd: Int)? {
    var i = start + 2
    if byte(i) == UInt8(ascii: "-") { i += 1 }
    guard let identEnd = identifierEnd(from: i) else { return nil }
    if byte(identEnd) == UInt8(ascii: "\n") { return (identEnd + 1, i, identEnd) }
    if byte(identEnd) == UInt8(ascii: "\r"), byte(identEnd + 1) == UInt8(ascii: "\n") { return (identEnd + 2, i, identEnd) }
    return nil
  }

  // MARK: - Templates

  /// `${`, `${~`, `%{` or `%{~` at `start`, as a token kind and end; enters an expression.
  mutating func templateSequenceStart(at start: Int) -> Bool {
    let c = bytes[start]
    guard c == UInt8(ascii: "$") || c == UInt8(ascii: "%"), byte(start + 1) == UInt8(ascii: "{") else { return false }
    var end = start + 2
    if byte(end) == UInt8(ascii: "~") { end += 1 }
    emit(c == UInt8(ascii: "$") ? .templateInterp : .templateControl, start, end)
    braces += 1
    returnBraces.append(braces)
    if !heredocs.isEmpty, modes.last == .heredoc { heredocs[heredocs.count - 1].startOfLine = false }
    modes.append(.main)
    return true
  }

  /// `$${`, `%%{` (escapes for a literal `${`, `%{`) or a lone `$`/`%`: a literal chunk's length at `start`.
  func templateSigilLiteralEnd(at start: Int) -> Int {
    let c = bytes[start]
    if byte(start + 1) == c, byte(start + 2) == UInt8(ascii: "{") {
      return byte(start + 3) == UInt8(ascii: "~") ? start + 4 : start + 3
    }
    return start + 1
  }

  mutating func scanQuoted() {
    let start = position
    let c = bytes[start]
    if templateSequenceStart(at: start) { return }
    switch c {
    case UInt8(ascii: "\""):
      emit(.cQuote, start, start + 1)
      modes.removeLast()
    case UInt8(ascii: "$"), UInt8(ascii: "%"):
      if start + 1 >= count {
        emit(.invalid, start, start + 1)
      } else {
        emit(.quotedLit, start, templateSigilLiteralEnd(at: start))
      }
    case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
      if endStringsAtNewline {
        modes.removeLast()
        return
      }
      var i = start + 1
      while i < count, bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "\r") { i += 1 }
      emit(.quotedNewline, start, i)
    default:
      var i = start
      while i < count {
        let b = bytes[i]
        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "$") || b == UInt8(ascii: "%") || b == UInt8(ascii: "\n")
          || b == UInt8(ascii: "\r")
        {
          break
        }
        if b == UInt8(ascii: "\\") {
          let next = i + 1
          guard next < count, bytes[next] != UInt8(ascii: "\n"), bytes[next] != UInt8(ascii: "\r") else { break }
          let (length, valid) = looseCharacter(at: next)
          guard valid else { break }
          i = next + length
          continue
        }
        let (length, valid) = looseCharacter(at: i)
        guard valid else { break }
        i += length
      }
      if i > start {
        emit(.quotedLit, start, i)
      } else {
        let (length, valid) = looseCharacter(at: start)
        emit(valid ? .invalid : .badUTF8, start, start + length)
      }
    }
  }

  mutating func scanHeredoc() {
    let start = position
    if templateSequenceStart(at: start) { return }
    let c = bytes[start]
    if c == UInt8(ascii: "$") || c == UInt8(ascii: "%") {
      heredocs[heredocs.count - 1].startOfLine = false
      var end = templateSigilLiteralEnd(at: start)
      // hclsyntax quirk: a sigil whose next byte ends the line (`$$⏎`, `%x⏎`) keeps that byte in its token.
      if end == start + 1, start + 2 < count, bytes[start + 1] != UInt8(ascii: "\n"), bytes[start + 2] == UInt8(ascii: "\n") {
        end = start + 2
      }
      emit(.stringLit, start, end)
      return
    }
    let i = templateTextEnd(from: start)
    var lineEnd: Int? = nil
    if byte(i) == UInt8(ascii: "\n") {
      lineEnd = i + 1
    } else if byte(i) == UInt8(ascii: "\r"), byte(i + 1) == UInt8(ascii: "\n") {
      lineEnd = i + 2
    }
    guard var heredoc = heredocs.last else { return }
    if let lineEnd {
      if heredoc.startOfLine, isClosingMarker(start, i, heredoc) {
        emit(.cHeredoc, start, i)
        emit(.newline, i, lineEnd)
        heredocs.removeLast()
        modes.removeLast()
        return
      }
      heredoc.startOfLine = true
      heredocs[heredocs.count - 1] = heredoc
      emit(.stringLit, start, lineEnd)
    } else if i > start {
      heredocs[heredocs.count - 1].startOfLine = false
      emit(.stringLit, start, i)
    } else if byte(i) == UInt8(ascii: "\r") {
      // A lone carriage return matches nothing in hclsyntax's heredoc scanner: the rest is invalid.
      emit(.invalid, start, count)
    } else {
      emit(.badUTF8, start, start + 1)
    }
  }

  /// The end of a run of heredoc or bare-template text: up to a sigil, a line break or a broken byte.
  func templateTextEnd(from start: Int) -> Int {
    var i = start
    while i < count {
      let b = bytes[i]
      if b == UInt8(ascii: "$") || b == UInt8(ascii: "%") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") { break }
      let (length, valid) = looseCharacter(at: i)
      guard valid else { break }
      i += length
    }
    return i
  }

  mutating func scanBareTemplate() {
    let start = position
    if templateSequenceStart(at: start) { return }
    let c = bytes[start]
    if c == UInt8(ascii: "$") || c == UInt8(ascii: "%") {
      emit(.stringLit, start, start + 1 < count ? templateSigilLiteralEnd(at: start) : count)
      return
    }
    var i = templateTextEnd(from: start)
    if byte(i) == UInt8(ascii: "\n") {
      i += 1
    } else if byte(i) == UInt8(ascii: "\r"), byte(i + 1) == UInt8(ascii: "\n") {
      i += 2
    }
    if i > start {
      emit(.stringLit, start, i)
    } else if bytes[start] == UInt8(ascii: "\r") {
      emit(.invalid, start, count)
    } else {
      emit(.badUTF8, start, start + 1)
    }
  }

  func isClosingMarker(_ start: Int, _ end: Int, _ heredoc: HeredocInProgress) -> Bool {
    var s = start
    var e = end
    while s < e, isASCIISpace(bytes[s]) { s += 1 }
    while e > s, isASCIISpace(bytes[e - 1]) { e -= 1 }
    let markerLength = heredoc.markerEnd - heredoc.markerStart
    guard e - s == markerLength else { return false }
    for k in 0..<markerLength where bytes[s + k] != bytes[heredoc.markerStart + k] { return false }
    return true
  }

  func isASCIISpace(_ b: UInt8) -> Bool {
    b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == 0x0B || b == 0x0C
  }
}
