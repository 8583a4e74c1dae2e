import Foundation
import JSON
import Testing

@testable import ConformanceHarness

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct ViewAndReportTests {
    @Test("absent and null are the same only where the contract allows both")
    func absentVersusNull() async throws {
        let (suite, root) = try Fixture.makeSuite()
        defer { Fixture.cleanup(root) }
        let (shape, errorShape) = try RunnerTests.shapes(suite)
        // `note` is optional and nullable: reporting null for it is fine. `userId` is required: leaving it out is not.
        var lenient = TrustingAdapter(shape: shape, errorShape: errorShape)
        lenient.distort = { $0.replacingForTest("/data/note", with: .null) }
        let filter = ["fixture/getThing/example#remove-optional:/data/note"]
        let tolerated = await Verification(suite: suite, caseFilter: filter).run(adapters: [lenient])
        #expect(tolerated.cases.count == 1 && tolerated.cases[0].passed, "\(tolerated.cases.map(\.findings))")

        var dropping = TrustingAdapter(shape: shape, errorShape: errorShape)
        dropping.distort = { view in
            guard case .object(var outer) = view, case .object(var data)? = outer["data"] else { return view }
            data["userId"] = nil
            outer["data"] = .object(data)
            return .object(outer)
        }
        let report = await Verification(suite: suite, caseFilter: ["fixture/getThing/example"]).run(adapters: [dropping]
        )
        #expect(
            report.cases.first?.findings.map(\.description) == [
                #"/data/userId: missing from the client's view: expected "US9", got absent"#
            ])
    }

    @Test("reports: JUnit escapes what XML cannot carry, JSON parses back, Markdown and text name every failure")
    func reports() async throws {
        let (suite, root) = try Fixture.makeSuite()
        defer { Fixture.cleanup(root) }
        let (shape, errorShape) = try RunnerTests.shapes(suite)
        var adapter = TrustingAdapter(shape: shape, errorShape: errorShape)
        adapter.distort = { $0.replacingForTest("/data/status", with: .string("sent\u{1}<&>\"")) }
        let report = await Verification(
            suite: suite, caseFilter: ["fixture/getThing/example", "fixture/getThing/error-404"]
        ).run(adapters: [adapter], toolVersion: "9.9")
        #expect(!report.passed)
        #expect(report.cases.count == 2)

        let xml = report.junitXML()
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(xml.contains("sent\\u0001&lt;&amp;&gt;"))
        #expect(
            VerificationReport.xmlEscape("a\u{1}b<&>\"'\u{FFFF}c") == "a\u{FFFD}b&lt;&amp;&gt;&quot;&apos;\u{FFFD}c")

        let json = try JSONDocument.parse(JSONWriter.write(report.json())).value()
        #expect(json["tool"]?["version"] == "9.9")
        #expect(json["result"] == "failed")
        #expect(
            json["contracts"]?["files"]?[0]?["sha256"]?.stringValue
                == SHA256.hex(try Data(contentsOf: URL(fileURLWithPath: root + "/contracts/fixture.openapi.json"))))
        let failed = try #require(json["cases"]?.arrayValue?.first { $0["result"] == "failed" })
        #expect(failed["findings"]?[0]?["pointer"] == "/data/status")
        // Run from tests (no gate command), the reproduce line reruns the case in `swift test`.
        #expect(failed["reproduce"] == "CONFORMANCE_CASE='fixture/getThing/example' swift test")

        let markdown = report.markdown()
        #expect(markdown.hasPrefix("## Conformance: failed"))
        #expect(markdown.contains("| fixture | `getThing` | Trusting | 2 | 1 | 1 | – |"))
        let text = report.text()
        #expect(text.contains("✗ Trusting fixture/getThing/example\n"))
        #expect(
            text.hasSuffix("1 failed in \(String(format: "%.2f", report.duration)) s\n")
                || text.contains("FAILED: 2/2 checks, 2 cases, 1 passed, 1 failed"))
    }

    @Test("a page that says more follow but drops its cursor must be surfaced, not tolerated")
    func paginationInvariant() throws {
        let contracts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let suite = ConformanceSuite.load(root: contracts)
        let cases = suite.cases().cases.filter { $0.id.hasPrefix("courier/messages_list/three-pages#") }
        let removed = try #require(cases.first { $0.mutation?.identifier == "remove-optional:/paging/cursor" })
        guard case .rejection = removed.expectation else {
            Issue.record("expected a rejection, got \(removed.expectation)")
            return
        }
        #expect(removed.call.pageLimit == 3)
        let moreOnly = try #require(cases.first { $0.mutation?.identifier == "null-non-nullable:/paging/more" })
        guard case .rejection = moreOnly.expectation else {
            Issue.record("expected a rejection")
            return
        }
    }
}
