// Counts grapheme clusters the way hclwrite measures alignment widths (go-textseg v13, Unicode 13 rules).

/// Grapheme cluster counting for the formatter's column arithmetic. hclwrite measures each token with go-textseg,
/// which follows Unicode 13's segmentation rules and treats bytes that are not UTF-8 its own way. The Swift standard
/// library segments by a newer Unicode version, so this wraps `String`'s `Character` count with corrections for
/// what differs in practice: malformed bytes, Indic conjuncts (joined by rule GB9c, new in Unicode 15.1, split by
/// textseg). Rare sequences still differ: characters assigned after Unicode 13, and a zero-width joiner followed by a
/// pictograph where no pictograph precedes the joiner (textseg sometimes joins those).
enum GraphemeCounter {
  static func count(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
    let lower = min(max(range.lowerBound, 0), bytes.count)
    let upper = min(max(range.upperBound, lower), bytes.count)
    let slice = bytes[lower ..< upper]
    if slice.allSatisfy({ $0 < 0x80 }) { return asciiCount(slice) }

    var total = 0
    var run: [Unicode.Scalar] = []
    var i = lower
    while i < upper {
      switch decode(bytes, at: i, end: upper) {
      case .scalar(let scalar, let length):
        run.append(scalar)
        i += length
      case .opaque(let length):
        // A malformed sequence is one cluster on its own, and so separates the well-formed text around it.
        total += countValid(run) + 1
        run.removeAll(keepingCapacity: true)
        i += length
      }
    }
    return total + countValid(run)
  }

  /// ASCII: one cluster per byte, except that `\r\n` is a single cluster.
  private static func asciiCount(_ slice: ArraySlice<UInt8>) -> Int {
    var total = slice.count
    var previous: UInt8 = 0
    for b in slice {
      if previous == UInt8(ascii: "\r") && b == UInt8(ascii: "\n") { total -= 1 }
      previous = b
    }
    return total
  }

  private enum Decoded {
    case scalar(Unicode.Scalar, length: Int)
    /// Bytes that are not a Unicode scalar in UTF-8 but that textseg still takes as one unit.
    case opaque(length: Int)
  }

  /// One scalar in strict UTF-8, or else the malformed unit textseg would take: a lead byte followed by the right
  /// number of continuation bytes (overlong forms, surrogates and values above U+10FFFF included) counts as one,
  /// anything else as a single byte.
  private static func decode(_ bytes: [UInt8], at i: Int, end: Int) -> Decoded {
    let lead = bytes[i]
    let length: Int
    var value: UInt32
    switch lead {
    case 0x00 ... 0x7F: return .scalar(Unicode.Scalar(lead), length: 1)
    case 0xC0 ... 0xDF: length = 2; value = UInt32(lead & 0x1F)
    case 0xE0 ... 0xEF: length = 3; value = UInt32(lead & 0x0F)
    case 0xF0 ... 0xF7: length = 4; value = UInt32(lead & 0x07)
    default: return .opaque(length: 1)
    }
    guard i + length <= end else { return .opaque(length: 1) }
    for k in 1 ..< length {
      let b = bytes[i + k]
      guard b & 0xC0 == 0x80 else { return .opaque(length: 1) }
      value = value << 6 | UInt32(b & 0x3F)
    }
    let shortest: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
    guard value >= shortest, let scalar = Unicode.Scalar(value) else { return .opaque(length: length) }
    return .scalar(scalar, length: length)
  }

  /// Clusters in well-formed text: Swift's count, plus one wherever rule GB9c (Unicode 15.1) joined an Indic
  /// consonant to a preceding virama; textseg, on Unicode 13, splits there (`क्ष` is two clusters for hclwrite).
  private static func countValid(_ scalars: [Unicode.Scalar]) -> Int {
    guard !scalars.isEmpty else { return 0 }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars)
    var total = 0
    for character in String(view) {
      total += 1
      var afterLinker = false
      for scalar in character.unicodeScalars {
        if afterLinker, isConjunctConsonant(scalar) { total += 1 }
        if isConjunctLinker(scalar) {
          afterLinker = true
        } else if !(scalar.properties.isGraphemeExtend || scalar == "\u{200D}") {
          afterLinker = false
        }
      }
    }
    return total
  }

  /// The viramas that rule GB9c treats as conjunct linkers (Devanagari, Bengali, Gujarati, Oriya, Telugu, Malayalam).
  private static func isConjunctLinker(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x094D, 0x09CD, 0x0ACD, 0x0B4D, 0x0C4D, 0x0D4D: true
    default: false
    }
  }

  /// A consonant of those scripts (their letters are the only `Lo` scalars of the blocks that GB9c can join).
  private static func isConjunctConsonant(_ scalar: Unicode.Scalar) -> Bool {
    (0x0900 ... 0x0D7F).contains(scalar.value) && scalar.properties.generalCategory == .otherLetter
  }

  private static func isHangul(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x1100 ... 0x11FF, 0xA960 ... 0xA97F, 0xD7B0 ... 0xD7FF, 0xAC00 ... 0xD7A3: true
    default: false
    }
  }
}
