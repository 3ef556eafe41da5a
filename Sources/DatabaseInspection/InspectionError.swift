// Why an inspection failed, as one line for the user: what went wrong and, where one is involved, the URL with its
// password masked. Codes let callers (the CLI, the language server's lens) react without parsing text.

public struct InspectionError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Code: String, Sendable, Equatable {
    case invalidURL, unsupportedDriver, connectionFailed, queryFailed, unexpectedCatalog, invalidExclude, unprintable, unsupportedFormat, cancelled
  }

  public var code: Code
  /// The message; built from redacted URLs only.
  public var message: String

  public init(_ code: Code, _ message: String, url: DatabaseURL? = nil) {
    self.code = code
    self.message = url.map { "\(message) (\($0.redacted))" } ?? message
  }

  public var description: String { message }
}
