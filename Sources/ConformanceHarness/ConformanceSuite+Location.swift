import Foundation

extension ConformanceSuite {
    /// The folder holding this package's own `contracts/` and `recordings/`: its checkout, found from
    /// this source file's path when the package was built. That works wherever SwiftPM builds it
    /// from source — a path dependency, a URL dependency (its checkout under `.build/checkouts/`),
    /// on Linux and macOS — and the test or gate runs on the machine that built it. Set
    /// `CONFORMANCE_ROOT` to point elsewhere (a copy shipped beside a prebuilt binary, say).
    public static var bundledRoot: String {
        if let configured = ProcessInfo.processInfo.environment["CONFORMANCE_ROOT"], !configured.isEmpty {
            return configured
        }
        return sourceRoot
    }

    /// `Sources/ConformanceHarness/<this file>` three levels up.
    package static let sourceRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The bundled suite (``bundledRoot``), loaded once per process.
    /// - Throws: ``SuiteError`` with the path it looked at when the folders are missing or anything
    ///   in them fails to load.
    public static func bundled() throws(SuiteError) -> ConformanceSuite {
        try loadCached(roots: [bundledRoot])
    }

    /// The bundled suite with a team's own suite folders after it (each with `contracts/`,
    /// `recordings/` or both; see ``load(roots:)``), loaded once per process.
    public static func bundled(adding roots: [String]) throws(SuiteError) -> ConformanceSuite {
        try loadCached(roots: [bundledRoot] + roots)
    }

    /// ``load(roots:)`` once per distinct list of roots: parameterized tests evaluate their
    /// arguments once per test function, and several functions may ask for the same suite.
    static func loadCached(roots: [String]) throws(SuiteError) -> ConformanceSuite {
        let result = SuiteCache.shared.value(for: roots) { () -> Result<ConformanceSuite, SuiteError> in
            do throws(SuiteError) {
                return .success(try load(roots: roots))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// Loaded suites by their roots. `@unchecked Sendable`: `entries` is only touched under `lock`.
private final class SuiteCache: @unchecked Sendable {
    static let shared = SuiteCache()
    private let lock = NSLock()
    private var entries: [[String]: Result<ConformanceSuite, SuiteError>] = [:]

    func value(for roots: [String], load: () -> Result<ConformanceSuite, SuiteError>) -> Result<
        ConformanceSuite, SuiteError
    > {
        lock.lock()
        defer { lock.unlock() }
        if let cached = entries[roots] { return cached }
        let loaded = load()
        entries[roots] = loaded
        return loaded
    }
}
