import Foundation
import HTTPTransport
import Testing

/// A transport that answers with canned responses, in order, and keeps every request it was sent.
actor StubTransport: HTTPTransport {
    private var responses: [Result<HTTPResponse, StubFailure>]
    private(set) var requests: [HTTPRequest] = []

    init(_ responses: HTTPResponse...) { self.responses = responses.map { .success($0) } }
    init(results: [Result<HTTPResponse, StubFailure>]) { responses = results }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        requests.append(request)
        guard !responses.isEmpty else { throw StubFailure(reason: "no response left for \(request.url)") }
        return try responses.removeFirst().get()
    }
}

/// The error a stub throws in place of a response.
struct StubFailure: Error, Equatable, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}

extension HTTPResponse {
    /// A JSON response with `text` as its body.
    static func json(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Array(text.utf8))
    }
}

/// `[JSON key: value]` edits of a documented body, for one-field mutations.
func replacing(_ text: String, _ old: String, with new: String) -> String {
    if !text.contains(old) { Issue.record("fixture does not contain \(old)") }
    return text.replacingOccurrences(of: old, with: new)
}

/// Milliseconds since 1970 of a date, as adapters compute them.
func epochMilliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

/// A send the client must refuse before anything reaches the wire: it throws its typed error's
/// `invalidArgument` case naming `argument`, and `transport` saw no request.
func expectRefusedBeforeSending(
    argument: String, transport: StubTransport, sourceLocation: SourceLocation = #_sourceLocation,
    _ send: () async throws -> Void
) async {
    do {
        try await send()
        Issue.record("sent a request the client should have refused (\(argument))", sourceLocation: sourceLocation)
    } catch {
        // Each client's typed error has `case invalidArgument(InvalidArgumentError)`.
        guard let refusal = Mirror(reflecting: error).children.first?.value as? InvalidArgumentError else {
            Issue.record("expected invalidArgument(\(argument)), got \(error)", sourceLocation: sourceLocation)
            return
        }
        #expect(refusal.argument == argument, sourceLocation: sourceLocation)
    }
    #expect(await transport.requests.isEmpty, sourceLocation: sourceLocation)
}
