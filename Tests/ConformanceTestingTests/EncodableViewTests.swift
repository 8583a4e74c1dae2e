import ConformanceHarness
import Foundation
import HTTPTransport
import JSON
import Testing

@testable import Cassettes

/// `JSONValue(encoding:)` builds the view a `Codable` client already has.
@Suite struct EncodableViewTests {
    struct Model: Encodable {
        enum Kind: String, Encodable { case sms }
        var id: String
        var when: Date
        var kind: Kind
        var note: String?
        var cleared: String??
        var gone: String??
    }

    @Test func datesBecomeMillisecondsAndOptionalsFollowSwift() throws {
        let date = Date(timeIntervalSince1970: 1_772_638_802.918)
        let view = try JSONValue(
            encoding: ["data": Model(id: "AC1", when: date, kind: .sms, note: nil, cleared: .some(nil), gone: nil)])
        #expect(view["data"]?["when"] == .integer(1_772_638_802_918))
        #expect(view["data"]?["kind"] == .string("sms"))
        #expect(view["data"]?["note"] == nil)  // a nil optional is left out: adapters say viewOmitsNulls
        #expect(view["data"]?["cleared"] == .null)  // T?? keeps null (inner nil) …
        #expect(view["data"]?["gone"] == nil)  // … apart from absent (outer nil)
    }

    @Test func anErrorBodyEncodesToItsFields() throws {
        struct Body: Encodable { var code: String, status: Int }
        let error = try ClientAPIError(status: 404, encoding: Body(code: "0200404", status: 404))
        #expect(error.fields == ["code": "0200404", "status": .integer(404)])
    }

    @Test func aListOfFindingsPrintsEachOnce() {
        let finding = Finding(message: "wrong value", expected: "1", actual: "2")
        #expect("\([finding])" == "[wrong value: expected 1, got 2]")
    }

    /// A replay that fails for a reason other than a mismatch is reported with that reason, never `?`.
    @Test func aReplayFailureNamesItsCause() async throws {
        struct Failing: ConformanceAdapter {
            var name: String { "Failing" }
            var version: String { "1" }
            var operations: Set<String> { ["getMessageById_v1"] }
            func perform(_ call: ConformanceCall, transport: any HTTPTransport) async throws -> JSONValue {
                throw ReplayError(file: "(URLProtocol)", message: "the bridge is out of order")
            }
        }
        let item = try #require(try ConformanceSuite.bundled().cases(for: Failing()).first)
        let result = await CaseRunner().run(item, with: Failing())
        #expect(
            result.findings.map(\.message) == [
                "the replay failed before the client got a response: (URLProtocol): the bridge is out of order"
            ])
    }
}
