// The LSP types Mercator serves, kept to what it uses, each read from and written to `JSONValue` by hand.

// MARK: - Reading params

/// Reads typed fields out of a params object; every failure is InvalidParams naming the field.
package struct ParamsReader {
  package let object: [String: JSONValue]
  private let path: String

  package init(_ json: JSONValue, path: String = "params") throws(ResponseError) {
    guard case .object(let object) = json else { throw .invalidParams("\(path) must be an object") }
    self.object = object
    self.path = path
  }

  package func string(_ key: String) throws(ResponseError) -> String {
    guard let value = object[key]?.stringValue else { throw .invalidParams("\(path).\(key) must be a string") }
    return value
  }

  package func int(_ key: String) throws(ResponseError) -> Int {
    guard let value = object[key]?.intValue else { throw .invalidParams("\(path).\(key) must be an integer") }
    return value
  }

  package func optionalString(_ key: String) throws(ResponseError) -> String? {
    guard let value = object[key], !value.isNull else { return nil }
    guard let string = value.stringValue else { throw .invalidParams("\(path).\(key) must be a string") }
    return string
  }

  package func optionalInt(_ key: String) throws(ResponseError) -> Int? {
    guard let value = object[key], !value.isNull else { return nil }
    guard let int = value.intValue else { throw .invalidParams("\(path).\(key) must be an integer") }
    return int
  }

  package func nested(_ key: String) throws(ResponseError) -> ParamsReader {
    try ParamsReader(object[key] ?? .null, path: "\(path).\(key)")
  }

  package func optionalNested(_ key: String) throws(ResponseError) -> ParamsReader? {
    guard let value = object[key], !value.isNull else { return nil }
    return try ParamsReader(value, path: "\(path).\(key)")
  }

  package func array(_ key: String) throws(ResponseError) -> [JSONValue] {
    guard let value = object[key]?.arrayValue else { throw .invalidParams("\(path).\(key) must be an array") }
    return value
  }
}

// MARK: - Positions

/// How LSP positions count columns, negotiated at `initialize`.
package enum PositionEncoding: String, Sendable {
  case utf8 = "utf-8"
  case utf16 = "utf-16"
}

/// A 0-based line and column in the negotiated encoding.
package struct Position: Sendable, Hashable {
  package var line: Int
  package var character: Int

  package init(line: Int, character: Int) {
    self.line = line
    self.character = character
  }

  package init(json: JSONValue, path: String) throws(ResponseError) {
    let reader = try ParamsReader(json, path: path)
    line = try reader.int("line")
    character = try reader.int("character")
  }

  package var json: JSONValue { ["line": .int(line), "character": .int(character)] }
}

package struct Range: Sendable, Hashable {
  package var start: Position
  package var end: Position

  package init(start: Position, end: Position) {
    self.start = start
    self.end = end
  }

  package init(json: JSONValue, path: String) throws(ResponseError) {
    let reader = try ParamsReader(json, path: path)
    start = try Position(json: reader.object["start"] ?? .null, path: "\(path).start")
    end = try Position(json: reader.object["end"] ?? .null, path: "\(path).end")
  }

  package var json: JSONValue { ["start": start.json, "end": end.json] }
}

// MARK: - Documents

package struct TextDocumentItem: Sendable {
  package var uri: String
  package var languageID: String
  package var version: Int
  package var text: String

  package init(json: JSONValue) throws(ResponseError) {
    let reader = try ParamsReader(json, path: "params.textDocument")
    uri = try reader.string("uri")
    languageID = try reader.optionalString("languageId") ?? ""
    version = try reader.int("version")
    text = try reader.string("text")
  }
}

/// One entry of `didChange`'s `contentChanges`: a ranged edit, or the whole new text when `range` is nil.
package struct TextDocumentContentChange: Sendable {
  package var range: Range?
  package var text: String

  package init(range: Range?, text: String) {
    self.range = range
    self.text = text
  }

  package init(json: JSONValue, path: String) throws(ResponseError) {
    let reader = try ParamsReader(json, path: path)
    if let range = reader.object["range"], !range.isNull {
      self.range = try Range(json: range, path: "\(path).range")
    } else {
      self.range = nil
    }
    text = try reader.string("text")
  }
}

// MARK: - Diagnostics

package enum DiagnosticSeverity: Int, Sendable {
  case error = 1
  case warning = 2
  case information = 3
  case hint = 4
}

/// An LSP diagnostic as sent to the client.
package struct LSPDiagnostic: Sendable, Hashable {
  package var range: Range
  package var severity: DiagnosticSeverity
  package var code: String
  package var source: String
  package var message: String
  /// A page that explains the diagnostic (`codeDescription.href`).
  package var documentation: String? = nil
  /// Code that does nothing (`DiagnosticTag.Unnecessary`): editors fade it out.
  package var isUnnecessary = false

  package var json: JSONValue {
    var members: [String: JSONValue] = [
      "range": range.json, "severity": .int(severity.rawValue), "code": .string(code), "source": .string(source),
      "message": .string(message),
    ]
    if let documentation { members["codeDescription"] = ["href": .string(documentation)] }
    if isUnnecessary { members["tags"] = [.int(1)] }
    return .object(members)
  }
}

// MARK: - Client capabilities

/// The parts of the client's capabilities the server acts on.
package struct ClientCapabilities: Sendable {
  package var positionEncodings: [String] = []
  package var supportsPullDiagnostics = false
  package var supportsDiagnosticRefresh = false
  package var supportsConfiguration = false
  package var supportsDidChangeConfigurationRegistration = false
  package var supportsWorkDoneProgress = false
  package var supportsWatchedFilesRegistration = false
  /// `textDocument.foldingRange.lineFoldingOnly`: the client folds whole lines and ignores characters.
  package var lineFoldingOnly = false
  /// What definition, rename and code actions may send (Handlers/Navigation.swift).
  package var navigation = NavigationCapabilities()
  /// `textDocument.hover.contentFormat`: Markdown is the client's first choice (else hovers are plain text).
  package var prefersMarkdownHover = false
  /// `experimental.showReferencesCommandId` (terraform-ls's convention): the client's command for showing locations.
  package var showReferencesCommand: String?
  /// `workspace.inlayHint.refreshSupport`: the client re-requests hints when asked to.
  package var supportsInlayHintRefresh = false
  /// `workspace.codeLens.refreshSupport`: the client lists lenses again when asked to.
  package var supportsCodeLensRefresh = false
  /// `window.showDocument.support`: the client opens documents the server names.
  package var supportsShowDocument = false
  /// `textDocument.completion`: snippets, insert/replace edits, item defaults, label details, Markdown, resolve.
  package var completion = CompletionClientCapabilities()
  /// `textDocument.signatureHelp`: label offsets, documentation formats.
  package var signatureHelp = SignatureHelpClientCapabilities()

  package init() {}

  /// Reads capabilities leniently: a capability of the wrong shape counts as absent, never as an error.
  package init(json: JSONValue) {
    positionEncodings = (json["general"]?["positionEncodings"]?.arrayValue ?? []).compactMap(\.stringValue)
    if let diagnostic = json["textDocument"]?["diagnostic"], diagnostic.objectValue != nil {
      supportsPullDiagnostics = true
    }
    supportsDiagnosticRefresh = json["workspace"]?["diagnostics"]?["refreshSupport"]?.boolValue ?? false
    supportsConfiguration = json["workspace"]?["configuration"]?.boolValue ?? false
    supportsDidChangeConfigurationRegistration =
      json["workspace"]?["didChangeConfiguration"]?["dynamicRegistration"]?.boolValue ?? false
    supportsWorkDoneProgress = json["window"]?["workDoneProgress"]?.boolValue ?? false
    supportsWatchedFilesRegistration =
      json["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"]?.boolValue ?? false
    supportsCodeLensRefresh = json["workspace"]?["codeLens"]?["refreshSupport"]?.boolValue ?? false
    supportsShowDocument = json["window"]?["showDocument"]?["support"]?.boolValue ?? false
    lineFoldingOnly = json["textDocument"]?["foldingRange"]?["lineFoldingOnly"]?.boolValue ?? false
    navigation = NavigationCapabilities(json: json)
    prefersMarkdownHover = (json["textDocument"]?["hover"]?["contentFormat"]?.arrayValue ?? [])
      .compactMap(\.stringValue).first { $0 == "markdown" || $0 == "plaintext" } == "markdown"
    showReferencesCommand = json["experimental"]?["showReferencesCommandId"]?.stringValue
    supportsInlayHintRefresh = json["workspace"]?["inlayHint"]?["refreshSupport"]?.boolValue ?? false
    completion = CompletionClientCapabilities(json: json["textDocument"]?["completion"])
    signatureHelp = SignatureHelpClientCapabilities(json: json["textDocument"]?["signatureHelp"])
  }
}

// MARK: - Trace and log

package enum TraceValue: String, Sendable {
  case off
  case messages
  case verbose
}

package enum MessageType: Int, Sendable {
  case error = 1
  case warning = 2
  case info = 3
  case log = 4
}
