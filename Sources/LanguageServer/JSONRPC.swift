// JSON-RPC 2.0 messages: request ids, error codes, classification of an incoming body, and outgoing messages.

/// A request id: JSON-RPC allows a number or a string.
package enum RequestID: Sendable, Hashable, CustomStringConvertible {
  case number(Int)
  case string(String)

  package init?(_ json: JSONValue) {
    switch json {
    case .int(let value): self = .number(value)
    case .string(let value): self = .string(value)
    case .double(let value):
      guard let exact = Int(exactly: value) else { return nil }
      self = .number(exact)
    default: return nil
    }
  }

  package var json: JSONValue {
    switch self {
    case .number(let value): return .int(value)
    case .string(let value): return .string(value)
    }
  }

  package var description: String {
    switch self {
    case .number(let value): return String(value)
    case .string(let value): return "\"\(value)\""
    }
  }
}

/// An error answer. The codes are JSON-RPC's and LSP's; `message` never quotes document text.
package struct ResponseError: Error, Sendable, Equatable {
  package var code: Int
  package var message: String
  package var data: JSONValue?

  package init(code: Int, message: String, data: JSONValue? = nil) {
    self.code = code
    self.message = message
    self.data = data
  }

  package static let parseErrorCode = -32700
  package static let invalidRequestCode = -32600
  package static let methodNotFoundCode = -32601
  package static let invalidParamsCode = -32602
  package static let internalErrorCode = -32603
  package static let serverNotInitializedCode = -32002
  package static let requestFailedCode = -32803
  package static let serverCancelledCode = -32802
  package static let contentModifiedCode = -32801
  package static let requestCancelledCode = -32800

  package static func parseError(_ message: String) -> ResponseError { .init(code: parseErrorCode, message: message) }
  package static func invalidRequest(_ message: String) -> ResponseError {
    .init(code: invalidRequestCode, message: message)
  }
  package static func methodNotFound(_ method: String) -> ResponseError {
    .init(code: methodNotFoundCode, message: "Unknown method \(method)")
  }
  package static func invalidParams(_ message: String) -> ResponseError {
    .init(code: invalidParamsCode, message: message)
  }
  package static let serverNotInitialized = ResponseError(
    code: serverNotInitializedCode, message: "The server has not been initialized")
  package static let requestCancelled = ResponseError(code: requestCancelledCode, message: "Request cancelled")
  package static let contentModified = ResponseError(
    code: contentModifiedCode, message: "The document changed or closed before the result was ready")

  package var json: JSONValue {
    var object: [String: JSONValue] = ["code": .int(code), "message": .string(message)]
    if let data { object["data"] = data }
    return .object(object)
  }
}

/// An incoming body, classified as JSON-RPC says.
package enum IncomingMessage: Sendable {
  case request(id: RequestID, method: String, params: JSONValue)
  case notification(method: String, params: JSONValue)
  case response(id: RequestID, result: Result<JSONValue, ResponseError>)
  /// Not JSON at all: answer ParseError with a null id.
  case unparsable(JSONParseError)
  /// JSON but not a valid message: answer InvalidRequest, with the id when one could be read.
  case invalid(id: RequestID?, reason: String)

  package init(body: [UInt8]) {
    let json: JSONValue
    do {
      json = try JSONValue.parse(body)
    } catch {
      self = .unparsable(error)
      return
    }
    guard case .object(let object) = json else {
      self = .invalid(id: nil, reason: "a message must be a JSON object")
      return
    }
    let rawID = object["id"]
    let id = rawID.flatMap(RequestID.init)
    guard object["jsonrpc"] == .string("2.0") else {
      self = .invalid(id: id, reason: "\"jsonrpc\" must be \"2.0\"")
      return
    }
    if let rawID, id == nil, rawID != .null {
      self = .invalid(id: nil, reason: "an id must be a number or a string")
      return
    }
    let params = object["params"] ?? .null
    switch params {
    case .null, .object, .array: break
    default:
      self = .invalid(id: id, reason: "\"params\" must be an object or an array")
      return
    }
    if let method = object["method"] {
      guard case .string(let name) = method else {
        self = .invalid(id: id, reason: "\"method\" must be a string")
        return
      }
      if let id {
        self = .request(id: id, method: name, params: params)
      } else if rawID == nil {
        self = .notification(method: name, params: params)
      } else {
        self = .invalid(id: nil, reason: "a request id must not be null")
      }
      return
    }
    if let id {
      if let error = object["error"], case .object(let fields) = error {
        let code = fields["code"]?.intValue ?? ResponseError.internalErrorCode
        let message = fields["message"]?.stringValue ?? ""
        self = .response(id: id, result: .failure(ResponseError(code: code, message: message, data: fields["data"])))
        return
      }
      if let result = object["result"] {
        self = .response(id: id, result: .success(result))
        return
      }
    }
    self = .invalid(id: id, reason: "neither a request, a notification nor a response")
  }
}

/// Outgoing messages as JSON.
package enum OutgoingMessage {
  package static func response(id: RequestID?, result: Result<JSONValue, ResponseError>) -> JSONValue {
    var object: [String: JSONValue] = ["jsonrpc": "2.0", "id": id?.json ?? .null]
    switch result {
    case .success(let value): object["result"] = value
    case .failure(let error): object["error"] = error.json
    }
    return .object(object)
  }

  package static func notification(method: String, params: JSONValue) -> JSONValue {
    ["jsonrpc": "2.0", "method": .string(method), "params": params]
  }

  package static func request(id: RequestID, method: String, params: JSONValue) -> JSONValue {
    ["jsonrpc": "2.0", "id": id.json, "method": .string(method), "params": params]
  }
}
