// The files an atlas.hcl's `file()`, `fileset()` and `glob()` read, relative to its folder as Atlas binds them
// (reference §5): what the CLI and the server hand the evaluation. Bounded, since a hostile file may ask for
// `/dev/zero` or `/**`; open editor buffers win over the disk; every path read is recorded as a dependency.
import Foundation
package import HCLEval

/// Reads files for one evaluation and remembers which.
package final class ProjectFiles: @unchecked Sendable {
  /// `file()` reads at most this much; a bigger file is an error, as is anything but a regular file.
  package static let maxFileBytes = 4 << 20
  /// `fileset()` and `glob()` visit at most this many directory entries, at most this deep.
  package static let maxVisitedEntries = 20_000
  package static let maxDepth = 32

  /// The folder relative paths start from: the atlas.hcl's.
  package let directory: String
  private let overlay: [String: [UInt8]]
  private let lock = NSLock()
  private var readPaths: Set<String> = []

  /// `overlay` holds the text of files open in an editor, by absolute path.
  package init(directory: String, overlay: [String: [UInt8]] = [:]) {
    self.directory = directory
    self.overlay = overlay
  }

  /// The folder of a file path (`.` for a bare name).
  package static func directory(of path: String) -> String {
    let url = URL(fileURLWithPath: path).standardizedFileURL
    return url.deletingLastPathComponent().path
  }

  /// Every absolute path read (or looked for) so far, and the folders a pattern listed.
  package var dependencies: Set<String> {
    lock.lock()
    defer { lock.unlock() }
    return readPaths
  }

  /// The evaluation host: files through this object; `getenv` stays unknown (the editor's environment is not the
  /// one Atlas will run in, and a value there may be a secret).
  package var host: HostEnvironment {
    HostEnvironment(
      readFile: { [self] in read($0) },
      fileset: { [self] in match($0, doubleStar: true) },
      glob: { [self] in match($0, doubleStar: false) })
  }

  func absolute(_ path: String) -> String {
    let joined = path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
    return (joined as NSString).standardizingPath
  }

  private func record(_ path: String) {
    lock.lock()
    readPaths.insert(path)
    lock.unlock()
  }

  func read(_ path: String) -> Result<String, FunctionError> {
    let full = absolute(path)
    record(full)
    if let open = overlay[full] { return .success(String(decoding: open, as: UTF8.self)) }
    guard let status = Self.status(full) else {
      return .failure(FunctionError("no file \"\(path)\" in \(directory)"))
    }
    guard status.isRegular else {
      return .failure(FunctionError("\"\(path)\" is not a regular file"))
    }
    guard status.size <= Self.maxFileBytes else {
      return .failure(FunctionError("\"\(path)\" is larger than \(Self.maxFileBytes >> 20) MiB"))
    }
    guard let handle = FileHandle(forReadingAtPath: full) else {
      return .failure(FunctionError("cannot read \"\(path)\""))
    }
    defer { try? handle.close() }
    let data = (try? handle.read(upToCount: Self.maxFileBytes + 1)) ?? Data()
    guard data.count <= Self.maxFileBytes else {
      return .failure(FunctionError("\"\(path)\" is larger than \(Self.maxFileBytes >> 20) MiB"))
    }
    return .success(String(decoding: data, as: UTF8.self))
  }

  /// The absolute paths of the regular files matching a pattern, sorted. With `doubleStar`, a `**` segment matches
  /// any number of folders (doublestar, as `fileset`); otherwise segments match one level each (`filepath.Glob`).
  func match(_ pattern: String, doubleStar: Bool) -> Result<[String], FunctionError> {
    let full = pattern.hasPrefix("/") ? pattern : (directory as NSString).appendingPathComponent(pattern)
    let segments = full.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    var results: Set<String> = []
    var visited = 0
    // (folder, index of the next segment to match)
    var pending: [(String, Int)] = [("/", 0)]
    var seen: Set<String> = []
    var listed: Set<String> = []
    while let (folder, index) = pending.popLast() {
      guard seen.insert("\(index)\u{0}\(folder)").inserted else { continue }
      if index == segments.count {
        if Self.isRegularFile(folder) { results.insert(folder) }
        continue
      }
      let segment = segments[index]
      if doubleStar && segment == "**" {
        pending.append((folder, index + 1))
        guard folder.split(separator: "/").count < Self.maxDepth else { continue }
        listed.insert(folder)
        for entry in Self.entries(folder, visited: &visited) where Self.isDirectory(entry) { pending.append((entry, index)) }
      } else if !Self.hasWildcard(segment) {
        let next = folder == "/" ? "/" + segment : folder + "/" + segment
        if FileManager.default.fileExists(atPath: next) { pending.append((next, index + 1)) }
      } else {
        listed.insert(folder)
        for entry in Self.entries(folder, visited: &visited) {
          let name = (entry as NSString).lastPathComponent
          if fnmatch(segment, name, FNM_PERIOD) == 0 { pending.append((entry, index + 1)) }
        }
      }
      if visited > Self.maxVisitedEntries {
        return .failure(FunctionError("the pattern \"\(pattern)\" matches too much (more than \(Self.maxVisitedEntries) entries visited)"))
      }
    }
    // The folders listed count too: a file added to one changes what the pattern matches.
    for path in results.union(listed) { record(path) }
    return .success(results.sorted())
  }

  static func hasWildcard(_ segment: String) -> Bool { segment.contains { "*?[\\".contains($0) } }

  static func entries(_ folder: String, visited: inout Int) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    visited += names.count
    return names.sorted().map { folder == "/" ? "/" + $0 : folder + "/" + $0 }
  }

  static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }

  static func isRegularFile(_ path: String) -> Bool { status(path)?.isRegular ?? false }

  /// `stat(2)` itself: FileManager's attributes also look up the owner's name, which asks the name service (a
  /// socket to nscd) — and analysing a file must open no socket.
  static func status(_ path: String) -> (isRegular: Bool, size: Int)? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return ((info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size))
  }
}
