// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Conformance",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "JSON", targets: ["JSON"]),
        .library(name: "JSONSchema", targets: ["JSONSchema"]),
        .library(name: "Contracts", targets: ["Contracts"]),
        .executable(name: "conformance", targets: ["conformance"]),
    ],
    dependencies: [],
    targets: [
        // Byte-level JSON reader (tape), value tree, JSON Pointer, canonical writer.
        .target(name: "JSON"),
        // ECMA-262 regular expressions with a bounded backtracking budget.
        .target(name: "ECMARegex"),
        // JSON Schema compiler and validator (draft4, 2020-12, OpenAPI 3.0/3.1 dialects).
        .target(name: "JSONSchema", dependencies: ["JSON", "ECMARegex"]),
        // OpenAPI contracts: loading, operations, responses, lint.
        .target(name: "Contracts", dependencies: ["JSON", "JSONSchema"]),
        // Command-line parsing and commands, as a library so it can be tested in-process.
        .target(name: "ConformanceCLI", dependencies: ["JSON", "JSONSchema", "Contracts"]),
        .executableTarget(name: "conformance", dependencies: ["ConformanceCLI"]),
        .executableTarget(
            name: "conformance-bench",
            dependencies: ["JSON", "JSONSchema", "Contracts"],
            path: "Sources/ConformanceBenchmarks"
        ),

        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "ECMARegexTests", dependencies: ["ECMARegex", "JSON"]),
        .testTarget(name: "JSONSchemaTests", dependencies: ["JSONSchema", "JSON"]),
        .testTarget(name: "ContractsTests", dependencies: ["Contracts", "JSONSchema", "JSON"]),
        .testTarget(
            name: "ConformanceCLITests",
            dependencies: ["ConformanceCLI", "Contracts", "JSON"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
