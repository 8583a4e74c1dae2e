import Foundation
import HTTPTransport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite struct CancellationTests {
    @Test func cancellingTheTaskCancelsTheRequest() async throws {
        let listener = try SilentListener()
        defer { listener.stop() }
        let configuration = URLSessionConfiguration.ephemeral
        // A backstop only: cancellation must end the request long before this.
        configuration.timeoutIntervalForRequest = 30
        let transport = URLSessionTransport(configuration: configuration)
        let url = URL(string: "http://127.0.0.1:\(listener.port)/slow")!
        let task = Task { try await transport.send(HTTPRequest(url: url)) }
        task.cancel()
        let result = await task.result
        guard case .failure(let error) = result else {
            Issue.record("a cancelled request returned a response")
            return
        }
        let transportError = try #require(error as? TransportError)
        #expect((transportError.underlying as? URLError)?.code == .cancelled)
        #expect(
            transportError.description == "GET http://127.0.0.1:\(listener.port)/slow failed: cancelled (URLError -999)"
        )
    }
}
