// `workspace/symbol`: the envs, variables, locals and data sources of every atlas.hcl in the workspace folders (read
// from disk off the request queue, bounded) and of the open documents (their current text wins over the disk), ranked
// by a fuzzy match of the query. Flat `SymbolInformation`s with the name's location.
import AtlasLanguage
import Foundation
import HCLSyntax

/// The definitions found in atlas.hcl files on disk, kept per path while the file's size and modification time stay
/// the same, so that a query reads and parses only what changed.
final class WorkspaceSymbolIndex: @unchecked Sendable {
  /// A walk of the folders stops after this many directory entries, and goes no deeper than this.
  static let maxVisitedEntries = 20_000
  static let maxDepth = 12
  /// Folders that hold no project files of the user's, only more to walk.
  static let skippedFolders: Set<String> = ["node_modules", "vendor", "target"]

  struct Entry {
    var size: Int
    var modified: Int
    var lines: LineIndex
    var definitions: [SymbolDefinition]
  }

  /// How long a walk of the folders is reused: a symbol picker asks again at every keystroke.
  static let walkLifetime: TimeInterval = 2

  private let lock = NSLock()
  private var entries: [String: Entry] = [:]
  private var lastWalk: (folders: [String], at: Date, files: [String])?

  /// The project files under the folders, from the last walk when it is recent and of the same folders.
  func projectFiles(under folders: [String], isProjectFile: (String) -> Bool) -> [String] {
    lock.lock()
    let recent = lastWalk
    lock.unlock()
    if let recent, recent.folders == folders, Date().timeIntervalSince(recent.at) < Self.walkLifetime {
      return recent.files
    }
    let files = Self.projectFiles(under: folders, isProjectFile: isProjectFile)
    lock.lock()
    lastWalk = (folders, Date(), files)
    lock.unlock()
    return files
  }

  /// The atlas.hcl files under the folders, not following symbolic links, skipping hidden and dependency folders.
  static func projectFiles(under folders: [String], isProjectFile: (String) -> Bool) -> [String] {
    var result: [String] = []
    var visited = 0
    var pending: [(path: String, depth: Int)] = folders.map { ($0, 0) }
    while let (folder, depth) = pending.popLast() {
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
      for name in names {
        visited += 1
        if visited > maxVisitedEntries { return result }
        let path = (folder as NSString).appendingPathComponent(name)
        guard let kind = linkStatus(path) else { continue }
        if kind == .directory {
          if depth + 1 < maxDepth, !name.hasPrefix("."), !skippedFolders.contains(name) { pending.append((path, depth + 1)) }
        } else if kind == .regular, isProjectFile(name) {
          result.append(path)
        }
      }
    }
    return result
  }

  enum FileKind { case regular, directory, other }

  /// `lstat(2)`: a symbolic link is neither a file nor a folder here (links may loop, or leave the workspace).
  static func linkStatus(_ path: String) -> FileKind? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .regular
    case S_IFDIR: return .directory
    default: return .other
    }
  }

  /// The definitions of a file on disk (and its lines, to convert their positions), from the cache when the file
  /// did not change; nil when it cannot be read or is too big to be a project file.
  func entry(for path: String) -> Entry? {
    var info = stat()
    guard stat(path, &info) == 0, Int(info.st_size) <= ProjectFiles.maxFileBytes else { return nil }
    let size = Int(info.st_size)
    #if canImport(Darwin)
    let modified = Int(info.st_mtimespec.tv_sec) &* 1_000_000_000 &+ Int(info.st_mtimespec.tv_nsec)
    #else
    // Wrapping arithmetic: a time past 2262 (which a file can carry) must not trap; it is only compared for equality.
    let modified = Int(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(info.st_mtim.tv_nsec)
    #endif
    lock.lock()
    let cached = entries[path]
    lock.unlock()
    if let cached, cached.size == size, cached.modified == modified { return cached }
    guard let data = FileManager.default.contents(atPath: path), data.count <= ProjectFiles.maxFileBytes else { return nil }
    let text = Array(data)
    let file = Parser.parseConfig(text)
    let entry = Entry(size: size, modified: modified, lines: LineIndex(text),
                      definitions: WorkspaceSymbols.definitions(in: file, model: ProjectModel(file)))
    lock.lock()
    entries[path] = entry
    lock.unlock()
    return entry
  }
}

extension Server {
  /// How many symbols one answer holds at most (rust-analyzer's default search limit).
  static let workspaceSymbolLimit = 128

  func workspaceSymbols(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let query = try ParamsReader(params).optionalString("query") ?? ""
    let encoding = positionEncoding
    let folders = workspaceFolders
    // Open project files: from their current analysis when there is one, else their text is parsed below.
    var open: [(uri: String, lines: LineIndex, definitions: [SymbolDefinition]?, text: [UInt8])] = []
    for uri in documents.uris.sorted() where Self.isAtlasProjectFile(uri) {
      guard let document = documents[uri] else { continue }
      if let snapshot = snapshots[uri], snapshot.revision == document.revision, let analysis = snapshot.analysis {
        open.append((uri, snapshot.lines, WorkspaceSymbols.definitions(in: analysis.file, model: analysis.model), []))
      } else {
        open.append((uri, LineIndex(document.text), nil, document.text))
      }
    }
    let index = workspaceSymbolIndex
    backgroundQueue.async { [open] in
      var found: [(uri: String, lines: LineIndex, definition: SymbolDefinition)] = []
      var openPaths: Set<String> = []
      for document in open {
        if let path = Self.filePath(ofURI: document.uri) { openPaths.insert(path) }
        let definitions = document.definitions ?? {
          let file = Parser.parseConfig(document.text)
          return WorkspaceSymbols.definitions(in: file, model: ProjectModel(file))
        }()
        found += definitions.map { (document.uri, document.lines, $0) }
      }
      for path in index.projectFiles(under: folders, isProjectFile: Self.isAtlasProjectFile)
      where !openPaths.contains((path as NSString).standardizingPath) {
        guard let entry = index.entry(for: path) else { continue }
        let uri = URL(fileURLWithPath: path).absoluteString
        found += entry.definitions.map { (uri, entry.lines, $0) }
      }
      let ranked = WorkspaceSymbols.rank(found, query: query, limit: Self.workspaceSymbolLimit) { $0.definition.name }
      let result = JSONValue.array(ranked.map { item in
        let converter = PositionConverter(lines: item.lines, encoding: encoding)
        return [
          "name": .string(item.definition.name),
          "kind": .int(Self.lspSymbolKind(item.definition.symbol)),
          "location": ["uri": .string(item.uri), "range": converter.range(of: item.definition.selectionRange).json],
          "containerName": .string((item.uri as NSString).lastPathComponent),
        ]
      })
      self.queue.async { self.replyToPending(id: id, .success(result)) }
    }
    return .pending(PendingRequest(method: "workspace/symbol", uri: nil))
  }

  /// LSP `SymbolKind`: an env is a Module (a unit Atlas runs), a variable a Variable, a local a Constant (it has
  /// one value), a data source a Struct (most give an object).
  static func lspSymbolKind(_ symbol: ProjectSymbol) -> Int {
    switch symbol {
    case .env: 2
    case .variable: 13
    case .local: 14
    case .dataSource: 23
    }
  }

  /// The folders of `initialize`: `workspaceFolders`, else `rootUri`, else `rootPath`.
  static func workspaceFolderPaths(_ params: [String: JSONValue]) -> [String] {
    if let folders = params["workspaceFolders"]?.arrayValue {
      return folders.compactMap { $0["uri"]?.stringValue.flatMap(filePath(ofURI:)) }
    }
    if let root = params["rootUri"]?.stringValue.flatMap(filePath(ofURI:)) { return [root] }
    return params["rootPath"]?.stringValue.map { [$0] } ?? []
  }

  func didChangeWorkspaceFolders(params: JSONValue) throws {
    let event = try ParamsReader(params).nested("event")
    let removed = Set(try event.array("removed").compactMap { $0["uri"]?.stringValue.flatMap(Self.filePath(ofURI:)) })
    let added = try event.array("added").compactMap { $0["uri"]?.stringValue.flatMap(Self.filePath(ofURI:)) }
    workspaceFolders = workspaceFolders.filter { !removed.contains($0) } + added.filter { !workspaceFolders.contains($0) }
  }
}
