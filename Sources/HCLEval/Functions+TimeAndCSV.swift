// go-cty's formatdate, timeadd (RFC 3339 timestamps, Go durations) and csvdecode (Go's encoding/csv rules).

extension StandardLibrary {
  static var timeAndCSVFunctions: [String: Function] {
    [
      "formatdate": makeFunction([p("format", .string), p("time", .string)], returns: .string,
        "Formats an RFC 3339 timestamp with a spec such as \"DD MMM YYYY hh:mm ZZZ\".") { args throws(FunctionError) in
        guard let time = Timestamp(rfc3339: args[1].s) else {
          throw FunctionError("not a valid RFC3339 timestamp: \(Value.quote(args[1].s))", argument: 1)
        }
        return .string(try time.format(args[0].s))
      },
      "timeadd": makeFunction([p("timestamp", .string), p("duration", .string)], returns: .string,
        "Adds a Go duration (\"1h30m\", \"-10s\") to an RFC 3339 timestamp.") { args throws(FunctionError) in
        guard let time = Timestamp(rfc3339: args[0].s) else {
          throw FunctionError("not a valid RFC3339 timestamp: \(Value.quote(args[0].s))", argument: 0)
        }
        guard let nanos = Timestamp.parseDuration(args[1].s) else {
          throw FunctionError("time: invalid duration \(Value.quote(args[1].s))", argument: 1)
        }
        return .string(time.adding(nanoseconds: nanos).rfc3339)
      },
      "csvdecode": makeFunction([p("str", .string)], returns: .dynamic,
        "Decodes CSV text (the first line names the columns) into a list of objects.") { args throws(FunctionError) in
        let rows = try CSV.parse(args[0].s)
        guard let header = rows.first else { throw FunctionError("missing header line", argument: 0) }
        let type = ValueType.object(Dictionary(header.map { ($0, ValueType.string) }, uniquingKeysWith: { a, _ in a }))
        var out: [Value] = []
        for (index, row) in rows.dropFirst().enumerated() {
          guard row.count == header.count else {
            throw FunctionError("record on line \(index + 2): wrong number of fields", argument: 0)
          }
          var attrs: [String: Value] = [:]
          for (key, field) in zip(header, row) { attrs[key] = .string(field) }
          out.append(Value(type: type, content: .attributes(attrs)))
        }
        return .list(out, of: type)
      },
    ]
  }
}

/// An instant with the UTC offset it was written in, as Go's `time.Time` from `time.Parse(time.RFC3339, …)`.
struct Timestamp {
  /// Seconds since 1970-01-01T00:00:00Z, and nanoseconds within the second.
  var seconds: Int64
  var nanos: Int64
  /// The offset from UTC in seconds; `utc` when written as `Z`.
  var offset: Int
  var utc: Bool

  init(seconds: Int64, nanos: Int64, offset: Int, utc: Bool) {
    self.seconds = seconds
    self.nanos = nanos
    self.offset = offset
    self.utc = utc
  }

  init?(rfc3339 text: String) {
    let b = Array(text.utf8)
    func digits(_ start: Int, _ count: Int) -> Int? {
      guard start + count <= b.count else { return nil }
      var v = 0
      for i in start..<(start + count) {
        guard b[i] >= 48 && b[i] <= 57 else { return nil }
        v = v * 10 + Int(b[i] - 48)
      }
      return v
    }
    guard b.count >= 20, let year = digits(0, 4), b[4] == 45, let month = digits(5, 2), b[7] == 45,
      let day = digits(8, 2), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"), let hour = digits(11, 2), b[13] == 58,
      let minute = digits(14, 2), b[16] == 58, let second = digits(17, 2)
    else { return nil }
    guard (1...12).contains(month), day >= 1, day <= Timestamp.daysIn(month: month, year: year), hour < 24, minute < 60,
      second < 60
    else { return nil }
    var i = 19
    var nanos: Int64 = 0
    if i < b.count, b[i] == UInt8(ascii: ".") {
      i += 1
      var count = 0
      while i < b.count, b[i] >= 48, b[i] <= 57 {
        if count < 9 { nanos = nanos * 10 + Int64(b[i] - 48) }
        count += 1
        i += 1
      }
      guard count > 0 else { return nil }
      for _ in count..<9 where count < 9 { nanos *= 10 }
    }
    guard i < b.count else { return nil }
    var offset = 0
    var utc = false
    if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
      utc = true
      i += 1
    } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
      guard let oh = digits(i + 1, 2), i + 3 < b.count, b[i + 3] == 58, let om = digits(i + 4, 2), oh < 24, om < 60 else {
        return nil
      }
      offset = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
      i += 6
    } else {
      return nil
    }
    guard i == b.count else { return nil }
    let days = Timestamp.daysFromCivil(year, month, day)
    self.init(
      seconds: Int64(days) * 86400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset), nanos: nanos,
      offset: offset, utc: utc || offset == 0)
  }

  static func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }

  static func daysIn(month: Int, year: Int) -> Int {
    [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][max(0, min(11, month - 1))]
  }

  /// Days since 1970-01-01 (Howard Hinnant's algorithm).
  static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// The local wall-clock fields in the timestamp's own offset.
  var fields: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int) {
    let local = seconds + Int64(offset)
    let days = Int(local >= 0 ? local / 86400 : (local - 86399) / 86400)
    let secondOfDay = Int(local - Int64(days) * 86400)
    let (y, m, d) = Timestamp.civilFromDays(days)
    let weekday = ((days % 7) + 7 + 4) % 7  // 1970-01-01 was a Thursday; Sunday = 0
    return (y, m, d, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60, weekday)
  }

  func adding(nanoseconds: Int64) -> Timestamp {
    var total = nanos + nanoseconds % 1_000_000_000
    var secs = seconds + nanoseconds / 1_000_000_000
    if total < 0 {
      total += 1_000_000_000
      secs -= 1
    } else if total >= 1_000_000_000 {
      total -= 1_000_000_000
      secs += 1
    }
    return Timestamp(seconds: secs, nanos: total, offset: offset, utc: utc)
  }

  static func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v.magnitude)
    return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
  }

  func offsetText(colon: Bool) -> String {
    let sign = offset < 0 ? "-" : "+"
    let m = abs(offset) / 60
    return sign + Timestamp.pad(m / 60, 2) + (colon ? ":" : "") + Timestamp.pad(m % 60, 2)
  }

  /// Go's `time.RFC3339` layout (no fractional seconds; `Z` for a zero offset).
  var rfc3339: String {
    let f = fields
    let date = "\(Timestamp.pad(f.year, 4))-\(Timestamp.pad(f.month, 2))-\(Timestamp.pad(f.day, 2))"
    let time = "\(Timestamp.pad(f.hour, 2)):\(Timestamp.pad(f.minute, 2)):\(Timestamp.pad(f.second, 2))"
    return date + "T" + time + (offset == 0 ? "Z" : offsetText(colon: true))
  }

  static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December"]
  static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

  /// cty's `formatdate` spec: runs of one letter are fields, `'…'` is literal text (`''` a quote), other
  /// characters are copied.
  func format(_ spec: String) throws(FunctionError) -> String {
    let f = fields
    let chars = Array(spec)
    var out = ""
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == "'" {
        if i + 1 < chars.count, chars[i + 1] == "'" {
          out += "'"
          i += 2
          continue
        }
        var j = i + 1
        var literal = ""
        while true {
          guard j < chars.count else { throw FunctionError("unterminated literal '", argument: 0) }
          if chars[j] == "'" {
            if j + 1 < chars.count, chars[j + 1] == "'" {
              literal += "'"
              j += 2
              continue
            }
            break
          }
          literal.append(chars[j])
          j += 1
        }
        out += literal
        i = j + 1
        continue
      }
      guard c.isLetter, c.isASCII else {
        out.append(c)
        i += 1
        continue
      }
      var j = i
      while j < chars.count, chars[j] == c { j += 1 }
      let run = String(chars[i..<j])
      i = j
      let hour12 = f.hour % 12 == 0 ? 12 : f.hour % 12
      switch run {
      case "YYYY": out += Timestamp.pad(f.year, 4)
      case "YY": out += Timestamp.pad(f.year % 100, 2)
      case "MMMM": out += Timestamp.months[f.month - 1]
      case "MMM": out += String(Timestamp.months[f.month - 1].prefix(3))
      case "MM": out += Timestamp.pad(f.month, 2)
      case "M": out += String(f.month)
      case "DD": out += Timestamp.pad(f.day, 2)
      case "D": out += String(f.day)
      case "EEEE": out += Timestamp.weekdays[f.weekday]
      case "EEE": out += String(Timestamp.weekdays[f.weekday].prefix(3))
      case "hh": out += Timestamp.pad(f.hour, 2)
      case "h": out += String(f.hour)
      case "HH": out += Timestamp.pad(hour12, 2)
      case "H": out += String(hour12)
      case "AA": out += f.hour < 12 ? "AM" : "PM"
      case "aa": out += f.hour < 12 ? "am" : "pm"
      case "mm": out += Timestamp.pad(f.minute, 2)
      case "m": out += String(f.minute)
      case "ss": out += Timestamp.pad(f.second, 2)
      case "s": out += String(f.second)
      case "ZZZZZ": out += offsetText(colon: true)
      case "ZZZZ": out += offsetText(colon: false)
      case "ZZZ": out += offset == 0 ? "UTC" : offsetText(colon: false)
      case "Z": out += offset == 0 ? "Z" : offsetText(colon: true)
      default: throw FunctionError("invalid date format verb \(Value.quote(run))", argument: 0)
      }
    }
    return out
  }

  /// Go's `time.ParseDuration` in nanoseconds: `[-+]` then number+unit pairs (`ns us µs ms s m h`), or `0`.
  static func parseDuration(_ text: String) -> Int64? {
    var scalars = Array(text.unicodeScalars)
    var negative = false
    if let first = scalars.first, first == "-" || first == "+" {
      negative = first == "-"
      scalars.removeFirst()
    }
    if scalars.map(String.init).joined() == "0" { return 0 }
    guard !scalars.isEmpty else { return nil }
    var total = 0.0
    var i = 0
    while i < scalars.count {
      var number = ""
      while i < scalars.count, scalars[i].properties.numericType != nil || scalars[i] == ".", scalars[i].isASCII {
        number.unicodeScalars.append(scalars[i])
        i += 1
      }
      var unit = ""
      while i < scalars.count, !(scalars[i].isASCII && (scalars[i].properties.numericType != nil || scalars[i] == ".")) {
        unit.unicodeScalars.append(scalars[i])
        i += 1
      }
      guard !number.isEmpty, number != ".", let value = Double(number) else { return nil }
      let scale: Double
      switch unit {
      case "ns": scale = 1
      case "us", "µs", "μs": scale = 1e3
      case "ms": scale = 1e6
      case "s": scale = 1e9
      case "m": scale = 60e9
      case "h": scale = 3600e9
      default: return nil
      }
      total += value * scale
    }
    guard total < 9.2e18 else { return nil }
    return Int64(negative ? -total : total)
  }
}

/// Go's `encoding/csv` reader with its defaults: comma-separated, `"` quoting with `""` escapes, `\r\n` or `\n`
/// line ends, blank lines skipped, no bare quotes in unquoted fields.
enum CSV {
  static func parse(_ text: String) throws(FunctionError) -> [[String]] {
    let chars = Array(text.unicodeScalars)
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var i = 0
    var line = 1
    var atRowStart = true
    func endRow() {
      rows.append(row)
      row = []
      atRowStart = true
    }
    while i < chars.count {
      let c = chars[i]
      if atRowStart && (c == "\n" || (c == "\r" && i + 1 < chars.count && chars[i + 1] == "\n")) {
        i += c == "\r" ? 2 : 1
        line += 1
        continue
      }
      atRowStart = false
      if c == "\"" && field.isEmpty {
        i += 1
        var closed = false
        while i < chars.count {
          if chars[i] == "\"" {
            if i + 1 < chars.count, chars[i + 1] == "\"" {
              field += "\""
              i += 2
              continue
            }
            closed = true
            i += 1
            break
          }
          if chars[i] == "\n" { line += 1 }
          if chars[i] == "\r", i + 1 < chars.count, chars[i + 1] == "\n" {
            i += 1
            continue
          }
          field.unicodeScalars.append(chars[i])
          i += 1
        }
        guard closed else { throw FunctionError("record on line \(line): extraneous or missing \" in quoted-field", argument: 0) }
        guard i >= chars.count || chars[i] == "," || chars[i] == "\n" || chars[i] == "\r" else {
          throw FunctionError("record on line \(line): extraneous or missing \" in quoted-field", argument: 0)
        }
        continue
      }
      switch c {
      case ",":
        row.append(field)
        field = ""
        i += 1
      case "\n", "\r":
        row.append(field)
        field = ""
        endRow()
        i += (c == "\r" && i + 1 < chars.count && chars[i + 1] == "\n") ? 2 : 1
        line += 1
      case "\"":
        throw FunctionError("record on line \(line): bare \" in non-quoted-field", argument: 0)
      default:
        field.unicodeScalars.append(c)
        i += 1
      }
    }
    if !atRowStart {
      row.append(field)
      endRow()
    }
    return rows
  }
}
