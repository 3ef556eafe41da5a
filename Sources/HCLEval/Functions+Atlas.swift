// Atlas's own functions (schemahcl/stdlib.go, cmdapi/project.go): getenv, file, fileset, URL helpers, predicates.

extension StandardLibrary {
  static func atlasFunctions(host: HostEnvironment) -> [String: Function] {
    func hostList(_ f: (@Sendable (String) -> Result<[String], FunctionError>)?, _ summary: String) -> Function {
      makeFunction([p("pattern", .string)], returns: .list(.string), summary) { args throws(FunctionError) in
        guard let f else { return .unknown(.list(.string)) }
        switch f(args[0].s) {
        case .success(let paths): return .list(paths.map { .string($0) }, of: .string)
        case .failure(let e): throw FunctionError(e.message, argument: e.argument, fromHost: true)
        }
      }
    }
    return [
      "getenv": makeFunction([p("key", .string)], returns: .string,
        "The value of an environment variable; \"\" when it is not set.") { args throws(FunctionError) in
        guard let environment = host.environment else { return .unknown(.string) }
        return .string(environment(args[0].s) ?? "")
      },
      "file": makeFunction([p("path", .string)], returns: .string,
        "The contents of a file, relative to the directory of atlas.hcl.") { args throws(FunctionError) in
        guard let readFile = host.readFile else { return .unknown(.string) }
        switch readFile(args[0].s) {
        case .success(let text): return .string(text)
        case .failure(let e): throw FunctionError(e.message, argument: 0, fromHost: true)
        }
      },
      "fileset": hostList(host.fileset, "Absolute paths of the files matching a glob (with **), relative to atlas.hcl."),
      "glob": hostList(host.glob, "Deprecated (use fileset): paths matching a filepath.Glob pattern."),
      "urlescape": makeFunction([p("string", .string)], returns: .string,
        "The string escaped for a URL query (Go's url.QueryEscape: space becomes +).") { args throws(FunctionError) in
        .string(URLText.escape(args[0].s, spaceAsPlus: true))
      },
      "urlqueryset": makeFunction([p("url", .string), p("key", .string), p("value", .string)], returns: .string,
        "The URL with one query parameter set (the query is re-encoded with sorted keys).") { args throws(FunctionError) in
        guard var url = URLText(args[0].s) else { throw FunctionError("invalid URL", argument: 0) }
        var query = URLText.parseQuery(url.query ?? "")
        query[args[1].s] = [args[2].s]
        url.query = URLText.encodeQuery(query)
        return .string(url.description)
      },
      "urlsetpath": makeFunction([p("url", .string), p("path", .string)], returns: .string,
        "The URL with its path replaced.") { args throws(FunctionError) in
        guard var url = URLText(args[0].s) else { throw FunctionError("invalid URL", argument: 0) }
        var path = args[1].s
        if !path.isEmpty, !path.hasPrefix("/"), url.host != nil { path = "/" + path }
        url.path = URLText.escapePath(path)
        return .string(url.description)
      },
      "urluserinfo": makeFunction([p("url", .string), p("user", .string)], variadic: p("pass", .string, null: true),
        returns: .string, "The URL with its user (and password, when one is given) set.") { args throws(FunctionError) in
        guard var url = URLText(args[0].s) else { throw FunctionError("invalid URL", argument: 0) }
        var userinfo = URLText.escapeUserinfo(args[1].s)
        if args.count > 2, let pass = args[2].stringValue { userinfo += ":" + URLText.escapeUserinfo(pass) }
        url.userinfo = userinfo
        return .string(url.description)
      },
      "regexpescape": makeFunction([p("str", .string)], returns: .string,
        "The string with regular-expression metacharacters escaped (Go's regexp.QuoteMeta).") { args throws(FunctionError) in
        var out = ""
        for scalar in args[0].s.unicodeScalars {
          if "\\.+*?()|[]{}^$".unicodeScalars.contains(scalar) { out += "\\" }
          out.unicodeScalars.append(scalar)
        }
        return .string(out)
      },
      "startswith": makeFunction([p("s", .string), p("prefix", .string)], returns: .bool, "Whether s starts with prefix.") {
        args throws(FunctionError) in .bool(args[0].s.utf8.starts(with: args[1].s.utf8))
      },
      "endswith": makeFunction([p("s", .string), p("suffix", .string)], returns: .bool, "Whether s ends with suffix.") {
        args throws(FunctionError) in .bool(args[0].s.utf8.reversed().starts(with: args[1].s.utf8.reversed()))
      },
      "empty": makeFunction([p("collection", .dynamic)], returns: .bool,
        "Whether a list, tuple, map or set has no elements.") { args throws(FunctionError) in
        guard let count = args[0].count else { throw FunctionError("argument must be a collection or structural type", argument: 0) }
        return .bool(count == 0)
      },
      "alltrue": makeFunction([p("collection", .list(.bool))], returns: .bool, "Whether every element is true.") {
        args throws(FunctionError) in .bool(args[0].items.allSatisfy { $0.boolValue == true })
      },
      "print": {
        var function = makeFunction([p("v", .dynamic, null: true)], returns: .dynamic, "Prints the value and returns it.") {
          args throws(FunctionError) in
          host.print?(args[0].render())  // renders secrets as (sensitive)
          return args[0]
        }
        function.receivesSensitive = true
        return function
      }(),
      "sql": makeFunction([p("def", .string)], returns: .dynamic,
        "A raw SQL expression for schema files; it has no value in atlas.hcl.") { _ throws(FunctionError) in .unknown() },
      // `try` and `can` take expressions; the evaluator calls them specially (these entries give their signature).
      "try": makeFunction([], variadic: p("expressions", .dynamic, null: true, unknown: true), returns: .dynamic,
        "The first of the expressions that evaluates without errors.") { args throws(FunctionError) in
        args.first ?? .null()
      },
      "can": makeFunction([p("expression", .dynamic, null: true, unknown: true)], returns: .bool,
        "Whether the expression evaluates without errors.") { _ throws(FunctionError) in .true },
    ]
  }
}

/// Just enough of Go's `net/url` for Atlas's URL helpers (split, edit one part, print back) and for the checks
/// that take a database URL apart.
package struct URLText: CustomStringConvertible {
  package var scheme: String?
  package var userinfo: String?
  package var host: String?
  package var path: String
  package var query: String?
  package var fragment: String?

  package init?(_ text: String) {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { self.init(ascii: text) } else { self.init(characters: text) }
  }

  private init(characters text: String) {
    var rest = Substring(text)
    if let hash = rest.firstIndex(of: "#") {
      fragment = String(rest[rest.index(after: hash)...])
      rest = rest[..<hash]
    }
    if let question = rest.firstIndex(of: "?") {
      query = String(rest[rest.index(after: question)...])
      rest = rest[..<question]
    }
    if let colon = rest.firstIndex(of: ":"), let first = rest.first, first.isLetter,
      rest[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." })
    {
      scheme = String(rest[..<colon])
      rest = rest[rest.index(after: colon)...]
    }
    if rest.hasPrefix("//") {
      rest = rest.dropFirst(2)
      let end = rest.firstIndex(of: "/") ?? rest.endIndex
      var authority = rest[..<end]
      rest = rest[end...]
      if let at = authority.lastIndex(of: "@") {
        userinfo = String(authority[..<at])
        authority = authority[authority.index(after: at)...]
      }
      host = String(authority)
    }
    path = String(rest)
  }

  /// The same split over the bytes of an ASCII text, where each byte is a character (`\r\n`, the one ASCII
  /// pair that is a single character, holds none of the delimiters): character by character it cost most of a check.
  private init(ascii text: String) {
    let utf8 = text.utf8
    var start = utf8.startIndex
    var end = utf8.endIndex
    func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
    func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    if let hash = utf8[start..<end].firstIndex(of: UInt8(ascii: "#")) {
      fragment = String(text[utf8.index(after: hash)..<end])
      end = hash
    }
    if let question = utf8[start..<end].firstIndex(of: UInt8(ascii: "?")) {
      query = String(text[utf8.index(after: question)..<end])
      end = question
    }
    if let colon = utf8[start..<end].firstIndex(of: UInt8(ascii: ":")), start < end, isLetter(utf8[start]),
      utf8[start..<colon].allSatisfy({
        isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
      })
    {
      scheme = String(text[start..<colon])
      start = utf8.index(after: colon)
    }
    if utf8[start..<end].starts(with: "//".utf8) {
      start = utf8.index(start, offsetBy: 2)
      let authorityEnd = utf8[start..<end].firstIndex(of: UInt8(ascii: "/")) ?? end
      var authorityStart = start
      if let at = utf8[start..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) {
        userinfo = String(text[start..<at])
        authorityStart = utf8.index(after: at)
      }
      host = String(text[authorityStart..<authorityEnd])
      start = authorityEnd
    }
    path = String(text[start..<end])
  }

  package var description: String {
    var out = ""
    if let scheme { out += scheme + ":" }
    if let host {
      out += "//"
      if let userinfo { out += userinfo + "@" }
      out += host
    }
    out += path
    if let query, !query.isEmpty { out += "?" + query }
    if let fragment { out += "#" + fragment }
    return out
  }

  static func isUnreserved(_ b: UInt8) -> Bool {
    (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E
      || b == 0x5F || b == 0x7E
  }

  /// Go's `url.QueryEscape` (space → `+`), percent-encoding everything but unreserved bytes.
  static func escape(_ s: String, spaceAsPlus: Bool, keep: Set<UInt8> = []) -> String {
    var out = ""
    for b in s.utf8 {
      if isUnreserved(b) || keep.contains(b) {
        out.unicodeScalars.append(Unicode.Scalar(b))
      } else if b == 0x20 && spaceAsPlus {
        out += "+"
      } else {
        let hex = String(b, radix: 16, uppercase: true)
        out += "%" + (hex.count < 2 ? "0" : "") + hex
      }
    }
    return out
  }

  /// Go's `escape(s, encodePath)`: `$&+,/:;=@` stay, everything else but unreserved bytes is escaped.
  static func escapePath(_ s: String) -> String {
    escape(s, spaceAsPlus: false, keep: Set("$&+,/:;=@".utf8))
  }

  /// Go's `escape(s, encodeUserPassword)`: `$&+,;=` stay.
  static func escapeUserinfo(_ s: String) -> String {
    escape(s, spaceAsPlus: false, keep: Set("$&+,;=".utf8))
  }

  /// Percent-decoding; `+` is a space in a query (`plusAsSpace`), itself in a user name or password.
  package static func unescape(_ s: Substring, plusAsSpace: Bool = true) -> String {
    var out: [UInt8] = []
    let bytes = Array(s.utf8)
    var i = 0
    while i < bytes.count {
      if plusAsSpace, bytes[i] == UInt8(ascii: "+") {
        out.append(0x20)
        i += 1
      } else if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let h = ParserHex.value(bytes[i + 1]),
        let l = ParserHex.value(bytes[i + 2])
      {
        out.append(UInt8(h * 16 + l))
        i += 3
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  package static func parseQuery(_ query: String) -> [String: [String]] {
    var result: [String: [String]] = [:]
    for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let key = unescape(parts[0])
      let value = parts.count > 1 ? unescape(parts[1]) : ""
      result[key, default: []].append(value)
    }
    return result
  }

  /// Go's `url.Values.Encode`: keys sorted, each value escaped with QueryEscape.
  static func encodeQuery(_ values: [String: [String]]) -> String {
    values.keys.sorted(by: Value.keyOrder).flatMap { key in
      (values[key] ?? []).map { escape(key, spaceAsPlus: true) + "=" + escape($0, spaceAsPlus: true) }
    }.joined(separator: "&")
  }
}
