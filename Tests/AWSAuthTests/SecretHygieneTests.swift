// Secrets never reach an error message: every failing scenario's text is searched for every secret the tests use.
import AWSAuth
import Foundation
import Testing

@Suite struct SecretHygieneTests {
  /// Faults where a secret is close at hand (in the file, the environment, the answer or the cache), collected and
  /// searched together with the texts of every other test's failures (HygieneLog).
  @Test func noErrorTextContainsASecret() async throws {
    let peer = try await Peers.standIns()
    var texts: [String] = []
    func collect(_ chain: CredentialChain) async {
      do {
        let credentials = try await chain.resolve()
        texts.append("\(credentials) | \(String(reflecting: credentials))")
      } catch {
        texts.append("\(error) | \(error.localizedDescription) | \(String(reflecting: error))")
      }
    }
    var sandbox = try Sandbox()
    // Half a key pair in a file, a secret on a line of its own, a key pair in the environment that gets skipped.
    try sandbox.write(".aws/credentials", "[half]\naws_secret_access_key = \(Secrets.staticSecret)\n")
    await collect(sandbox.chain(profile: "half"))
    try sandbox.write(".aws/credentials", "[x]\n\(Secrets.staticSecret)\n")
    await collect(sandbox.chain(profile: "x"))
    try sandbox.write(".aws/credentials", "")
    // credential_process printing secrets in broken JSON, and exiting non-zero after printing them to stdout.
    try sandbox.write(".aws/config", "[profile p]\ncredential_process = echo {\"SecretAccessKey\": \"\(Secrets.processSecret)\"\n")
    await collect(sandbox.chain(profile: "p"))
    let script = try sandbox.write(
      "bin/bad.sh", "#!/bin/sh\necho '{\"Version\":1,\"SecretAccessKey\":\"\(Secrets.processSecret)\"}'\nexit 1\n",
      executable: true)
    try sandbox.write(".aws/config", "[profile p]\ncredential_process = \(script)\n")
    await collect(sandbox.chain(profile: "p"))
    // An expired and a refused SSO token.
    try sandbox.write(
      ".aws/config",
      "[profile s]\nsso_session = c\nsso_account_id = 111122223333\nsso_role_name = Admin\n[sso-session c]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n")
    sandbox.variables["AWS_ENDPOINT_URL_SSO"] = "\(peer.baseURL)/sso~hygiene"
    try SSOTests.writeToken(sandbox, key: "c", expiresAt: "2001-01-01T00:00:00Z")
    await collect(sandbox.chain(profile: "s"))
    try SSOTests.writeToken(sandbox, key: "c", expiresAt: "2099-01-01T00:00:00Z")
    await collect(sandbox.chain(profile: "s"))
    // A refused container token, web identity against a failing STS, environment keys with a failing role.
    var other = try Sandbox()
    other.variables["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "\(peer.baseURL)/container~hygiene"
    other.variables["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = Secrets.environmentSession
    await collect(other.chain())
    var web = try Sandbox()
    web.variables["AWS_WEB_IDENTITY_TOKEN_FILE"] = try web.write("token", Secrets.webIdentityToken)
    web.variables["AWS_ROLE_ARN"] = STSTests.role
    web.variables["AWS_REGION"] = "us-east-1"
    web.variables["AWS_ENDPOINT_URL_STS"] = "\(peer.baseURL)/sts-500"
    await collect(web.chain())
    var role = web
    role.variables["AWS_WEB_IDENTITY_TOKEN_FILE"] = nil
    role.variables["AWS_ACCESS_KEY_ID"] = "AKIAENV"
    role.variables["AWS_SECRET_ACCESS_KEY"] = Secrets.environmentSecret
    role.variables["AWS_SESSION_TOKEN"] = Secrets.environmentSession
    try role.write(".aws/config", "[profile r]\nrole_arn = \(STSTests.role)\ncredential_source = Environment\n")
    await collect(role.chain(profile: "r"))
    // IMDS answering without Code, after handing out its token.
    var imds = try Sandbox()
    imds.variables["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "\(peer.baseURL)/imds-nocode~hygiene"
    await collect(imds.chain())

    #expect(texts.count == 10)
    for text in texts + HygieneLog.shared.all {
      #expect(Secrets.leaks(in: text).isEmpty, "leaks \(Secrets.leaks(in: text)): \(text)")
    }
  }
}
