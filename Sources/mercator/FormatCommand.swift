// `mercator fmt`: rewrites files in hclwrite's canonical style (what `atlas schema fmt` does), or checks them.
import ArgumentParser
import Foundation
import HCLSyntax

struct FormatCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fmt",
    abstract: "Format HCL files in place, byte-identical to hclwrite.Format (atlas schema fmt)."
  )

  @Flag(help: "Change nothing; exit 1 if a file would change, naming it.")
  var check = false

  @Flag(help: "Print a unified diff of the changes instead of writing them.")
  var diff = false

  @Argument(help: "Files to format.")
  var paths: [String]

  func run() throws {
    var failed = false
    var wouldChange = false
    for path in paths {
      guard let source = SourceFile.readOrReport(path) else {
        failed = true
        continue
      }
      let formatted = Formatter.format(source)
      guard formatted != source else { continue }
      wouldChange = true
      if diff {
        print(UnifiedDiff.render(old: source, new: formatted, path: path), terminator: "")
      }
      if check {
        if !diff { print(path) }
        continue
      }
      if !diff {
        do {
          try Data(formatted).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
          printError("\(path): cannot write: \(error.localizedDescription)")
          failed = true
        }
      }
    }
    if failed || (check && wouldChange) { throw ExitCode(1) }
  }
}

/// A line-based unified diff (3 lines of context), enough to review a formatting change.
enum UnifiedDiff {
  static func render(old: [UInt8], new: [UInt8], path: String) -> String {
    let oldLines = lines(old)
    let newLines = lines(new)
    let changes = newLines.difference(from: oldLines)
    var removed = Set<Int>()
    var inserted = Set<Int>()
    for change in changes {
      switch change {
      case .remove(let offset, _, _): removed.insert(offset)
      case .insert(let offset, _, _): inserted.insert(offset)
      }
    }
    // Walk both sides in step, producing (kind, text) rows: ' ' kept, '-' removed, '+' inserted.
    var rows: [(kind: Character, text: String, oldLine: Int, newLine: Int)] = []
    var i = 0
    var j = 0
    while i < oldLines.count || j < newLines.count {
      if i < oldLines.count, removed.contains(i) {
        rows.append(("-", oldLines[i], i, j))
        i += 1
      } else if j < newLines.count, inserted.contains(j) {
        rows.append(("+", newLines[j], i, j))
        j += 1
      } else {
        rows.append((" ", i < oldLines.count ? oldLines[i] : "", i, j))
        i += 1
        j += 1
      }
    }
    var out = "--- \(path)\n+++ \(path) (formatted)\n"
    var index = 0
    while index < rows.count {
      guard rows[index].kind != " " else {
        index += 1
        continue
      }
      let start = max(0, index - 3)
      var end = index
      // Extend the hunk while changes are within 6 lines of each other.
      var lastChange = index
      while end < rows.count, end <= lastChange + 6 {
        if rows[end].kind != " " { lastChange = end }
        end += 1
      }
      end = min(rows.count, lastChange + 4)
      let hunk = rows[start..<end]
      let oldCount = hunk.filter { $0.kind != "+" }.count
      let newCount = hunk.filter { $0.kind != "-" }.count
      out += "@@ -\(rows[start].oldLine + 1),\(oldCount) +\(rows[start].newLine + 1),\(newCount) @@\n"
      for row in hunk { out += "\(row.kind)\(row.text)\n" }
      index = end
    }
    return out
  }

  /// The lines of a text; a final line break ends the last line rather than starting an empty one.
  static func lines(_ bytes: [UInt8]) -> [String] {
    var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }
    return lines.map(String.init)
  }
}
