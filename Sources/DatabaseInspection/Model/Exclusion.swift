// `--exclude` as Atlas applies it (ariga/atlas sql/schema/exclude.go): dot-separated globs read as CSV (a part may
// be double-quoted), `schema[.table[.column|index|fk|check]]`, an optional `[type=a|b]` selector per part, and Go's
// `filepath.Match` for each part. Applied after inspection, as in Atlas.

struct ExcludeError: Error, Equatable {
  var message: String
}

enum Exclusion {
  /// Removes what the patterns match. `indexesFollowColumns`: an excluded column also drops the indexes that use it
  /// (PostgreSQL and MySQL link columns to indexes; Atlas's SQLite inspector does not, so there they stay).
  static func apply(_ patterns: [String], to realm: inout Realm, indexesFollowColumns: Bool) throws(ExcludeError) {
    guard !patterns.isEmpty else { return }
    var globs: [[String]] = []
    for pattern in patterns { globs.append(try split(pattern)) }
    for (pattern, glob) in zip(patterns, globs) where glob.count > 3 {
      throw ExcludeError(message: "too many parts in pattern: \(HCLText.goQuoted(pattern))")
    }
    var kept: [Schema] = []
    schemas: for var schema in realm.schemas {
      for glob in globs {
        let (schemaGlob, applies) = selector("schema", glob[0])
        guard applies, try match(schemaGlob, schema.name) else { continue }
        if glob.count == 1 { continue schemas }
        try excludeInSchema(&schema, Array(glob.dropFirst()), indexesFollowColumns: indexesFollowColumns)
      }
      kept.append(schema)
    }
    realm.schemas = kept
  }

  private static func excludeInSchema(_ schema: inout Schema, _ glob: [String], indexesFollowColumns: Bool) throws(ExcludeError) {
    // Schema objects other than tables (PostgreSQL enums) go only on a pattern that ends at them.
    let (enumGlob, enums) = selector("enum", glob[0])
    if enums && glob.count == 1 {
      var kept: [EnumType] = []
      for enumType in schema.enums where !(try match(enumGlob, enumType.name)) { kept.append(enumType) }
      schema.enums = kept
    }
    let (tableGlob, applies) = selector("table", glob[0])
    guard applies else { return }
    var tables: [Table] = []
    for var table in schema.tables {
      if try match(tableGlob, table.name) {
        if glob.count == 1 { continue }
        try excludeInTable(&table, glob[1], indexesFollowColumns: indexesFollowColumns)
      }
      tables.append(table)
    }
    schema.tables = tables
  }

  private static func excludeInTable(_ table: inout Table, _ pattern: String, indexesFollowColumns: Bool) throws(ExcludeError) {
    var droppedColumns: Set<String> = []
    let (columnGlob, columns) = selector("column", pattern)
    if columns {
      var kept: [Column] = []
      for column in table.columns {
        if try match(columnGlob, column.name) { droppedColumns.insert(column.name) } else { kept.append(column) }
      }
      table.columns = kept
    }
    let (indexGlob, indexes) = selector("index", pattern)
    if indexes {
      // PostgreSQL's UNIQUE constraints are indexes to Atlas: excluded by the same names and columns.
      func kept(_ list: [Index]) throws(ExcludeError) -> [Index] {
        var kept: [Index] = []
        for index in list {
          let usesDropped = indexesFollowColumns && index.parts.contains {
            if case .column(let name) = $0.key { droppedColumns.contains(name) } else { false }
          }
          let named = try match(indexGlob, index.name)
          if usesDropped || named { continue }
          kept.append(index)
        }
        return kept
      }
      table.indexes = try kept(table.indexes)
      table.uniques = try kept(table.uniques)
    }
    let (foreignKeyGlob, foreignKeys) = selector("fk", pattern)
    if foreignKeys {
      var kept: [ForeignKey] = []
      for foreignKey in table.foreignKeys {
        let named = try match(foreignKeyGlob, foreignKey.name)
        if named || foreignKey.columns.contains(where: droppedColumns.contains) { continue }
        kept.append(foreignKey)
      }
      table.foreignKeys = kept
    }
    let (checkGlob, checks) = selector("check", pattern)
    if checks {
      var kept: [Check] = []
      for check in table.checks {
        let named = try match(checkGlob, check.name)
        if !named { kept.append(check) }
      }
      table.checks = kept
    }
  }

  /// `excludeType`: a trailing `[type=a|b]` limits a part to those object types; the glob without it, and whether
  /// it applies to `type`.
  static func selector(_ type: String, _ part: String) -> (glob: String, applies: Bool) {
    guard part.hasSuffix("]"), let open = part.range(of: "[type=", options: .backwards) else { return (part, true) }
    let types = part[open.upperBound..<part.index(before: part.endIndex)]
    guard !types.isEmpty, types.allSatisfy({ ("a"..."z").contains($0) || $0 == "|" || $0 == "_" }) else {
      return (part, true)
    }
    return (String(part[..<open.lowerBound]), types.split(separator: "|").contains { $0 == type })
  }

  /// The pattern split at dots, as Go's csv reader with `.` as the separator reads one record.
  static func split(_ pattern: String) throws(ExcludeError) -> [String] {
    if pattern.isEmpty { throw ExcludeError(message: "empty pattern: \"\"") }
    if pattern.contains("\n") || pattern.contains("\r") {
      throw ExcludeError(message: "unexpected pattern: \(HCLText.goQuoted(pattern))")
    }
    var parts: [String] = []
    var characters = Substring(pattern)
    while true {
      var field = ""
      if characters.first == "\"" {
        characters = characters.dropFirst()
        while true {
          guard let next = characters.popFirst() else {
            throw ExcludeError(message: "extraneous or missing \" in quoted-field in pattern \(HCLText.goQuoted(pattern))")
          }
          if next == "\"" {
            if characters.first == "\"" {
              field.append("\"")
              characters = characters.dropFirst()
              continue
            }
            break
          }
          field.append(next)
        }
        guard characters.isEmpty || characters.first == "." else {
          throw ExcludeError(message: "extraneous or missing \" in quoted-field in pattern \(HCLText.goQuoted(pattern))")
        }
      } else {
        let end = characters.firstIndex(of: ".") ?? characters.endIndex
        field = String(characters[..<end])
        if field.contains("\"") { throw ExcludeError(message: "bare \" in non-quoted-field in pattern \(HCLText.goQuoted(pattern))") }
        characters = characters[end...]
      }
      parts.append(field)
      guard characters.first == "." else { break }
      characters = characters.dropFirst()
    }
    return parts
  }

  // MARK: - filepath.Match

  /// Go's `filepath.Match` on Unix: `*` any run of non-`/` characters, `?` one non-`/` character, `[…]` classes
  /// with ranges and `^` negation, `\` escapes. A malformed pattern is an error even where it would not be reached.
  static func match(_ pattern: String, _ name: String) throws(ExcludeError) -> Bool {
    let pattern = Array(pattern.unicodeScalars)
    guard isWellFormed(pattern) else {
      throw ExcludeError(message: "syntax error in pattern \(HCLText.goQuoted(String(String.UnicodeScalarView(pattern))))")
    }
    return matches(pattern[...], Array(name.unicodeScalars)[...])
  }

  private static func matches(_ pattern: ArraySlice<Unicode.Scalar>, _ name: ArraySlice<Unicode.Scalar>) -> Bool {
    var pattern = pattern
    var name = name
    while let token = pattern.first {
      switch token {
      case "*":
        let rest = pattern.drop { $0 == "*" }
        // The star takes any number of non-separator characters; try each split.
        var candidate = name
        while true {
          if matches(rest, candidate) { return true }
          guard let next = candidate.first, next != "/" else { return false }
          candidate = candidate.dropFirst()
        }
      case "?":
        guard let next = name.first, next != "/" else { return false }
        pattern = pattern.dropFirst()
        name = name.dropFirst()
      case "[":
        guard let next = name.first, next != "/", let (matched, end) = matchClass(pattern, next), matched else {
          return false
        }
        pattern = pattern[end...]
        name = name.dropFirst()
      case "\\":
        pattern = pattern.dropFirst()
        guard let escaped = pattern.first, name.first == escaped else { return false }
        pattern = pattern.dropFirst()
        name = name.dropFirst()
      default:
        guard name.first == token else { return false }
        pattern = pattern.dropFirst()
        name = name.dropFirst()
      }
    }
    return name.isEmpty
  }

  /// Matches one character against the class starting at `pattern.first` (`[`); the index after the class.
  private static func matchClass(_ pattern: ArraySlice<Unicode.Scalar>, _ character: Unicode.Scalar) -> (Bool, Int)? {
    var index = pattern.startIndex + 1
    var negated = false
    if index < pattern.endIndex, pattern[index] == "^" {
      negated = true
      index += 1
    }
    var matched = false
    var first = true
    while index < pattern.endIndex {
      if pattern[index] == "]" && !first { return (matched != negated, index + 1) }
      first = false
      guard let (low, afterLow) = classCharacter(pattern, index) else { return nil }
      var high = low
      index = afterLow
      if index < pattern.endIndex, pattern[index] == "-" {
        guard let (value, afterHigh) = classCharacter(pattern, index + 1) else { return nil }
        high = value
        index = afterHigh
      }
      if low <= character && character <= high { matched = true }
    }
    return nil
  }

  private static func classCharacter(_ pattern: ArraySlice<Unicode.Scalar>, _ index: Int) -> (Unicode.Scalar, Int)? {
    guard index < pattern.endIndex else { return nil }
    let scalar = pattern[index]
    if scalar == "-" || scalar == "]" { return nil }
    if scalar == "\\" {
      guard index + 1 < pattern.endIndex else { return nil }
      return (pattern[index + 1], index + 2)
    }
    return (scalar, index + 1)
  }

  private static func isWellFormed(_ pattern: [Unicode.Scalar]) -> Bool {
    var index = 0
    while index < pattern.count {
      switch pattern[index] {
      case "\\":
        guard index + 1 < pattern.count else { return false }
        index += 2
      case "[":
        guard let (_, end) = classEnd(pattern, index) else { return false }
        index = end
      default:
        index += 1
      }
    }
    return true
  }

  /// Where a well-formed class starting at `start` ends.
  private static func classEnd(_ pattern: [Unicode.Scalar], _ start: Int) -> (Bool, Int)? {
    matchClass(pattern[start...], "\u{0}")
  }
}
