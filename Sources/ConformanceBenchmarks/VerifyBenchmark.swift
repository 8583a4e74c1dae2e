import BundledAdapters
import ConformanceCLI
import ConformanceHarness
import Foundation

/// `conformance-bench --verify`: the release gate's own speed. Measures loading the suite and
/// deriving the cases, running every bundled client's cases in-process, and the whole
/// `conformance verify` executable (worker processes included), best and median of several runs.
enum VerifyBenchmark {
    static func run(root: String, runs: Int) throws {
        let clock = ContinuousClock()
        func seconds(_ duration: Duration) -> Double { Double(duration / .microseconds(1)) / 1_000_000 }

        var loads: [Double] = []
        var caseCount = 0
        for _ in 0..<runs {
            let start = clock.now
            let suite = ConformanceSuite.load(root: root)
            caseCount = suite.cases().cases.count
            loads.append(seconds(clock.now - start))
        }
        print("load contracts + cassettes and derive \(caseCount) cases: \(summary(loads))")

        let suite = ConformanceSuite.load(root: root)
        let cases = suite.cases().cases
        let adapters = BundledAdapters.all()
        var inProcess: [Double] = []
        for _ in 0..<runs {
            let start = clock.now
            let records = try runBlocking {
                await Verification(suite: suite).records(cases, adapters: adapters, runner: CaseRunner())
            }.get()
            let passed = records.filter(\.passed).count
            inProcess.append(seconds(clock.now - start))
            if passed != cases.count { print("  note: \(cases.count - passed) cases failed") }
        }
        let perCase = (inProcess.min() ?? 0) / Double(max(1, cases.count)) * 1_000_000
        print(
            "run every case in-process (\(adapters.count) clients): \(summary(inProcess)), \(String(format: "%.1f", perCase)) µs per case"
        )

        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("conformance")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            print("conformance executable not built beside the benchmark: skipping the end-to-end run")
            return
        }
        var endToEnd: [Double] = []
        for _ in 0..<runs {
            let process = Process()
            process.executableURL = executable
            process.arguments = ["verify", "--quiet"]
            process.currentDirectoryURL = URL(fileURLWithPath: root)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let start = clock.now
            try process.run()
            process.waitUntilExit()
            endToEnd.append(seconds(clock.now - start))
            if process.terminationStatus != 0 {
                print("  note: conformance verify exited \(process.terminationStatus)")
            }
        }
        print(
            "`conformance verify` end to end (checks, coverage, \(cases.count) cases in worker processes): \(summary(endToEnd))"
        )
    }

    static func summary(_ values: [Double]) -> String {
        let sorted = values.sorted()
        return String(format: "best %.3f s, median %.3f s", sorted.first ?? 0, sorted[sorted.count / 2])
    }
}
