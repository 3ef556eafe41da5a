// Numeric functions of go-cty's stdlib: abs, ceil, floor, signum, log, pow, max, min, parseint, range.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension StandardLibrary {
  static var numberFunctions: [String: Function] {
    func unary(_ summary: String, _ f: @escaping @Sendable (Double) -> Double) -> Function {
      makeFunction([p("num", .number)], returns: .number, summary) { args throws(FunctionError) in
        let r = f(args[0].n)
        guard !r.isNaN else { throw FunctionError("the result is not a number", argument: 0) }
        return .number(r)
      }
    }
    func extreme(_ summary: String, _ pick: @escaping @Sendable (Double, Double) -> Double) -> Function {
      makeFunction([], variadic: p("numbers", .number), returns: .number, summary) { args throws(FunctionError) in
        guard var result = args.first?.n else { throw FunctionError("must pass at least one number") }
        for a in args.dropFirst() { result = pick(result, a.n) }
        return .number(result)
      }
    }
    return [
      "abs": unary("The absolute value of a number.") { $0.magnitude },
      "ceil": unary("The closest whole number greater than or equal to the number.") { $0.rounded(.up) },
      "floor": unary("The closest whole number less than or equal to the number.") { $0.rounded(.down) },
      "signum": unary("-1, 0 or 1 for the sign of the number.") { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) },
      "log": makeFunction([p("num", .number), p("base", .number)], returns: .number, "The logarithm of num in base.") {
        args throws(FunctionError) in
        let r = logarithm(args[0].n) / logarithm(args[1].n)
        guard !r.isNaN else { throw FunctionError("the result is not a number") }
        return .number(r)
      },
      "pow": makeFunction([p("num", .number), p("power", .number)], returns: .number, "num raised to power.") {
        args throws(FunctionError) in
        let r = power(args[0].n, args[1].n)
        guard !r.isNaN else { throw FunctionError("the result is not a number") }
        return .number(r)
      },
      "max": extreme("The greatest of the numbers.") { Swift.max($0, $1) },
      "min": extreme("The smallest of the numbers.") { Swift.min($0, $1) },
      "parseint": makeFunction([p("number", .dynamic), p("base", .number)], returns: .number,
        "Parses a string as an integer in the given base (2 to 62).") { args throws(FunctionError) in
        guard case .success(let text) = Conversion.convert(args[0], to: .string), args[0].type == .string else {
          throw FunctionError("first argument must be a string, not \(args[0].type.friendlyName)", argument: 0)
        }
        guard let base = NumberFormat.integer(args[1].n), base >= 2, base <= 62 else {
          throw FunctionError("base must be a whole number between 2 and 62 inclusive", argument: 1)
        }
        guard let n = parseInteger(text.s, base: base) else {
          throw FunctionError("cannot parse \(Value.quote(text.s)) as a base \(base) integer", argument: 0)
        }
        return .number(n)
      },
      "range": makeFunction([], variadic: p("params", .number), returns: .list(.number),
        "A list of numbers from start (default 0) up to limit, by step (default 1 or -1).") { args throws(FunctionError) in
        var start = 0.0, limit = 0.0, step = 1.0
        switch args.count {
        case 1: limit = args[0].n
        case 2: start = args[0].n; limit = args[1].n
        case 3: start = args[0].n; limit = args[1].n; step = args[2].n
        default: throw FunctionError("must have one, two, or three arguments")
        }
        if args.count < 3 && limit < start { step = -1 }
        if step == 0 { throw FunctionError("step must not be zero") }
        if (step > 0 && limit < start) || (step < 0 && limit > start) {
          throw FunctionError("step must be \(step > 0 ? "negative" : "positive") when limit is \(step > 0 ? "less" : "greater") than start")
        }
        var out: [Value] = []
        var x = start
        while step > 0 ? x < limit : x > limit {
          if out.count >= 1024 { throw FunctionError("more than 1024 values were generated; either decrease the difference between start and limit or use a smaller step") }
          out.append(.number(x))
          x += step
        }
        return .list(out, of: .number)
      },
    ]
  }

  /// Digits 0-9, a-z, A-Z as in Go's `big.Int.SetString` for bases up to 62 (letters are case-insensitive up to
  /// base 36); an optional sign.
  static func parseInteger(_ text: String, base: Int) -> Double? {
    var scalars = Array(text.unicodeScalars)
    var negative = false
    if let first = scalars.first, first == "-" || first == "+" {
      negative = first == "-"
      scalars.removeFirst()
    }
    guard !scalars.isEmpty else { return nil }
    var value = 0.0
    for scalar in scalars {
      let v = scalar.value
      var digit: Int
      switch v {
      case 48...57: digit = Int(v - 48)
      case 97...122: digit = Int(v - 97) + 10
      case 65...90: digit = base <= 36 ? Int(v - 65) + 10 : Int(v - 65) + 36
      default: return nil
      }
      guard digit < base else { return nil }
      value = value * Double(base) + Double(digit)
    }
    return negative ? -value : value
  }

  static func logarithm(_ x: Double) -> Double { log(x) }

  static func power(_ base: Double, _ exponent: Double) -> Double { pow(base, exponent) }
}
