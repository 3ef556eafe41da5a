// libFuzzer entry point: parse (all three modes) and format arbitrary bytes; trap on any lost byte or crash.

@_cdecl("LLVMFuzzerTestOneInput")
public func hclSyntaxFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  for parsed in [Parser.parseConfig(bytes), Parser.parseExpression(bytes), Parser.parseTemplate(bytes)] {
    // The tree must hold every byte: a mismatch is a bug the fuzzer should report as a crash.
    precondition(parsed.reconstructedSource() == bytes, "tree does not round-trip")
    for diagnostic in parsed.diagnostics {
      precondition(diagnostic.subject.start >= 0 && diagnostic.subject.end <= bytes.count, "diagnostic out of range")
    }
  }
  let formatted = Formatter.format(bytes)
  // hclwrite.Format, which we match byte for byte, is not idempotent on some broken input (a lone carriage
  // return, a byte order mark after a space), so idempotence is required of syntactically valid input only.
  if !Parser.parseConfig(bytes).hasErrors {
    precondition(Formatter.format(formatted) == formatted, "formatting is not idempotent")
  }
  return 0
}
