import Cassettes
import Contracts
import HTTPTransport
import JSON

/// One thing a client must get right: a recorded scenario as recorded, a documented error, or a
/// recorded success body with one mutation, and the outcome a correct client has.
public struct ConformanceCase: Sendable, Identifiable, CustomStringConvertible {
    /// `openphone/getMessageById_v1/documented-example` or, with a mutation,
    /// `openphone/getMessageById_v1/documented-example#remove-required:/data/userId`.
    public var id: String
    /// The provider folder (the contract's file stem).
    public var provider: String
    /// The contract's operationId.
    public var operationId: String
    /// The cassette's file name without `.json`.
    public var scenario: String
    /// The cassette the case comes from.
    public var cassettePath: String
    /// Success, documented error or mutation.
    public var kind: Kind
    /// What the adapter is asked to call.
    public var call: ConformanceCall
    /// The traffic replayed to the client (with the mutation applied).
    public var interactions: [Cassette.Interaction]
    /// The mutation applied to the first success body, if any.
    public var mutation: Mutation?
    /// What a correct client does.
    public var expectation: Expectation
    /// The success body's shape, for comparing views.
    var shape: ResponseShape?
    /// Whether the view is one entry per page.
    var paginated: Bool
    /// How the client's requests are matched to the recorded ones: as the operation's contract reads
    /// them (parameters by meaning, not spelling).
    var matcher: Matcher = .default
    /// Checks every request the client sends against the operation (method, path, parameters,
    /// credential form, body).
    var checker: RequestChecker?

    /// Success, documented error or mutation.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case success
        case documentedError = "documented-error"
        case mutation
        /// A recorded call with parameters the client must put on the wire as the contract says (a
        /// path parameter that needs percent-encoding).
        case request
    }

    /// What a correct client does.
    public enum Expectation: Sendable, Hashable {
        /// Returns exactly this normalized view.
        case view(JSONValue)
        /// Throws ``ClientAPIError`` with this status and these documented fields.
        case apiError(status: Int, fields: JSONValue)
        /// Throws (a status outside the documented ones, or a body it must not accept).
        case rejection(reason: String)
        /// Throws before sending anything: the call asks for a request body the contract forbids.
        case refuseToSend(reason: String)
    }

    public var description: String { id }

    /// What a correct client does, in a few words (`reject (pattern broken at /data/id: …)`).
    public var expectationSummary: String {
        switch expectation {
        case .view where kind == .request: "the recorded values, from a request that encodes \(call.description)"
        case .view: mutation == nil ? "the recorded values" : "tolerate: the mutated values"
        case .apiError(let status, _): "API error \(status) with its documented fields"
        case .rejection(let reason): "reject (\(reason))"
        case .refuseToSend(let reason): "refuse to send (\(reason))"
        }
    }

    /// The command that runs just this case through a gate executable (`command`, such as
    /// `swift run conformance` or a team's `swift run my-gate`).
    public func reproduceCommand(client: String, command: String = "swift run conformance") -> String {
        "\(command) verify --client \(client) --case '\(id)'"
    }
}
