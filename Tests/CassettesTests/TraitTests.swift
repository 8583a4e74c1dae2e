import Cassettes
import CassettesTesting
import Foundation
import HTTPTransport
import Testing

@Suite struct TraitTests {
    @Test(.cassette("demo/getGreeting/hello", mode: RecordMode.none))
    func traitGivesTheTestItsCassette() async throws {
        let transport = try CurrentCassette.require()
        let response = try await transport.send(HTTPRequest(url: URL(string: "https://api.example.com/v1/greetings/AC1")!))
        #expect(response.status == 200)
        #expect(response.text == #"{"id":"AC1","text":"hello"}"#)
    }

    @Test func scopeWorksWithoutTheTrait() async throws {
        let text = try await CassetteScope.run("demo/getGreeting/hello", mode: RecordMode.none) { transport in
            try await transport.send(HTTPRequest(url: URL(string: "https://api.example.com/v1/greetings/AC1")!)).text
        }
        #expect(text.contains("hello"))
        #expect(CurrentCassette.transport == nil)
    }

    @Test func unusedInteractionsFailTheScope() async {
        await #expect(throws: ReplayError.self) {
            try await CassetteScope.run("demo/getGreeting/hello", mode: RecordMode.none) { _ in () }
        }
    }

    @Test func missingCassetteNamesTheFileAndTheFix() async {
        let error = await #expect(throws: CassetteError.self) {
            try await CassetteScope.run("demo/getGreeting/absent", mode: RecordMode.none) { _ in () }
        }
        #expect(error?.description.hasSuffix("recordings/demo/getGreeting/absent.json: no such cassette, and recording is off (set CONFORMANCE_RECORD=once to record it)") == true)
    }
}
