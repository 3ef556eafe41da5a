// Locates the conformance corpus in ../shared/conformance (beside the package) and lists its files.
import Foundation
import Testing

/// The package's root directory, found from this source file's path (Tests/HCLSyntaxTests/Support/…).
let packageRoot: URL = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent()  // Support
  .deletingLastPathComponent()  // HCLSyntaxTests
  .deletingLastPathComponent()  // Tests
  .deletingLastPathComponent()  // package root
  .standardizedFileURL

/// Whether we run in CI (`CI` set to anything but empty, "0" or "false").
var isCI: Bool {
  guard let value = ProcessInfo.processInfo.environment["CI"] else { return false }
  return !(value.isEmpty || value == "0" || value.lowercased() == "false")
}

/// The external conformance suites of DESIGN.md §4: `<package root>/../shared/conformance`.
enum Conformance {
  static let directory: URL = packageRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/conformance", isDirectory: true).standardizedFileURL

  /// The directory, or nil after recording an issue when it is missing. A test that checks nothing must not pass.
  static func requireDirectory(sourceLocation: SourceLocation = #_sourceLocation) -> URL? {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue {
      return directory
    }
    let hint = "It must sit beside the package as ../shared (see README.md)."
    Issue.record(
      "conformance corpus not found at \(directory.path). \(hint)\(isCI ? " CI=\(ProcessInfo.processInfo.environment["CI"] ?? "") is set: this is a hard failure." : "")",
      sourceLocation: sourceLocation)
    return nil
  }

  /// Every file under `directory` (recursively), sorted by path.
  static func allFiles(under root: URL) -> [URL] {
    guard let enumerator = FileManager.default.enumerator(
      at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [])
    else { return [] }
    var result: [URL] = []
    for case let url as URL in enumerator {
      if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        result.append(url.standardizedFileURL)
      }
    }
    return result.sorted { $0.path < $1.path }
  }

  /// HCL source files of the corpus: every `*.hcl` anywhere, and every file under `hcl-syntax-cases/` except
  /// `*.md` (hclsyntax cases come as .hcl, .hcle, .tmpl, .txtar, …). Sorted by path; records an issue and returns
  /// an empty list when the corpus is missing or empty.
  static func sourceFiles(sourceLocation: SourceLocation = #_sourceLocation) -> [URL] {
    guard let root = requireDirectory(sourceLocation: sourceLocation) else { return [] }
    let syntaxCases = root.appendingPathComponent("hcl-syntax-cases", isDirectory: true).path + "/"
    let files = allFiles(under: root).filter { url in
      url.pathExtension == "hcl" || (url.path.hasPrefix(syntaxCases) && url.pathExtension != "md")
    }
    if files.isEmpty {
      Issue.record("conformance corpus at \(root.path) holds no HCL files", sourceLocation: sourceLocation)
    }
    return files
  }

  /// The path of `url` relative to the corpus root, for messages.
  static func relativePath(_ url: URL) -> String {
    let prefix = directory.path + "/"
    return url.path.hasPrefix(prefix) ? String(url.path.dropFirst(prefix.count)) : url.path
  }

  /// The file's bytes (records an issue and returns nil when unreadable).
  static func read(_ url: URL, sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8]? {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      Issue.record("cannot read \(url.path)", sourceLocation: sourceLocation)
      return nil
    }
    return Array(data)
  }
}
