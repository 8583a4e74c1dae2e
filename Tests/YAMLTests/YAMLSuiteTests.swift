import Foundation
import JSON
import Testing
import YAML

/// Suite cases this reader does not pass, each with the reason. Any other failure is a regression;
/// a listed case that starts passing is reported too (`withKnownIssue` then fails).
let knownYAMLSuiteIssues: [String: String] = [:]

/// Suite cases with neither `in.json` nor `error` that the reader refuses by design: their values
/// cannot be JSON.
let refusedByDesign: [String: String] = [
    "2JQS": "two empty keys: both become the JSON key \"\", a duplicate",
    "X38W": "a key written once as a flow sequence and once as its alias: the same JSON key twice",
]

@Suite("YAML test suite")
struct YAMLSuiteTests {
    static let present = YAMLSuite.root != nil
    static let absent: Comment = "the YAML test suite is not there (../shared/yaml-test-suite, $CONFORMANCE_YAML_SUITE)"

    @Test("suite is present (or the run says plainly it did not run)")
    func suiteLocated() {
        guard Self.present else {
            let message =
                "YAML test suite not found at ../shared/yaml-test-suite nor in $\(YAMLSuite.environmentVariable): the suite did NOT run."
            print(message)
            Issue.record(Comment(rawValue: message), severity: .warning)
            return
        }
        #expect(YAMLSuite.valueCases.count > 200 && YAMLSuite.errorCases.count > 50)
    }

    @Test("case with in.json: the values equal", .enabled(if: present, absent), arguments: YAMLSuite.valueCases)
    func values(_ testCase: YAMLSuiteCase) {
        let difference = YAMLSuite.compare(testCase)
        if let reason = knownYAMLSuiteIssues[testCase.id] {
            withKnownIssue(Comment(rawValue: reason)) {
                #expect(difference == nil, Comment(rawValue: difference ?? ""))
            }
        } else {
            #expect(difference == nil, Comment(rawValue: difference ?? ""))
        }
    }

    @Test("error case: refused", .enabled(if: present, absent), arguments: YAMLSuite.errorCases)
    func refused(_ testCase: YAMLSuiteCase) {
        let accepted = YAMLSuite.refusal(testCase)
        if let reason = knownYAMLSuiteIssues[testCase.id] {
            withKnownIssue(Comment(rawValue: reason)) {
                #expect(accepted == nil, Comment(rawValue: accepted ?? ""))
            }
        } else {
            #expect(accepted == nil, Comment(rawValue: accepted ?? ""))
        }
    }

    @Test(
        "case without in.json: read, or refused by design", .enabled(if: present, absent),
        arguments: YAMLSuite.otherCases)
    func other(_ testCase: YAMLSuiteCase) {
        var refusal: YAMLError? = nil
        do {
            _ = try YAMLReader.parse(testCase.input, file: "\(testCase.id)/in.yaml")
        } catch {
            refusal = error
        }
        if refusedByDesign[testCase.id] != nil {
            #expect(refusal != nil, "listed as refused by design, but read")
        } else {
            #expect(refusal == nil, Comment(rawValue: refusal?.description ?? ""))
        }
    }

    @Test("at least 99% of the value cases and of the error cases pass", .enabled(if: present, absent))
    func passRate() {
        let values = YAMLSuite.valueCases.filter { YAMLSuite.compare($0) == nil }.count
        let refused = YAMLSuite.errorCases.filter { YAMLSuite.refusal($0) == nil }.count
        print(
            "YAML test suite: \(values) of \(YAMLSuite.valueCases.count) cases with in.json read equal; "
                + "\(refused) of \(YAMLSuite.errorCases.count) error cases refused"
        )
        #expect(Double(values) >= 0.99 * Double(YAMLSuite.valueCases.count))
        #expect(Double(refused) >= 0.99 * Double(YAMLSuite.errorCases.count))
    }
}
