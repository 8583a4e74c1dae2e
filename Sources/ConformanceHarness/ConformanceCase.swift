import Cassettes
import HTTPTransport
import JSON

/// One thing a client must get right: a recorded scenario as recorded, a documented error, or a
/// recorded success body with one mutation, and the outcome a correct client has.
public struct ConformanceCase: Sendable, Identifiable, CustomStringConvertible {
    /// `openphone/getMessageById_v1/documented-example` or, with a mutation,
    /// `openphone/getMessageById_v1/documented-example#remove-required:/data/userId`.
    public var id: String
    public var provider: String
    public var operationId: String
    public var scenario: String
    /// The cassette the case comes from.
    public var cassettePath: String
    public var kind: Kind
    public var call: ConformanceCall
    /// The traffic replayed to the client (with the mutation applied).
    public var interactions: [Cassette.Interaction]
    public var mutation: Mutation?
    public var expectation: Expectation
    /// The success body's shape, for comparing views.
    var shape: ResponseShape?
    /// Whether the view is one entry per page.
    var paginated: Bool

    /// Success, documented error or mutation.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case success
        case documentedError = "documented-error"
        case mutation
    }

    /// What a correct client does.
    public enum Expectation: Sendable, Hashable {
        /// Returns exactly this normalized view.
        case view(JSONValue)
        /// Throws ``ClientAPIError`` with this status and these documented fields.
        case apiError(status: Int, fields: JSONValue)
        /// Throws (a status outside the documented ones, or a body it must not accept).
        case rejection(reason: String)
    }

    public var description: String { id }

    /// The command that runs just this case.
    public func reproduceCommand(client: String) -> String {
        "swift run conformance verify --client \(client) --case '\(id)'"
    }
}
