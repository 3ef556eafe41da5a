// mercator-token-bench: RDS auth tokens per second, in process, on fixed inputs. Run through Benchmarks/token.sh.
import AWSAuth
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
var rates: [Double] = []
var totalLength = 0
let clock = ContinuousClock()
for _ in 0..<rounds {
  let elapsed = clock.measure {
    for index in 0..<tokensPerRound {
      let input = inputs[index % inputs.count]
      // The clock is read per token, as boto3 does.
      let token = try? RDSAuthToken.generate(
        endpoint: input.endpoint, username: input.username, region: input.region, credentials: input.credentials,
        date: Date())
      totalLength &+= token?.utf8.count ?? 0
    }
  }
  let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  rates.append(Double(tokensPerRound) / seconds)
}
rates.sort()
let median = rates[rates.count / 2]
print(
  "mercator tokens/s: median \(Int(median)) (min \(Int(rates.first ?? 0)), max \(Int(rates.last ?? 0))) over \(rounds) rounds of \(tokensPerRound) tokens; \(String(format: "%.2f", 1e6 / median)) µs/token [checksum \(totalLength)]"
)
