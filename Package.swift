// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Conformance",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "JSON", targets: ["JSON"]),
        .library(name: "YAML", targets: ["YAML"]),
        .library(name: "JSONSchema", targets: ["JSONSchema"]),
        .library(name: "Contracts", targets: ["Contracts"]),
        .library(name: "HTTPTransport", targets: ["HTTPTransport"]),
        .library(name: "Cassettes", targets: ["Cassettes"]),
        .library(name: "CassettesTesting", targets: ["CassettesTesting"]),
        .library(name: "CourierClient", targets: ["CourierClient"]),
        .library(name: "SendoClient", targets: ["SendoClient"]),
        .library(name: "BandwidthClient", targets: ["BandwidthClient"]),
        .library(name: "OpenPhoneClient", targets: ["OpenPhoneClient"]),
        .library(name: "ConformanceHarness", targets: ["ConformanceHarness"]),
        .library(name: "ConformanceTesting", targets: ["ConformanceTesting"]),
        .library(name: "ConformanceCLI", targets: ["ConformanceCLI"]),
        .library(name: "ReplayServer", targets: ["ReplayServer"]),
        .executable(name: "conformance", targets: ["conformance"]),
    ],
    dependencies: [],
    targets: [
        // Byte-level JSON reader (tape), value tree, JSON Pointer, canonical writer.
        .target(name: "JSON"),
        // YAML 1.2 reader producing the same values as the JSON reader.
        .target(name: "YAML", dependencies: ["JSON"]),
        // ECMA-262 regular expressions with a bounded backtracking budget.
        .target(name: "ECMARegex"),
        // JSON Schema compiler and validator (draft4, 2020-12, OpenAPI 3.0/3.1 dialects).
        .target(name: "JSONSchema", dependencies: ["JSON", "ECMARegex"]),
        // OpenAPI contracts: loading, operations, responses, lint.
        .target(name: "Contracts", dependencies: ["JSON", "JSONSchema", "YAML"]),
        // Request/response values and the transport protocol clients are written against.
        .target(name: "HTTPTransport"),
        // Cassette format, matching, replay and recording transports, redaction.
        .target(name: "Cassettes", dependencies: ["JSON", "HTTPTransport", "Contracts"]),
        // Test integration: a Swift Testing trait and an XCTest helper that give each test its cassette.
        .target(name: "CassettesTesting", dependencies: ["Cassettes", "HTTPTransport", "Contracts", "JSON"]),
        // Loopback HTTP/1.1 replay server on sockets + Dispatch, for clients in any language.
        .target(name: "ReplayServer", dependencies: ["Cassettes", "Contracts", "HTTPTransport", "JSON"]),
        // Typed clients, one per provider. Each depends only on HTTPTransport, so an app ships a client
        // without the test engine.
        .target(name: "CourierClient", dependencies: ["HTTPTransport"]),
        .target(name: "SendoClient", dependencies: ["HTTPTransport"]),
        .target(name: "BandwidthClient", dependencies: ["HTTPTransport"]),
        .target(name: "OpenPhoneClient", dependencies: ["HTTPTransport"]),
        // The conformance run: the adapter protocol a client under test adopts, cases derived from
        // cassettes and contracts (success, documented errors, mutations under a policy), reports.
        .target(name: "ConformanceHarness", dependencies: ["JSON", "JSONSchema", "Contracts", "Cassettes", "HTTPTransport", "YAML"]),
        // Adapters that plug the four bundled clients into the harness.
        .target(
            name: "BundledAdapters",
            dependencies: ["ConformanceHarness", "JSON", "HTTPTransport", "CourierClient", "SendoClient", "BandwidthClient", "OpenPhoneClient"]
        ),
        // Swift Testing integration for a team's own client: one call runs a case and records each
        // finding as an issue; the suite-level checks as one call.
        .target(name: "ConformanceTesting", dependencies: ["ConformanceHarness", "Cassettes", "HTTPTransport", "JSON"]),
        // Command-line parsing and commands, as a library: tested in-process, and the whole command line
        // of a team's gate executable (which registers its own clients). No bundled client in here.
        .target(
            name: "ConformanceCLI",
            dependencies: ["JSON", "JSONSchema", "Contracts", "HTTPTransport", "Cassettes", "ReplayServer", "ConformanceHarness", "YAML"]
        ),
        .executableTarget(name: "conformance", dependencies: ["ConformanceCLI", "BundledAdapters"]),
        .executableTarget(
            name: "conformance-bench",
            dependencies: [
                "JSON", "JSONSchema", "Contracts", "ConformanceCLI", "Cassettes", "HTTPTransport", "ReplayServer", "ConformanceHarness", "BundledAdapters",
                "YAML",
            ],
            path: "Sources/ConformanceBenchmarks",
            exclude: ["compare"]
        ),

        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML", "JSON"]),
        .testTarget(name: "ECMARegexTests", dependencies: ["ECMARegex", "JSON"]),
        .testTarget(name: "JSONSchemaTests", dependencies: ["JSONSchema", "JSON"]),
        .testTarget(name: "ContractsTests", dependencies: ["Contracts", "JSONSchema", "JSON"], exclude: ["Fixtures"]),
        // Helpers shared by test targets: a loopback HTTP server started and stopped by each test.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "HTTPTransportTests", dependencies: ["HTTPTransport", "TestSupport"]),
        .testTarget(name: "ReplayServerTests", dependencies: ["ReplayServer", "Cassettes", "HTTPTransport"]),
        .testTarget(
            name: "CassettesTests", dependencies: ["Cassettes", "CassettesTesting", "Contracts", "HTTPTransport", "JSON"],
            exclude: ["recordings"]),
        .testTarget(
            name: "ClientsTests",
            dependencies: ["CourierClient", "SendoClient", "BandwidthClient", "OpenPhoneClient", "HTTPTransport", "Cassettes", "JSON"]
        ),
        .testTarget(
            name: "ConformanceHarnessTests",
            dependencies: ["ConformanceHarness", "BundledAdapters", "Contracts", "Cassettes", "HTTPTransport", "JSON"]
        ),
        .testTarget(
            name: "ConformanceTestingTests",
            dependencies: ["ConformanceTesting", "ConformanceHarness", "BundledAdapters", "Cassettes", "CassettesTesting", "HTTPTransport", "JSON", "Contracts"]
        ),
        .testTarget(
            name: "ConformanceCLITests",
            dependencies: [
                "ConformanceCLI", "BundledAdapters", "ConformanceHarness", "Contracts", "JSON", "Cassettes", "ReplayServer",
                "HTTPTransport", "TestSupport",
            ],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
