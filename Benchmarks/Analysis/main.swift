// mercator-bench: in-process timings of the atlas.hcl analysis (parse, project model and evaluation, every check)
// over given files, against the parse alone in the same run. Run through Benchmarks/analysis.sh.
import AtlasLanguage
import Foundation
import HCLSyntax

/// Milliseconds of each run of `body`, after `warmUp` untimed runs.
func measure(runs: Int, warmUp: Int = 3, _ body: () -> Int) -> (times: [Double], result: Int) {
  var result = 0
  for _ in 0..<warmUp { result = body() }
  var times: [Double] = []
  let clock = ContinuousClock()
  for _ in 0..<runs {
    let elapsed = clock.measure { result = body() }
    times.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
  }
  return (times.sorted(), result)
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
  guard !sorted.isEmpty else { return 0 }
  let index = min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)
  return sorted[max(0, index)]
}

func format(_ value: Double) -> String { String(format: "%.2f", value) }

var arguments = Array(CommandLine.arguments.dropFirst())
var runs = 200
if let index = arguments.firstIndex(of: "--runs"), index + 1 < arguments.count, let value = Int(arguments[index + 1]) {
  runs = value
  arguments.removeSubrange(index...(index + 1))
}
guard !arguments.isEmpty else {
  FileHandle.standardError.write(Data("usage: mercator-bench [--runs N] FILE...\n".utf8))
  exit(2)
}

print("| file | lines | bytes | diagnostics | parse p50 ms | analysis p50 ms | analysis p95 ms | analysis max ms | analysis ÷ parse (p50) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for path in arguments {
  guard let data = FileManager.default.contents(atPath: path) else {
    FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
    exit(1)
  }
  let bytes = Array(data)
  let lines = bytes.filter { $0 == UInt8(ascii: "\n") }.count
  let parse = measure(runs: runs) { Parser.parseConfig(bytes).tokens.count }
  // What the server does for an atlas.hcl after an edit: parse, then the model, evaluation and all checks.
  let analysis = measure(runs: runs) {
    let file = Parser.parseConfig(bytes)
    return file.diagnostics.count + AtlasChecks.checkDetailed(file).count
  }
  let ratio = percentile(analysis.times, 50) / max(percentile(parse.times, 50), 1e-9)
  print("| \((path as NSString).lastPathComponent) | \(lines) | \(bytes.count) | \(analysis.result) | "
    + "\(format(percentile(parse.times, 50))) | \(format(percentile(analysis.times, 50))) | "
    + "\(format(percentile(analysis.times, 95))) | \(format(analysis.times.last ?? 0)) | \(format(ratio))× |")
}
