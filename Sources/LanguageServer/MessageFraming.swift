// The base protocol's framing: `Content-Length` headers around JSON bodies, split from a byte stream and written back.

/// Splits a byte stream into message bodies. Feed it bytes as they arrive, in any chunking; it returns each complete
/// body once. Header names are case-insensitive, `Content-Type` and unknown headers are accepted and ignored. A
/// malformed header block is reported and skipped: the framer resynchronises on the next `Content-Length`.
package struct MessageFramer: Sendable {
  /// What one step of framing produced.
  package enum Event: Sendable, Equatable {
    case message([UInt8])
    /// A header block that could not be used; `reason` is for the log and never quotes message content.
    case malformedHeader(reason: String)
  }

  /// Largest body accepted; a larger `Content-Length` is treated as a malformed header.
  package static let maximumBodyLength = 256 << 20
  /// Longest header block accepted before the framer gives up on it and resynchronises.
  package static let maximumHeaderLength = 8 << 10

  private var buffer: [UInt8] = []
  private var start = 0
  /// Body length of the header block already read, while waiting for the body's bytes.
  private var pendingBodyLength: Int?

  package init() {}

  /// Bytes received but not yet part of a returned message.
  package var bufferedByteCount: Int { buffer.count - start }

  /// Appends bytes and returns every event they complete, in order.
  package mutating func feed(_ bytes: some Sequence<UInt8>) -> [Event] {
    buffer.append(contentsOf: bytes)
    var events: [Event] = []
    while let event = nextEvent() { events.append(event) }
    // Drop consumed bytes once they are the larger part of the buffer (amortised O(1) per byte).
    if start > 0 && start * 2 >= buffer.count {
      buffer.removeSubrange(0..<start)
      start = 0
    }
    return events
  }

  private mutating func nextEvent() -> Event? {
    if let length = pendingBodyLength {
      guard buffer.count - start >= length else { return nil }
      let body = Array(buffer[start..<(start + length)])
      start += length
      pendingBodyLength = nil
      return .message(body)
    }
    guard start < buffer.count else { return nil }
    guard let headerEnd = find(Self.headerTerminator, from: start, limit: Self.maximumHeaderLength) else {
      if buffer.count - start > Self.maximumHeaderLength {
        return resynchronise(reason: "no end of headers within \(Self.maximumHeaderLength) bytes", from: start + 1)
      }
      return nil
    }
    switch parseHeaders(buffer[start..<headerEnd]) {
    case .success(let length):
      start = headerEnd + Self.headerTerminator.count
      pendingBodyLength = length
      return nextEvent()
    case .failure(let reason):
      return resynchronise(reason: reason, from: headerEnd + Self.headerTerminator.count)
    }
  }

  /// Skips to the next `Content-Length` at or after `minimum` (past the bad header block), or else drops everything
  /// except a tail that may be the beginning of a `Content-Length` split across reads. Always makes progress: either
  /// `start` moves, or the bytes after it are only a prefix of `Content-Length` and no header terminator.
  private mutating func resynchronise(reason: String, from minimum: Int) -> Event {
    if let next = findContentLength(from: minimum) {
      start = next
    } else {
      start = max(min(minimum, buffer.count), buffer.count - partialContentLengthSuffix(after: minimum))
    }
    return .malformedHeader(reason: reason)
  }

  private enum HeaderResult {
    case success(Int)
    case failure(String)
  }

  private func parseHeaders(_ block: ArraySlice<UInt8>) -> HeaderResult {
    var length: Int?
    for line in block.split(separator: 0x0A, omittingEmptySubsequences: false) {
      var line = line
      if line.last == 0x0D { line = line.dropLast() }
      guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
        return .failure("header line without ':'")
      }
      let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
        .trimmingASCIIWhitespace().lowercased()
      let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingASCIIWhitespace()
      guard name == "content-length" else { continue }
      guard let parsed = Int(value), parsed >= 0 else { return .failure("Content-Length is not a number") }
      guard parsed <= Self.maximumBodyLength else { return .failure("Content-Length \(parsed) is too large") }
      if let length, length != parsed { return .failure("conflicting Content-Length headers") }
      length = parsed
    }
    guard let length else { return .failure("no Content-Length header") }
    return .success(length)
  }

  private static let headerTerminator: [UInt8] = Array("\r\n\r\n".utf8)
  private static let contentLength: [UInt8] = Array("content-length".utf8)

  private func find(_ needle: [UInt8], from: Int, limit: Int) -> Int? {
    let end = min(buffer.count, from + limit + needle.count)
    guard end - from >= needle.count else { return nil }
    var i = from
    while i + needle.count <= end {
      if buffer[i] == needle[0] {
        var k = 1
        while k < needle.count && buffer[i + k] == needle[k] { k += 1 }
        if k == needle.count { return i }
      }
      i += 1
    }
    return nil
  }

  private func findContentLength(from: Int) -> Int? {
    let needle = Self.contentLength
    var i = from
    while i + needle.count <= buffer.count {
      var k = 0
      while k < needle.count && Self.lowercase(buffer[i + k]) == needle[k] { k += 1 }
      if k == needle.count { return i }
      i += 1
    }
    return nil
  }

  /// How many bytes at the end of the buffer (after `minimum`) could begin a `Content-Length` split across reads.
  private func partialContentLengthSuffix(after minimum: Int) -> Int {
    let needle = Self.contentLength
    var length = min(needle.count - 1, buffer.count - minimum)
    while length > 0 {
      let suffixStart = buffer.count - length
      var k = 0
      while k < length && Self.lowercase(buffer[suffixStart + k]) == needle[k] { k += 1 }
      if k == length { return length }
      length -= 1
    }
    return 0
  }

  private static func lowercase(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
  }

  /// The bytes of one framed message: the header block, then the body.
  package static func frame(_ body: [UInt8]) -> [UInt8] {
    Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
  }
}

extension String {
  func trimmingASCIIWhitespace() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    return String(scalars)
  }
}
