// mercator-token-bench: RDS auth tokens per second, in process, on fixed inputs. Run through Benchmarks/token.sh.
import AWSAuth
import Dispatch
import Foundation

/// The inputs, cycled; Benchmarks/token_boto3.py uses the same ones. The keys are AWS's documented examples.
struct Input {
  var endpoint: String
  var username: String
  var region: String
  var credentials: AWSCredentials
}

let sessionToken = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+example/session+token=="
func credentials(_ token: String?) -> AWSCredentials {
  AWSCredentials(
    accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    sessionToken: token, source: "benchmark")
}
let inputs = [
  Input(
    endpoint: "mydb.c9akciq32abc.us-east-1.rds.amazonaws.com:5432", username: "atlas", region: "us-east-1",
    credentials: credentials(nil)),
  Input(
    endpoint: "prod.cluster-c9akciq32abc.eu-west-1.rds.amazonaws.com:3306", username: "user@x", region: "eu-west-1",
    credentials: credentials(sessionToken)),
  Input(
    endpoint: "mydb.c9akciq32abc.rds.cn-north-1.amazonaws.com.cn:5432", username: "üser", region: "cn-north-1",
    credentials: credentials(sessionToken)),
]

let arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
  guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
  return arguments[index + 1]
}

// `--print-at EPOCH`: the tokens for each input at that instant, one a line, to check against boto3's.
if let epoch = option("--print-at").flatMap(Double.init) {
  for input in inputs {
    do {
      print(
        try RDSAuthToken.generate(
          endpoint: input.endpoint, username: input.username, region: input.region, credentials: input.credentials,
          date: Date(timeIntervalSince1970: epoch)))
    } catch {
      print("error: \(error)")
    }
  }
  exit(0)
}

let rounds = option("--rounds").flatMap(Int.init) ?? 5
let tokensPerRound = option("--tokens").flatMap(Int.init) ?? 300_000

/// Seconds of CPU time this process has used: the rate per CPU second is steadier than wall time on a shared machine.
func cpuSeconds() -> Double {
  var now = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
  return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// Tokens per wall second and per CPU second, median over the rounds. `dayStep` moves the signing time by that many
/// days per token: with 1, every token needs a signing key the cache does not hold (the cost without the cache).
func measure(label: String, dayStep: Double) {
  var wallRates: [Double] = []
  var cpuRates: [Double] = []
  var totalLength = 0
  for _ in 0..<rounds {
    let start = Date()
    let cpuStart = cpuSeconds()
    let wallStart = DispatchTime.now().uptimeNanoseconds
    for index in 0..<tokensPerRound {
      let input = inputs[index % inputs.count]
      // The clock is read per token, as boto3 does.
      let date = dayStep == 0 ? Date() : start.addingTimeInterval(Double(index) * dayStep * 86_400)
      let token = try? RDSAuthToken.generate(
        endpoint: input.endpoint, username: input.username, region: input.region, credentials: input.credentials,
        date: date)
      totalLength &+= token?.utf8.count ?? 0
    }
    let wall = Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e9
    wallRates.append(Double(tokensPerRound) / wall)
    cpuRates.append(Double(tokensPerRound) / max(cpuSeconds() - cpuStart, 1e-9))
  }
  wallRates.sort()
  cpuRates.sort()
  let wall = wallRates[wallRates.count / 2]
  let cpu = cpuRates[cpuRates.count / 2]
  print(
    "\(label): \(Int(wall)) tokens/s wall (min \(Int(wallRates.first ?? 0)), max \(Int(wallRates.last ?? 0))), \(Int(cpu)) per CPU second; \(String(format: "%.2f", 1e6 / wall)) µs/token; \(rounds) rounds of \(tokensPerRound) [checksum \(totalLength)]"
  )
}

measure(label: "mercator", dayStep: 0)
if arguments.contains("--cold-keys") { measure(label: "mercator, signing key derived per token", dayStep: 1) }
