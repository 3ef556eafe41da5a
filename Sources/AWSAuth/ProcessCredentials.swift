// `credential_process`: runs the profile's command through /bin/sh and reads its JSON (Version 1) from stdout.
//
// Facts: ../shared/reference/aws-rds-token.md §4.4. The process inherits the environment; its stdout is never
// quoted in a message (it holds the secret), only which field was wrong.
import Foundation

struct ProcessCredentialsProvider {
  let command: String
  let environment: AWSEnvironment
  let source: String
  /// aws-sdk-go-v2's default: one minute.
  var timeout: TimeInterval = 60

  func retrieve() async throws -> AWSCredentials {
    let result: AWSProcessResult
    do {
      result = try await environment.processRunner.run(
        command: command, environment: environment.variables, timeout: timeout)
    } catch let failure as AWSProcessFailure {
      throw AWSAuthError(.processFailed, source: source, "credential_process \(failure)")
    }
    guard result.status == 0 else {
      var message = "credential_process exited with status \(result.status)"
      // The last line of stderr is the command's own complaint ("not logged in"); stdout is never shown.
      let complaint = String(decoding: result.standardError, as: UTF8.self)
        .split(whereSeparator: \.isNewline).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      if !complaint.isEmpty { message += ": \(complaint.prefix(200))" }
      throw AWSAuthError(.processFailed, source: source, message)
    }
    guard let json = AWSWire.jsonObject(result.standardOutput) else {
      throw AWSAuthError(.processFailed, source: source, "credential_process did not print a JSON object")
    }
    guard json.number("Version") == 1 else {
      throw AWSAuthError(.processFailed, source: source, "credential_process printed Version other than 1")
    }
    guard let accessKeyID = json.string("AccessKeyId") else {
      throw AWSAuthError(.processFailed, source: source, "credential_process printed no AccessKeyId")
    }
    guard let secret = json.string("SecretAccessKey") else {
      throw AWSAuthError(.processFailed, source: source, "credential_process printed no SecretAccessKey")
    }
    var expiration: Date?
    if json.has("Expiration") {
      guard let text = json.string("Expiration"), let date = RFC3339.parse(text) else {
        throw AWSAuthError(
          .processFailed, source: source, "credential_process printed an Expiration that is not an RFC 3339 time")
      }
      expiration = date
    }
    return AWSCredentials(
      accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: json.string("SessionToken"),
      expiration: expiration, source: source)
  }
}
