import Cassettes
import CassettesTesting
import ConformanceHarness
import Foundation
import HTTPTransport
import PlainOpenPhone
import ReplayServer
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends every request to a stand-in on loopback (`conformance serve`'s server) instead of the
/// provider: what a team uses to rehearse recording without live credentials.
struct StandIn: HTTPTransport {
    let port: UInt16
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)!
        components.scheme = "http"
        components.host = "127.0.0.1"
        components.port = Int(port)
        var local = request
        local.url = components.url!
        return try await URLSessionTransport().send(local)
    }
}

/// Records a cassette with the cassette trait against `conformance serve` on loopback, then
/// replays it with the server stopped: the client gets the same message both times, and the key
/// it sent is nowhere in the file.
@Test func recordsAgainstServeThenReplays() async throws {
    let name = "openphone/getMessageById_v1/from-serve"
    let recordings = FileManager.default.temporaryDirectory
        .appendingPathComponent("consumer-\(UUID().uuidString)/recordings").path
    let served = ConformanceSuite.bundledRoot + "/recordings/openphone/getMessageById_v1/documented-example.json"
    let server = ReplayServer(cassettes: [try ReplayTransport(path: served)])
    let port = try server.start()
    let test = try #require(Test.current)

    let key = "op-live-key-\(UUID().uuidString)"
    @Sendable func fetch() async throws -> Message {
        try await ReplayURLProtocol.withConfiguration(replaying: try CurrentCassette.require()) { configuration in
            try await PlainOpenPhone(session: URLSession(configuration: configuration), apiKey: key)
                .message(id: "AC123abc")
        }
    }

    let messages = Messages()
    try await CassetteTrait.cassette(name, mode: .once, live: StandIn(port: port), recordings: recordings)
        .provideScope(for: test, testCase: Test.Case.current) {
            messages.append(try await fetch())
        }
    server.stop()
    try await CassetteTrait.cassette(name, mode: RecordMode.none, recordings: recordings)
        .provideScope(for: test, testCase: Test.Case.current) {
            messages.append(try await fetch())
        }
    let both = messages.all
    #expect(both.count == 2)
    #expect(both.first?.status == .sent)
    #expect(both.first == both.last)
    let file = try String(contentsOfFile: recordings + "/" + name + ".json", encoding: .utf8)
    #expect(!file.contains(key))
    #expect(try Cassette.load(path: recordings + "/" + name + ".json").provenance.kind == .recorded)
}

/// Messages fetched inside the trait's scopes. `@unchecked Sendable`: `list` only under `lock`.
final class Messages: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Message] = []
    func append(_ message: Message) { lock.withLock { list.append(message) } }
    var all: [Message] { lock.withLock { list } }
}

// README: replaying one bundled cassette with the trait.
@Test(.cassette("openphone/getMessageById_v1/error-404", recordings: ConformanceSuite.bundledRoot + "/recordings"))
func notFound() async throws {
    let transport = try CurrentCassette.require()
    let url = URL(string: "https://api.openphone.com/v1/messages/ACd41e7c9b2f6a3e8d0c5b1f4a7e")!
    let response = try await transport.send(HTTPRequest(url: url))
    #expect(response.status == 404)
}
