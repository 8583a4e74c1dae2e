import ConformanceHarness
import ConformanceTesting
import Foundation
import PlainOpenPhoneConformance
import Testing

/// Every case of the operation this client implements, in parallel: the recorded scenarios, every
/// documented error, and every mutation a correct client must reject or tolerate.
@Test(arguments: try ConformanceSuite.bundled().cases(for: PlainOpenPhoneAdapter()))
func conforms(_ item: ConformanceCase) async {
    await expectConformance(item, with: PlainOpenPhoneAdapter())
}

/// The contracts lint clean, every cassette satisfies its contract, every documented response is covered.
@Test func suiteIsSound() throws {
    expectSoundSuite(try ConformanceSuite.bundled())
}

/// A suite path that is wrong fails, naming the path: no green run that checked nothing.
@Test func aWrongSuitePathFails() {
    let wrong = "/path/to/conformance"
    #expect {
        _ = try ConformanceSuite.load(roots: [wrong]).cases(for: PlainOpenPhoneAdapter())
    } throws: { error in
        "\(error)".contains(wrong) && "\(error)".contains("no contracts/ or recordings/ folder here")
    }
}

/// The same client with one defect fails exactly the cases whose timestamps have fractions, and
/// says what to fix.
@Test func aDefectFailsTheRightCases() async throws {
    let cases = try ConformanceSuite.bundled().cases(for: PlainOpenPhoneAdapter())
    var failed: [String] = []
    for item in cases where item.mutation == nil {
        let result = await CaseRunner().run(item, with: PlainOpenPhoneAdapter(dropsFractions: true))
        if !result.passed {
            failed.append(item.id)
            #expect(result.findings.allSatisfy { $0.message == "wrong instant (fractional seconds dropped?)" })
        }
        let body = item.interactions.first.map { String(decoding: $0.response.body, as: UTF8.self) } ?? ""
        let hasFractions = body.range(of: #"T\d\d:\d\d:\d\d\.\d*[1-9]"#, options: .regularExpression) != nil
        #expect(result.passed == !hasFractions, "\(item.id)")
    }
    #expect(!failed.isEmpty)
}
