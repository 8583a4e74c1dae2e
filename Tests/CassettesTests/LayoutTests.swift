import Foundation
import HTTPTransport
import Testing

@testable import Cassettes

@Suite struct LayoutTests {
    @Test func canonicalFileIsExactlyThis() {
        let cassette = Cassette(
            operationId: "getMessageById_v1",
            provenance: .init(kind: .recorded, source: "https://api.openphone.com", capturedAt: "2026-11-23T06:00:00Z"),
            interactions: [
                Cassette.Interaction(
                    request: HTTPRequest(
                        url: URL(string: "https://api.openphone.com/v1/messages/AC1")!,
                        headers: HTTPFields([
                            (name: "Accept", value: "application/json"),
                            (name: "Authorization", value: "<redacted:authorization>"),
                        ])),
                    response: HTTPResponse(
                        status: 200, headers: HTTPFields([(name: "Content-Type", value: "application/json")]),
                        body: Array(#"{"data":{"id":"AC1","headers":[["a","b"]],"tags":[]}}"#.utf8)),
                    capturedAt: "2026-11-23T06:00:01Z")
            ])
        let expected = """
            {
              "version": 1,
              "operationId": "getMessageById_v1",
              "provenance": {
                "kind": "recorded",
                "source": "https://api.openphone.com",
                "capturedAt": "2026-11-23T06:00:00Z"
              },
              "interactions": [
                {
                  "request": {
                    "method": "GET",
                    "url": "https://api.openphone.com/v1/messages/AC1",
                    "headers": [
                      ["Accept", "application/json"],
                      ["Authorization", "<redacted:authorization>"]
                    ]
                  },
                  "response": {
                    "status": 200,
                    "headers": [
                      ["Content-Type", "application/json"]
                    ],
                    "body": {
                      "json": {
                        "data": {
                          "id": "AC1",
                          "headers": [
                            [
                              "a",
                              "b"
                            ]
                          ],
                          "tags": []
                        }
                      }
                    }
                  },
                  "capturedAt": "2026-11-23T06:00:01Z"
                }
              ]
            }

            """
        #expect(String(decoding: cassette.encoded(), as: UTF8.self) == expected)
    }

    @Test func noHeadersIsAnEmptyList() {
        let cassette = Cassette(
            operationId: "x", provenance: .init(kind: .documented, source: "s"),
            interactions: [
                Cassette.Interaction(
                    request: HTTPRequest(url: URL(string: "https://a.example/")!), response: HTTPResponse(status: 204))
            ])
        #expect(String(decoding: cassette.encoded(), as: UTF8.self).contains("\"headers\": []\n"))
    }
}
