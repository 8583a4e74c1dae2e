import Cassettes
import Foundation
import HTTPTransport
import ReplayServer

/// Cassettes built in memory, and servers started for one test and stopped by it.
enum Fixtures {
    static func interaction(
        _ method: HTTPMethod, _ url: String, status: Int = 200, headers: HTTPFields = ["Content-Type": "application/json"],
        body: String
    ) -> Cassette.Interaction {
        interaction(method, url, status: status, headers: headers, bytes: Array(body.utf8))
    }

    static func interaction(
        _ method: HTTPMethod, _ url: String, status: Int = 200, headers: HTTPFields = [:], bytes: [UInt8]
    ) -> Cassette.Interaction {
        Cassette.Interaction(
            request: HTTPRequest(method: method, url: URL(string: url)!),
            response: HTTPResponse(status: status, headers: headers, body: bytes))
    }

    static func replay(_ file: String, _ interactions: [Cassette.Interaction]) -> ReplayTransport {
        ReplayTransport(
            cassette: Cassette(
                operationId: "test", provenance: .init(kind: .documented, source: "test"), interactions: interactions),
            file: file)
    }

    /// Runs `body` against a started server, and stops it afterwards whatever happens.
    static func withServer<R>(
        _ cassettes: [ReplayTransport], limits: ReplayServer.Limits = .default, repeats: Bool = true,
        _ body: (ReplayServer, UInt16) async throws -> R
    ) async throws -> R {
        let server = ReplayServer(cassettes: cassettes, limits: limits, repeats: repeats)
        let port = try server.start()
        defer { server.stop() }
        return try await body(server, port)
    }

    static func url(_ port: UInt16, _ target: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(target)")!
    }
}
