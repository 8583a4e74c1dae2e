// swift-tools-version: 6.0
import Foundation
import PackageDescription

// A team's own package: a plain URLSession + Codable OpenPhone client, gated by Conformance.
// Conformance is a path dependency on the repository root; SwiftPM names a path dependency after its
// folder, so the folder name is read here rather than assumed (a clone may be called anything).
let conformancePath = "../.."
let conformance = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent(conformancePath).standardizedFileURL.lastPathComponent

let package = Package(
    name: "Consumer",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: conformancePath)],
    targets: [
        // The app's client: Foundation only.
        .target(name: "PlainOpenPhone"),
        // Its adapter: the call and the error mapping.
        .target(
            name: "PlainOpenPhoneConformance",
            dependencies: [
                "PlainOpenPhone",
                .product(name: "ConformanceHarness", package: conformance),
                .product(name: "Cassettes", package: conformance),
                .product(name: "HTTPTransport", package: conformance),
                .product(name: "JSON", package: conformance),
            ]),
        // The release gate: the whole `conformance` command line with this client (`swift run gate verify`).
        .executableTarget(
            name: "gate",
            dependencies: [
                "PlainOpenPhoneConformance",
                .product(name: "ConformanceCLI", package: conformance),
                .product(name: "ConformanceHarness", package: conformance),
            ]),
        .testTarget(
            name: "PlainOpenPhoneTests",
            dependencies: [
                "PlainOpenPhone", "PlainOpenPhoneConformance",
                .product(name: "ConformanceTesting", package: conformance),
                .product(name: "ConformanceHarness", package: conformance),
                .product(name: "CassettesTesting", package: conformance),
                .product(name: "Cassettes", package: conformance),
                .product(name: "HTTPTransport", package: conformance),
                .product(name: "ReplayServer", package: conformance),
                .product(name: "JSON", package: conformance),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
