import Cassettes
import CassettesTesting
import Foundation
import HTTPTransport
import Testing

/// Recording never destroys a good cassette: a failed test, a stand-in's error or an undocumented
/// response leaves the old cassette byte for byte and says where the rejected recording went.
@Suite struct RecordingGateTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let name = "openphone/getMessageById_v1/documented-example"

    /// A provider stand-in answering every request with one canned response.
    struct Canned: HTTPTransport {
        var response: HTTPResponse
        func send(_ request: HTTPRequest) async throws -> HTTPResponse { response }
    }

    /// A suite folder with the OpenPhone contract and one good cassette.
    static func makeSuite() throws -> (recordings: String, cassette: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/contracts", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            atPath: root + "/recordings/openphone/getMessageById_v1", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: repository + "/contracts/openphone.openapi.json", toPath: root + "/contracts/openphone.openapi.json"
        )
        let cassette = root + "/recordings/\(name).json"
        try FileManager.default.copyItem(atPath: repository + "/recordings/\(name).json", toPath: cassette)
        return (root + "/recordings", cassette)
    }

    static let request = HTTPRequest(url: URL(string: "https://api.openphone.com/v1/messages/AC123abc")!)

    static func record(_ response: HTTPResponse, recordings: String, testFailure: String? = nil) async throws {
        _ = try await CassetteScope.run(
            name, mode: .all, live: Canned(response: response), recordings: recordings,
            testFailure: { testFailure }
        ) { transport in
            try await transport.send(request)
        }
    }

    @Test func aStandInsErrorNeverReplacesAGoodCassette() async throws {
        let (recordings, cassette) = try Self.makeSuite()
        let before = try Data(contentsOf: URL(fileURLWithPath: cassette))
        let junk = HTTPResponse(
            status: 500, headers: ["X-Conformance-Error": "unmatched", "Content-Type": "application/json"],
            body: Array(#"{"error":"no recorded interaction matches"}"#.utf8))
        let error = await #expect(throws: CassetteError.self) {
            try await Self.record(junk, recordings: recordings)
        }
        let text = String(describing: try #require(error))
        #expect(text.contains("kept the existing cassette") && text.contains("X-Conformance-Error: unmatched"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: cassette)) == before)
        let aside = try #require(text.components(separatedBy: "the rejected recording is at ").last)
        #expect(try Cassette.load(path: aside).interactions.first?.response.status == 500)
    }

    @Test func anUndocumentedStatusOrBodyIsRejected() async throws {
        let (recordings, cassette) = try Self.makeSuite()
        let before = try Data(contentsOf: URL(fileURLWithPath: cassette))
        await #expect {
            try await Self.record(HTTPResponse(status: 418, body: []), recordings: recordings)
        } throws: { String(describing: $0).contains("interaction 0 (418) is not what getMessageById_v1 documents") }
        await #expect {
            try await Self.record(
                HTTPResponse(
                    status: 200, headers: ["Content-Type": "application/json"], body: Array(#"{"data":{}}"#.utf8)),
                recordings: recordings)
        } throws: { String(describing: $0).contains("interaction 0 (200) is not what getMessageById_v1 documents") }
        #expect(try Data(contentsOf: URL(fileURLWithPath: cassette)) == before)
    }

    @Test func aFailedTestKeepsTheOldCassette() async throws {
        let (recordings, cassette) = try Self.makeSuite()
        let before = try Data(contentsOf: URL(fileURLWithPath: cassette))
        let good = try Cassette.load(path: cassette).interactions[0].response
        await #expect {
            try await Self.record(good, recordings: recordings, testFailure: "the test failed")
        } throws: { String(describing: $0).contains("kept the existing cassette: the test failed") }
        #expect(try Data(contentsOf: URL(fileURLWithPath: cassette)) == before)
    }

    @Test func aPassingTestWithADocumentedResponseReplacesIt() async throws {
        let (recordings, cassette) = try Self.makeSuite()
        var good = try Cassette.load(path: cassette).interactions[0].response
        good.headers.append(name: "X-Request-Id", value: "fresh")
        try await Self.record(good, recordings: recordings)
        let written = try Cassette.load(path: cassette)
        #expect(written.provenance.kind == .recorded)
        #expect(written.interactions[0].response.headers["X-Request-Id"] == "fresh")
    }

    /// Through the trait: an issue recorded in the test body is enough to keep the old cassette.
    @Test func theTraitWatchesTheTestsIssues() async throws {
        let (recordings, cassette) = try Self.makeSuite()
        let before = try Data(contentsOf: URL(fileURLWithPath: cassette))
        let good = try Cassette.load(path: cassette).interactions[0].response
        let trait = CassetteTrait.cassette(Self.name, mode: .all, live: Canned(response: good), recordings: recordings)
        let test = try #require(Test.current)
        await withKnownIssue {
            try await trait.provideScope(for: test, testCase: Test.Case.current) {
                _ = try await CurrentCassette.require().send(Self.request)
                Issue.record("the client decoded the wrong thing")
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: cassette)) == before)
    }
}
