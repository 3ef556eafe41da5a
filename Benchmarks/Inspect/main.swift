// mercator-inspect-bench: in-process live inspection of each URL given (catalog queries sent, tables, time per phase),
// for Benchmarks/inspect.sh. A program, not a timed test (DESIGN §4).
//
//   mercator-inspect-bench [--runs N] URL...
//
// Prints one line per URL: the database (password masked), tables, queries, then the median and p95 of N runs
// (after one untimed run) for the whole inspection and its phases: connect, catalog (queries and model), write (HCL).
import DatabaseInspection
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
var runs = 20
var urls: [String] = []
var index = 0
while index < arguments.count {
  if arguments[index] == "--runs", index + 1 < arguments.count, let value = Int(arguments[index + 1]), value > 0 {
    runs = value
    index += 2
  } else if arguments[index].hasPrefix("-") {
    FileHandle.standardError.write(Data("usage: mercator-inspect-bench [--runs N] URL...\n".utf8))
    exit(2)
  } else {
    urls.append(arguments[index])
    index += 1
  }
}
guard !urls.isEmpty else {
  FileHandle.standardError.write(Data("usage: mercator-inspect-bench [--runs N] URL...\n".utf8))
  exit(2)
}

func milliseconds(_ duration: Duration) -> Double {
  let (seconds, attoseconds) = duration.components
  return Double(seconds) * 1000 + Double(attoseconds) / 1e15
}

/// The nearest-rank percentile of an unsorted sample (p50 is the median of an odd count).
func percentile(_ values: [Double], _ p: Double) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return .nan }
  let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
  return sorted[min(max(rank, 1), sorted.count) - 1]
}

/// The database part of a URL, for the report: never the password.
func label(_ url: String) -> String {
  let path = url.split(separator: "?").first.map(String.init) ?? url
  return path.split(separator: "/").last.map(String.init) ?? "?"
}

for url in urls {
  do {
    // One untimed run: the server's catalog caches and the process's first-use costs are not what we measure.
    let first = try DatabaseInspection.measure(InspectRequest(url: url))
    var total: [Double] = []
    var connect: [Double] = []
    var catalog: [Double] = []
    var write: [Double] = []
    var queries: Set<Int> = []
    let clock = ContinuousClock()
    for _ in 0..<runs {
      let start = clock.now
      let (hcl, cost) = try DatabaseInspection.measure(InspectRequest(url: url))
      total.append(milliseconds(clock.now - start))
      connect.append(milliseconds(cost.connect))
      catalog.append(milliseconds(cost.catalog))
      write.append(milliseconds(cost.write))
      queries.insert(cost.queries ?? -1)
      guard hcl == first.hcl else {
        FileHandle.standardError.write(Data("mercator-inspect-bench: \(label(url)): output changed between runs\n".utf8))
        exit(1)
      }
    }
    let queryText = queries.count == 1 ? "\(first.cost.queries.map(String.init) ?? "n/a")" : "varied \(queries.sorted())"
    func stat(_ values: [Double]) -> String {
      String(format: "%.1f/%.1f", percentile(values, 50), percentile(values, 95))
    }
    print(
      "\(label(url)): tables \(first.cost.tables), queries \(queryText), bytes \(first.hcl.utf8.count); "
        + "ms p50/p95 of \(runs): inspect \(stat(total)), connect \(stat(connect)), catalog \(stat(catalog)), "
        + "write \(stat(write))")
  } catch {
    FileHandle.standardError.write(Data("mercator-inspect-bench: \(label(url)): \(error.message)\n".utf8))
    exit(1)
  }
}
