// String functions of go-cty's stdlib: case, trimming, substrings, split/join/replace, format and formatlist.

extension StandardLibrary {
  static var stringFunctions: [String: Function] {
    func stringToString(_ summary: String, _ f: @escaping @Sendable (String) -> String) -> Function {
      makeFunction([p("str", .string)], returns: .string, summary) { args throws(FunctionError) in .string(f(args[0].s)) }
    }
    return [
      "lower": stringToString("The string in lowercase.") { simpleCase($0) { $0.lowercaseMapping } },
      "upper": stringToString("The string in uppercase.") { simpleCase($0) { $0.uppercaseMapping } },
      "title": stringToString("The string with the first letter of each word in uppercase.") { title($0) },
      "trimspace": stringToString("The string without leading and trailing whitespace.") { trimSpace($0) },
      "chomp": stringToString("The string without trailing newlines.") { s in
        var out = Substring(s)
        while let last = out.unicodeScalars.last, last == "\n" || last == "\r" { out = out.dropLast() }
        return String(out)
      },
      "strrev": stringToString("The string with its characters reversed.") { String($0.reversed()) },
      "trim": makeFunction([p("str", .string), p("cutset", .string)], returns: .string,
        "The string without leading and trailing characters from cutset.") { args throws(FunctionError) in
        let cut = Set(args[1].s.unicodeScalars)
        var scalars = Substring(args[0].s).unicodeScalars
        while let first = scalars.first, cut.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, cut.contains(last) { scalars.removeLast() }
        return .string(String(scalars))
      },
      "trimprefix": makeFunction([p("str", .string), p("prefix", .string)], returns: .string,
        "The string without the prefix, if it starts with it.") { args throws(FunctionError) in
        let s = args[0].s, prefix = args[1].s
        guard s.utf8.starts(with: prefix.utf8) else { return .string(s) }
        return .string(String(decoding: s.utf8.dropFirst(prefix.utf8.count), as: UTF8.self))
      },
      "trimsuffix": makeFunction([p("str", .string), p("suffix", .string)], returns: .string,
        "The string without the suffix, if it ends with it.") { args throws(FunctionError) in
        let s = args[0].s, suffix = args[1].s
        guard s.utf8.reversed().starts(with: suffix.utf8.reversed()) else { return .string(s) }
        return .string(String(decoding: s.utf8.dropLast(suffix.utf8.count), as: UTF8.self))
      },
      "indent": makeFunction([p("spaces", .number), p("str", .string)], returns: .string,
        "The string with every line but the first indented by the given number of spaces.") { args throws(FunctionError) in
        let count = max(0, NumberFormat.integer(args[0].n) ?? 0)
        let lines = args[1].s.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        guard count.multipliedReportingOverflow(by: lines).partialValue <= maxResultBytes, count <= maxResultBytes else {
          throw FunctionError("the result would be larger than \(maxResultBytes) bytes")
        }
        return .string(replaceAll(args[1].s, "\n", "\n" + String(repeating: " ", count: count)))
      },
      "substr": makeFunction([p("str", .string), p("offset", .number), p("length", .number)], returns: .string,
        "A substring by character offset (negative counts from the end) and length (-1 for the rest).") {
        args throws(FunctionError) in
        let chars = Array(args[0].s)
        guard var offset = NumberFormat.integer(args[1].n), var length = NumberFormat.integer(args[2].n) else {
          throw FunctionError("offset and length must be whole numbers")
        }
        if offset < 0 { offset = chars.count + offset }
        if offset < 0 || offset > chars.count { return .string("") }
        if length < 0 || offset + length > chars.count { length = chars.count - offset }
        return .string(String(chars[offset..<(offset + length)]))
      },
      "replace": makeFunction([p("str", .string), p("substr", .string), p("replace", .string)], returns: .string,
        "The string with every occurrence of substr replaced.") { args throws(FunctionError) in
        let worst = (args[0].s.utf8.count + 1) * max(1, args[2].s.utf8.count)
        guard worst <= maxResultBytes || args[1].s.utf8.count > 0 && args[0].s.utf8.count / args[1].s.utf8.count * args[2].s.utf8.count <= maxResultBytes else {
          throw FunctionError("the result would be larger than \(maxResultBytes) bytes")
        }
        return .string(replaceAll(args[0].s, args[1].s, args[2].s))
      },
      "split": makeFunction([p("separator", .string), p("str", .string)], returns: .list(.string),
        "The string split at each separator.") { args throws(FunctionError) in
        .list(split(args[1].s, args[0].s).map { .string($0) }, of: .string)
      },
      "join": makeFunction([p("separator", .string)], variadic: p("lists", .list(.string)), returns: .string,
        "The elements of the lists joined with the separator.") { args throws(FunctionError) in
        guard args.count > 1 else { throw FunctionError("at least one list is required") }
        var parts: [String] = []
        for (listIndex, list) in args.dropFirst().enumerated() {
          for (index, element) in list.items.enumerated() {
            guard let s = element.stringValue else {
              throw FunctionError("element \(index) is null", argument: listIndex + 1)
            }
            parts.append(s)
          }
        }
        return .string(parts.joined(separator: args[0].s))
      },
      "format": makeFunction([p("format", .string)], variadic: p("args", .dynamic, null: true), returns: .string,
        "Formats the arguments with printf-style verbs (%s, %d, %f, %v, %q, %t, %%).") { args throws(FunctionError) in
        .string(try Formatter.format(args[0].s, Array(args.dropFirst())))
      },
      "formatlist": makeFunction([p("format", .string)], variadic: p("args", .dynamic, null: true), returns: .list(.string),
        "Formats each set of list elements (scalar arguments repeat) into a list of strings.") {
        args throws(FunctionError) in
        let rest = Array(args.dropFirst())
        var length: Int? = nil
        for (index, arg) in rest.enumerated() {
          switch arg.type {
          case .list, .tuple, .set:
            let count = arg.items.count
            if let l = length, l != count {
              throw FunctionError("argument \(index + 1) has length \(count), which is inconsistent with argument 1 of length \(l)", argument: index + 1)
            }
            length = count
          default: break
          }
        }
        var out: [Value] = []
        for row in 0..<(length ?? 1) {
          let rowArgs = rest.map { arg -> Value in
            switch arg.type {
            case .list, .tuple, .set: arg.items[row]
            default: arg
            }
          }
          out.append(.string(try Formatter.format(args[0].s, rowArgs)))
        }
        return .list(out, of: .string)
      },
    ]
  }

  /// Go's `strings.Title`: uppercases letters that follow a separator (anything but letters, digits, `_`).
  static func title(_ s: String) -> String {
    var out = ""
    var previousIsSeparator = true
    for scalar in s.unicodeScalars {
      if previousIsSeparator { out += simpleCase(String(scalar)) { $0.titlecaseMapping } } else { out.unicodeScalars.append(scalar) }
      let p = scalar.properties
      previousIsSeparator = !(p.isAlphabetic || p.numericType != nil || scalar == "_")
    }
    return out
  }

  /// The largest string a function builds (far beyond any real config; keeps hostile input from exhausting memory).
  static let maxResultBytes = 16 << 20

  /// Go maps case scalar by scalar (simple case mapping: `ß` stays `ß` in uppercase). Swift exposes the full
  /// mappings; a mapping to more than one scalar is treated as having no simple mapping.
  static func simpleCase(_ s: String, _ mapping: (Unicode.Scalar.Properties) -> String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      let mapped = mapping(scalar.properties)
      if mapped.unicodeScalars.count == 1 { out += mapped } else { out.unicodeScalars.append(scalar) }
    }
    return out
  }

  /// Go's `strings.TrimSpace` (Unicode white space).
  static func trimSpace(_ s: String) -> String {
    var scalars = Substring(s).unicodeScalars
    while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }

  /// Go's `strings.Split`: an empty separator splits into Unicode scalars.
  static func split(_ s: String, _ separator: String) -> [String] {
    if separator.isEmpty { return s.unicodeScalars.map { String($0) } }
    let bytes = Array(s.utf8), sep = Array(separator.utf8)
    var parts: [String] = []
    var start = 0, i = 0
    while i + sep.count <= bytes.count {
      if bytes[i..<(i + sep.count)].elementsEqual(sep) {
        parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
        i += sep.count
        start = i
      } else {
        i += 1
      }
    }
    parts.append(String(decoding: bytes[start...], as: UTF8.self))
    return parts
  }

  /// Go's `strings.ReplaceAll` (an empty `old` inserts `new` around every scalar).
  static func replaceAll(_ s: String, _ old: String, _ new: String) -> String {
    if old.isEmpty {
      var out = new
      for scalar in s.unicodeScalars {
        out.unicodeScalars.append(scalar)
        out += new
      }
      return out
    }
    return split(s, old).joined(separator: new)
  }
}

/// cty's `format`: Go-like verbs over cty values.
enum Formatter {
  static func format(_ format: String, _ args: [Value]) throws(FunctionError) -> String {
    let scalars = Array(format.unicodeScalars)
    var out = ""
    var i = 0
    var nextArg = 0
    var usedArgs = 0
    while i < scalars.count {
      let c = scalars[i]
      guard c == "%" else {
        out.unicodeScalars.append(c)
        i += 1
        continue
      }
      i += 1
      guard i < scalars.count else { throw FunctionError("unterminated format verb at end of string") }
      if scalars[i] == "%" {
        out += "%"
        i += 1
        continue
      }
      var minus = false, plus = false, zero = false, space = false, sharp = false
      flags: while i < scalars.count {
        switch scalars[i] {
        case "-": minus = true
        case "+": plus = true
        case "0": zero = true
        case " ": space = true
        case "#": sharp = true
        default: break flags
        }
        i += 1
      }
      if i < scalars.count, scalars[i] == "[" {
        var j = i + 1, n = 0
        while j < scalars.count, let d = scalars[j].properties.numericType != nil ? Int(String(scalars[j])) : nil {
          n = n * 10 + d
          j += 1
        }
        guard j < scalars.count, scalars[j] == "]", n >= 1 else { throw FunctionError("invalid argument index") }
        nextArg = n - 1
        i = j + 1
      }
      func number() -> Int? {
        var n: Int? = nil
        while i < scalars.count, let d = Int(String(scalars[i])), scalars[i].isASCII {
          n = (n ?? 0) * 10 + d
          if n ?? 0 > 10000 { n = 10000 }
          i += 1
        }
        return n
      }
      let width = number()
      var precision: Int? = nil
      if i < scalars.count, scalars[i] == "." {
        i += 1
        precision = number() ?? 0
      }
      guard i < scalars.count else { throw FunctionError("unterminated format verb at end of string") }
      let verb = scalars[i]
      i += 1
      guard nextArg < args.count else {
        throw FunctionError("not enough arguments for \"%\(verb)\" at \(out.unicodeScalars.count): need index \(nextArg + 1) but have \(args.count) total")
      }
      let arg = args[nextArg]
      nextArg += 1
      usedArgs = max(usedArgs, nextArg)
      var text: String
      switch verb {
      case "v":
        if sharp || !arg.type.isPrimitive && !arg.isNull {
          text = JSON.encode(arg)
        } else if arg.isNull {
          text = "null"
        } else {
          text = try convert(arg, .string, verb).s
        }
      case "s":
        text = try convert(arg, .string, verb).s
      case "q":
        text = goQuote(try convert(arg, .string, verb).s)
      case "t":
        text = try convert(arg, .bool, verb).b ? "true" : "false"
      case "d":
        let n = try convert(arg, .number, verb).n
        guard NumberFormat.integer(n) != nil || n.rounded() == n else {
          throw FunctionError("unsupported value for \"%d\" at \(nextArg - 1): integer required")
        }
        text = NumberFormat.format(n)
        if plus && n >= 0 { text = "+" + text } else if space && n >= 0 { text = " " + text }
      case "f":
        let n = try convert(arg, .number, verb).n
        text = fixed(n, precision ?? 6)
        if plus && n >= 0 { text = "+" + text } else if space && n >= 0 { text = " " + text }
      case "x", "X", "o", "b":
        let n = try convert(arg, .number, verb).n
        guard let int = NumberFormat.integer(n) else {
          throw FunctionError("unsupported value for \"%\(verb)\" at \(nextArg - 1): integer required")
        }
        let radix = verb == "o" ? 8 : verb == "b" ? 2 : 16
        text = String(int, radix: radix, uppercase: verb == "X")
      default:
        throw FunctionError("unsupported format verb \"%\(verb)\"")
      }
      if let width, text.count < width {
        let pad = width - text.count
        if minus {
          text += String(repeating: " ", count: pad)
        } else if zero && "dfxXob".unicodeScalars.contains(verb) {
          let sign = text.hasPrefix("-") || text.hasPrefix("+") ? String(text.removeFirst()) : ""
          text = sign + String(repeating: "0", count: pad) + text
        } else {
          text = String(repeating: " ", count: pad) + text
        }
      }
      out += text
    }
    if usedArgs < args.count {
      throw FunctionError("too many arguments; only \(usedArgs) used by format string")
    }
    return out
  }

  static func convert(_ value: Value, _ type: ValueType, _ verb: Unicode.Scalar) throws(FunctionError) -> Value {
    if value.isNull { throw FunctionError("unsupported value for \"%\(verb)\": null value cannot be formatted") }
    switch Conversion.convert(value, to: type) {
    case .success(let v): return v
    case .failure(let f): throw FunctionError("unsupported value for \"%\(verb)\": \(f.message)")
    }
  }

  /// Fixed-point with `precision` decimals, rounding half away from zero on the decimal expansion of the double.
  static func fixed(_ n: Double, _ precision: Int) -> String {
    let precision = min(precision, 40)
    guard n.isFinite else { return NumberFormat.format(n) }
    let negative = n < 0 || (n == 0 && n.sign == .minus)
    var digits = NumberFormat.format(n.magnitude)  // exact shortest decimal, no exponent
    var intPart = digits
    var frac = ""
    if let dot = digits.firstIndex(of: ".") {
      intPart = String(digits[..<dot])
      frac = String(digits[digits.index(after: dot)...])
    }
    if frac.count > precision {
      let keep = Array(frac.prefix(precision))
      let roundUp = (frac.dropFirst(precision).first ?? "0") >= "5"
      var all = Array(intPart) + keep
      if roundUp {
        var k = all.count - 1
        while k >= 0 {
          if all[k] == "9" {
            all[k] = "0"
            k -= 1
          } else {
            all[k] = Character(String((all[k].wholeNumberValue ?? 0) + 1))
            break
          }
        }
        if k < 0 { all.insert("1", at: 0) }
      }
      intPart = String(all.dropLast(precision))
      frac = String(all.suffix(precision))
    } else {
      frac += String(repeating: "0", count: precision - frac.count)
    }
    digits = precision > 0 ? intPart + "." + frac : intPart
    return negative ? "-" + digits : digits
  }

  /// Go's `%q`: a double-quoted Go string literal.
  static func goQuote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7f {
          let hex = String(scalar.value, radix: 16)
          out += "\\x" + (hex.count < 2 ? "0" : "") + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
