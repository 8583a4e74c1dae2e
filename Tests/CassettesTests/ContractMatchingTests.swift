import Contracts
import Foundation
import HTTPTransport
import JSON
import Testing

@testable import Cassettes

/// Requests matched as the contract reads them: percent-encoding, order and the array forms the
/// operation accepts, with differences that name the parameter.
@Suite struct ContractMatchingTests {
    static func contract(acceptsJoined: Bool) throws -> Contract {
        var status = JSONObject([
            ("name", "status"), ("in", "query"), ("style", "form"), ("explode", true),
            ("schema", ["type": "array", "items": ["type": "string"]]),
        ])
        if acceptsJoined { status["x-accepted-explode"] = [true, false] }
        let document: JSONValue = [
            "openapi": "3.1.0", "info": ["title": "t", "version": "1"],
            "paths": [
                "/v1/messages/{id}": [
                    "get": [
                        "operationId": "getMessage",
                        "parameters": [
                            ["name": "id", "in": "path", "required": true, "schema": ["type": "string"]],
                            .object(status),
                            ["name": "limit", "in": "query", "schema": ["type": "integer"]],
                        ],
                        "responses": ["200": ["description": "ok"]],
                    ]
                ]
            ],
        ]
        return try Contract(document: document, file: "test.openapi.json")
    }

    static func replay(_ url: String, contract: Contract?) -> ReplayTransport {
        let cassette = Cassette(
            operationId: "getMessage", provenance: .init(kind: .documented, source: "test"),
            interactions: [interaction(url, status: 200, body: "{}")])
        return ReplayTransport(cassette: cassette, file: "c.json", matcher: .forCassette(cassette, contract: contract))
    }

    static let recorded = "https://api.example.com/v1/messages/AC1?status=DELIVERED&status=SENT&limit=5"

    @Test(arguments: [
        "https://api.example.com/v1/messages/AC1?limit=5&status=SENT&status=DELIVERED",  // order
        "https://api.example.com/v1/messages/AC%31?status=%44ELIVERED&status=SENT&limit=5",  // percent-encoding
    ])
    func sameMeaningMatches(_ url: String) throws {
        let transport = Self.replay(Self.recorded, contract: try Self.contract(acceptsJoined: false))
        #expect(throws: Never.self) { try transport.replay(HTTPRequest(url: URL(string: url)!)) }
    }

    @Test func commaJoinedMatchesOnlyWhereTheContractAcceptsIt() throws {
        let joined = HTTPRequest(
            url: URL(string: "https://api.example.com/v1/messages/AC1?status=DELIVERED%2CSENT&limit=5")!)
        let accepting = Self.replay(Self.recorded, contract: try Self.contract(acceptsJoined: true))
        #expect(throws: Never.self) { try accepting.replay(joined) }

        let strict = Self.replay(Self.recorded, contract: try Self.contract(acceptsJoined: false))
        let error = #expect(throws: ReplayError.self) { try strict.replay(joined) }
        #expect(
            error?.differences.map(\.description) == [
                #"query parameter "status": expected [DELIVERED, SENT] (sent as status=a&status=b), got [DELIVERED,SENT]"#
            ])

        let exact = Self.replay(Self.recorded, contract: nil)
        #expect(throws: ReplayError.self) { try exact.replay(joined) }
    }

    @Test func aRepeatedParameterWhereOnlyJoinedIsDocumentedIsNamed() throws {
        let arrays = ["status": ArrayForm(repeated: false, joined: ",", documented: "status=a,b")]
        let rule = MatchRule.query(arrays: arrays)
        let differences = rule.compare(
            HTTPRequest(url: URL(string: "https://x.test/?status=A&status=B")!),
            HTTPRequest(url: URL(string: "https://x.test/?status=A,B")!), .default)
        #expect(
            differences.map(\.description) == [
                #"query parameter "status": expected status=a,b, got repeated status=… parameters"#
            ])
    }

    @Test func aDifferentPathParameterIsNamed() throws {
        let transport = Self.replay(Self.recorded, contract: try Self.contract(acceptsJoined: false))
        let error = #expect(throws: ReplayError.self) {
            try transport.replay(
                HTTPRequest(
                    url: URL(string: "https://api.example.com/v1/messages/AC2?status=DELIVERED&status=SENT&limit=5")!))
        }
        #expect(error?.differences.map(\.description) == [#"path parameter "id": expected AC1, got AC2"#])
    }

    /// Repeats: every match used, the last matching interaction answers again, marked.
    @Test func answerRepeatsTheLastMatchOnlyWhenAsked() throws {
        let transport = Self.replay(Self.recorded, contract: nil)
        let request = HTTPRequest(url: URL(string: Self.recorded)!)
        #expect(transport.answer(request, repeating: false)?.isRepeat == false)
        #expect(transport.answer(request, repeating: false) == nil)
        #expect(transport.answer(request, repeating: true)?.isRepeat == true)
        #expect(transport.answer(request, repeating: true)?.interaction == 0)
        #expect(
            transport.answer(HTTPRequest(url: URL(string: "https://api.example.com/other")!), repeating: true) == nil)
    }
}
