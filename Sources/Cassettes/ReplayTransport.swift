import Foundation
import HTTPTransport

/// Replays one cassette in process: no network and no global state, so parallel tests each replay
/// their own. Identical requests get the recorded responses in order.
public final class ReplayTransport: HTTPTransport, @unchecked Sendable {
    // Safety: the only mutable state, `used`, is read and written under `lock`; everything else is
    // immutable after init.
    public let cassette: Cassette
    /// The cassette's file, for messages.
    public let file: String
    public let matcher: Matcher
    public let redactor: Redactor
    private let lock = NSLock()
    private var used: [Bool]

    public init(cassette: Cassette, file: String, matcher: Matcher = .default, redactor: Redactor = .default) {
        self.cassette = cassette
        self.file = file
        self.matcher = matcher
        self.redactor = redactor
        used = Array(repeating: false, count: cassette.interactions.count)
    }

    /// Loads and replays the cassette at `path`.
    public convenience init(path: String, matcher: Matcher = .default, redactor: Redactor = .default) throws(CassetteError) {
        self.init(cassette: try Cassette.load(path: path), file: path, matcher: matcher, redactor: redactor)
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try replay(request)
    }

    /// The recorded response for `request`: the first unused interaction it matches.
    public func replay(_ request: HTTPRequest) throws(ReplayError) -> HTTPResponse {
        lock.lock()
        defer { lock.unlock() }
        var nearest: (index: Int, differences: [RequestDifference])? = nil
        var matchedButUsed = 0
        for (index, interaction) in cassette.interactions.enumerated() {
            let differences = matcher.differences(request, interaction.request, redactor: redactor)
            if differences.isEmpty {
                if !used[index] {
                    used[index] = true
                    return interaction.response
                }
                matchedButUsed += 1
            } else if nearest == nil || differences.count < nearest!.differences.count {
                nearest = (index, differences)
            }
        }
        let described = redactor.describe(request)
        if matchedButUsed > 0 {
            throw ReplayError(
                file: file,
                message: "\(described) matches \(matchedButUsed) recorded interaction\(matchedButUsed == 1 ? "" : "s"), all already replayed (a request made more often than recorded)")
        }
        guard let nearest else {
            throw ReplayError(file: file, message: "no recorded interaction matches \(described): the cassette is empty")
        }
        let other = redactor.describe(cassette.interactions[nearest.index].request)
        throw ReplayError(
            file: file,
            message: "no recorded interaction matches \(described); nearest is interaction \(nearest.index) (\(other)): "
                + nearest.differences.map(\.description).joined(separator: "; "))
    }

    /// Indices of interactions never replayed.
    public var unusedInteractions: [Int] {
        lock.lock()
        defer { lock.unlock() }
        return used.indices.filter { !used[$0] }
    }

    /// Throws when some recorded interactions were never replayed (a client that skipped a call).
    public func verifyAllUsed() throws(ReplayError) {
        let unused = unusedInteractions
        guard !unused.isEmpty else { return }
        let list = unused.map { "\($0) (\(redactor.describe(cassette.interactions[$0].request)))" }.joined(separator: ", ")
        throw ReplayError(file: file, message: "\(unused.count) recorded interaction\(unused.count == 1 ? " was" : "s were") never replayed: \(list)")
    }
}

/// A request the cassette cannot answer, or interactions left unused. Credentials never appear.
public struct ReplayError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var message: String
    /// `file: message` on one line.
    public var description: String { "\(file): \(message)" }
}
