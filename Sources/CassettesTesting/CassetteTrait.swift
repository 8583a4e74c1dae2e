import Cassettes
import Foundation
import HTTPTransport
import Testing

/// The cassette of the running test, set by the ``Testing/Trait/cassette(_:mode:live:recordings:filePath:)``
/// trait (or ``CassetteScope/run(_:mode:live:recordings:filePath:body:)``). Task-local: parallel tests
/// each see their own.
public enum CurrentCassette {
    @TaskLocal public static var transport: CassetteTransport?

    /// The running test's transport; a clear error when the test has no cassette trait.
    public static func require() throws -> CassetteTransport {
        guard let transport else {
            throw CassetteError(file: "(no cassette)", message: "this test has no .cassette(…) trait")
        }
        return transport
    }
}

/// Gives a test its cassette: `@Test(.cassette("openphone/getMessageById_v1/not-found"))`, then
/// `try CurrentCassette.require()` is the transport to hand to the client under test.
public struct CassetteTrait: TestTrait, SuiteTrait, TestScoping {
    public let name: String
    public let mode: RecordMode?
    public let live: (any HTTPTransport)?
    public let recordings: String?
    public let filePath: String

    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await CassetteScope.run(name, mode: mode, live: live, recordings: recordings, filePath: filePath) { _ in
            try await function()
        }
    }
}

extension Trait where Self == CassetteTrait {
    /// Replays (or, as the record mode allows, records) `recordings/<name>.json` for this test.
    /// The mode defaults to `CONFORMANCE_RECORD` (replay only when unset); `recordings` defaults to
    /// the nearest `recordings/` folder above the test file.
    public static func cassette(
        _ name: String, mode: RecordMode? = nil, live: (any HTTPTransport)? = nil, recordings: String? = nil,
        filePath: String = #filePath
    ) -> Self {
        CassetteTrait(name: name, mode: mode, live: live, recordings: recordings, filePath: filePath)
    }
}

/// Runs a body with a cassette: for XCTest (`try await CassetteScope.run("…") { transport in … }`),
/// and behind the Swift Testing trait. Unused recorded interactions fail the run in replay mode.
public enum CassetteScope {
    public static func run<T: Sendable>(
        _ name: String, mode: RecordMode? = nil, live: (any HTTPTransport)? = nil, recordings: String? = nil,
        filePath: String = #filePath,
        body: @Sendable (CassetteTransport) async throws -> T
    ) async throws -> T {
        let root = try recordings ?? locateRecordings(from: filePath)
        let resolvedMode = try mode ?? RecordMode.from(environment: ProcessInfo.processInfo.environment)
        let operation = name.split(separator: "/").dropLast().last.map(String.init) ?? name
        let transport = try CassetteTransport(
            path: root + "/" + name + ".json", mode: resolvedMode,
            live: live ?? (resolvedMode.mayRecord ? URLSessionTransport() : nil),
            operationId: operation, source: "recorded by a test")
        let result = try await CurrentCassette.$transport.withValue(transport) { try await body(transport) }
        try transport.verifyAllUsed()
        return result
    }

    /// The nearest `recordings/` folder above `filePath` (or `CONFORMANCE_RECORDINGS`).
    public static func locateRecordings(from filePath: String) throws -> String {
        if let configured = ProcessInfo.processInfo.environment["CONFORMANCE_RECORDINGS"] { return configured }
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("recordings")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue
            {
                return candidate.path
            }
            directory = directory.deletingLastPathComponent()
        }
        throw CassetteError(
            file: filePath, message: "no recordings/ folder above this file (set CONFORMANCE_RECORDINGS)")
    }
}
