import HTTPTransport
import JSON

/// The seam a client under test adopts: given a call and a transport, call the client and return
/// what it decoded as a normalized view, or throw.
///
/// The normalized view is JSON shaped like the contract's response body: member names as in the
/// contract, timestamps as integer milliseconds since the Unix epoch, enum values and identifiers as
/// their raw strings, an absent member left out and a null member written as `null`. Members the
/// client does not model are simply left out; every documented member it decodes must be there.
/// For a paginated operation (the contract marks it with `x-pagination`), follow the pages as the
/// client does, up to ``ConformanceCall/pageLimit`` pages, and return an array with one view per page,
/// in order.
///
/// A documented error response must surface as a thrown ``ClientAPIError`` carrying the status and
/// the error body's documented fields; any other thrown error means "the client rejected the
/// response", which is what a malformed body must cause.
///
/// ```swift
/// struct MyOpenPhoneAdapter: ConformanceAdapter {
///     var name: String { "MyOpenPhone" }
///     var version: String { "2.1.0" }
///     var operations: Set<String> { ["getMessageById_v1"] }
///     func perform(_ call: ConformanceCall, transport: any HTTPTransport) async throws -> JSONValue {
///         let message = try await MyClient(key: "test", transport: transport).message(id: call.parameter("id") ?? "")
///         return ["data": ["id": .string(message.id), "createdAt": .milliseconds(message.createdAt)]]
///     }
/// }
/// ```
public protocol ConformanceAdapter: Sendable {
    /// The client's name, shown in reports and used by `--client`.
    var name: String { get }
    /// The client's version, recorded in the JSON report.
    var version: String { get }
    /// The operationIds this client implements; cases for other operations are not run for it.
    var operations: Set<String> { get }
    /// Calls the client for `call` through `transport` and returns the normalized view.
    func perform(_ call: ConformanceCall, transport: any HTTPTransport) async throws -> JSONValue
    /// True when the view cannot hold null: it is built from an `Encodable` model
    /// (``JSONValue/init(encoding:)``), whose synthesized encoding leaves a nil optional out. An absent
    /// member then stands for an expected null; everything else is compared as usual. Default false.
    var viewOmitsNulls: Bool { get }
}

extension ConformanceAdapter {
    public var viewOmitsNulls: Bool { false }
}

/// One call of an operation, with the parameters the recorded request used.
public struct ConformanceCall: Sendable, Hashable, CustomStringConvertible {
    /// The contract's operationId.
    public var operationId: String
    /// Path and query parameters by name; a repeated query parameter has several values, in order.
    public var parameters: [String: [String]]
    /// For a paginated operation, how many pages the recording holds: stop after that many (a
    /// recording may end on a page that says more would follow).
    public var pageLimit: Int?
    /// The request body the recorded call sent (as JSON; a form body as an object of strings), for
    /// operations that send one: what the adapter asks its client to send.
    public var body: JSONValue?

    public init(
        operationId: String, parameters: [String: [String]] = [:], pageLimit: Int? = nil, body: JSONValue? = nil
    ) {
        self.operationId = operationId
        self.parameters = parameters
        self.pageLimit = pageLimit
        self.body = body
    }

    /// The first value of a parameter.
    public func parameter(_ name: String) -> String? { parameters[name]?.first }

    public var description: String {
        var list = parameters.keys.sorted().flatMap { name in parameters[name, default: []].map { "\(name)=\($0)" } }
        if let body { list.append("body: " + JSONWriter.string(body)) }
        return "\(operationId)(\(list.joined(separator: ", ")))"
    }
}

/// A documented API error as the client exposed it: the status and the error body's documented
/// fields, named as in the contract.
public struct ClientAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status.
    public var status: Int
    /// The documented fields the client decoded (a JSON object).
    public var fields: JSONValue

    public init(status: Int, fields: JSONValue) {
        self.status = status
        self.fields = fields
    }

    public var description: String { "API error \(status): \(JSONWriter.string(fields))" }
}

extension JSONValue {
    /// An integer JSON number.
    public static func integer(_ value: Int64) -> JSONValue { .number(JSONNumber(value)) }
    /// A JSON string, or null for nil.
    public static func string(orNull value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
}
