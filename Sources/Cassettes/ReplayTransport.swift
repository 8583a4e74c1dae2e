import Contracts
import Foundation
import HTTPTransport
import JSON

/// Replays one cassette in process: no network and no global state, so parallel tests each replay
/// their own. Identical requests get the recorded responses in order.
///
/// A request is redacted (``Redactor``) before it is matched, exactly as recorded requests were, so
/// secrets never decide a match and never appear in a ``ReplayError``. When nothing matches, the
/// error names the nearest interaction (method outweighs path, path outweighs query, headers and
/// body) and every part that differs.
public final class ReplayTransport: HTTPTransport, @unchecked Sendable {
    // Safety: the only mutable state, `used`, is read and written under `lock`; everything else is
    // immutable after init.
    /// The cassette being replayed.
    public let cassette: Cassette
    /// The cassette's file, for messages.
    public let file: String
    /// The rules a request must pass to replay an interaction.
    public let matcher: Matcher
    /// Applied to live requests before matching and to everything printed.
    public let redactor: Redactor
    /// When true, ``finish()`` throws if some interactions were never replayed.
    public let requireAllUsed: Bool
    private let lock = NSLock()
    private var used: [Bool]
    /// Every interaction before this index is used (the fast pass starts here: long cassettes of
    /// repeated requests stay O(1) per request).
    private var firstUnused = 0
    /// The recorded requests as the matcher sees them: redacted, like the live request will be.
    private let recordedRequests: [HTTPRequest]
    private let prepared: [PreparedRequest]
    /// Checks each request against its operation in the contract (nil: no contract known).
    public let checker: RequestChecker?
    private var requestViolations: [RequestViolation] = []
    private var received = 0
    private var lastPrepared: (key: Int, prepared: PreparedRequest)?
    /// Requests (by a hash of method, URL, headers and body) whose every match is used, and the
    /// interaction that repeats for them.
    private var repeats: [Int: Int] = [:]

    /// Replays `cassette`; `file` names it in messages. Live requests are redacted by `redactor`
    /// before matching, so a recorded `api_key=<redacted:api_key>` matches whatever key the client sends.
    public init(
        cassette: Cassette, file: String, matcher: Matcher = .default, redactor: Redactor = .default,
        requireAllUsed: Bool = false, checker: RequestChecker? = nil
    ) {
        self.checker = checker
        self.cassette = cassette
        self.file = file
        self.matcher = matcher
        self.redactor = redactor
        self.requireAllUsed = requireAllUsed
        used = Array(repeating: false, count: cassette.interactions.count)
        recordedRequests = cassette.interactions.map { redactor.redact($0.request) }
        prepared = recordedRequests.map(PreparedRequest.init)
    }

    /// Replays `cassette` as its contract reads requests: matched by the operation's meaning
    /// (``Matcher/contract(_:)``) and each request checked against the operation
    /// (``violations``). Without the operation in `contract`, exact matching and no checks.
    public convenience init(
        cassette: Cassette, file: String, contract: Contract?, redactor: Redactor = .default,
        requireAllUsed: Bool = false
    ) {
        let operation = contract?.operation(id: cassette.operationId)
        self.init(
            cassette: cassette, file: file, matcher: operation.map { .contract($0) } ?? .default, redactor: redactor,
            requireAllUsed: requireAllUsed,
            checker: contract.flatMap { contract in operation.map { RequestChecker(contract: contract, operation: $0) }
            })
    }

    /// How the requests replayed so far depart from the contract (at most 100; credentials shown by
    /// shape only, other secrets redacted).
    public var violations: [RequestViolation] {
        lock.lock()
        defer { lock.unlock() }
        return requestViolations
    }

    /// The request's violations, computed before redaction (the credential's form is part of the
    /// contract) and stored redacted.
    /// The live request redacted and parsed, once: a server tries the same request with
    /// ``answer(_:repeating:)`` and then, when nothing matches, ``replay(_:)`` for the diagnostic,
    /// and redacting a long URL is the costly part. Called under `lock`.
    private func prepared(_ request: HTTPRequest) -> PreparedRequest {
        let key = Self.key(of: request)
        if let last = lastPrepared, last.key == key { return last.prepared }
        let result = PreparedRequest(redactor.redact(request))
        lastPrepared = (key, result)
        return result
    }

    /// A hash of everything a matcher may look at (method, URL, headers, body).
    static func key(of request: HTTPRequest) -> Int {
        var hasher = Hasher()
        hasher.combine(request.method.rawValue)
        hasher.combine(request.url.absoluteString)
        hasher.combine(request.body)
        for field in request.headers {
            hasher.combine(field.name)
            hasher.combine(field.value)
        }
        return hasher.finalize()
    }

    /// How many requests reached this transport (replayed or not).
    public var requestCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    private func check(_ request: HTTPRequest) {
        received += 1
        guard requestViolations.count < 100 else { return }
        requestViolations += violations(of: request)
    }

    /// How `request` breaks its operation's contract, checked before redaction (the credential's
    /// form is part of the contract), each violation's sent value redacted. Empty without a checker.
    public func violations(of request: HTTPRequest) -> [RequestViolation] {
        guard let checker else { return [] }
        let headers = request.headers.map { (name: $0.name, value: $0.value) }
        return checker.violations(
            method: request.method.rawValue, url: request.url, headers: headers, body: request.body
        ).map { violation in
            var masked = violation
            masked.actual = redactor.redact(inlineText: violation.actual)
            return masked
        }
    }

    /// Loads and replays the cassette at `path`.
    public convenience init(
        path: String, matcher: Matcher = .default, redactor: Redactor = .default, requireAllUsed: Bool = false
    ) throws(CassetteError) {
        self.init(
            cassette: try Cassette.load(path: path), file: path, matcher: matcher, redactor: redactor,
            requireAllUsed: requireAllUsed)
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try replay(request)
    }

    /// The recorded response for `request`: the first unused interaction it matches.
    public func replay(_ request: HTTPRequest) throws(ReplayError) -> HTTPResponse {
        lock.lock()
        defer { lock.unlock() }
        check(request)
        let preparedLive = prepared(request)
        let live = preparedLive.request
        // Fast pass: the first unused interaction that matches, without building any message.
        while firstUnused < used.count && used[firstUnused] { firstUnused += 1 }
        for index in firstUnused..<prepared.count
        where !used[index] && matcher.matches(preparedLive, prepared[index], redactor: redactor) {
            used[index] = true
            return cassette.interactions[index].response
        }
        var nearest: (index: Int, differences: [RequestDifference], distance: Int)? = nil
        var matchedButUsed = 0
        for (index, interaction) in cassette.interactions.enumerated() {
            let differences = matcher.differences(preparedLive, prepared[index], redactor: redactor)
            if differences.isEmpty {
                if !used[index] {
                    used[index] = true
                    return interaction.response
                }
                matchedButUsed += 1
                continue
            }
            // Ties go to an interaction not yet replayed: the one the request was most likely meant for.
            let distance = RequestDifference.distance(differences) * 2 + (used[index] ? 1 : 0)
            if let best = nearest, best.distance <= distance { continue }
            nearest = (index, differences, distance)
        }
        // Bounded: a request with 200,000 query parameters must not make a 500 MB message.
        let described = Self.describe(live)
        if matchedButUsed > 0 {
            throw ReplayError(
                file: file,
                message:
                    "\(described) matches \(matchedButUsed) recorded interaction\(matchedButUsed == 1 ? "" : "s"), all already replayed (a request made more often than recorded)",
                request: described)
        }
        guard let nearest else {
            throw ReplayError(
                file: file, message: "no recorded interaction matches \(described): the cassette is empty",
                request: described)
        }
        let other = Self.describe(recordedRequests[nearest.index])
        let shown = nearest.differences.prefix(ReplayError.maxDifferences).map { difference in
            RequestDifference(
                part: difference.part.excerpt(), expected: difference.expected.excerpt(ReplayError.maxQuotedBytes / 4),
                actual: difference.actual.excerpt(ReplayError.maxQuotedBytes / 4))
        }
        let more = nearest.differences.count - shown.count
        throw ReplayError(
            file: file,
            message:
                "no recorded interaction matches \(described); nearest is interaction \(nearest.index) (\(other)): "
                + shown.map(\.description).joined(separator: "; ") + (more > 0 ? "; and \(more) more differences" : ""),
            request: described, nearestInteraction: nearest.index, differences: shown)
    }

    /// A replayed response: which interaction answered and whether it had been replayed before.
    public struct Replayed: Sendable {
        public var response: HTTPResponse
        public var interaction: Int
        /// True when every interaction matching the request was already used and the last of them
        /// answered again.
        public var isRepeat: Bool
    }

    /// The first unused interaction matching `request`; or, when `repeating` and every matching
    /// interaction is used, the last matching one again (as a stateless mock server answers). Nil
    /// when nothing matches; no message is built, so a miss costs what a match does.
    public func answer(_ request: HTTPRequest, repeating: Bool) -> Replayed? {
        lock.lock()
        defer { lock.unlock() }
        let live = prepared(request)
        while firstUnused < used.count && used[firstUnused] { firstUnused += 1 }
        for index in firstUnused..<prepared.count
        where !used[index] && matcher.matches(live, prepared[index], redactor: redactor) {
            used[index] = true
            return Replayed(response: cassette.interactions[index].response, interaction: index, isRepeat: false)
        }
        guard repeating else { return nil }
        let key = Self.key(of: request)
        if let index = repeats[key] {
            return Replayed(response: cassette.interactions[index].response, interaction: index, isRepeat: true)
        }
        for index in prepared.indices.reversed()
        where used[index] && matcher.matches(live, prepared[index], redactor: redactor) {
            // Every matching interaction is used and stays used, so the answer for this exact
            // request never changes: remember it (bounded) and skip the scan next time.
            if repeats.count < 4_096 { repeats[key] = index }
            return Replayed(response: cassette.interactions[index].response, interaction: index, isRepeat: true)
        }
        return nil
    }

    /// `METHOD url` of a request already redacted, cut to a bounded excerpt before it is decoded
    /// (`Redactor.describe` would redact and decode a 3 MB URL again for every message).
    static func describe(_ redacted: HTTPRequest) -> String {
        let url = redacted.url.absoluteString.excerpt(ReplayError.maxQuotedBytes)
        return "\(redacted.method) \(url.removingPercentEncoding ?? url)"
    }

    /// Indices of interactions never replayed.
    public var unusedInteractions: [Int] {
        lock.lock()
        defer { lock.unlock() }
        return used.indices.filter { !used[$0] }
    }

    /// Ends a replay: when ``requireAllUsed`` is set, throws if some interactions were never
    /// replayed (see ``verifyAllUsed()``); otherwise does nothing.
    public func finish() throws(ReplayError) {
        if requireAllUsed { try verifyAllUsed() }
    }

    /// Throws when some recorded interactions were never replayed (a client that skipped a call).
    public func verifyAllUsed() throws(ReplayError) {
        let unused = unusedInteractions
        guard !unused.isEmpty else { return }
        let list = unused.map { "\($0) (\(redactor.describe(cassette.interactions[$0].request)))" }.joined(
            separator: ", ")
        throw ReplayError(
            file: file,
            message:
                "\(unused.count) recorded interaction\(unused.count == 1 ? " was" : "s were") never replayed: \(list)")
    }
}

/// A request the cassette cannot answer, or interactions left unused. Credentials never appear.
public struct ReplayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The cassette file.
    public var file: String
    /// The whole explanation (request, nearest interaction, differences), secrets redacted.
    public var message: String
    /// The unmatched request as `METHOD url`, redacted (nil for errors about unused interactions).
    public var request: String? = nil
    /// The index of the recorded interaction nearest to the unmatched request.
    public var nearestInteraction: Int? = nil
    /// How the request differs from the nearest interaction (empty when it matched one already used):
    /// the first ``maxDifferences``, each value quoted in a bounded excerpt; ``message`` counts the rest.
    public var differences: [RequestDifference] = []
    /// The most differences an error lists.
    public static let maxDifferences = 20
    /// The most bytes of a request (and a quarter of it for a value) an error quotes.
    public static let maxQuotedBytes = 1_024
    /// `file: message` on one line.
    public var description: String { "\(file): \(message)" }
}
