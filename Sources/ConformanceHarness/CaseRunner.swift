import Cassettes
import Contracts
import Foundation
import HTTPTransport
import JSON

/// The outcome of one case for one client.
public struct CaseResult: Sendable, Hashable {
    /// The case's id (``ConformanceCase/id``).
    public var caseID: String
    /// The adapter's name.
    public var client: String
    /// Whether the client did what the case expects.
    public var passed: Bool
    /// Why it failed (empty when it passed).
    public var findings: [Finding]
    /// What the client did, in a few words (`returned a view`, `threw: …`).
    public var observed: String

    public init(caseID: String, client: String, passed: Bool, findings: [Finding], observed: String) {
        self.caseID = caseID
        self.client = client
        self.passed = passed
        self.findings = findings
        self.observed = observed
    }
}

/// Runs cases against a client through an in-process replay of each case's traffic.
public struct CaseRunner: Sendable {
    /// How long a client may take for one case before it counts as hanging.
    public var timeout: Duration

    /// A runner that gives each case `timeout` before counting it as a hang.
    public init(timeout: Duration = .seconds(10)) {
        self.timeout = timeout
    }

    /// Runs one case.
    public func run(_ testCase: ConformanceCase, with adapter: any ConformanceAdapter) async -> CaseResult {
        let cassette = Cassette(
            operationId: testCase.operationId, provenance: .init(kind: .documented, source: testCase.cassettePath),
            interactions: testCase.interactions)
        let transport = ReplayTransport(
            cassette: cassette, file: testCase.cassettePath, matcher: testCase.matcher, checker: testCase.checker)
        let outcome = await perform(testCase.call, adapter: adapter, transport: transport)
        var findings: [Finding] = []
        let observed: String
        switch outcome {
        case .view(let view):
            observed = "returned a view"
            findings = judgeView(view, testCase, nullsOmitted: adapter.viewOmitsNulls)
            if findings.isEmpty, case .view = testCase.expectation {
                for index in transport.unusedInteractions {
                    let request = testCase.interactions[index].request
                    findings.append(
                        Finding(
                            message:
                                "the client never sent \(request.method.rawValue) \(request.url.absoluteString) (interaction \(index))"
                        ))
                }
            }
        case .apiError(let error):
            observed = "threw \(error)"
            findings = judgeAPIError(error, testCase, nullsOmitted: adapter.viewOmitsNulls)
        case .replayMismatch(let error):
            if case .refuseToSend = testCase.expectation {
                // What it sent is judged below, by the contract.
                observed = "sent a request the cassette does not have"
            } else if let request = error.request {
                observed = "sent a request the cassette does not have"
                var message = "the client sent a request the cassette does not have: \(request)"
                if !error.differences.isEmpty {
                    message += " (" + error.differences.map(\.description).joined(separator: "; ") + ")"
                }
                findings = [Finding(message: message)]
            } else {
                // Not a mismatch: the replay itself could not answer (its error says why).
                observed = "the replay failed"
                findings = [Finding(message: "the replay failed before the client got a response: \(error)")]
            }
        case .thrown(let description):
            observed = "threw \(description)"
            switch testCase.expectation {
            case .rejection: break
            case .refuseToSend: break
            case .view: findings = [Finding(message: "threw instead of decoding: \(description)")]
            case .apiError(let status, _):
                findings = [
                    Finding(
                        message:
                            "threw a non-API error for the documented \(status) response (error body ignored?): \(description)"
                    )
                ]
            }
        case .timedOut:
            observed = "did not finish"
            findings = [Finding(message: "did not finish within \(timeout) (hang?)")]
        }
        // What the client sent is part of its contract too: every case checks its requests.
        var seen: Set<RequestViolation> = []
        let lead: String
        if case .refuseToSend = testCase.expectation {
            lead = "sent a request body its contract forbids instead of refusing it"
        } else {
            lead = "the request breaks the contract"
        }
        for violation in transport.violations where seen.insert(violation).inserted {
            findings.append(Finding(message: "\(lead): \(violation)"))
        }
        return CaseResult(
            caseID: testCase.id, client: adapter.name, passed: findings.isEmpty, findings: findings, observed: observed)
    }

    private func judgeView(_ view: JSONValue, _ testCase: ConformanceCase, nullsOmitted: Bool) -> [Finding] {
        switch testCase.expectation {
        case .view(let expected):
            if testCase.paginated {
                guard case .array(let want) = expected, case .array(let got) = view else {
                    return [Finding(message: "expected one view per page (an array), got \(view.typeName)")]
                }
                var findings: [Finding] = []
                if want.count != got.count {
                    findings.append(
                        Finding(
                            message: "wrong number of pages", expected: String(want.count), actual: String(got.count)))
                }
                for index in 0..<min(want.count, got.count) {
                    findings += ViewComparison.differences(
                        expected: want[index], actual: got[index], shape: testCase.shape,
                        at: JSONPointer(tokens: [String(index)]), nullsOmitted: nullsOmitted)
                }
                return findings
            }
            return ViewComparison.differences(
                expected: expected, actual: view, shape: testCase.shape, nullsOmitted: nullsOmitted)
        case .apiError(let status, _):
            return [
                Finding(
                    message:
                        "returned a value for the documented \(status) error response instead of throwing its API error"
                )
            ]
        case .refuseToSend:
            // A typed API may not be able to express the forbidden body at all (a Bool where a
            // String belongs): then it sends a valid request, which is fine. A forbidden body it
            // did send is a request violation, reported with the others.
            return []
        case .rejection(let reason):
            var message = "accepted a body it must reject (\(reason))"
            if let mutation = testCase.mutation, !mutation.pointer.isRoot {
                let place = testCase.paginated ? JSONPointer(tokens: ["0"] + mutation.pointer.tokens) : mutation.pointer
                let seen = view[place].map { ViewComparison.render($0) } ?? "absent"
                message += "; its view has \(seen) at \(place)"
            }
            return [Finding(pointer: testCase.mutation?.pointer, message: message)]
        }
    }

    private func judgeAPIError(_ error: ClientAPIError, _ testCase: ConformanceCase, nullsOmitted: Bool) -> [Finding] {
        switch testCase.expectation {
        case .apiError(let status, let fields):
            var findings: [Finding] = []
            if error.status != status {
                findings.append(
                    Finding(
                        message: "wrong status on the API error", expected: String(status), actual: String(error.status)
                    ))
            }
            findings += ViewComparison.differences(
                expected: fields, actual: error.fields, shape: testCase.shape, nullsOmitted: nullsOmitted)
            return findings
        case .rejection:
            return []
        case .refuseToSend:
            return []
        case .view:
            return [Finding(message: "threw an API error for a success response: \(error)")]
        }
    }

    enum Outcome: Sendable {
        case view(JSONValue)
        case apiError(ClientAPIError)
        case replayMismatch(ReplayError)
        case thrown(String)
        case timedOut
    }

    /// Races the client against the clock without waiting for a client that never returns
    /// (a structured task group would wait for it); such a task is abandoned, not awaited.
    private func perform(_ call: ConformanceCall, adapter: any ConformanceAdapter, transport: ReplayTransport) async
        -> Outcome
    {
        let timeout = self.timeout
        let once = ResumeOnce()
        return await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            once.set(continuation)
            let timer = Task {
                try? await Task.sleep(for: timeout)
                return once.resume(.timedOut)
            }
            Task {
                let outcome: Outcome
                do {
                    outcome = .view(try await adapter.perform(call, transport: transport))
                } catch let error as ClientAPIError {
                    outcome = .apiError(error)
                } catch {
                    if let replay = Self.replayError(in: error) {
                        outcome = .replayMismatch(replay)
                    } else {
                        outcome = .thrown(Self.describe(error))
                    }
                }
                if once.resume(outcome) { timer.cancel() }
            }
        }
    }

    /// A replay mismatch, even when the client wrapped it in its own transport error.
    static func replayError(in error: any Error) -> ReplayError? {
        if let replay = error as? ReplayError { return replay }
        let mirror = Mirror(reflecting: error)
        for child in mirror.children {
            if let replay = child.value as? ReplayError { return replay }
            if let nested = child.value as? any Error, let replay = replayError(in: nested) { return replay }
        }
        return nil
    }

    static func describe(_ error: any Error) -> String {
        let text = String(describing: error).replacingOccurrences(of: "\n", with: " ")
        return text.count > 300 ? String(text.prefix(297)) + "…" : text
    }
}

/// Resumes a continuation exactly once, from whichever task gets there first.
/// `@unchecked Sendable`: every access to `continuation` happens under `lock`.
private final class ResumeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<CaseRunner.Outcome, Never>?

    func set(_ continuation: CheckedContinuation<CaseRunner.Outcome, Never>) {
        lock.withLock { self.continuation = continuation }
    }

    @discardableResult
    func resume(_ outcome: CaseRunner.Outcome) -> Bool {
        let taken = lock.withLock { () -> CheckedContinuation<CaseRunner.Outcome, Never>? in
            defer { continuation = nil }
            return continuation
        }
        taken?.resume(returning: outcome)
        return taken != nil
    }
}
