import Foundation
import HTTPTransport

/// A cassette file used as a transport: replays what it holds and, when the record mode allows,
/// sends the rest to a live transport and records it (redacted, saved crash-safely after every
/// interaction).
///
/// | mode | cassette exists | cassette missing |
/// |---|---|---|
/// | `none` | replay only | error |
/// | `once` | replay only | record everything |
/// | `newEpisodes` | replay matches, record and append the rest | record everything |
/// | `all` | record everything, replacing the old cassette | record everything |
public final class CassetteTransport: HTTPTransport, @unchecked Sendable {
    // Safety: `replay`, `recorded` and `recording` change only under `lock`; the rest is immutable.
    public let path: String
    public let mode: RecordMode
    private let live: (any HTTPTransport)?
    private let redactor: Redactor
    private let matcher: Matcher
    private let operationId: String
    private let source: String
    private let lock = NSLock()
    private var replay: ReplayTransport?
    private var recorded: Cassette?
    private var recordedThisRun = false
    private let writesImmediately: Bool
    private let now: @Sendable () -> String

    /// - Parameters:
    ///   - path: the cassette file (`recordings/<provider>/<operationId>/<scenario>.json`).
    ///   - mode: when to record; `.none` never touches the network.
    ///   - live: the transport that reaches the real API (needed only when recording).
    ///   - operationId/source: written into a new cassette's header.
    ///   - writesImmediately: save after every recorded interaction (crash-safe for long recordings);
    ///     when false, nothing is written until ``commit()``, so a failed run never replaces a good
    ///     cassette (the test trait works this way).
    public init(
        path: String, mode: RecordMode, live: (any HTTPTransport)? = nil, operationId: String, source: String,
        matcher: Matcher = .default, redactor: Redactor = .default, writesImmediately: Bool = true,
        clock: @escaping @Sendable () -> String = CassetteTransport.timestamp
    ) throws(CassetteError) {
        self.writesImmediately = writesImmediately
        self.path = path
        self.mode = mode
        self.live = live
        self.redactor = redactor
        self.matcher = matcher
        self.operationId = operationId
        self.source = source
        now = clock
        let exists = FileManager.default.fileExists(atPath: path)
        if exists && mode != .all {
            replay = try ReplayTransport(path: path, matcher: matcher, redactor: redactor)
        } else if !exists && mode == .none {
            throw CassetteError(
                file: path,
                message:
                    "no such cassette, and recording is off (set \(RecordMode.environmentVariable)=once to record it)")
        }
        if mode == .newEpisodes, let existing = replay?.cassette { recorded = existing }
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if let replay = currentReplay() {
            do {
                return try replay.replay(request)
            } catch {
                guard mode == .newEpisodes else { throw error }
            }
        }
        guard mode.mayRecord else { throw CassetteError(file: path, message: "recording is off") }
        guard let live else {
            throw CassetteError(file: path, message: "recording needs a live transport (mode \(mode))")
        }
        let response = try await live.send(request)
        // Redacted as an exchange: the request's own credentials are scrubbed from the response too
        // (a provider that echoes the key back).
        let interaction = redactor.redact(Cassette.Interaction(request: request, response: response, capturedAt: now()))
        try append(interaction)
        return response
    }

    private func currentReplay() -> ReplayTransport? {
        lock.lock()
        defer { lock.unlock() }
        return replay
    }

    private func append(_ interaction: Cassette.Interaction) throws(CassetteError) {
        lock.lock()
        defer { lock.unlock() }
        var cassette =
            recorded
            ?? Cassette(
                operationId: operationId,
                provenance: .init(kind: .recorded, source: source, capturedAt: interaction.capturedAt))
        cassette.interactions.append(interaction)
        if writesImmediately { try cassette.write(to: path) }
        recorded = cassette
        recordedThisRun = true
    }

    /// What this run recorded (with the replayed interactions it keeps, in `newEpisodes` mode), or
    /// nil when it recorded nothing.
    public var newRecording: Cassette? {
        lock.lock()
        defer { lock.unlock() }
        return recordedThisRun ? recorded : nil
    }

    /// Writes what this run recorded to ``path`` (or to `destination`); does nothing when nothing
    /// was recorded. Needed only when the transport was made with `writesImmediately: false`.
    public func commit(to destination: String? = nil) throws(CassetteError) {
        guard let cassette = newRecording else { return }
        try cassette.write(to: destination ?? path)
    }

    /// Throws when replayed interactions were left unused (replay-only runs).
    public func verifyAllUsed() throws(ReplayError) {
        if mode == .none || mode == .once, let replay = currentReplay() { try replay.verifyAllUsed() }
    }

    /// The current time in RFC 3339 (UTC, milliseconds).
    @Sendable public static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
