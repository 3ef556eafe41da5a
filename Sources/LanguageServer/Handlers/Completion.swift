// `textDocument/completion` and `completionItem/resolve`: AtlasLanguage's items in the shape the client can take
// (snippets or plain text, insert/replace edits, `itemDefaults`, `labelDetails`, Markdown), documentation filled in
// lazily when the client resolves items, and AWS profile names read from the user's shared config files.
import AWSAuth
import AtlasLanguage
import HCLSyntax

/// What the client's `textDocument.completion` capability says it can take.
package struct CompletionClientCapabilities: Sendable {
  package var snippets = false
  package var insertReplace = false
  package var labelDetails = false
  /// `documentationFormat`, in the client's order of preference.
  package var documentationFormats: [String] = []
  package var deprecatedTag = false
  /// The item properties the client can resolve later (`documentation`, `detail`, …).
  package var resolvableProperties: Set<String> = []
  /// The `CompletionList.itemDefaults` fields the client understands.
  package var itemDefaults: Set<String> = []
  /// `insertTextMode` values the client honours (1 = asIs).
  package var insertTextModes: Set<Int> = []

  package init() {}

  /// Read leniently, like the rest of the capabilities: a wrong shape counts as absent.
  package init(json: JSONValue?) {
    guard let json, json.objectValue != nil else { return }
    let item = json["completionItem"]
    snippets = item?["snippetSupport"]?.boolValue ?? false
    insertReplace = item?["insertReplaceSupport"]?.boolValue ?? false
    labelDetails = item?["labelDetailsSupport"]?.boolValue ?? false
    documentationFormats = (item?["documentationFormat"]?.arrayValue ?? []).compactMap(\.stringValue)
    deprecatedTag = (item?["tagSupport"]?["valueSet"]?.arrayValue ?? []).contains { $0.intValue == 1 }
    resolvableProperties = Set((item?["resolveSupport"]?["properties"]?.arrayValue ?? []).compactMap(\.stringValue))
    itemDefaults = Set((json["completionList"]?["itemDefaults"]?.arrayValue ?? []).compactMap(\.stringValue))
    insertTextModes = Set((item?["insertTextModeSupport"]?["valueSet"]?.arrayValue ?? []).compactMap(\.intValue))
  }
}

extension Server {
  /// Characters after which the client asks again by itself: references (`.`), strings and labels (`"`), and the
  /// parts of URLs (`/` after the scheme, `?` and `&` before a parameter, `=` before its value). AtlasLanguage
  /// answers nothing for the URL ones outside strings, so typing `a = b` pops nothing up.
  static let completionTriggerCharacters = [".", "\"", "/", "?", "&", "="]

  func completion(id: RequestID, params: JSONValue) throws -> HandlerOutcome {
    let reader = try ParamsReader(params)
    let uri = try reader.nested("textDocument").string("uri")
    let position = try Position(json: reader.object["position"] ?? .null, path: "params.position")
    let trigger = try reader.optionalNested("context")?.optionalString("triggerCharacter")
    let encoding = positionEncoding
    let capabilities = clientCapabilities.completion
    let profileNames = awsProfileNames
    let suggestsAgain = Self.understandsTriggerSuggest(clientName)
    return try answerFromSnapshot(id: id, uri: uri, method: "textDocument/completion") { snapshot in
      // Only atlas.hcl files are analysed; other HCL files get no items.
      guard let analysis = snapshot.analysis else { return ["isIncomplete": false, "items": []] }
      let converter = PositionConverter(lines: snapshot.lines, encoding: encoding)
      let offset = converter.offset(of: position).offset
      var options = CompletionOptions(snippets: capabilities.snippets, triggerCharacter: trigger)
      // The shared config files are read only where a profile name can go.
      if Completion.wantsAWSProfiles(analysis, at: offset) { options.awsProfiles = profileNames() }
      let list = Completion.complete(analysis, at: offset, options: options)
      return Self.completionListJSON(
        list, converter: converter, capabilities: capabilities, retriggerCommand: suggestsAgain)
    }
  }

  /// VS Code and its forks run `editor.action.triggerSuggest` themselves; other clients would send it back to the
  /// server as `workspace/executeCommand`, so it goes to those editors only.
  static func understandsTriggerSuggest(_ clientName: String?) -> Bool {
    guard let name = clientName else { return false }
    return ["Visual Studio Code", "VSCodium", "Code - OSS", "Cursor", "Windsurf"].contains { name.hasPrefix($0) }
  }

  static func completionListJSON(
    _ list: CompletionList, converter: PositionConverter, capabilities: CompletionClientCapabilities,
    retriggerCommand: Bool = false
  ) -> JSONValue {
    let insert = converter.range(of: list.insertRange).json
    let replace = converter.range(of: list.replaceRange).json
    let editRange: JSONValue = capabilities.insertReplace ? ["insert": insert, "replace": replace] : replace
    let defaultsRange = capabilities.itemDefaults.contains("editRange")
    let defaultsFormat = capabilities.itemDefaults.contains("insertTextFormat")
    let defaultsMode = capabilities.itemDefaults.contains("insertTextMode")
    // Inserted lines carry their own indentation: the client must not add the line's again.
    let asIs = capabilities.insertTextModes.contains(1)
    let format: JSONValue = .int(capabilities.snippets ? 2 : 1)
    var defaults: [String: JSONValue] = [:]
    if defaultsRange { defaults["editRange"] = editRange }
    if defaultsFormat { defaults["insertTextFormat"] = format }
    if defaultsMode, asIs { defaults["insertTextMode"] = .int(1) }
    let resolvesDocumentation = capabilities.resolvableProperties.contains("documentation")
    let items: [JSONValue] = list.items.map { item in
      var object: [String: JSONValue] = [
        "label": .string(item.label),
        "kind": .int(lspCompletionKind(item.kind)),
        "sortText": .string(item.sortText),
      ]
      if capabilities.labelDetails {
        var details: [String: JSONValue] = [:]
        if let detail = item.labelDetail { details["detail"] = .string(detail) }
        if let description = item.labelDescription { details["description"] = .string(description) }
        if !details.isEmpty { object["labelDetails"] = .object(details) }
        if let detail = item.detail { object["detail"] = .string(detail) }
      } else if let detail = item.detail ?? item.labelDescription {
        object["detail"] = .string(detail)
      }
      if let filterText = item.filterText { object["filterText"] = .string(filterText) }
      if item.preselect { object["preselect"] = true }
      if item.deprecated {
        if capabilities.deprecatedTag { object["tags"] = [.int(1)] } else { object["deprecated"] = true }
      }
      if defaultsRange {
        if item.text != item.label { object["textEditText"] = .string(item.text) }
      } else if capabilities.insertReplace {
        object["textEdit"] = ["newText": .string(item.text), "insert": insert, "replace": replace]
      } else {
        object["textEdit"] = ["newText": .string(item.text), "range": replace]
      }
      if !defaultsFormat { object["insertTextFormat"] = format }
      if asIs, !defaultsMode, item.text.contains("\n") { object["insertTextMode"] = .int(1) }
      // After `local.` or `scheme://`, what follows is asked for at once.
      if item.retrigger, retriggerCommand {
        object["command"] = ["title": "Suggest", "command": "editor.action.triggerSuggest"]
      }
      switch item.documentation {
      case .markdown(let text)?:
        object["documentation"] = markup(text, formats: capabilities.documentationFormats)
      case .topic(let topic)?:
        if resolvesDocumentation {
          object["data"] = ["topic": .string(topic.key)]
        } else if let text = Completion.documentation(topic) {
          object["documentation"] = markup(text, formats: capabilities.documentationFormats)
        }
      case nil: break
      }
      return .object(object)
    }
    var result: [String: JSONValue] = ["isIncomplete": .bool(list.isIncomplete), "items": .array(items)]
    if !defaults.isEmpty { result["itemDefaults"] = .object(defaults) }
    return .object(result)
  }

  /// `completionItem/resolve`: the item back with its documentation, looked up from the topic in its `data`.
  func resolveCompletionItem(params: JSONValue) throws -> HandlerOutcome {
    guard case .object(var item) = params, item["label"]?.stringValue != nil else {
      throw ResponseError.invalidParams("params must be a completion item")
    }
    if item["documentation"] == nil, let key = item["data"]?["topic"]?.stringValue,
      let topic = DocumentationTopic(key: key), let text = Completion.documentation(topic)
    {
      item["documentation"] = Self.markup(text, formats: clientCapabilities.completion.documentationFormats)
    }
    return .result(.object(item))
  }

  /// Documentation in a format the client declared: Markdown when it takes it, else plain text, and a bare string
  /// (which every client takes) when it declared no format.
  static func markup(_ text: String, formats: [String]) -> JSONValue {
    if formats.contains("markdown") { return ["kind": "markdown", "value": .string(text)] }
    if formats.contains("plaintext") { return ["kind": "plaintext", "value": .string(text)] }
    return .string(text)
  }

  /// LSP `CompletionItemKind` numbers.
  static func lspCompletionKind(_ kind: CompletionKind) -> Int {
    switch kind {
    case .block: 7  // Class: a block is a structured thing with a body
    case .attribute: 10  // Property
    case .dataSource: 22  // Struct
    case .label: 12  // Value
    case .enumValue: 20  // EnumMember
    case .keyword: 14  // Keyword
    case .namespace: 9  // Module
    case .reference: 6  // Variable
    case .function: 3  // Function
    case .type: 25  // TypeParameter
    case .region, .profile, .urlValue: 12  // Value
    case .urlScheme: 17  // File: a URL names where something lives
    case .urlParameter: 5  // Field
    }
  }

  /// The profile names of the shared AWS config and credentials files, as the AWS SDKs find them (`AWS_CONFIG_FILE`,
  /// `AWS_SHARED_CREDENTIALS_FILE`, else under `$HOME/.aws`), from this process's environment or the one given.
  @Sendable static func sharedConfigProfileNames() -> [String] { sharedConfigProfileNames(variables: nil) }

  static func sharedConfigProfileNames(variables: [String: String]?) -> [String] {
    let environment = variables.map { AWSEnvironment(variables: $0) } ?? .process
    return SharedConfigFiles(environment: environment).profileNames
  }
}
