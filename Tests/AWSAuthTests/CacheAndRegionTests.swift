// The credential cache (kept until five minutes before expiry, with an injected clock) and region resolution.
import AWSAuth
import Foundation
import Testing

@Suite struct CacheTests {
  @Test func credentialsAreReusedUntilFiveMinutesBeforeExpiry() async throws {
    var sandbox = try Sandbox()
    let clock = LockedBox(Date(timeIntervalSince1970: 1_700_000_000))
    sandbox.now = { clock.get() }
    let counter = sandbox.home.appendingPathComponent("runs").path
    // Expires at 1_700_003_600 (one hour after the start); counts its runs in a file.
    let script = try sandbox.write(
      "bin/creds.sh",
      """
      #!/bin/sh
      echo run >> '\(counter)'
      echo '{"Version": 1, "AccessKeyId": "ASIACACHE", "SecretAccessKey": "\(Secrets.processSecret)", "Expiration": "2023-11-14T23:13:20Z"}'
      """, executable: true)
    try sandbox.write(".aws/config", "[default]\ncredential_process = \(script)\n")
    let chain = sandbox.chain()
    func runs() -> Int {
      ((try? String(contentsOfFile: counter, encoding: .utf8)) ?? "").split(separator: "\n").count
    }
    _ = try await chain.resolve()
    _ = try await chain.resolve()
    #expect(runs() == 1)
    clock.set(Date(timeIntervalSince1970: 1_700_003_600 - 301))
    _ = try await chain.resolve()
    #expect(runs() == 1)
    clock.set(Date(timeIntervalSince1970: 1_700_003_600 - 299))
    _ = try await chain.resolve()
    #expect(runs() == 2)
    await chain.invalidate()
    _ = try await chain.resolve()
    #expect(runs() == 3)
  }

  @Test func concurrentCallersShareOneResolution() async throws {
    let sandbox = try Sandbox()
    let counter = sandbox.home.appendingPathComponent("runs").path
    let script = try sandbox.write(
      "bin/creds.sh",
      "#!/bin/sh\necho run >> '\(counter)'\nsleep 0.2\necho '{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"\(Secrets.processSecret)\"}'\n",
      executable: true)
    try sandbox.write(".aws/config", "[default]\ncredential_process = \(script)\n")
    let chain = sandbox.chain()
    try await withThrowingTaskGroup(of: Void.self) { group in
      for _ in 0..<5 { group.addTask { _ = try await chain.resolve() } }
      try await group.waitForAll()
    }
    #expect(((try? String(contentsOfFile: counter, encoding: .utf8)) ?? "").split(separator: "\n").count == 1)
  }
}

@Suite struct RegionTests {
  @Test func explicitThenAWSRegionThenAWSDefaultRegionThenTheProfile() throws {
    var sandbox = try Sandbox()
    try sandbox.write(".aws/config", "[default]\nregion = eu-north-1\n[profile p]\nregion = ap-southeast-2\n")
    try sandbox.write(".aws/credentials", "[p]\nregion = ca-central-1\n")
    func resolve(_ explicit: String?, _ profile: String? = nil) throws -> ResolvedRegion {
      try RegionResolver.resolve(explicit: explicit, profile: profile, environment: sandbox.environment)
    }
    #expect(try resolve(nil) == ResolvedRegion(name: "eu-north-1", origin: .profile(name: "default", file: "~/.aws/config")))
    // The credentials file is merged over the config file.
    #expect(try resolve(nil, "p") == ResolvedRegion(name: "ca-central-1", origin: .profile(name: "p", file: "~/.aws/credentials")))
    sandbox.variables["AWS_DEFAULT_REGION"] = "us-west-1"
    #expect(try resolve(nil) == ResolvedRegion(name: "us-west-1", origin: .environmentVariable("AWS_DEFAULT_REGION")))
    sandbox.variables["AWS_REGION"] = "us-east-2"
    #expect(try resolve("") == ResolvedRegion(name: "us-east-2", origin: .environmentVariable("AWS_REGION")))
    #expect(try resolve("eu-west-3", "p") == ResolvedRegion(name: "eu-west-3", origin: .explicit))
    #expect(try resolve("eu-west-3").description == "eu-west-3 (given explicitly)")
  }

  @Test func noRegionSaysWhereWeLooked() throws {
    var sandbox = try Sandbox()
    try sandbox.write(".aws/config", "[profile p]\noutput = json\n")
    do {
      _ = try RegionResolver.resolve(explicit: nil, profile: "p", environment: sandbox.environment)
      Issue.record("expected no region")
    } catch let error as AWSAuthError {
      #expect(error.code == .noRegion)
      #expect(
        error.description
          == "region: no AWS region: none given explicitly, AWS_REGION and AWS_DEFAULT_REGION are not set, "
          + "and profile p has no region in ~/.aws/config or ~/.aws/credentials")
    }
    // A missing default profile is no error of its own, just one more place without a region.
    do {
      _ = try RegionResolver.resolve(explicit: nil, profile: nil, environment: sandbox.environment)
    } catch let error as AWSAuthError {
      #expect(error.code == .noRegion)
      #expect(error.message.hasSuffix("profile default is not in ~/.aws/config or ~/.aws/credentials"))
    }
    sandbox.variables["AWS_PROFILE"] = "gone"
    #expect(throws: AWSAuthError.self) {
      try RegionResolver.resolve(explicit: nil, profile: nil, environment: sandbox.environment)
    }
  }
}
