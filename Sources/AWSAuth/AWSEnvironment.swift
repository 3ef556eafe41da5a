// The outside world the credential chain reads: environment variables, HOME, files, the clock, HTTP and processes.
//
// Every provider reaches the machine only through an `AWSEnvironment`, so tests can hand it a temporary HOME, a
// fixed clock and endpoints on 127.0.0.1; `.process` is the real one.
public import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// What the credential chain may read and call. `.process` is this process's own; tests build their own.
public struct AWSEnvironment: Sendable {
  /// Environment variables (AWS_PROFILE, AWS_ACCESS_KEY_ID, AWS_ENDPOINT_URL_STS, …), also handed to
  /// `credential_process` commands.
  public var variables: [String: String]
  /// The home directory that holds `.aws/config`, `.aws/credentials` and `.aws/sso/cache`; nil when there is none.
  public var homeDirectory: String?
  /// The bytes of a file, or nil when it is missing or unreadable (the AWS SDKs treat both as "no file").
  public var readFile: @Sendable (String) -> [UInt8]?
  /// The clock, for expiry checks and signing dates.
  public var now: @Sendable () -> Date
  /// HTTP for STS, SSO, container credentials and instance metadata.
  public var http: any AWSHTTPClient
  /// Runs a `credential_process` command through `/bin/sh -c`.
  public var processRunner: any AWSProcessRunner
  /// How long instance metadata may take per request and in all. Off EC2 nothing answers at 169.254.169.254 and the
  /// chain's last source must fail fast, hence 1 s and 1.5 s; tests on a loaded machine give their stand-ins longer.
  public var metadataTimeouts: (request: TimeInterval, total: TimeInterval) = (1, 1.5)

  public init(
    variables: [String: String], homeDirectory: String? = nil,
    readFile: @escaping @Sendable (String) -> [UInt8]? = AWSEnvironment.readFileFromDisk,
    now: @escaping @Sendable () -> Date = { Date() },
    http: any AWSHTTPClient = URLSessionHTTPClient.shared,
    processRunner: any AWSProcessRunner = ShellProcessRunner()
  ) {
    self.variables = variables
    self.homeDirectory = homeDirectory ?? variables["HOME"]
    self.readFile = readFile
    self.now = now
    self.http = http
    self.processRunner = processRunner
  }

  /// This process's environment, home directory, file system, clock, network and shell.
  public static var process: AWSEnvironment {
    let variables = ProcessInfo.processInfo.environment
    // aws-sdk-go-v2 takes HOME on Unix (os.UserHomeDir); the account's home directory is the fallback.
    let home = variables["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return AWSEnvironment(variables: variables, homeDirectory: home)
  }

  @Sendable public static func readFileFromDisk(_ path: String) -> [UInt8]? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return [UInt8](data)
  }

  /// The value of an environment variable, with an empty value treated as unset (as the AWS SDKs do).
  func value(_ name: String) -> String? {
    guard let value = variables[name], !value.isEmpty else { return nil }
    return value
  }

  /// A boolean environment variable: "true" in any case is true, everything else false (aws-sdk-go-v2's rule).
  func flag(_ name: String) -> Bool {
    value(name)?.lowercased() == "true"
  }

  /// The path as the user would write it, with the home directory shown as `~`, for messages.
  func displayPath(_ path: String) -> String {
    guard let home = homeDirectory, !home.isEmpty, home != "/", path.hasPrefix(home + "/") else { return path }
    return "~" + path.dropFirst(home.count)
  }
}

// MARK: - HTTP

/// One HTTP request of the chain, with the total time it may take.
public struct AWSHTTPRequest: Sendable {
  public var method: String
  public var url: URL
  public var headers: [String: String]
  public var body: [UInt8]
  /// The whole exchange (connect, send, answer) must finish within this many seconds.
  public var timeout: TimeInterval

  public init(method: String, url: URL, headers: [String: String] = [:], body: [UInt8] = [], timeout: TimeInterval) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.timeout = timeout
  }
}

/// An HTTP answer: status, headers (names lower-cased) and body.
public struct AWSHTTPResponse: Sendable {
  public var status: Int
  public var headers: [String: String]
  public var body: [UInt8]

  public init(status: Int, headers: [String: String] = [:], body: [UInt8]) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// Why an HTTP exchange gave no answer at all.
public enum AWSHTTPFailure: Error, Sendable, CustomStringConvertible {
  /// Nothing answered within the request's timeout (seconds).
  case timedOut(TimeInterval)
  /// The connection could not be made or broke off; the text is the system's reason (no request contents).
  case cannotConnect(String)

  public var description: String {
    switch self {
    case .timedOut(let seconds): "no answer within \(formatSeconds(seconds))"
    case .cannotConnect(let reason): "could not connect (\(reason))"
    }
  }
}

/// Sends HTTP requests; `URLSessionHTTPClient` is the real one, tests may supply their own.
public protocol AWSHTTPClient: Sendable {
  /// Sends the request and returns the answer, whatever its status; throws `AWSHTTPFailure` when there is none.
  func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse
}

/// HTTP over URLSession (FoundationNetworking on Linux), with a hard deadline per request.
public final class URLSessionHTTPClient: AWSHTTPClient {
  public static let shared = URLSessionHTTPClient()
  private let session: URLSession

  public init() {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    configuration.urlCache = nil
    configuration.httpCookieStorage = nil
    configuration.httpShouldSetCookies = false
    session = URLSession(configuration: configuration)
  }

  public func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse {
    var urlRequest = URLRequest(url: request.url)
    urlRequest.httpMethod = request.method
    urlRequest.timeoutInterval = request.timeout
    for (name, value) in request.headers where name.lowercased() != "host" {
      // The transport writes Host from the URL (host, and the port unless it is the scheme's default), which is
      // what SigV4 signs; setting it twice would send two.
      urlRequest.setValue(value, forHTTPHeaderField: name)
    }
    if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
      urlRequest.httpBody = Data(request.body)
    }
    let timeout = request.timeout
    // The completion-handler API with our own timer, not `session.data(for:)` raced in a task group: cancelling
    // that async call from Swift concurrency while its answer arrives can deadlock FoundationNetworking on Linux
    // (the task's status lock and the session's queue taken in opposite orders), seen here as a hung test run.
    return try await withCheckedThrowingContinuation { continuation in
      let once = ResumeOnce()
      let task = session.dataTask(with: urlRequest) { data, response, error in
        guard once.claim() else { return }
        if let error {
          if let urlError = error as? URLError {
            continuation.resume(
              throwing: urlError.code == .timedOut
                ? AWSHTTPFailure.timedOut(timeout) : AWSHTTPFailure.cannotConnect(Self.reason(urlError)))
          } else {
            continuation.resume(throwing: AWSHTTPFailure.cannotConnect("\(type(of: error))"))
          }
          return
        }
        guard let http = response as? HTTPURLResponse else {
          continuation.resume(throwing: AWSHTTPFailure.cannotConnect("not an HTTP answer"))
          return
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
          if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        continuation.resume(
          returning: AWSHTTPResponse(status: http.statusCode, headers: headers, body: [UInt8](data ?? Data())))
      }
      task.resume()
      // URLSession's own timeout counts idle time between bytes, so a slow trickle could outlast it; this bounds the
      // whole exchange.
      DispatchQueue.global().asyncAfter(deadline: .now() + max(0, timeout)) {
        guard once.claim() else { return }
        continuation.resume(throwing: AWSHTTPFailure.timedOut(timeout))
        task.cancel()
      }
    }
  }

  /// A short reason without the URL (URLError's description includes the whole request URL, query and all).
  private static func reason(_ error: URLError) -> String {
    switch error.code {
    case .cannotConnectToHost: "connection refused"
    case .cannotFindHost, .dnsLookupFailed: "host not found"
    case .networkConnectionLost: "connection lost"
    case .notConnectedToInternet: "no network"
    case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
      .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
      "TLS failed"
    case .cancelled: "cancelled"
    default: "URL error \(error.code.rawValue)"
    }
  }
}

// MARK: - Processes

/// What a finished process left: its exit status and what it wrote.
public struct AWSProcessResult: Sendable {
  public var status: Int32
  public var standardOutput: [UInt8]
  public var standardError: [UInt8]

  public init(status: Int32, standardOutput: [UInt8], standardError: [UInt8]) {
    self.status = status
    self.standardOutput = standardOutput
    self.standardError = standardError
  }
}

/// Why a process gave no result.
public enum AWSProcessFailure: Error, Sendable, CustomStringConvertible {
  case cannotStart(String)
  case timedOut(TimeInterval)

  public var description: String {
    switch self {
    case .cannotStart(let reason): "could not start /bin/sh (\(reason))"
    case .timedOut(let seconds): "did not finish within \(formatSeconds(seconds)) and was stopped"
    }
  }
}

/// Runs a shell command line, as `credential_process` needs; `ShellProcessRunner` is the real one.
public protocol AWSProcessRunner: Sendable {
  func run(command: String, environment: [String: String], timeout: TimeInterval) async throws -> AWSProcessResult
}

/// Runs `/bin/sh -c COMMAND` (aws-sdk-go-v2's processcreds does the same), collecting stdout and stderr, and
/// terminates it when the timeout passes.
public struct ShellProcessRunner: AWSProcessRunner {
  public init() {}

  public func run(command: String, environment: [String: String], timeout: TimeInterval) async throws
    -> AWSProcessResult
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    process.environment = environment
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    let once = ResumeOnce()
    return try await withCheckedThrowingContinuation { continuation in
      let collected = CollectedOutput()
      let group = DispatchGroup()
      // Both pipes are drained on their own threads so a chatty process cannot block on a full pipe.
      group.enter()
      DispatchQueue.global().async {
        collected.setOutput(output.fileHandleForReading.readDataToEndOfFile())
        group.leave()
      }
      group.enter()
      DispatchQueue.global().async {
        collected.setErrors(errors.fileHandleForReading.readDataToEndOfFile())
        group.leave()
      }
      process.terminationHandler = { finished in
        let status = finished.terminationStatus
        // A grandchild that keeps the pipes open must not hold the answer back past the deadline.
        DispatchQueue.global().async {
          _ = group.wait(timeout: .now() + max(0.1, timeout))
          let (out, err) = collected.values
          if once.claim() {
            continuation.resume(
              returning: AWSProcessResult(status: status, standardOutput: [UInt8](out), standardError: [UInt8](err)))
          }
        }
      }
      do {
        try process.run()
      } catch {
        if once.claim() { continuation.resume(throwing: AWSProcessFailure.cannotStart("\(type(of: error))")) }
        return
      }
      // The parent's copies of the write ends must close, or reading to the end would never end.
      try? output.fileHandleForWriting.close()
      try? errors.fileHandleForWriting.close()
      DispatchQueue.global().asyncAfter(deadline: .now() + max(0, timeout)) {
        if once.claim() {
          if process.isRunning { process.terminate() }
          continuation.resume(throwing: AWSProcessFailure.timedOut(timeout))
        }
      }
    }
  }
}

/// Lets exactly one of several racing callbacks resume a continuation.
private final class ResumeOnce: @unchecked Sendable {
  private let lock = NSLock()
  private var claimed = false

  func claim() -> Bool {
    lock.lock()
    defer { lock.unlock() }
    if claimed { return false }
    claimed = true
    return true
  }
}

/// Output collected by the reader threads.
private final class CollectedOutput: @unchecked Sendable {
  private let lock = NSLock()
  private var output = Data()
  private var errors = Data()

  func setOutput(_ data: Data) { lock.withLock { output = data } }
  func setErrors(_ data: Data) { lock.withLock { errors = data } }
  var values: (Data, Data) { lock.withLock { (output, errors) } }
}

/// "1 s", "0.5 s": timeouts as messages show them.
func formatSeconds(_ seconds: TimeInterval) -> String {
  if seconds == seconds.rounded() { return "\(Int(seconds)) s" }
  return "\((seconds * 10).rounded() / 10) s"
}
