// Entry point of the mercator command-line tool.
import HCLSyntax
import Foundation
for path in CommandLine.arguments.dropFirst() {
  let data = FileManager.default.contents(atPath: path) ?? Data()
  print("== \(path)")
  for t in Lexer.tokenize(Array(data)) where t.kind != .whitespace {
    print("\(t.kind.name)\t\(t.start)\t\(t.end)")
  }
}
