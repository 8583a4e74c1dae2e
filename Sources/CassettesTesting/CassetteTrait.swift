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
        let failed = FailureFlag()
        // Watches the test's issues so a recording is kept only when the test passed. An expected
        // (known) issue counts too: the response still made the test body record a problem.
        let watch: IssueHandlingTrait = .compactMapIssues { issue in
            if issue.severity == .error { failed.set() }
            return issue
        }
        try await CassetteScope.run(
            name, mode: mode, live: live, recordings: recordings, filePath: filePath,
            testFailure: { failed.isSet ? "the test failed" : nil }
        ) { _ in
            try await watch.provideScope(for: test, testCase: testCase, performing: function)
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
    /// In a recording mode nothing is written until the body has succeeded: then the new recording
    /// replaces the cassette only when every response is one the contract documents
    /// (`<recordings>/../contracts/<provider>.openapi.json`, when there is one) and none is a
    /// stand-in's error. Otherwise the old cassette stays, and the error says why and where the
    /// rejected recording was put. `testFailure` says why the test failed, when it did (the trait
    /// watches the test's issues).
    public static func run<T: Sendable>(
        _ name: String, mode: RecordMode? = nil, live: (any HTTPTransport)? = nil, recordings: String? = nil,
        filePath: String = #filePath, testFailure: @Sendable () -> String? = { nil },
        body: @Sendable (CassetteTransport) async throws -> T
    ) async throws -> T {
        let root = try recordings ?? locateRecordings(from: filePath)
        let resolvedMode = try mode ?? RecordMode.from(environment: ProcessInfo.processInfo.environment)
        let operation = name.split(separator: "/").dropLast().last.map(String.init) ?? name
        let contract = RecordingGate.contract(for: name, recordings: root)
        let transport = try CassetteTransport(
            path: root + "/" + name + ".json", mode: resolvedMode,
            live: live ?? (resolvedMode.mayRecord ? URLSessionTransport() : nil),
            operationId: operation, source: "recorded by a test",
            matcher: contract?.operation(id: operation).map { .contract($0) } ?? .default,
            // Every credential-named environment variable is scrubbed by value as well as by name.
            redactor: Redactor.default.scrubbing(environment: ProcessInfo.processInfo.environment),
            writesImmediately: false)
        let result: T
        do {
            result = try await CurrentCassette.$transport.withValue(transport) { try await body(transport) }
        } catch {
            try RecordingGate.settle(
                transport, cassetteName: name, contract: contract, failure: "the test threw \(error)")
            throw error
        }
        try RecordingGate.settle(transport, cassetteName: name, contract: contract, failure: testFailure())
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

/// Set once any failing issue is recorded. `@unchecked Sendable`: `value` only under `lock`.
final class FailureFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
