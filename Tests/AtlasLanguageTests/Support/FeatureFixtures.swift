// Fixture files with 1️⃣ 2️⃣ … markers, golden files beside them (UPDATE_GOLDEN=1 rewrites), and the corpus.
import Foundation
import HCLSyntax
import Testing

/// The package's root directory, found from this source file's path (Tests/AtlasLanguageTests/Support/…).
let packageRoot: URL = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent()  // Support
  .deletingLastPathComponent()  // AtlasLanguageTests
  .deletingLastPathComponent()  // Tests
  .deletingLastPathComponent()  // package root
  .standardizedFileURL

/// One fixture: `Tests/Fixtures/features/<feature>/NAME.hcl`, its markers stripped, and `NAME.golden` beside it.
struct FeatureFixture: CustomTestStringConvertible, Sendable {
  let url: URL
  /// The source with markers removed.
  let source: [UInt8]
  /// Marker number → offset in `source` where it stood; a number written twice marks a range (both offsets).
  let markers: [(number: Int, offset: Int)]

  var name: String { url.deletingLastPathComponent().lastPathComponent + "/" + url.lastPathComponent }
  var testDescription: String { name }
  var goldenURL: URL { url.deletingPathExtension().appendingPathExtension("golden") }

  static func all(_ feature: String) -> [FeatureFixture] {
    let directory = packageRoot.appendingPathComponent("Tests/Fixtures/features/\(feature)")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".hcl") }.sorted().compactMap { name in
      let url = directory.appendingPathComponent(name)
      guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
      return FeatureFixture(url: url, raw: Array(data))
    }
  }

  /// Strips keycap markers (`1️⃣` is "1", U+FE0F, U+20E3; `🔟` is ten) byte-wise, so invalid UTF-8 survives.
  init(url: URL, raw: [UInt8]) {
    self.url = url
    let keycapTail: [UInt8] = [0xEF, 0xB8, 0x8F, 0xE2, 0x83, 0xA3]
    let ten: [UInt8] = [0xF0, 0x9F, 0x94, 0x9F]
    var out: [UInt8] = []
    var found: [(Int, Int)] = []
    var i = 0
    while i < raw.count {
      let byte = raw[i]
      if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), i + 7 <= raw.count,
        Array(raw[(i + 1)..<(i + 7)]) == keycapTail
      {
        found.append((Int(byte - UInt8(ascii: "0")), out.count))
        i += 7
        continue
      }
      if i + 4 <= raw.count, Array(raw[i..<(i + 4)]) == ten {
        found.append((10, out.count))
        i += 4
        continue
      }
      out.append(byte)
      i += 1
    }
    source = out
    markers = found
  }

  /// Offsets of each marker number, in order of appearance.
  var markerOffsets: [(number: Int, offsets: [Int])] {
    var result: [(Int, [Int])] = []
    for (number, offset) in markers {
      if let index = result.firstIndex(where: { $0.0 == number }) {
        result[index].1.append(offset)
      } else {
        result.append((number, [offset]))
      }
    }
    return result.sorted { $0.0 < $1.0 }
  }
}

extension FeatureFixture {
  /// The golden text of a per-marker check: `body` describes each marker position (first line without its
  /// `marker N at L:C` prefix, which is added), in marker order.
  func perMarker(_ body: (_ number: Int, _ offset: Int) -> String) -> String {
    let render = Renderer(source)
    var out = ""
    for (number, offsets) in markerOffsets {
      for offset in offsets { out += "marker \(number) at \(render.position(offset))" + body(number, offset) }
    }
    return out
  }
}

/// Renders positions as `line:column` (1-based, columns in Unicode scalars) and ranges with the text they cover.
struct Renderer {
  let source: [UInt8]
  let lines: LineIndex

  init(_ source: [UInt8]) {
    self.source = source
    self.lines = LineIndex(source)
  }

  func position(_ offset: Int) -> String {
    let position = lines.position(of: offset, unit: .unicodeScalar)
    return "\(position.line + 1):\(position.column + 1)"
  }

  /// `1:5-1:12 "text"`, long text shortened in the middle.
  func range(_ range: TextRange) -> String {
    "\(position(range.start))-\(position(range.end)) \(quoted(range))"
  }

  func quoted(_ range: TextRange) -> String {
    let start = min(max(range.start, 0), source.count)
    let end = min(max(range.end, start), source.count)
    var text = ParsedFile.escapedForDump(String(decoding: source[start..<end], as: UTF8.self))
    if text.count > 60 { text = String(text.prefix(28)) + "…" + String(text.suffix(28)) }
    return "\"\(text)\""
  }
}

/// Golden files: compared byte for byte; rewritten (never Swift) when `UPDATE_GOLDEN=1`.
enum Golden {
  static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

  static func check(_ actual: String, against url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
    let existing = FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) }
    if updating {
      if existing != actual {
        do { try Data(actual.utf8).write(to: url) } catch {
          Issue.record("cannot write \(url.path): \(error)", sourceLocation: sourceLocation)
        }
      }
      return
    }
    guard let existing else {
      Issue.record("missing golden file \(url.path); run UPDATE_GOLDEN=1 swift test", sourceLocation: sourceLocation)
      return
    }
    #expect(
      existing == actual, "golden mismatch for \(url.lastPathComponent); run UPDATE_GOLDEN=1 swift test to accept",
      sourceLocation: sourceLocation)
  }
}

/// The conformance corpus of DESIGN.md §4 at `<package root>/../shared/conformance`: its HCL inputs.
enum Corpus {
  static let directory: URL = packageRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/conformance", isDirectory: true).standardizedFileURL

  /// Every `.hcl`, `.hcle` and `.tmpl` file with its path relative to the corpus; records an issue when missing.
  static func files(sourceLocation: SourceLocation = #_sourceLocation) -> [(name: String, bytes: [UInt8])] {
    guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
      Issue.record("conformance corpus not found at \(directory.path); it must sit beside the package as ../shared",
                   sourceLocation: sourceLocation)
      return []
    }
    var result: [(String, [UInt8])] = []
    for case let url as URL in enumerator where ["hcl", "hcle", "tmpl"].contains(url.pathExtension) {
      guard let data = FileManager.default.contents(atPath: url.path) else { continue }
      let path = url.standardizedFileURL.path
      let prefix = directory.path + "/"
      result.append((path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path, Array(data)))
    }
    if result.isEmpty {
      Issue.record("conformance corpus at \(directory.path) holds no HCL files", sourceLocation: sourceLocation)
    }
    return result.sorted { $0.0 < $1.0 }
  }
}
