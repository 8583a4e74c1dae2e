import BundledAdapters
import ConformanceHarness
import Testing

/// The bundled clients with a deliberate defect: each defect fails cases, and the failures name it.
/// (A crashing or hanging client needs verify's worker processes; see VerifyIsolationTests.)
@Suite struct BrokenClientTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        var fault: ClientFault
        var client: String
        /// Text every failure of this client must contain.
        var message: String
        /// The case kinds that fail.
        var kinds: Set<ConformanceCase.Kind>
        var testDescription: String { "\(fault.name) (\(client))" }
    }

    static let expectations: [Expectation] = [
        Expectation(
            fault: .millisecondsAsSeconds, client: "courier", message: "wrong instant (milliseconds read as seconds?)",
            kinds: [.success, .mutation, .request]),
        Expectation(
            fault: .requiresNullable, client: "openphone", message: "is required but was null",
            kinds: [.success, .mutation]),
        Expectation(
            fault: .requiresNullable, client: "sendo", message: "is required but was null",
            kinds: [.success, .mutation, .request]),
        Expectation(
            fault: .ignoresErrorBodies, client: "bandwidth", message: "missing from the client's view",
            kinds: [.documentedError]),
        Expectation(
            fault: .ignoresErrorBodies, client: "courier", message: "missing from the client's view",
            kinds: [.documentedError]),
        Expectation(
            fault: .dropsFractions, client: "sendo", message: "wrong instant (fractional seconds dropped?)",
            kinds: [.success, .mutation, .request]),
        // Request-side defects: every case sends the wrong credential; only the escaping cases show an unescaped id.
        Expectation(
            fault: .wrongAuthScheme, client: "openphone",
            message:
                #"header "Authorization": expected the API key itself, with no scheme word (apiKey: apiKey in header); sent Bearer <redacted>"#,
            kinds: [.success, .documentedError, .mutation, .request]),
        Expectation(
            fault: .wrongAuthScheme, client: "bandwidth",
            message:
                #"header "Authorization": expected Basic base64(user:secret) (BasicAuth: http basic); sent Bearer <redacted>"#,
            kinds: [.success, .documentedError, .mutation, .request]),
        Expectation(
            fault: .wrongAuthScheme, client: "sendo",
            message:
                #"header "Authorization": expected Bearer <token> (BearerAuth: http bearer); sent <redacted> (a value with no scheme word)"#,
            kinds: [.success, .documentedError, .mutation, .request]),
        Expectation(
            fault: .unescapedPath, client: "openphone",
            message:
                "path: expected /v1/messages/{id} (3 segments); sent /v1/messages/AC123abc/needs escaping?#%ä (4 segments; an unescaped / in a parameter?)",
            kinds: [.request]),
        Expectation(
            fault: .unescapedPath, client: "courier", message: "an unescaped / in a parameter?", kinds: [.request]),
        Expectation(
            fault: .toAsString, client: "openphone",
            message: #"body at /to: expected array; sent "+1555"#,
            kinds: [.success, .documentedError, .mutation, .request]),
        Expectation(
            fault: .dropsRequiredMember, client: "courier",
            message: #"body at /: expected required property "message"; sent nothing"#,
            kinds: [.success, .documentedError, .mutation, .request]),
    ]

    @Test("a defective client fails, and every failure names the defect", arguments: expectations)
    func caught(_ expectation: Expectation) async throws {
        let adapter = try #require(BundledAdapters.named(expectation.client, fault: expectation.fault))
        let verification = Verification(suite: CaseDerivationTests.suite)
        let report = await verification.run(adapters: [adapter])
        let failures = report.cases.filter { !$0.passed }
        #expect(!failures.isEmpty)
        #expect(!report.passed)
        for failure in failures {
            #expect(
                failure.findings.contains { $0.description.contains(expectation.message) },
                "\(failure.id): \(failure.findings)")
        }
        #expect(Set(failures.map(\.kind)) == expectation.kinds)
        // The same client without the defect passes every case.
        let clean = await verification.run(adapters: [try #require(BundledAdapters.named(expectation.client))])
        #expect(clean.cases.allSatisfy { $0.passed })
    }
}
