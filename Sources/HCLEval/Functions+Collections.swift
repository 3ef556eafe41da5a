// Collection functions of go-cty's stdlib: length, concat, contains, distinct, element, flatten, keys, values, merge, …

extension StandardLibrary {
  static func isSequence(_ v: Value) -> Bool {
    switch v.type {
    case .list, .tuple, .set: true
    default: false
    }
  }

  /// A list of `elements` with their unified type, or a tuple when they do not unify.
  static func listOrTuple(_ elements: [Value]) -> Value {
    if elements.isEmpty { return .list([], of: .dynamic) }
    if case .success(let list) = Conversion.convert(.tuple(elements), to: .list(.dynamic)) { return list }
    return .tuple(elements)
  }

  static func set(_ elements: [Value]) throws(FunctionError) -> Value {
    if elements.isEmpty { return .set([], of: .dynamic) }
    guard case .success(let set) = Conversion.convert(.tuple(elements), to: .set(.dynamic)) else {
      throw FunctionError("given sets must all have compatible element types")
    }
    return set
  }

  static func contains(_ list: [Value], _ value: Value) -> Bool? {
    var sawUnknown = false
    for element in list {
      let eq = Conversion.equals(element, value)
      if eq.boolValue == true { return true }
      if !eq.isKnown { sawUnknown = true }
    }
    return sawUnknown ? nil : false
  }

  static var collectionFunctions: [String: Function] {
    [
      "length": makeFunction([p("collection", .dynamic, unknown: true)], returns: .number,
        "The number of elements of a collection or structure, or of characters in a string.") {
        args throws(FunctionError) in
        let v = args[0]
        if v.type == .string {
          guard let s = v.stringValue else { return .unknown(.number) }
          return .number(s.count)
        }
        switch v.type {
        case .tuple(let ts): return .number(ts.count)
        case .object(let attrs): return .number(attrs.count)
        case .list, .set, .map:
          guard let count = v.count else { return .unknown(.number) }
          return .number(count)
        case .dynamic: return .unknown(.number)
        default: throw FunctionError("argument must be a string, a collection type, or a structural type", argument: 0)
        }
      },
      "concat": makeFunction([], variadic: p("seqs", .dynamic), returns: .dynamic,
        "The lists and tuples joined into one.") { args throws(FunctionError) in
        guard !args.isEmpty else { throw FunctionError("at least one argument is required") }
        var all: [Value] = []
        var allLists = true
        for (index, arg) in args.enumerated() {
          switch arg.type {
          case .list: break
          case .tuple: allLists = false
          default: throw FunctionError("all arguments must be lists or tuples; got \(arg.type.friendlyName)", argument: index)
          }
          all += arg.items
        }
        if allLists {
          let types = args.compactMap(\.type.elementType)
          guard let unified = Conversion.unify(types),
            case .success(let list) = Conversion.convert(.tuple(all), to: .list(unified))
          else { throw FunctionError("all arguments must have the same element type") }
          return list
        }
        return .tuple(all)
      },
      "contains": makeFunction([p("list", .dynamic), p("value", .dynamic, null: true)], returns: .bool,
        "Whether the list, tuple or set contains the value.") { args throws(FunctionError) in
        guard isSequence(args[0]) else { throw FunctionError("argument must be list, tuple, or set", argument: 0) }
        guard let found = contains(args[0].items, args[1]) else { return .unknown(.bool) }
        return .bool(found)
      },
      "distinct": makeFunction([p("list", .list(.dynamic))], returns: .dynamic,
        "The list without duplicate elements, first occurrences kept.") { args throws(FunctionError) in
        var seen: Set<Value> = []
        var out: [Value] = []
        for element in args[0].items where seen.insert(element).inserted { out.append(element) }
        return .list(out, of: args[0].type.elementType ?? .dynamic)
      },
      "element": makeFunction([p("list", .dynamic), p("index", .number)], returns: .dynamic,
        "The element at the index, wrapping around past the end.") { args throws(FunctionError) in
        switch args[0].type {
        case .list, .tuple: break
        default: throw FunctionError("cannot read elements from \(args[0].type.friendlyName)", argument: 0)
        }
        let items = args[0].items
        guard let i = NumberFormat.integer(args[1].n) else { throw FunctionError("invalid index", argument: 1) }
        if i < 0 { throw FunctionError("cannot use element function with a negative index", argument: 1) }
        if items.isEmpty { throw FunctionError("cannot use element function with an empty list", argument: 0) }
        return items[i % items.count]
      },
      "flatten": makeFunction([p("list", .dynamic)], returns: .dynamic,
        "Nested lists, tuples and sets replaced by their elements.") { args throws(FunctionError) in
        guard isSequence(args[0]) else { throw FunctionError("can only flatten lists, sets and tuples", argument: 0) }
        var out: [Value] = []
        var stack: [[Value]] = [args[0].items.reversed()]
        while var top = stack.popLast() {
          guard let next = top.popLast() else { continue }
          stack.append(top)
          if isSequence(next) && !next.isNull {
            guard next.isKnown else { return .unknown() }
            if stack.count > 256 { throw FunctionError("too deeply nested") }
            stack.append(next.items.reversed())
          } else {
            out.append(next)
          }
        }
        return .tuple(out)
      },
      "index": makeFunction([p("list", .dynamic), p("value", .dynamic)], returns: .number,
        "The index of the first element equal to the value.") { args throws(FunctionError) in
        switch args[0].type {
        case .list, .tuple: break
        default: throw FunctionError("argument must be a list or tuple", argument: 0)
        }
        for (i, element) in args[0].items.enumerated() {
          let eq = Conversion.equals(element, args[1])
          if !eq.isKnown { return .unknown(.number) }
          if eq.boolValue == true { return .number(i) }
        }
        throw FunctionError("item not found")
      },
      "keys": makeFunction([p("inputMap", .dynamic)], returns: .dynamic,
        "The keys of a map (a list) or the attribute names of an object (a tuple), sorted.") { args throws(FunctionError) in
        guard let attrs = args[0].attributes else { throw FunctionError("must have map or object type", argument: 0) }
        let keys = attrs.keys.sorted(by: Value.keyOrder).map { Value.string($0) }
        if case .map = args[0].type { return .list(keys, of: .string) }
        return .tuple(keys)
      },
      "values": makeFunction([p("mapping", .dynamic)], returns: .dynamic,
        "The values of a map (a list) or object (a tuple), in key order.") { args throws(FunctionError) in
        guard let attrs = args[0].attributes else { throw FunctionError("values() requires a map as the first argument", argument: 0) }
        let values = attrs.keys.sorted(by: Value.keyOrder).compactMap { attrs[$0] }
        if case .map(let t) = args[0].type { return .list(values, of: t) }
        return .tuple(values)
      },
      "merge": makeFunction([], variadic: p("maps", .dynamic, null: true), returns: .dynamic,
        "The maps and objects merged; later ones win.") { args throws(FunctionError) in
        var out: [String: Value] = [:]
        var allMaps = true
        for (index, arg) in args.enumerated() where !arg.isNull {
          switch arg.type {
          case .map: break
          case .object: allMaps = false
          default: throw FunctionError("arguments must be maps or objects, got \(Value.quote(arg.type.friendlyName))", argument: index)
          }
          for (k, v) in arg.attributes ?? [:] { out[k] = v }
        }
        if allMaps, !out.isEmpty, case .success(let map) = Conversion.convert(.object(out), to: .map(.dynamic)) { return map }
        return .object(out)
      },
      "reverse": makeFunction([p("list", .dynamic)], returns: .dynamic, "The list or tuple in reverse order.") {
        args throws(FunctionError) in
        switch args[0].type {
        case .list(let t): return .list(args[0].items.reversed(), of: t)
        case .tuple: return .tuple(args[0].items.reversed())
        default: throw FunctionError("can only reverse list or tuple values, not \(args[0].type.friendlyName)", argument: 0)
        }
      },
      "slice": makeFunction([p("list", .dynamic), p("start_index", .number), p("end_index", .number)], returns: .dynamic,
        "The elements from start_index up to (not including) end_index.") { args throws(FunctionError) in
        let items = args[0].items
        guard let start = NumberFormat.integer(args[1].n), let end = NumberFormat.integer(args[2].n) else {
          throw FunctionError("indices must be whole numbers")
        }
        if start < 0 { throw FunctionError("from index must be greater than or equal to 0", argument: 1) }
        if end > items.count { throw FunctionError("to index must be less than or equal to the length of the input collection", argument: 2) }
        if start > end { throw FunctionError("from index must be less than or equal to index", argument: 1) }
        switch args[0].type {
        case .list(let t): return .list(Array(items[start..<end]), of: t)
        case .tuple: return .tuple(Array(items[start..<end]))
        default: throw FunctionError("must be a list or tuple type", argument: 0)
        }
      },
      "sort": makeFunction([p("list", .list(.string))], returns: .list(.string), "The strings sorted lexicographically.") {
        args throws(FunctionError) in
        var strings: [String] = []
        for (i, element) in args[0].items.enumerated() {
          guard let s = element.stringValue else { throw FunctionError("given list element \(i) is null", argument: 0) }
          strings.append(s)
        }
        return .list(strings.sorted(by: Value.keyOrder).map { .string($0) }, of: .string)
      },
      "setunion": makeFunction([p("first_set", .set(.dynamic))], variadic: p("other_sets", .set(.dynamic)), returns: .dynamic,
        "Every element that is in any of the sets.") { args throws(FunctionError) in
        try set(args.flatMap(\.items))
      },
      "setintersection": makeFunction([p("first_set", .set(.dynamic))], variadic: p("other_sets", .set(.dynamic)),
        returns: .dynamic, "The elements that are in all of the sets.") { args throws(FunctionError) in
        let rest = args.dropFirst()
        return try set(args[0].items.filter { e in rest.allSatisfy { contains($0.items, e) == true } })
      },
      "setsubtract": makeFunction([p("a", .set(.dynamic)), p("b", .set(.dynamic))], returns: .dynamic,
        "The elements of a that are not in b.") { args throws(FunctionError) in
        try set(args[0].items.filter { contains(args[1].items, $0) != true })
      },
      "zipmap": makeFunction([p("keys", .list(.string)), p("values", .dynamic)], returns: .dynamic,
        "A map (or object) from the keys to the values at the same positions.") { args throws(FunctionError) in
        let keys = args[0].items, values = args[1].items
        guard args[1].type.isSequenceLike else { throw FunctionError("values must be a list or tuple", argument: 1) }
        guard keys.count == values.count else {
          throw FunctionError("number of keys (\(keys.count)) does not match number of values (\(values.count))")
        }
        var out: [String: Value] = [:]
        for (k, v) in zip(keys, values) {
          guard let key = k.stringValue else { throw FunctionError("keys must not be null", argument: 0) }
          out[key] = v
        }
        if case .list = args[1].type, let t = args[1].type.elementType { return .map(out, of: t) }
        return .object(out)
      },
      "chunklist": makeFunction([p("list", .list(.dynamic)), p("size", .number)], returns: .dynamic,
        "The list split into lists of at most size elements.") { args throws(FunctionError) in
        guard let size = NumberFormat.integer(args[1].n), size >= 0 else {
          throw FunctionError("the size argument must be positive", argument: 1)
        }
        let items = args[0].items, t = args[0].type
        if size == 0 { return .list([.list(items, of: t.elementType ?? .dynamic)], of: t) }
        var chunks: [Value] = []
        var i = 0
        while i < items.count {
          chunks.append(.list(Array(items[i..<Swift.min(i + size, items.count)]), of: t.elementType ?? .dynamic))
          i += size
        }
        return .list(chunks, of: t)
      },
      "coalescelist": makeFunction([], variadic: p("vals", .dynamic, null: true), returns: .dynamic,
        "The first non-empty list or tuple.") { args throws(FunctionError) in
        guard !args.isEmpty else { throw FunctionError("at least one argument is required") }
        for (i, arg) in args.enumerated() where !arg.isNull {
          guard arg.type.isSequenceLike else { throw FunctionError("coalescelist arguments must be lists or tuples, got \(arg.type.friendlyName)", argument: i) }
          if !arg.items.isEmpty { return arg }
        }
        return args.last(where: { !$0.isNull }) ?? .tuple([])
      },
      "compact": makeFunction([p("list", .list(.string))], returns: .list(.string),
        "The list without empty strings and nulls.") { args throws(FunctionError) in
        .list(args[0].items.filter { !$0.isNull && $0.stringValue != "" }, of: .string)
      },
      "setproduct": makeFunction([], variadic: p("sets", .dynamic), returns: .dynamic,
        "Every combination of one element from each of the lists or sets.") { args throws(FunctionError) in
        guard args.count >= 2 else { throw FunctionError("at least two arguments are required") }
        var combos: [[Value]] = [[]]
        for (i, arg) in args.enumerated() {
          guard arg.type.isSequenceLike else { throw FunctionError("a set or a list is required", argument: i) }
          combos = combos.flatMap { prefix in arg.items.map { prefix + [$0] } }
          if combos.count > 100_000 { throw FunctionError("the product has too many elements") }
        }
        let tuples = combos.map { Value.tuple($0) }
        if args.allSatisfy({ if case .set = $0.type { true } else { false } }) { return try set(tuples) }
        return listOrTuple(tuples)
      },
    ]
  }
}
