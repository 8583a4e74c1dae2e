import Contracts
import Foundation
import JSON
import Testing

/// What a client sends, checked against its operation: each violation names the part, what the
/// contract says, what was sent (credentials by shape only) and where the contract says it.
@Suite struct RequestCheckerTests {
    static func contract(security: JSONValue) throws -> Contract {
        let document: JSONValue = [
            "openapi": "3.1.0", "info": ["title": "t", "version": "1"],
            "security": .array([security]),
            "components": [
                "securitySchemes": [
                    "key": ["type": "apiKey", "in": "header", "name": "Authorization"],
                    "bearer": ["type": "http", "scheme": "bearer"],
                    "basic": ["type": "http", "scheme": "basic"],
                ]
            ],
            "paths": [
                "/v1/messages/{id}": [
                    "get": [
                        "operationId": "get",
                        "parameters": [
                            [
                                "name": "id", "in": "path", "required": true,
                                "schema": ["type": "string", "pattern": "^AC"],
                            ],
                            [
                                "name": "status", "in": "query", "style": "form", "explode": true,
                                "schema": ["type": "array", "items": ["type": "string", "enum": ["sent", "queued"]]],
                            ],
                            [
                                "name": "limit", "in": "query", "required": true,
                                "schema": ["type": "integer", "maximum": 100],
                            ],
                        ],
                        "responses": ["200": ["description": "ok"]],
                    ]
                ],
                "/v1/messages": [
                    "post": [
                        "operationId": "send",
                        "requestBody": [
                            "required": true,
                            "content": [
                                "application/json": [
                                    "schema": [
                                        "type": "object", "required": ["to", "content"],
                                        "properties": [
                                            "to": ["type": "array", "items": ["type": "string"]],
                                            "content": ["type": "string"],
                                        ],
                                    ]
                                ],
                                "application/x-www-form-urlencoded": [
                                    "schema": [
                                        "type": "object", "required": ["To"],
                                        "properties": ["To": ["type": "string"], "Count": ["type": "integer"]],
                                    ]
                                ],
                            ],
                        ],
                        "responses": ["202": ["description": "accepted"]],
                    ]
                ],
            ],
        ]
        return try Contract(document: document, file: "t.openapi.json")
    }

    static func check(
        _ url: String, method: String = "GET",
        headers: [(name: String, value: String)] = [("Authorization", "k3y-123456")],
        body: String = "", operation: String = "get", security: String = "key"
    ) throws -> [String] {
        let contract = try contract(security: [security: []])
        let checker = RequestChecker(contract: contract, operation: try #require(contract.operation(id: operation)))
        return checker.violations(method: method, url: URL(string: url)!, headers: headers, body: Array(body.utf8))
            .map { "\($0.part): expected \($0.expected); sent \($0.actual)" }
    }

    static let good = "https://api.test/v1/messages/AC1?status=sent&status=queued&limit=5"

    @Test func aConformingRequestHasNoViolations() throws {
        #expect(try Self.check(Self.good) == [])
        #expect(try Self.check("https://api.test/v1/messages/AC%2F1?limit=5") == [])
    }

    @Test func parametersAreCheckedByTheirSchemasAndForms() throws {
        let found = try Self.check("https://api.test/v1/messages/XX1?status=sent,queued&limit=500&page=2")
        #expect(
            found == [
                #"path parameter "id": expected "XX1" does not match pattern ^AC; sent XX1"#,
                #"query parameter "page": expected one of the documented parameters (status, limit); sent an undocumented parameter"#,
                #"query parameter "status": expected repeated status=… parameters (style form, explode true); sent one value joined by ",": sent,queued"#,
                #"query parameter "limit": expected 500 is greater than the maximum of 100; sent 500"#,
            ])
        #expect(
            try Self.check("https://api.test/v1/messages/AC1?limit=five").contains(
                #"query parameter "limit": expected a value of type integer; sent five"#))
        #expect(
            try Self.check("https://api.test/v1/messages/AC1").contains(
                #"query parameter "limit": expected present (required); sent nothing"#))
        #expect(try Self.check("https://api.test/v1/messages/AC1?limit=1&status=bogus").count == 1)
        #expect(
            try Self.check("https://api.test/v1/messages/AC1/x?limit=1").first?.hasPrefix(
                "path: expected /v1/messages/{id} (3 segments)") == true)
    }

    @Test func theCredentialHasTheDocumentedForm() throws {
        #expect(
            try Self.check(Self.good, headers: [("Authorization", "Bearer k3y-123456")]) == [
                #"header "Authorization": expected the API key itself, with no scheme word (key: apiKey in header); sent Bearer <redacted>"#
            ])
        #expect(try Self.check(Self.good, headers: [("Authorization", "Bearer t0k3n")], security: "bearer") == [])
        #expect(
            try Self.check(Self.good, headers: [("Authorization", "t0k3n")], security: "bearer") == [
                #"header "Authorization": expected Bearer <token> (bearer: http bearer); sent <redacted> (a value with no scheme word)"#
            ])
        let basic = "Basic " + Data("user:secret".utf8).base64EncodedString()
        #expect(try Self.check(Self.good, headers: [("Authorization", basic)], security: "basic") == [])
        let onePart = "Basic " + Data("usersecret".utf8).base64EncodedString()
        #expect(
            try Self.check(Self.good, headers: [("Authorization", onePart)], security: "basic") == [
                #"header "Authorization": expected Basic base64(user:secret) (basic: http basic); sent Basic <redacted> (does not decode to user:secret)"#
            ])
        #expect(try Self.check(Self.good, headers: [], security: "key").first?.hasSuffix("sent nothing") == true)
        // No value, in any form, is ever quoted.
        let all = try Self.check(Self.good, headers: [("Authorization", "Bearer super-secret-value")]).joined()
        #expect(!all.contains("super-secret-value"))
    }

    @Test func bodiesAreCheckedByMediaType() throws {
        let post = { (body: String, type: String) in
            try Self.check(
                "https://api.test/v1/messages", method: "POST",
                headers: [("Authorization", "k3y-123456"), ("Content-Type", type)],
                body: body, operation: "send")
        }
        #expect(try post(#"{"to":["+15555550100"],"content":"hi"}"#, "application/json") == [])
        #expect(
            try post(#"{"to":"+15555550100","content":"hi"}"#, "application/json; charset=utf-8").first?.hasPrefix(
                "body at /to:") == true)
        #expect(try post(#"{"content":"hi"}"#, "application/json").first?.hasPrefix("body at /:") == true)
        #expect(try post("To=%2B15555550100&Count=2", "application/x-www-form-urlencoded") == [])
        #expect(
            try post("To=%2B15555550100&Count=two", "application/x-www-form-urlencoded").first?.hasPrefix(
                "body at /Count:") == true)
        #expect(try post("hello", "text/plain").first?.hasPrefix(#"header "Content-Type": expected one of"#) == true)
        #expect(try post("", "application/json") == ["body: expected a body (required); sent none"])
    }
}
