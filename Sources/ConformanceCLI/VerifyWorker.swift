import ConformanceHarness
import Foundation
import JSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The worker side of `verify`: runs one client's cases from an index, printing `case N` before
/// each and `done {json}` after, flushed at once, so the parent knows which case a crash or hang
/// interrupted.
enum VerifyWorker {
    static func serve(
        verification: Verification, adapter: any ConformanceAdapter, from startIndex: Int, timeout: Double,
        output: Output
    ) -> Int32 {
        let cases = verification.cases().cases.filter { adapter.operations.contains($0.operationId) }
        let runner = CaseRunner(timeout: .milliseconds(Int64(timeout * 1000)))
        for index in cases.indices where index >= startIndex {
            output.line("case \(index) \(cases[index].id)")
            output.flush()
            let item = cases[index]
            let result = runBlocking { await runner.run(item, with: adapter) }
            guard case .success(let value) = result else { return CLI.ExitCode.failure }
            output.line("done " + JSONWriter.string(encode(index: index, value)))
            output.flush()
        }
        return CLI.ExitCode.success
    }

    static func encode(index: Int, _ result: CaseResult) -> JSONValue {
        .object(
            JSONObject([
                ("index", .integer(Int64(index))), ("id", .string(result.caseID)), ("passed", .bool(result.passed)),
                ("observed", .string(result.observed)),
                (
                    "findings",
                    .array(
                        result.findings.map { finding in
                            var object = JSONObject([("message", .string(finding.message))])
                            if let pointer = finding.pointer { object["pointer"] = .string(pointer.description) }
                            if let expected = finding.expected { object["expected"] = .string(expected) }
                            if let actual = finding.actual { object["actual"] = .string(actual) }
                            return .object(object)
                        })
                ),
            ]))
    }

    static func decode(_ line: Substring, client: String) -> (index: Int, result: CaseResult)? {
        guard let value = try? JSONDocument.parse(String(line)).value(), case .number(let number)? = value["index"],
            let index = number.int64Value,
            case .string(let id)? = value["id"], case .bool(let passed)? = value["passed"],
            case .string(let observed)? = value["observed"]
        else { return nil }
        let findings: [Finding] = (value["findings"]?.arrayValue ?? []).map { item in
            Finding(
                pointer: item["pointer"]?.stringValue.flatMap { try? JSONPointer(parsing: $0) },
                message: item["message"]?.stringValue ?? "",
                expected: item["expected"]?.stringValue, actual: item["actual"]?.stringValue)
        }
        return (
            Int(index), CaseResult(caseID: id, client: client, passed: passed, findings: findings, observed: observed)
        )
    }
}

/// The parent side: one worker process per client (several clients at once), restarted after the
/// case a crash or hang interrupted, which is reported as that case's failure.
struct WorkerPool {
    let executable: String
    let arguments: [String]
    let jobs: Int
    /// A case that prints nothing for this long is a hang.
    var caseTimeout: Double = 30

    func run(adapters: [any ConformanceAdapter], cases: [ConformanceCase], verification: Verification)
        -> [VerificationReport.CaseRecord]
    {
        let slots = ResultSlots(count: adapters.count)
        let queue = DispatchQueue(label: "conformance.verify.workers", attributes: .concurrent)
        let limit = DispatchSemaphore(value: max(1, jobs))
        let group = DispatchGroup()
        for (position, adapter) in adapters.enumerated() {
            let mine = cases.filter { adapter.operations.contains($0.operationId) }
            limit.wait()
            group.enter()
            queue.async {
                defer {
                    limit.signal()
                    group.leave()
                }
                slots.set(position, verify(adapter: adapter, cases: mine, verification: verification))
            }
        }
        group.wait()
        return slots.all()
    }

    private func verify(adapter: any ConformanceAdapter, cases: [ConformanceCase], verification: Verification)
        -> [VerificationReport.CaseRecord]
    {
        var results: [Int: CaseResult] = [:]
        var next = 0
        var attempts = 0
        while next < cases.count, attempts <= cases.count {
            attempts += 1
            let outcome = runWorker(client: adapter.name, name: adapter.name, from: next)
            for (index, result) in outcome.results where index < cases.count { results[index] = result }
            let resumeAt = (outcome.results.map(\.index).max() ?? next - 1) + 1
            if let interrupted = outcome.interrupted, interrupted < cases.count {
                results[interrupted] = CaseResult(
                    caseID: cases[interrupted].id, client: adapter.name, passed: false,
                    findings: [Finding(message: outcome.reason)], observed: outcome.summary)
                next = interrupted + 1
            } else if outcome.failed {
                // The worker died between cases or before the first one: nothing more can be learned from it.
                for index in max(next, resumeAt)..<cases.count where results[index] == nil {
                    results[index] = CaseResult(
                        caseID: cases[index].id, client: adapter.name, passed: false,
                        findings: [Finding(message: outcome.reason)], observed: outcome.reason)
                }
                next = cases.count
            } else {
                next = max(resumeAt, next + (outcome.results.isEmpty ? cases.count : 0))
            }
        }
        return cases.indices.map { index in
            verification.record(
                cases[index],
                results[index]
                    ?? CaseResult(
                        caseID: cases[index].id, client: adapter.name, passed: false,
                        findings: [Finding(message: "not run")], observed: "not run"))
        }
    }

    struct WorkerOutcome {
        var results: [(index: Int, result: CaseResult)] = []
        /// The case that was running when the worker died or hung.
        var interrupted: Int?
        var failed = false
        var reason = ""
        /// `crashed (signal 4)`, `hung`: the observed column.
        var summary = ""
    }

    private func runWorker(client: String, name: String, from start: Int) -> WorkerOutcome {
        var outcome = WorkerOutcome()
        var process: Subprocess
        do {
            process = try Subprocess.spawn(
                executable, arguments: ["verify", "--worker", String(start), "--client", client] + arguments)
        } catch {
            outcome.failed = true
            outcome.reason = "could not start the worker: \(error)"
            return outcome
        }
        defer { close(process.output) }
        let errorText = ErrorCollector(descriptor: process.errors)
        var pending: [UInt8] = []
        var current: Int?
        let descriptor = process.output
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var hung = false
        var quietSince = ContinuousClock.now
        var exitedAt: ContinuousClock.Instant?
        reading: while true {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            // Short slices: a process the worker started (a sanitizer's symbolizer) may keep the pipe
            // open after the worker is gone, so end of file alone cannot be waited for.
            let ready = poll(&poller, 1, 200)
            if ready == 0 {
                if !process.isRunning() {
                    let now = ContinuousClock.now
                    if let exitedAt, now - exitedAt > .seconds(1) { break }
                    if exitedAt == nil { exitedAt = now }
                    continue
                }
                if ContinuousClock.now - quietSince > .milliseconds(Int64(caseTimeout * 1000)) {
                    hung = true
                    process.kill()
                    break
                }
                continue
            }
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            let count = read(descriptor, &buffer, buffer.count)
            if count <= 0 { break reading }
            quietSince = ContinuousClock.now
            pending += buffer[0..<count]
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                if line.hasPrefix("case "), let index = Int(line.dropFirst(5).prefix { $0 != " " }) {
                    current = index
                } else if line.hasPrefix("done "), let decoded = VerifyWorker.decode(line.dropFirst(5), client: name) {
                    outcome.results.append(decoded)
                    current = nil
                }
            }
        }
        let termination = process.wait()
        let stderrText = errorText.finish()
        if hung {
            outcome.interrupted = current
            outcome.failed = true
            outcome.reason = "the client hung: no result within \(caseTimeout) s (worker killed)"
            outcome.summary = "hung"
        } else if case .signalled(let signal) = termination {
            outcome.interrupted = current
            outcome.failed = true
            outcome.reason =
                "the client crashed: signal \(signal) \(Self.signalName(signal))\(Self.lastLine(stderrText))"
            outcome.summary = "crashed (signal \(signal))"
        } else if case .exited(let status) = termination, status != 0 {
            outcome.interrupted = current
            outcome.failed = true
            // A sanitizer's deadly-signal handler turns a crash into an exit status (66 for TSan).
            let during = current != nil ? "the client crashed: " : ""
            outcome.reason = "\(during)the worker exited with status \(status)\(Self.lastLine(stderrText))"
            outcome.summary = "exited \(status)"
        }
        return outcome
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGILL: "(SIGILL: a trap such as fatalError, a failed precondition or a force unwrap of nil)"
        case SIGTRAP: "(SIGTRAP: a trap such as fatalError, a failed precondition or a force unwrap of nil)"
        case SIGSEGV: "(SIGSEGV: invalid memory access)"
        case SIGABRT: "(SIGABRT: abort)"
        case SIGBUS: "(SIGBUS: invalid memory access)"
        case SIGKILL: "(SIGKILL)"
        default: ""
        }
    }

    static func lastLine(_ text: String) -> String {
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let fatal = lines.last(where: { $0.contains("Fatal error") || $0.contains("fatal error") }) ?? lines.last
        else { return "" }
        return ": " + (fatal.count > 240 ? String(fatal.prefix(237)) + "…" : fatal)
    }
}

/// Collects a worker's standard error on its own thread so a chatty worker never blocks on a full pipe.
/// `@unchecked Sendable`: `text` is written by the reading thread before `done` is signalled and read after.
private final class ErrorCollector: @unchecked Sendable {
    private var text: [UInt8] = []
    private let done = DispatchSemaphore(value: 0)

    /// Reads `descriptor` until end of file, then closes it.
    init(descriptor: Int32) {
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(descriptor, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                if text.count < 65_536 { text += buffer[0..<count] }
            }
            close(descriptor)
            done.signal()
        }
    }

    /// The text read so far once the pipe closes, or after two seconds when something else still
    /// holds it open (a sanitizer's helper process outliving a crashed worker).
    func finish() -> String {
        if done.wait(timeout: .now() + 2) == .timedOut { return "" }
        return String(decoding: text, as: UTF8.self)
    }
}

/// Per-client results filled from several threads. `@unchecked Sendable`: guarded by `lock`.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[VerificationReport.CaseRecord]]

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func set(_ index: Int, _ records: [VerificationReport.CaseRecord]) { lock.withLock { slots[index] = records } }
    func all() -> [VerificationReport.CaseRecord] { lock.withLock { slots.flatMap { $0 } } }
}
