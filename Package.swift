// swift-tools-version:6.0
// Mercator: a language server and CLI for Atlas's atlas.hcl. Module layout: ../shared/DESIGN.md §3.
import PackageDescription

let strictSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "Mercator",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "mercator", targets: ["mercator"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    .target(name: "HCLSyntax", swiftSettings: strictSettings),
    .target(name: "HCLEval", dependencies: ["HCLSyntax"], swiftSettings: strictSettings),
    .target(name: "AtlasLanguage", dependencies: ["HCLSyntax", "HCLEval"], swiftSettings: strictSettings),
    .target(
      name: "AWSAuth", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: strictSettings),
    // The database client libraries (DESIGN §3), found through pkg-config; scripts/test.sh and scripts/demo.sh
    // apt-install the Debian packages before building.
    .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
    .systemLibrary(name: "CMariaDB", pkgConfig: "libmariadb", providers: [.apt(["libmariadb-dev"])]),
    .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
    .target(
      name: "DatabaseInspection", dependencies: ["CLibPQ", "CMariaDB", "CSQLite", "HCLSyntax"],
      swiftSettings: strictSettings),
    .target(
      name: "LanguageServer", dependencies: ["HCLSyntax", "HCLEval", "AtlasLanguage", "AWSAuth", "DatabaseInspection"],
      swiftSettings: strictSettings),
    .executableTarget(
      name: "mercator",
      dependencies: [
        "HCLSyntax",
        "AtlasLanguage",
        "LanguageServer",
        "AWSAuth",
        "DatabaseInspection",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strictSettings
    ),
    // Benchmarks/analysis.sh: in-process timings of the analysis (a program, not a timed test).
    .executableTarget(
      name: "mercator-bench", dependencies: ["HCLSyntax", "AtlasLanguage"], path: "Benchmarks/Analysis",
      swiftSettings: strictSettings),
    // Benchmarks/token.sh: RDS auth tokens per second in process, against boto3 in the same run.
    .executableTarget(
      name: "mercator-token-bench", dependencies: ["AWSAuth"], path: "Benchmarks/Token", swiftSettings: strictSettings),
    // Benchmarks/inspect.sh: catalog queries and in-process time of a live inspection (10 vs 1,000 tables).
    .executableTarget(
      name: "mercator-inspect-bench", dependencies: ["DatabaseInspection"], path: "Benchmarks/Inspect",
      swiftSettings: strictSettings),
    .testTarget(name: "HCLSyntaxTests", dependencies: ["HCLSyntax"], swiftSettings: strictSettings),
    .testTarget(name: "HCLEvalTests", dependencies: ["HCLEval", "HCLSyntax"], swiftSettings: strictSettings),
    .testTarget(
      name: "AtlasLanguageTests", dependencies: ["AtlasLanguage", "HCLSyntax", "HCLEval"], swiftSettings: strictSettings),
    .testTarget(
      name: "AWSAuthTests", dependencies: ["AWSAuth", .product(name: "Crypto", package: "swift-crypto")],
      swiftSettings: strictSettings),
    .testTarget(
      name: "DatabaseInspectionTests", dependencies: ["DatabaseInspection", "CLibPQ", "CMariaDB", "CSQLite", "HCLSyntax"],
      swiftSettings: strictSettings),
    .testTarget(
      name: "LanguageServerTests", dependencies: ["LanguageServer", "AtlasLanguage", "HCLSyntax", "AWSAuth"], swiftSettings: strictSettings),
  ],
  swiftLanguageModes: [.v6]
)
