// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Conformance",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "JSON", targets: ["JSON"]),
        .library(name: "JSONSchema", targets: ["JSONSchema"]),
        .library(name: "Contracts", targets: ["Contracts"]),
        .library(name: "HTTPTransport", targets: ["HTTPTransport"]),
        .library(name: "Cassettes", targets: ["Cassettes"]),
        .library(name: "CassettesTesting", targets: ["CassettesTesting"]),
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
        // Request/response values and the transport protocol clients are written against.
        .target(name: "HTTPTransport"),
        // Cassette format, matching, replay and recording transports, redaction.
        .target(name: "Cassettes", dependencies: ["JSON", "HTTPTransport"]),
        // Test integration: a Swift Testing trait and an XCTest helper that give each test its cassette.
        .target(name: "CassettesTesting", dependencies: ["Cassettes", "HTTPTransport"]),
        // Loopback HTTP/1.1 replay server on sockets + Dispatch, for clients in any language.
        .target(name: "ReplayServer", dependencies: ["Cassettes", "HTTPTransport", "JSON"]),
        // Command-line parsing and commands, as a library so it can be tested in-process.
        .target(name: "ConformanceCLI", dependencies: ["JSON", "JSONSchema", "Contracts", "HTTPTransport", "Cassettes", "ReplayServer"]),
        .executableTarget(name: "conformance", dependencies: ["ConformanceCLI"]),
        .executableTarget(
            name: "conformance-bench",
            dependencies: ["JSON", "JSONSchema", "Contracts", "ConformanceCLI", "Cassettes", "HTTPTransport", "ReplayServer"],
            path: "Sources/ConformanceBenchmarks",
            exclude: ["compare"]
        ),

        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "ECMARegexTests", dependencies: ["ECMARegex", "JSON"]),
        .testTarget(name: "JSONSchemaTests", dependencies: ["JSONSchema", "JSON"]),
        .testTarget(name: "ContractsTests", dependencies: ["Contracts", "JSONSchema", "JSON"], exclude: ["Fixtures"]),
        // Helpers shared by test targets: a loopback HTTP server started and stopped by each test.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "HTTPTransportTests", dependencies: ["HTTPTransport", "TestSupport"]),
        .testTarget(name: "ReplayServerTests", dependencies: ["ReplayServer", "Cassettes", "HTTPTransport"]),
        .testTarget(name: "CassettesTests", dependencies: ["Cassettes", "CassettesTesting", "HTTPTransport", "JSON"], exclude: ["recordings"]),
        .testTarget(
            name: "ConformanceCLITests",
            dependencies: ["ConformanceCLI", "Contracts", "JSON", "Cassettes", "ReplayServer", "HTTPTransport", "TestSupport"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
