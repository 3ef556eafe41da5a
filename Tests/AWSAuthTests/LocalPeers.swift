// Test support: local peers the AWSAuth tests talk to (moto's server, the Python stand-ins), started once per test
// run on 127.0.0.1 with free ports, and a sandbox (temporary HOME, files, environment) per test.
import AWSAuth
import Foundation
import Testing

/// A Python server started by the tests. It prints "PORT n" when it listens and exits when its stdin closes, which
/// happens at the latest when the test process ends, so no server outlives the tests.
final class LocalPeer: @unchecked Sendable {
  let port: Int
  private let process: Process
  private let input: Pipe

  var baseURL: String { "http://127.0.0.1:\(port)" }

  private init(port: Int, process: Process, input: Pipe) {
    self.port = port
    self.process = process
    self.input = input
  }

  /// Starts `python script` and waits (at most `timeout` seconds) for its port.
  static func start(python: String, script: String, name: String, timeout: TimeInterval = 60) throws -> LocalPeer {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [script]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.standardError
    try process.run()
    let ready = DispatchSemaphore(value: 0)
    let line = LockedBox<String>("")
    DispatchQueue.global().async {
      var text = ""
      while !text.contains("\n") {
        let chunk = output.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        text += String(decoding: chunk, as: UTF8.self)
      }
      line.set(text)
      ready.signal()
    }
    guard ready.wait(timeout: .now() + timeout) == .success,
      let portText = line.get().split(separator: "\n").first?.split(separator: " ").last, let port = Int(portText)
    else {
      process.terminate()
      throw PeerError(message: "\(name) did not start within \(Int(timeout)) s (\(python) \(script))")
    }
    return LocalPeer(port: port, process: process, input: input)
  }

  func stop() {
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
  }
}

struct PeerError: Error, CustomStringConvertible {
  let message: String
  var description: String { message }
}

final class LockedBox<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value
  init(_ value: Value) { self.value = value }
  func get() -> Value { lock.withLock { value } }
  func set(_ newValue: Value) { lock.withLock { value = newValue } }
}

/// The shared peers, started on first use and reused by every test of the run.
enum Peers {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures/aws")

  private static let motoTask = Task { () throws -> LocalPeer in
    try await offThePool {
      try LocalPeer.start(
        python: try motoPython(), script: fixtures.appendingPathComponent("moto_server.py").path, name: "moto server")
    }
  }
  private static let standInsTask = Task { () throws -> LocalPeer in
    try await offThePool {
      try LocalPeer.start(
        python: systemPython(), script: fixtures.appendingPathComponent("standins.py").path, name: "AWS stand-ins")
    }
  }

  /// Runs blocking work (starting a server, waiting for its port) on a thread of its own: blocking one of Swift
  /// concurrency's few pool threads would stall the other tests' requests and skew their timings.
  static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
  }

  static func moto() async throws -> LocalPeer { try await motoTask.value }
  static func standIns() async throws -> LocalPeer { try await standInsTask.value }

  /// `.venv-aws/bin/python` with moto installed. Outside CI a missing venv is created by scripts/aws-test-venv.sh;
  /// in CI (CI set) it must already be there, so a missing install step fails loudly instead of being papered over.
  static func motoPython() throws -> String {
    let python = packageRoot.appendingPathComponent(".venv-aws/bin/python").path
    if FileManager.default.isExecutableFile(atPath: python), run(python, ["-c", "import moto.server"]) == 0 {
      return python
    }
    if ProcessInfo.processInfo.environment["CI"].map({ !$0.isEmpty }) ?? false {
      throw PeerError(
        message: "CI is set and \(python) cannot import moto.server: scripts/test.sh must run "
          + "scripts/aws-test-venv.sh before swift test")
    }
    guard run("/bin/bash", [packageRoot.appendingPathComponent("scripts/aws-test-venv.sh").path]) == 0 else {
      throw PeerError(message: "scripts/aws-test-venv.sh failed; see its output above")
    }
    return python
  }

  static func systemPython() -> String {
    for candidate in ["/usr/bin/python3", "/usr/local/bin/python3"]
    where FileManager.default.isExecutableFile(atPath: candidate) {
      return candidate
    }
    return packageRoot.appendingPathComponent(".venv-aws/bin/python").path
  }

  @discardableResult static func run(_ executable: String, _ arguments: [String]) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.standardError
    do { try process.run() } catch { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// The requests the stand-ins saw whose first path segment starts with `prefix`.
  static func standInLog(prefix: String) async throws -> [[String: Any]] {
    let peer = try await standIns()
    guard let url = URL(string: "\(peer.baseURL)/_log?prefix=\(prefix)") else { return [] }
    let data = try Data(contentsOf: url)
    return (try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
  }
}

/// Every secret the tests hand out or the peers answer with; no error message may contain any of them.
enum Secrets {
  static let staticSecret = "static-secret-SECRET-0Aa"
  static let staticSession = "static-session-SECRET-0Bb"
  static let environmentSecret = "env-secret-SECRET-0Cc"
  static let environmentSession = "env-session-SECRET-0Dd"
  static let processSecret = "process-secret-SECRET-0Ee"
  static let processSession = "process-session-SECRET-0Ff"
  static let webIdentityToken = "eyJhbGciOiJSUzI1NiJ9.web-identity-SECRET-0Gg.sig"
  static let ssoAccessToken = "sso-access-token-SECRET-5Zt"
  static let containerAuthorization = "container-auth-token-7Qw"
  static let all = [
    staticSecret, staticSession, environmentSecret, environmentSession, processSecret, processSession,
    webIdentityToken, ssoAccessToken, containerAuthorization,
    // What the stand-ins answer with.
    "imds-session-token-SECRET-3Kd", "imds-secret-SECRET-4Rt", "imds-session-SECRET-6Yu", "container-secret-SECRET-9Hb",
    "container-session-SECRET-2Lm", "sso-role-secret-SECRET-8Pq", "sso-role-session-SECRET-1Vx",
  ]
  /// Everything with "SECRET" in it is one; moto's secrets are checked by value where they are known.
  static func leaks(in text: String, extra: [String] = []) -> [String] {
    (all + extra).filter { !$0.isEmpty && text.contains($0) } + (text.contains("SECRET") ? ["SECRET marker"] : [])
  }
}

/// A temporary HOME with its own environment: nothing of the real machine's AWS setup leaks in, and instance
/// metadata goes to a closed loopback port unless a test points it elsewhere.
struct Sandbox {
  let home: URL
  var variables: [String: String]
  var now: @Sendable () -> Date = { Date() }
  /// Longer than the product's 1 s / 1.5 s: the stand-ins answer at once, but on a loaded two-core machine (the whole
  /// test suite running) a reply can take longer. The test of the real bound sets the product's values back.
  var metadataTimeouts: (request: TimeInterval, total: TimeInterval) = (5, 8)

  init() throws {
    home = FileManager.default.temporaryDirectory.appendingPathComponent("mercator-aws-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: home.appendingPathComponent(".aws/sso/cache"), withIntermediateDirectories: true)
    variables = [
      "HOME": home.path, "PATH": "/usr/bin:/bin",
      // Port 9 (discard) on loopback: refused at once, so the chain's last step fails fast and never leaves the host.
      "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:9",
    ]
  }

  var environment: AWSEnvironment {
    var environment = AWSEnvironment(variables: variables, homeDirectory: home.path, now: now)
    environment.metadataTimeouts = metadataTimeouts
    return environment
  }

  @discardableResult func write(_ relativePath: String, _ text: String, executable: Bool = false) throws -> String {
    let url = home.appendingPathComponent(relativePath)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
    if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
    return url.path
  }

  func chain(profile: String? = nil, stsRegionFallback: String? = nil) -> CredentialChain {
    CredentialChain(environment: environment, profile: profile, stsRegionFallback: stsRegionFallback)
  }
}

/// How long a failure may take. Issue 5 asks for 2 s, and scripts/test.sh checks exactly that by running this target on
/// its own with MERCATOR_STRICT_TIMING=1. Inside a whole `swift test`, CPU-bound tests of other targets hold Swift's
/// cooperative threads and an async test can wait a minute to be scheduled, which says nothing about AWSAuth.
let failureTimeBound: TimeInterval = ProcessInfo.processInfo.environment["MERCATOR_STRICT_TIMING"] == "1" ? 2 : 120

/// Resolves and expects a failure: an `AWSAuthError` within `failureTimeBound` whose text names `source` and
/// contains `fragment` and no secret. Returns it for further checks.
@discardableResult func expectFailure(
  _ chain: CredentialChain, source: String, contains fragments: [String] = [], code: AWSAuthError.Code? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) async -> AWSAuthError? {
  let start = Date()
  do {
    let credentials = try await chain.resolve()
    Issue.record("expected a failure, got \(credentials)", sourceLocation: sourceLocation)
    return nil
  } catch let error as AWSAuthError {
    let elapsed = Date().timeIntervalSince(start)
    #expect(elapsed < failureTimeBound, "took \(elapsed) s: \(error)", sourceLocation: sourceLocation)
    let text = "\(error) | \(error.localizedDescription) | \(String(reflecting: error))"
    #expect(text.contains(source), "\(error) does not name \(source)", sourceLocation: sourceLocation)
    for fragment in fragments {
      #expect(text.contains(fragment), "\(error) does not say \(fragment)", sourceLocation: sourceLocation)
    }
    if let code { #expect(error.code == code, "\(error)", sourceLocation: sourceLocation) }
    #expect(Secrets.leaks(in: text).isEmpty, "\(error) leaks \(Secrets.leaks(in: text))", sourceLocation: sourceLocation)
    HygieneLog.shared.add(text)
    return error
  } catch {
    Issue.record("expected AWSAuthError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
    return nil
  }
}

/// Every error text the tests produced, for the hygiene test's final look.
final class HygieneLog: @unchecked Sendable {
  static let shared = HygieneLog()
  private let lock = NSLock()
  private var texts: [String] = []
  func add(_ text: String) { lock.withLock { texts.append(text) } }
  var all: [String] { lock.withLock { texts } }
}
