// Test support for DatabaseInspection: fixture files (txtar-like `-- name --` sections), golden comparison that
// `UPDATE_GOLDEN=1` rewrites, and the report a conformance run over Atlas's goldens prints.
import Foundation
import Testing

@testable import DatabaseInspection

enum Fixtures {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/inspect")
  static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

  static func files(_ folder: String, extension ext: String) -> [URL] {
    let directory = root.appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix("." + ext) }.sorted().map { directory.appendingPathComponent($0) }
  }
}

/// A txtar-like file: a free-text header, then `-- name --` sections.
struct SectionFile {
  var header: String
  var sections: [(name: String, text: String)]

  init(_ text: String) {
    header = ""
    sections = []
    var current: String? = nil
    var body = ""
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if line.hasPrefix("-- "), line.hasSuffix(" --"), line.count > 6 {
        if let current { sections.append((current, body)) } else { header = body }
        current = String(line.dropFirst(3).dropLast(3))
        body = ""
      } else {
        body += line + "\n"
      }
    }
    if let current { sections.append((current, String(body.dropLast()))) } else { header = body }
  }

  subscript(name: String) -> String? { sections.first { $0.name == name }?.text }

  mutating func set(_ name: String, _ text: String) {
    if let index = sections.firstIndex(where: { $0.name == name }) { sections[index].text = text } else {
      sections.append((name, text))
    }
  }

  var text: String {
    header + sections.map { "-- \($0.name) --\n" + $0.text + ($0.text.hasSuffix("\n") ? "" : "\n") }.joined()
  }
}

/// Compares `actual` with a file's section; with UPDATE_GOLDEN=1 writes it instead.
func checkSection(
  _ actual: String, _ section: String, in url: URL, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  var file = SectionFile(try String(contentsOf: url, encoding: .utf8))
  if Fixtures.updating {
    file.set(section, actual)
    try file.text.write(to: url, atomically: true, encoding: .utf8)
    return
  }
  let expected = file[section]
  #expect(expected != nil, "\(url.lastPathComponent) has no -- \(section) -- section (UPDATE_GOLDEN=1 adds it)",
    sourceLocation: sourceLocation)
  if let expected {
    #expect(actual == expected, "\(url.lastPathComponent): \(section) differs", sourceLocation: sourceLocation)
  }
}

/// The `--format` template a golden's header gives an output (`expected.sql-format.sql: args: --format '{{ … }}'`),
/// read as `mercator inspect --format` reads it; `.hcl` when the header gives none, nil when it gives one we refuse.
func goldenFormat(for section: String, header: String) -> InspectFormat? {
  guard let line = header.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(section + ":") }),
    let flag = line.range(of: "--format '")
  else { return .hcl }
  let template = line[flag.upperBound...].prefix { $0 != "'" }
  return try? InspectFormat.parse(String(template)).get()
}

/// What a conformance run over Atlas's goldens found: outputs that pass, fail, or cannot run here, by id.
struct ConformanceReport {
  var passed: [String] = []
  var failed: [(id: String, reason: String)] = []
  var notRun: [(id: String, reason: String)] = []

  /// Prints `TITLE: N/TOTAL outputs pass` (with the runnable count when asked) and every failing or unrun output,
  /// then records each failure that is not a known one, and each known failure that passes now.
  func finish(_ title: String, knownFailures: [String: String], showingRunnable: Bool = false) {
    let total = passed.count + failed.count + notRun.count
    var report = "\(title): \(passed.count)/\(total) outputs pass"
    if showingRunnable { report += " (\(passed.count + failed.count) runnable)" }
    for (id, reason) in failed {
      report += "\n  FAIL \(id)" + (knownFailures[id].map { " (known: \($0))" } ?? "") + ": \(reason)"
    }
    for (id, reason) in notRun { report += "\n  NOT RUN \(id): \(reason)" }
    print(report)
    for (id, reason) in failed where knownFailures[id] == nil { Issue.record("\(id): \(reason)") }
    for id in passed where knownFailures[id] != nil { Issue.record("\(id) passes now: remove it from knownFailures") }
  }
}

