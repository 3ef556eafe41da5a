// Architecture and tidiness checks over Sources/: each module imports only what DESIGN §3 allows, and every file
// starts with a one-line purpose comment.
import Foundation
import Testing

@Suite struct ArchitectureTests {
  /// DESIGN §3: what each module may import (ours and outside packages). System modules are listed per module too,
  /// because `HCLSyntax` and `AtlasLanguage` must stay free of Foundation and I/O.
  static let allowedImports: [String: Set<String>] = [
    "HCLSyntax": [],
    // The platform C library, for its math functions (log, pow); no I/O (DESIGN §3).
    "HCLEval": ["HCLSyntax", "Glibc", "Musl", "Darwin"],
    "AtlasLanguage": ["HCLSyntax", "HCLEval"],
    "AWSAuth": ["Crypto", "Foundation", "FoundationNetworking", "Dispatch", "Logging"],
    "DatabaseInspection": ["CLibPQ", "CMariaDB", "CSQLite", "HCLSyntax", "Foundation", "Dispatch", "Logging"],
    "LanguageServer": [
      "HCLSyntax", "HCLEval", "AtlasLanguage", "AWSAuth", "DatabaseInspection", "Foundation", "Dispatch", "Logging",
    ],
    "mercator": [
      "LanguageServer", "HCLSyntax", "HCLEval", "AtlasLanguage", "AWSAuth", "DatabaseInspection", "ArgumentParser",
      "Foundation", "Dispatch", "Logging",
    ],
  ]

  static func swiftFiles(in module: String) -> [URL] {
    Conformance.allFiles(under: packageRoot.appendingPathComponent("Sources/\(module)")).filter {
      $0.pathExtension == "swift"
    }
  }

  static var modules: [String] {
    let sources = packageRoot.appendingPathComponent("Sources")
    return ((try? FileManager.default.contentsOfDirectory(atPath: sources.path)) ?? []).filter {
      !$0.hasPrefix(".") && !$0.hasPrefix("C")  // C* are system-library module maps
    }.sorted()
  }

  @Test func everyModuleIsInTheTable() {
    #expect(!Self.modules.isEmpty)
    for module in Self.modules {
      #expect(Self.allowedImports[module] != nil, "Sources/\(module) is not in DESIGN §3's table (add it here)")
    }
  }

  @Test func importsFollowTheLayering() throws {
    for module in Self.modules {
      let allowed = Self.allowedImports[module] ?? []
      for file in Self.swiftFiles(in: module) {
        let text = try String(contentsOf: file, encoding: .utf8)
        for line in text.split(separator: "\n") {
          let words = line.split(separator: " ").map(String.init)
          guard let importIndex = words.firstIndex(of: "import"), importIndex + 1 < words.count,
            words[..<importIndex].allSatisfy({ ["@preconcurrency", "internal", "package", "public", "@_implementationOnly"].contains($0) })
          else { continue }
          let imported = words[importIndex + 1]
          #expect(
            allowed.contains(imported),
            "\(module)/\(file.lastPathComponent) imports \(imported); DESIGN §3 allows \(allowed.sorted())")
        }
      }
    }
  }

  @Test func everyFileStartsWithAPurposeComment() throws {
    for module in Self.modules {
      for file in Self.swiftFiles(in: module) {
        let first = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("// ") && first.count > 10, "Sources/\(module)/…/\(file.lastPathComponent) needs a purpose comment on line 1")
      }
    }
  }
}
