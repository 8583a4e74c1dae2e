/// When cassettes are recorded. A struct wrapping a private enum, settable in code, by a test trait
/// or for a whole run with `CONFORMANCE_RECORD`.
public struct RecordMode: Sendable, Hashable, CustomStringConvertible {
    private enum Mode: String, Sendable {
        case none, once, newEpisodes, all
    }
    private let mode: Mode

    /// Replay only; a request without a recording is an error. The default, and what CI gets.
    public static let none = RecordMode(mode: .none)
    /// Record cassettes that do not exist yet; replay the others.
    public static let once = RecordMode(mode: .once)
    /// Replay what matches; record and append what does not.
    public static let newEpisodes = RecordMode(mode: .newEpisodes)
    /// Re-record every cassette from scratch.
    public static let all = RecordMode(mode: .all)

    /// The environment variable that sets the mode for a whole run.
    public static let environmentVariable = "CONFORMANCE_RECORD"

    /// The mode `CONFORMANCE_RECORD` asks for (`none`, `once`, `new_episodes`/`newEpisodes`, `all`),
    /// `.none` when unset; a bad value is an error naming the accepted ones.
    public static func from(environment: [String: String]) throws(RecordModeError) -> RecordMode {
        guard let raw = environment[environmentVariable], !raw.isEmpty else { return .none }
        switch raw {
        case "none": return .none
        case "once": return .once
        case "new_episodes", "newEpisodes", "new-episodes": return .newEpisodes
        case "all": return .all
        default: throw RecordModeError(value: raw)
        }
    }

    private init(mode: Mode) { self.mode = mode }

    /// True when live traffic may be recorded in this mode.
    public var mayRecord: Bool { mode != .none }
    public var description: String { mode.rawValue }
}

/// A `CONFORMANCE_RECORD` value that names no mode.
public struct RecordModeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var value: String
    public var description: String {
        "\(RecordMode.environmentVariable)=\(value) is not a record mode (expected none, once, new_episodes or all)"
    }
}
