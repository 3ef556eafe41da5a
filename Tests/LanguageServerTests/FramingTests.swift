// The Content-Length framer and the JSON parser on their own: chunking, case, resync, size, surrogates, depth.
import Testing
@testable import LanguageServer

@Suite struct FramingTests {
  static func framed(_ body: String) -> [UInt8] { MessageFramer.frame(Array(body.utf8)) }

  @Test func partialReadsByteByByte() {
    var framer = MessageFramer()
    var events: [MessageFramer.Event] = []
    for byte in Self.framed("{\"a\":1}") + Self.framed("{}") { events += framer.feed([byte]) }
    #expect(events == [.message(Array("{\"a\":1}".utf8)), .message(Array("{}".utf8))])
  }

  @Test func severalMessagesInOneRead() {
    var framer = MessageFramer()
    let events = framer.feed(Self.framed("1") + Self.framed("22") + Self.framed("333"))
    #expect(events == [.message(Array("1".utf8)), .message(Array("22".utf8)), .message(Array("333".utf8))])
    #expect(framer.bufferedByteCount == 0)
  }

  @Test func headerNamesAreCaseInsensitiveAndContentTypeIsAllowed() {
    var framer = MessageFramer()
    let input = "content-LENGTH: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"
    #expect(framer.feed(Array(input.utf8)) == [.message(Array("{}".utf8))])
  }

  @Test(arguments: [
    "Content-Length: abc\r\n\r\n", "garbage\r\n\r\n", "Content-Length: -4\r\n\r\n", "X-Other: 1\r\n\r\n",
    "Content-Length: 99999999999\r\n\r\n", "Content-Length: 2\r\nContent-Length: 3\r\n\r\n",
  ])
  func malformedHeaderResynchronisesOnNextContentLength(bad: String) {
    var framer = MessageFramer()
    let events = framer.feed(Array(bad.utf8) + Self.framed("{}"))
    #expect(events.count == 2)
    if case .malformedHeader = events.first {} else { Issue.record("expected a malformed header first: \(events)") }
    #expect(events.last == .message(Array("{}".utf8)))
  }

  @Test func endlessHeaderIsDroppedAndFramingRecovers() {
    var framer = MessageFramer()
    var events = framer.feed([UInt8](repeating: UInt8(ascii: "x"), count: 20_000))
    events += framer.feed(Self.framed("{}"))
    #expect(events.last == .message(Array("{}".utf8)))
    #expect(framer.bufferedByteCount == 0)
  }

  @Test func tenMebibyteMessage() {
    var framer = MessageFramer()
    let body = [UInt8](repeating: UInt8(ascii: "a"), count: 10 << 20)
    let framed = MessageFramer.frame(body)
    var events: [MessageFramer.Event] = []
    var index = 0
    while index < framed.count {
      let end = min(framed.count, index + 65_536)
      events += framer.feed(framed[index..<end])
      index = end
    }
    #expect(events == [.message(body)])
  }
}

@Suite struct JSONTests {
  @Test func surrogatePairsJoinAndLoneHalvesBecomeReplacement() throws {
    #expect(try JSONValue.parse(#""\ud83d\ude00""#) == "😀")
    #expect(try JSONValue.parse(#""\ud83d""#) == "\u{FFFD}")
    #expect(try JSONValue.parse(#""\ude00x""#) == "\u{FFFD}x")
    #expect(try JSONValue.parse(#""\ud83d\u0041""#) == "\u{FFFD}A")
    #expect(try JSONValue.parse(#""\ud83d\ud83d\ude00""#) == "\u{FFFD}😀")
  }

  @Test func roundTrip() throws {
    let text = #"{"a":[1,-2.5,true,false,null,"x\n\"y\"\u0001é"],"b":{}}"#
    let value = try JSONValue.parse(text)
    #expect(try JSONValue.parse(value.serialized) == value)
    #expect(value["a"]?.arrayValue?.count == 6)
  }

  @Test func integersPrintExactly() throws {
    for value in [0, 7, 9, 10, 42, 100, -1, -10, 1_234_567, Int.max, Int.min, Int(UInt32.max)] {
      #expect(JSONValue.int(value).serializedString == String(value))
      #expect(try JSONValue.parse(JSONValue.int(value).serialized) == .int(value))
    }
  }

  @Test(arguments: ["", "01", "1.", "-", "[1,]", "{\"a\"}", "\"\u{01}\"", "\"\\x\"", "tru", "\"abc", "1 2"])
  func rejects(text: String) {
    #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
  }

  @Test func depthIsLimited() {
    let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
    #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
    let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
    #expect((try? JSONValue.parse(fine)) != nil)
  }
}
