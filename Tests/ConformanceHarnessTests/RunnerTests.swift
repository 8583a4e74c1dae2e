import Cassettes
import ConformanceHarness
import Contracts
import Foundation
import HTTPTransport
import JSON
import Testing

@Suite struct RunnerTests {
    static func shapes(_ suite: ConformanceSuite) throws -> (ResponseShape?, ResponseShape?) {
        let contract = try #require(suite.contracts["fixture"])
        let operation = try #require(contract.operation(id: "getThing"))
        return (
            ResponseShape(contract: contract, response: try #require(operation.response(forStatus: 200))),
            ResponseShape(contract: contract, response: try #require(operation.response(forStatus: 404)))
        )
    }

    @Test("derived cases: the recorded scenario, the documented error, and each mutation kind the body allows")
    func derivedKinds() throws {
        let (suite, root) = try Fixture.makeSuite()
        defer { Fixture.cleanup(root) }
        let (cases, problems) = suite.cases()
        #expect(problems == [])
        let ids = Set(cases.map(\.id))
        let base = "fixture/getThing/example"
        for expected in [
            base, "fixture/getThing/error-404", base + "#remove-required:/data/id",
            base + "#remove-optional:/data/note", base + "#null-non-nullable:/data/status",
            base + "#null-nullable:/data/userId", base + "#wrong-type:/data/sentAt", base + "#break-pattern:/data/id",
            base + "#break-pattern:/data/to/0",
            base + "#timestamp-as-epoch:/data/createdAt", base + "#timestamp-without-offset:/data/createdAt",
            base + "#timestamp-malformed:/data/createdAt",
            base + "#epoch-as-text:/data/sentAt", base + "#not-json",
            base + "#unknown-field:/data/conformanceUnknownField",
            base + "#unknown-enum-value:/data/status",
        ] {
            #expect(ids.contains(expected), "missing case \(expected)")
        }
        // Arrays are mutated once, at their first element; a second element is the same field.
        #expect(!ids.contains(base + "#break-pattern:/data/to/1"))
        // A required nullable removed is still a removed required field.
        #expect(ids.contains(base + "#remove-required:/data/userId"))
        // Every mutation that must be rejected makes the body invalid against the contract.
        let contract = try #require(suite.contracts["fixture"])
        let validator = try #require(try contract.operation(id: "getThing")?.response(forStatus: 200)?.validator())
        for item in cases where item.mutation != nil {
            guard case .rejection = item.expectation, item.mutation?.kind != .notJSON else { continue }
            let body = try JSONDocument.parse(item.interactions[0].response.body)
            #expect(!validator.isValid(body), "\(item.id) must break the contract")
        }
    }

    @Test("expected views convert timestamps by their documented encoding and keep only documented members")
    func expectedView() throws {
        let (suite, root) = try Fixture.makeSuite()
        defer { Fixture.cleanup(root) }
        let recorded = try #require(suite.cases().cases.first { $0.id == "fixture/getThing/example" })
        guard case .view(let view) = recorded.expectation else {
            Issue.record("expected a view")
            return
        }
        #expect(view["data"]?["createdAt"] == .integer(1_709_280_000_250))
        #expect(view["data"]?["sentAt"] == .integer(1_709_280_000_500))
        #expect(view["data"]?["extra"] == nil)
        #expect(view["data"]?["to"] == ["+15555550100", "+15555550101"])
    }

    @Test("a client that accepts everything passes recorded and tolerated cases and fails every must-reject case")
    func trustingClient() async throws {
        let (suite, root) = try Fixture.makeSuite()
        defer { Fixture.cleanup(root) }
        let (shape, errorShape) = try Self.shapes(suite)
        let report = await Verification(suite: suite).run(adapters: [
            TrustingAdapter(shape: shape, errorShape: errorShape)
        ])
        // The fixture is deliberately small: it never shows `status: delivered`, so only coverage complains.
        #expect(report.checks.filter { !$0.passed }.map(\.name) == ["coverage"])
        #expect(report.checks.first { $0.name == "coverage" }?.problems.first?.contains("delivered") == true)
        for record in report.cases {
            if record.mutation?.kind == .notJSON {
                #expect(record.passed, "its JSON parser rejects the truncated body")
            } else if record.kind == .request {
                // It pastes the id into the URL unescaped: the request check says so.
                #expect(!record.passed)
                #expect(record.findings.contains { $0.message.contains("an unescaped / in a parameter?") })
            } else if record.expected.hasPrefix("reject") {
                #expect(!record.passed, "\(record.id)")
                if record.mutation?.kind == .removeRequired {
                    #expect(
                        record.findings.first?.message.contains(
                            "accepted a body it must reject (required field removed") == true)
                }
            } else {
                #expect(record.passed, "\(record.id): \(record.findings)")
            }
        }
        #expect(!report.passed)
        let row = try #require(report.rows.first)
        #expect(row.mutations > row.mutationsCaught && row.mutationsCaught > 0)
    }

    @Test("a client that reads epoch milliseconds as seconds fails with both instants and the likely cause")
    func millisecondsAsSeconds() async throws {
        let (suite, root) = try Fixture.makeSuite()
        defer { Fixture.cleanup(root) }
        let (shape, errorShape) = try Self.shapes(suite)
        var adapter = TrustingAdapter(shape: shape, errorShape: errorShape)
        adapter.distort = { view in
            guard case .number(let number)? = view["data"]?["sentAt"], let value = number.int64Value else {
                return view
            }
            return view.replacingForTest("/data/sentAt", with: .integer(value * 1000))
        }
        let report = await Verification(suite: suite, caseFilter: ["fixture/getThing/example"]).run(adapters: [adapter])
        let finding = try #require(report.cases.first?.findings.first)
        #expect(finding.pointer == "/data/sentAt")
        #expect(finding.message == "wrong instant (milliseconds read as seconds?)")
        #expect(finding.expected == "2024-03-01T08:00:00.500Z (1709280000500 ms)")
        #expect(finding.actual?.hasSuffix("(1709280000500000 ms)") == true)
    }

    @Test("a client that drops fractional seconds or ignores the offset is told so")
    func fractionsAndOffsets() async throws {
        let (suite, root) = try Fixture.makeSuite()
        defer { Fixture.cleanup(root) }
        let (shape, errorShape) = try Self.shapes(suite)
        for (value, hint) in [
            (Int64(1_709_280_000_000), "fractional seconds dropped"),
            (1_709_287_200_250, "UTC offset ignored? off by 120 minutes"),
        ] {
            var adapter = TrustingAdapter(shape: shape, errorShape: errorShape)
            adapter.distort = { $0.replacingForTest("/data/createdAt", with: .integer(value)) }
            let report = await Verification(suite: suite, caseFilter: ["fixture/getThing/example"]).run(adapters: [
                adapter
            ])
            let finding = try #require(report.cases.first?.findings.first)
            #expect(finding.message.contains(hint), "\(finding)")
        }
    }

    @Test("a client that ignores error bodies fails the documented-error case, naming each missing field")
    func ignoresErrorBodies() async throws {
        let (suite, root) = try Fixture.makeSuite()
        defer { Fixture.cleanup(root) }
        let (shape, errorShape) = try Self.shapes(suite)
        var adapter = TrustingAdapter(shape: shape, errorShape: errorShape)
        adapter.ignoreErrorBodies = true
        let report = await Verification(suite: suite, caseFilter: ["fixture/getThing/error-404"]).run(adapters: [
            adapter
        ])
        let record = try #require(report.cases.first)
        #expect(!record.passed)
        #expect(
            record.findings.map(\.description) == [
                #"/code: missing from the client's view: expected "not_found", got absent"#,
                #"/message: missing from the client's view: expected "No such thing", got absent"#,
            ])
    }

    @Test("a client that hangs times out; one that sends the wrong request is told which part differs")
    func hangsAndWrongRequests() async throws {
        let (suite, root) = try Fixture.makeSuite()
        defer { Fixture.cleanup(root) }
        let item = try #require(suite.cases().cases.first { $0.id == "fixture/getThing/example" })
        struct Hanging: ConformanceAdapter {
            var name: String { "Hanging" }
            var version: String { "0" }
            var operations: Set<String> { ["getThing"] }
            func perform(_ call: ConformanceCall, transport: any HTTPTransport) async throws -> JSONValue {
                while true { try await Task.sleep(for: .seconds(3600)) }
            }
        }
        struct WrongPath: ConformanceAdapter {
            var name: String { "WrongPath" }
            var version: String { "0" }
            var operations: Set<String> { ["getThing"] }
            func perform(_ call: ConformanceCall, transport: any HTTPTransport) async throws -> JSONValue {
                _ = try await transport.send(
                    HTTPRequest(method: .get, url: URL(string: "https://api.example.test/v1/thing/AC123")!))
                return .null
            }
        }
        let hung = await CaseRunner(timeout: .milliseconds(50)).run(item, with: Hanging())
        #expect(!hung.passed && hung.findings.first?.message.contains("did not finish") == true)
        let wrong = await CaseRunner().run(item, with: WrongPath())
        #expect(!wrong.passed)
        #expect(
            wrong.findings.first?.message.contains("path segment 2: expected things, got thing") == true,
            "\(wrong.findings)")
    }

    @Test("the policy decides: tolerating broken ID prefixes on one field turns those cases into view comparisons")
    func policy() throws {
        let (suite, root) = try Fixture.makeSuite()
        defer { Fixture.cleanup(root) }
        var policy = MutationPolicy.default
        policy.set(.tolerate, for: .breakPattern, field: "data.id")
        policy.set(.skip, for: .unknownField)
        let cases = suite.cases(policy: policy).cases
        let idCase = try #require(cases.first { $0.id == "fixture/getThing/example#break-pattern:/data/id" })
        guard case .view(let view) = idCase.expectation else {
            Issue.record("expected a view")
            return
        }
        #expect(view["data"]?["id"] == "ZZ123")
        let toCase = try #require(cases.first { $0.id == "fixture/getThing/example#break-pattern:/data/to/0" })
        guard case .rejection = toCase.expectation else {
            Issue.record("other fields keep the default")
            return
        }
        #expect(!cases.contains { $0.mutation?.kind == .unknownField })
    }

    @Test(
        "policy files: errors name the file and the JSON Pointer",
        arguments: [
            (#"{"rules": [{"kind": "nope", "expect": "reject"}]}"#, "/rules/0/kind: unknown mutation kind \"nope\""),
            (
                #"{"rules": [{"kind": "wrong-type", "expect": "maybe"}]}"#,
                "/rules/0/expect: expected \"reject\", \"tolerate\" or \"skip\""
            ),
            (#"{"rule": []}"#, "/rule: unknown member"),
            (
                #"{"rules": [{"kind": "wrong-type", "expect": "skip", "field": 3}]}"#,
                "/rules/0/field: expected a field path"
            ),
            (#"{"rules": ["#, ":1:12: "),
        ])
    func policyFileErrors(text: String, message: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString).json")
            .path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: PolicyError.self) { _ = try MutationPolicy.load(path: path) }
        do {
            _ = try MutationPolicy.load(path: path)
        } catch {
            #expect(error.description.hasPrefix(path))
            #expect(error.description.contains(message), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }
}

extension JSONValue {
    func replacingForTest(_ pointer: JSONPointer, with value: JSONValue) -> JSONValue {
        guard pointer.tokens.count == 2, case .object(var outer) = self,
            case .object(var inner)? = outer[pointer.tokens[0]]
        else { return self }
        inner[pointer.tokens[1]] = value
        outer[pointer.tokens[0]] = .object(inner)
        return .object(outer)
    }
}

@Suite struct VerificationChecksTests {
    @Test("a cassette that breaks its contract fails the cassettes check, naming the file and the JSON Pointer")
    func brokenCassette() throws {
        let (_, root) = try Fixture.makeSuite()
        defer { Fixture.cleanup(root) }
        let body = #"{"data":{"id":"XY1","to":[],"userId":null,"status":"sent","createdAt":"2024-03-01T10:00:00Z"}}"#
        try Fixture.write(
            Fixture.cassette(status: 200, body: body), to: root + "/recordings/fixture/getThing/broken.json")
        let suite = ConformanceSuite.load(
            contractsDirectory: root + "/contracts", recordingsDirectory: root + "/recordings")
        let checks = Verification(suite: suite).checks(derivationProblems: [])
        let cassettes = try #require(checks.first { $0.name == "cassettes" })
        #expect(cassettes.problems.count == 1)
        #expect(cassettes.problems.first?.contains("broken.json") == true)
        #expect(cassettes.problems.first?.contains("/data/id") == true, "\(cassettes.problems)")
        #expect(checks.first { $0.name == "contracts" }?.passed == true)
    }
}
