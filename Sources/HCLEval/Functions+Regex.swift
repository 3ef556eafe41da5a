// regex, regexall and regexreplace over Swift's Regex, configured to match like Go's RE2 where it can.
//
// Limits, honestly: Swift's engine backtracks where RE2 is linear. A pattern with a quantified group that itself
// holds a quantifier (the shape of catastrophic backtracking, e.g. `(a+)+`) is not run: the call gives an unknown
// value, quietly. Syntax RE2 rejects but Swift accepts (backreferences, lookaround) is evaluated rather than
// reported.

extension StandardLibrary {
  static var regexFunctions: [String: Function] {
    [
      "regex": makeFunction([p("pattern", .string), p("string", .string)], returns: .dynamic,
        "The first match of the pattern: a string, or the captures as a tuple (unnamed) or object (named).") {
        args throws(FunctionError) in
        guard let pattern = try RegexPattern(args[0].s) else { return .unknown() }
        guard let match = pattern.firstMatch(in: args[1].s) else {
          throw FunctionError("pattern did not match any part of the given string", argument: 1)
        }
        return match
      },
      "regexall": makeFunction([p("pattern", .string), p("string", .string)], returns: .dynamic,
        "Every match of the pattern, as a list of what regex returns.") { args throws(FunctionError) in
        guard let pattern = try RegexPattern(args[0].s) else { return .unknown() }
        return .list(pattern.allMatches(in: args[1].s), of: pattern.resultType)
      },
      "regexreplace": makeFunction([p("str", .string), p("pattern", .string), p("replace", .string)], returns: .string,
        "The string with every match replaced; $1 and ${name} in the replacement expand to captures.") {
        args throws(FunctionError) in
        guard let pattern = try RegexPattern(args[1].s, argument: 1) else { return .unknown(.string) }
        return .string(pattern.replaceAll(in: args[0].s, with: args[2].s))
      },
    ]
  }
}

struct RegexPattern {
  let regex: Regex<AnyRegexOutput>
  let names: [String?]  // per capture group, 1-based groups at index 0…

  /// nil when the pattern is one Mercator will not run (possible catastrophic backtracking).
  init?(_ pattern: String, argument: Int = 0) throws(FunctionError) {
    if RegexPattern.mayBacktrackExponentially(pattern) { return nil }
    do {
      regex = try Regex(pattern).matchingSemantics(.unicodeScalar).asciiOnlyDigits().asciiOnlyWordCharacters().asciiOnlyWhitespace()
    } catch {
      throw FunctionError("invalid regular expression pattern: \(pattern)", argument: argument)
    }
    names = RegexPattern.groupNames(pattern)
    let named = names.contains { $0 != nil }
    let unnamed = names.contains { $0 == nil }
    if named && unnamed {
      throw FunctionError("invalid regular expression pattern: can't mix both named and unnamed capture groups", argument: argument)
    }
  }

  var resultType: ValueType {
    if names.isEmpty { return .string }
    if names.allSatisfy({ $0 != nil }) {
      return .object(Dictionary(names.compactMap { $0 }.map { ($0, ValueType.string) }, uniquingKeysWith: { a, _ in a }))
    }
    return .tuple(names.map { _ in .string })
  }

  func value(of match: Regex<AnyRegexOutput>.Match) -> Value {
    if names.isEmpty { return .string(String(match.output[0].substring ?? "")) }
    var captures: [Value] = []
    for index in 1..<min(match.output.count, names.count + 1) {
      captures.append(match.output[index].substring.map { Value.string(String($0)) } ?? .null(.string))
    }
    while captures.count < names.count { captures.append(.null(.string)) }
    if names.allSatisfy({ $0 != nil }) {
      var attrs: [String: Value] = [:]
      for (name, capture) in zip(names, captures) { if let name { attrs[name] = capture } }
      return .object(attrs)
    }
    return .tuple(captures)
  }

  func firstMatch(in s: String) -> Value? {
    s.firstMatch(of: regex).map(value(of:))
  }

  func allMatches(in s: String) -> [Value] {
    s.matches(of: regex).prefix(100_000).map(value(of:))
  }

  /// Go's `Regexp.ReplaceAllString`: `$1`, `${1}`, `$name`, `${name}` expand; `$$` is a dollar.
  func replaceAll(in s: String, with template: String) -> String {
    var out = ""
    var last = s.startIndex
    for match in s.matches(of: regex).prefix(100_000) {
      out += s[last..<match.range.lowerBound]
      out += expand(template, match)
      last = match.range.upperBound
    }
    out += s[last...]
    return out
  }

  func expand(_ template: String, _ match: Regex<AnyRegexOutput>.Match) -> String {
    let chars = Array(template.unicodeScalars)
    var out = ""
    var i = 0
    func capture(_ name: String) -> String {
      if let n = Int(name) {
        guard n < match.output.count else { return "" }
        return match.output[n].substring.map(String.init) ?? ""
      }
      guard let index = names.firstIndex(of: name), index + 1 < match.output.count else { return "" }
      return match.output[index + 1].substring.map(String.init) ?? ""
    }
    func isNameChar(_ c: Unicode.Scalar) -> Bool { c.isASCII && (c.properties.isAlphabetic || c.properties.numericType != nil || c == "_") }
    while i < chars.count {
      let c = chars[i]
      guard c == "$", i + 1 < chars.count else {
        out.unicodeScalars.append(c)
        i += 1
        continue
      }
      if chars[i + 1] == "$" {
        out += "$"
        i += 2
      } else if chars[i + 1] == "{", let close = chars[(i + 2)...].firstIndex(of: "}") {
        out += capture(String(String.UnicodeScalarView(chars[(i + 2)..<close])))
        i = close + 1
      } else {
        var j = i + 1
        while j < chars.count, isNameChar(chars[j]) { j += 1 }
        if j == i + 1 {
          out += "$"
          i += 1
        } else {
          out += capture(String(String.UnicodeScalarView(chars[(i + 1)..<j])))
          i = j
        }
      }
    }
    return out
  }

  /// Capture groups in order: a name for `(?P<n>…)`, `(?<n>…)`, `(?'n'…)`, nil for `(…)`; `(?:…)`, lookarounds and
  /// escaped or bracketed parentheses are not groups.
  static func groupNames(_ pattern: String) -> [String?] {
    let c = Array(pattern.unicodeScalars)
    var names: [String?] = []
    var i = 0
    var inClass = false
    while i < c.count {
      if c[i] == "\\" {
        i += 2
        continue
      }
      if inClass {
        if c[i] == "]" { inClass = false }
        i += 1
        continue
      }
      if c[i] == "[" {
        inClass = true
        i += 1
        if i < c.count, c[i] == "]" { i += 1 }
        continue
      }
      if c[i] == "(" {
        if i + 1 < c.count, c[i + 1] == "?" {
          var j = i + 2
          if j < c.count, c[j] == "P" { j += 1 }
          if j < c.count, c[j] == "<" || c[j] == "'", j + 1 < c.count, c[j + 1] != "=", c[j + 1] != "!" {
            let close: Unicode.Scalar = c[j] == "<" ? ">" : "'"
            var k = j + 1
            var name = ""
            while k < c.count, c[k] != close {
              name.unicodeScalars.append(c[k])
              k += 1
            }
            names.append(name)
          }
        } else {
          names.append(nil)
        }
      }
      i += 1
    }
    return names
  }

  /// Whether a quantified group contains a quantifier: `(a+)+`-like shapes are what make a backtracking engine
  /// exponential. Conservative: any quantifier inside a quantified group counts (overlapping alternatives such as
  /// `(a|aa)+` are not caught).
  static func mayBacktrackExponentially(_ pattern: String) -> Bool {
    let c = Array(pattern.unicodeScalars)
    var stack: [Bool] = []  // per open group: contains a quantifier
    var i = 0
    var inClass = false
    func isQuantifier(_ index: Int) -> Bool {
      guard index < c.count else { return false }
      return c[index] == "*" || c[index] == "+" || c[index] == "?" || c[index] == "{"
    }
    while i < c.count {
      let ch = c[i]
      if ch == "\\" {
        i += 2
        if isQuantifier(i), !stack.isEmpty { stack[stack.count - 1] = true }
        continue
      }
      if inClass {
        if ch == "]" {
          inClass = false
          if isQuantifier(i + 1), !stack.isEmpty { stack[stack.count - 1] = true }
        }
        i += 1
        continue
      }
      switch ch {
      case "[": inClass = true
      case "(": stack.append(false)
      case ")":
        let inner = stack.popLast() ?? false
        if inner && isQuantifier(i + 1) && !(c.count > i + 1 && c[i + 1] == "?") { return true }
        if (inner || isQuantifier(i + 1)), !stack.isEmpty { stack[stack.count - 1] = true }
      case "*", "+", "{":
        if !stack.isEmpty { stack[stack.count - 1] = true }
      case "?":
        if i > 0, c[i - 1] != "(", !stack.isEmpty { stack[stack.count - 1] = true }
      default: break
      }
      i += 1
    }
    return false
  }
}
