import ConformanceHarness
import Foundation
import HTTPTransport
import JSON
import Testing

/// The README's "plug in your own client" example, with a plain Codable client standing in for
/// someone else's: it compiles as written, and the harness judges that client fairly.
@Suite struct ThirdPartyAdapterTests {
    /// A typical hand-written client: synthesized Codable models, JSONDecoder with the `.iso8601` strategy.
    struct MyOpenPhone {
        struct Message: Decodable {
            enum Direction: String, Decodable { case incoming, outgoing }
            enum Status: String, Decodable { case queued, sent, delivered, undelivered }
            var id: String
            var to: [String]
            var from: String
            var text: String
            var phoneNumberId: String?
            var direction: Direction
            var userId: String?
            var status: Status
            var createdAt: Date
            var updatedAt: Date
        }
        struct Envelope: Decodable { var data: Message }
        struct APIError: Decodable { var message: String, code: String, status: Int, title: String, docs: String }
        struct MyOpenPhoneError: Error { var status: Int, code: String, message: String, title: String, docs: String }

        let key: String
        let transport: any HTTPTransport

        func message(_ id: String) async throws -> Message {
            let response = try await transport.send(
                HTTPRequest(
                    url: URL(string: "https://api.openphone.com/v1/messages/\(id)")!, headers: ["Authorization": key]))
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            guard response.status == 200 else {
                let error = try decoder.decode(APIError.self, from: response.bodyData)
                throw MyOpenPhoneError(
                    status: response.status, code: error.code, message: error.message, title: error.title,
                    docs: error.docs)
            }
            return try decoder.decode(Envelope.self, from: response.bodyData).data
        }
    }

    struct MyOpenPhoneAdapter: ConformanceAdapter {
        var name: String { "MyOpenPhone" }
        var version: String { "2.1.0" }
        var operations: Set<String> { ["getMessageById_v1"] }

        func perform(_ call: ConformanceCall, transport: any HTTPTransport) async throws -> JSONValue {
            do {
                let m = try await MyOpenPhone(key: "test", transport: transport).message(call.parameter("id") ?? "")
                return [
                    "data": [
                        "id": .string(m.id), "to": .array(m.to.map { .string($0) }), "from": .string(m.from),
                        "text": .string(m.text),
                        "phoneNumberId": .string(orNull: m.phoneNumberId), "direction": .string(m.direction.rawValue),
                        "userId": .string(orNull: m.userId),
                        "status": .string(m.status.rawValue), "createdAt": .milliseconds(m.createdAt),
                        "updatedAt": .milliseconds(m.updatedAt),
                    ]
                ]
            } catch let error as MyOpenPhone.MyOpenPhoneError {
                throw ClientAPIError(
                    status: error.status,
                    fields: [
                        "code": .string(error.code), "message": .string(error.message),
                        "status": .integer(Int64(error.status)), "title": .string(error.title),
                        "docs": .string(error.docs),
                    ])
            }
        }
    }

    static let cases = CaseDerivationTests.suite.cases().cases.filter { $0.operationId == "getMessageById_v1" }

    @Test("a plain Codable client: what it gets right passes, and each of its real gaps fails with the reason")
    func plainCodableClient() async throws {
        var failures: [String: Set<String>] = [:]
        var passed = 0
        for item in Self.cases {
            let result = await CaseRunner().run(item, with: MyOpenPhoneAdapter())
            if result.passed {
                passed += 1
            } else {
                failures[item.mutation?.kind.name ?? item.kind.rawValue, default: []].insert(
                    item.mutation?.pointer.description ?? item.scenario)
            }
        }
        // Synthesized Codable decodes `String?` with decodeIfPresent: a required-but-nullable member may vanish unnoticed.
        #expect(failures["remove-required"] == ["/data/phoneNumberId", "/data/userId"])
        // No ID-prefix or E.164 checks, and closed enums.
        #expect(failures["break-pattern"]?.contains("/data/id") == true)
        #expect(failures["break-pattern"]?.contains("/data/to/0") == true)
        #expect(failures["unknown-enum-value"] == ["/data/direction", "/data/status"])
        // Its error type drops `description` (and `trace`), which four documented error bodies carry.
        #expect(failures["documented-error"]?.count == 4)
        // Types, non-nullable nulls, epoch numbers for dates and non-JSON bodies it rejects, as it must.
        for kind in [
            "wrong-type", "null-non-nullable", "timestamp-as-epoch", "not-json", "unknown-field", "null-nullable",
        ] {
            #expect(failures[kind] == nil, "\(kind): \(failures[kind] ?? [])")
        }
        print(
            "plain Codable client: \(passed)/\(Self.cases.count) passed; failing kinds: \(failures.mapValues(\.count))")
    }
}
