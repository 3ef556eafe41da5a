// The state of the commands the lenses run: which are running (so `$/cancelRequest` and
// `window/workDoneProgress/cancel` can stop them), where their files go, and the scratch files to delete.
import DatabaseInspection
import Foundation
import AWSAuth

/// One running `workspace/executeCommand`: its cancellation and progress, and the secrets it has learned, which every
/// message it sends is masked against.
final class CommandRun: @unchecked Sendable {
  let id: RequestID
  let control: InspectionControl
  let progress: WorkDoneProgress
  private let lock = NSLock()
  private var learned: [String] = []

  init(id: RequestID, progress: WorkDoneProgress, control: InspectionControl) {
    self.id = id
    self.progress = progress
    self.control = control
  }

  var secrets: [String] {
    lock.lock()
    defer { lock.unlock() }
    return learned
  }

  func learn(_ secrets: [String]) {
    lock.lock()
    defer { lock.unlock() }
    learned += secrets.filter { !$0.isEmpty }
  }

  /// `text` with every secret of the run masked: the last guard before anything leaves the server.
  func masked(_ text: String) -> String { DatabaseURL.mask(text, secrets: secrets) }
}

/// Confined to the server's queue, except the closures, which are set before the server starts.
final class CommandState: @unchecked Sendable {
  var running: [RequestID: CommandRun] = [:]
  /// Files holding a token (Show token): deleted when the token expires and when the server exits.
  var scratchFiles: Set<String> = []
  /// The AWS environment the commands sign with: the process's; tests give their own.
  var awsEnvironment: @Sendable () -> AWSEnvironment = { .process }
  /// `$XDG_CACHE_HOME/mercator`, else `~/.cache/mercator`: where inspected schemas and scratch files go.
  var cacheDirectory: @Sendable () -> String? = CommandState.userCacheDirectory

  static func userCacheDirectory() -> String? {
    let environment = ProcessInfo.processInfo.environment
    if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/mercator" }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return home + "/.cache/mercator"
  }

  /// Runs `body` on a thread of its own: libpq and Connector/C block, and must hold neither the server's queue nor
  /// one of the few threads of Swift's cooperative pool.
  static func blocking<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
      DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: body()) }
    }
  }
}

/// Writing the files commands open: under the cache folder, created private (0700 folders), never following a
/// link planted where a file goes (the old file is removed first and the new one created exclusively).
enum CacheFiles {
  struct Failure: Error { var message: String }

  /// Writes `text` to `folder/name` (both under the cache directory) with `permissions`, replacing what was there.
  static func store(_ text: String, root: String?, folder: String, name: String, permissions: Int) throws(Failure) -> String {
    guard let root else { throw Failure(message: "there is no cache folder (neither XDG_CACHE_HOME nor HOME is set)") }
    let directory = root + "/" + folder
    let path = directory + "/" + safeName(name)
    let manager = FileManager.default
    do {
      try manager.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw Failure(message: "cannot create \(directory): \(error.localizedDescription)")
    }
    _ = unlink(path)
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(permissions))
    guard descriptor >= 0 else { throw Failure(message: "cannot create \(path): \(String(cString: strerror(errno)))") }
    defer { close(descriptor) }
    let bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
      let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      guard count > 0 else { throw Failure(message: "cannot write \(path): \(String(cString: strerror(errno)))") }
      written += count
    }
    // The mode given to open is filtered by the umask; set it exactly.
    _ = fchmod(descriptor, mode_t(permissions))
    return path
  }

  /// An env or data source name as a file name: path separators and a leading dot cannot escape the folder.
  static func safeName(_ name: String) -> String {
    var result = String(name.map { $0 == "/" || $0 == "\\" || $0 == "\0" ? "_" : $0 })
    if result.hasPrefix(".") { result = "_" + result.dropFirst() }
    return result.isEmpty ? "_" : result
  }
}
