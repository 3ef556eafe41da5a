// A read-only SQLite connection through the C library: open, prepare, bind text, step, read typed columns, close.
import CSQLite

/// One value of a result row.
enum SQLiteValue: Sendable, Equatable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob

  var text: String? {
    switch self {
    case .text(let value): value
    case .integer(let value): String(value)
    case .real(let value): String(value)
    case .null, .blob: nil
    }
  }

  /// SQLite's truth: a non-zero integer.
  var bool: Bool {
    switch self {
    case .integer(let value): value != 0
    case .real(let value): value != 0
    case .text(let value): Int64(value).map { $0 != 0 } ?? false
    case .null, .blob: false
    }
  }

  var integer: Int64? {
    switch self {
    case .integer(let value): value
    case .text(let value): Int64(value)
    default: nil
    }
  }
}

final class SQLiteConnection {
  private let handle: OpaquePointer

  /// Opens the database read-only: inspection never writes, and a mistyped path must not create a file (Atlas's
  /// driver would create an empty one; we report it instead).
  init(_ target: DatabaseURL.SQLiteTarget) throws(InspectionError) {
    var handle: OpaquePointer?
    let status: Int32
    switch target {
    case .file(let path):
      status = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, nil)
    case .memory(let uri):
      status = sqlite3_open_v2(uri, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, nil)
    }
    guard status == SQLITE_OK, let handle else {
      let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close_v2(handle)
      var detail = message
      if case .file(let path) = target, status == SQLITE_CANTOPEN {
        detail = "cannot open \(DatabaseURL.quoted(path)) (\(message)); is the path right?"
      }
      throw InspectionError(.connectionFailed, "SQLite: \(detail)")
    }
    self.handle = handle
  }

  deinit { sqlite3_close_v2(handle) }

  /// Runs a query with text parameters and returns every row.
  func rows(_ sql: String, _ parameters: [String] = []) throws(InspectionError) -> [[SQLiteValue]] {
    var statement: OpaquePointer?
    guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
      throw InspectionError(.queryFailed, "SQLite: \(String(cString: sqlite3_errmsg(handle)))")
    }
    defer { sqlite3_finalize(statement) }
    // SQLITE_TRANSIENT: SQLite copies the text before the Swift string's buffer goes away.
    let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    for (index, parameter) in parameters.enumerated() {
      guard sqlite3_bind_text(statement, Int32(index + 1), parameter, -1, transient) == SQLITE_OK else {
        throw InspectionError(.queryFailed, "SQLite: \(String(cString: sqlite3_errmsg(handle)))")
      }
    }
    var result: [[SQLiteValue]] = []
    let count = sqlite3_column_count(statement)
    while true {
      let status = sqlite3_step(statement)
      if status == SQLITE_DONE { break }
      guard status == SQLITE_ROW else {
        throw InspectionError(.queryFailed, "SQLite: \(String(cString: sqlite3_errmsg(handle)))")
      }
      var row: [SQLiteValue] = []
      row.reserveCapacity(Int(count))
      for column in 0..<count {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: row.append(.integer(sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: row.append(.real(sqlite3_column_double(statement, column)))
        case SQLITE_TEXT:
          if let text = sqlite3_column_text(statement, column) {
            let length = Int(sqlite3_column_bytes(statement, column))
            row.append(.text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self)))
          } else {
            row.append(.null)
          }
        case SQLITE_BLOB: row.append(.blob)
        default: row.append(.null)
        }
      }
      result.append(row)
    }
    return result
  }

  /// The C library's version, for messages and `--version`.
  static var libraryVersion: String { String(cString: sqlite3_libversion()) }
}

extension Array where Element == SQLiteValue {
  /// The value at `index`, or NULL when the row is shorter (never traps on a catalog that answers oddly).
  subscript(safe index: Int) -> SQLiteValue { indices.contains(index) ? self[index] : .null }
}
