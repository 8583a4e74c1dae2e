import Cassettes
import Foundation
import HTTPTransport
import ReplayServer
import Testing

/// A canary credential sent to the replay server in every place a client may put one never comes
/// back in an answer: not in the unmatched diagnostic (target, headers, body, nearest interaction),
/// not in a refusal of a malformed request.
@Suite struct CanaryTests {
    static let canary = "CANARYserve8d3f1e6a2b"

    @Test func theCanaryIsInNoResponse() async throws {
        let canary = Self.canary
        let recorded = Fixtures.interaction(
            .get, "https://api.example.com/v1/messages/AC1?api_key=k&page=1", body: "{}")
        try await Fixtures.withServer([Fixtures.replay("canary.json", [recorded])]) { _, port in
            let requests = [
                // Unmatched: the diagnostic names the request and the nearest interaction.
                "POST /v1/messages/AC1?api_key=\(canary)&token=\(canary)&page=2 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer \(canary)\r\nCookie: s=\(canary)\r\nX-Vendor-Api-Key: \(canary)\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 24\r\n\r\n{\"password\":\"\(canary)\"}",
                "GET http://u:\(canary)@api.example.com/v1/messages/AC2?Token=\(canary) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                // Refused: the error says what is wrong, never what was sent.
                "GET /v1/messages/AC1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(canary)\u{7}\r\n\r\n",
                "GET /v1/\(canary)\u{1} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                "GET /v1/messages/AC1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-\(canary) : 1\r\n\r\n",
                "POST /v1/messages/AC1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(canary)\r\n\r\n",
                "POST /v1/messages/AC1 HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip-\(canary)\r\n\r\n",
            ]
            var statuses: [Int] = []
            for request in requests {
                let client = try RawClient(port: port)
                try client.send(request)
                let response = try client.readResponse()
                statuses.append(response.status)
                let everything =
                    response.headers.map { "\($0.0): \($0.1)" }.joined(separator: "\n") + "\n" + response.text
                #expect(
                    !everything.contains(canary),
                    "the answer to request \(statuses.count) holds the canary: \(everything)")
            }
            #expect(statuses == [500, 500, 400, 400, 400, 400, 501])
            // The refusal of an unknown coding still says what is wrong.
            let client = try RawClient(port: port)
            try client.send(
                "POST /v1/messages/AC1 HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: x-\(canary)\r\n\r\n")
            #expect(try client.readResponse().text == #"{"error":"this Transfer-Encoding is not supported"}"#)
        }
    }
}
