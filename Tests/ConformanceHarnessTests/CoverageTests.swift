import ConformanceHarness
import Foundation
import JSON
import Testing

/// `CoverageReport.compute`: the matrix, and every kind of problem with its file, place and message.
@Suite struct CoverageTests {
    /// Computes the coverage of a fixture prepared by `prepare`, and removes the fixture.
    func report(_ prepare: (CoverageFixture) throws -> Void) throws -> (CoverageReport, CoverageFixture) {
        let fixture = try CoverageFixture()
        defer { fixture.remove() }
        try prepare(fixture)
        return (
            try CoverageReport.compute(contractsDirectory: fixture.contracts, recordingsDirectory: fixture.recordings),
            fixture
        )
    }

    @Test("a cassette for every documented response and enum value is complete")
    func complete() throws {
        let (report, fixture) = try report { try $0.writeComplete() }
        #expect(report.problems.map(\.description) == [])
        #expect(report.isComplete)
        let get = try #require(report.operations.first { $0.operationId == "getThing" })
        #expect(get.provider == "things")
        #expect(get.statuses.map(\.key) == ["200", "404", "5XX"])
        #expect(
            get.statuses.map(\.cassettes) == [
                [fixture.recordings + "/things/getThing/active.json"],
                [fixture.recordings + "/things/getThing/error-404.json"],
                [fixture.recordings + "/things/getThing/error-503.json"],
            ])
        #expect(get.statuses[2].seenStatuses == [503], "503 is covered by the 5XX range")
        // The enum is shared through $ref: archived, seen by listThings, counts for getThing too.
        let status = try #require(get.enums.first)
        #expect(status.field == "thing.status")
        #expect(status.schemaLocation == "#/components/schemas/Status/enum")
        #expect(status.values.map(\.value) == ["active", "archived"])
        #expect(status.values.map(\.cassettes.count) == [1, 1])
        let list = try #require(report.operations.first { $0.operationId == "listThings" })
        #expect(list.enums.map(\.field) == ["[].status"])
    }

    @Test("a documented response without a cassette is a problem at the response in the contract")
    func missingStatus() throws {
        let (report, fixture) = try report { fixture in
            try fixture.writeComplete()
            try FileManager.default.removeItem(atPath: fixture.recordings + "/things/getThing/error-404.json")
        }
        let problem = try #require(report.problems.first)
        #expect(report.problems.count == 1)
        #expect(problem.kind == .missingResponse)
        #expect(
            problem.description
                == "\(fixture.contracts)/things.openapi.json#/paths/~1things~1%7Bid%7D/get/responses/404: getThing documents response 404 but no cassette covers it: add recordings/things/getThing/<scenario>.json with a 404 response"
        )
        #expect(!report.isComplete)
        #expect(report.operations.first?.uncoveredStatuses == ["404"])
    }

    @Test("an enum value no cassette shows is a problem at the value in the contract, reported once")
    func unseenEnumValue() throws {
        let (report, fixture) = try report { fixture in
            try fixture.writeComplete()
            try fixture.write(
                "recordings/things/listThings/archived.json",
                CoverageFixture.cassette(
                    operationId: "listThings", path: "/things", body: #"[{"id": "T2", "status": "active"}]"#))
        }
        #expect(report.problems.map(\.kind) == [.unseenEnumValue])
        #expect(
            report.problems.first?.description
                == "\(fixture.contracts)/things.openapi.json#/components/schemas/Status/enum/1: enum value \"archived\" of thing.status (getThing 200) appears in no cassette of things"
        )
        #expect(report.operations.map { $0.enums.first?.unseen } == [["archived"], ["archived"]])
    }

    @Test("a response that breaks its schema is a problem naming the cassette, the place in it and the rule")
    func invalidCassette() throws {
        let (report, fixture) = try report { fixture in
            try fixture.writeComplete()
            try fixture.write(
                "recordings/things/getThing/active.json",
                CoverageFixture.cassette(body: #"{"thing": {"id": "X1", "status": "active"}}"#))
        }
        #expect(report.problems.map(\.kind) == [.contractViolation])
        let problem = try #require(report.problems.first)
        #expect(problem.file == fixture.recordings + "/things/getThing/active.json")
        #expect(problem.pointer?.description == "/interactions/0/response/body/json/thing/id")
        #expect(problem.message.hasPrefix("response 200 (200): "))
        #expect(problem.message.contains("^T"))
        #expect(
            problem.message.contains(
                "pattern at \(fixture.contracts)/things.openapi.json#/components/schemas/Thing/properties/id/pattern"))
    }

    @Test("a cassette marked as a deliberate violation is accepted with its reason")
    func markedViolation() throws {
        let (report, fixture) = try report { fixture in
            try fixture.writeComplete()
            try fixture.write(
                "recordings/things/getThing/active.json",
                CoverageFixture.cassette(
                    body: #"{"thing": {"id": "X1", "status": "active"}}"#,
                    extra: "\n  \"violation\": \"the live API returns X ids\","))
        }
        #expect(report.problems.map(\.description) == [])
        #expect(report.isComplete)
        let accepted = try #require(report.accepted.first)
        #expect(accepted.file == fixture.recordings + "/things/getThing/active.json")
        #expect(accepted.reason == "the live API returns X ids")
        #expect(accepted.violations.map(\.kind) == [.contractViolation])
        #expect(report.operations.first?.statuses.first?.cassettes.count == 1, "it still covers its status")
    }

    @Test("a violation marker on a cassette that satisfies its contract is stale")
    func staleViolation() throws {
        let (report, _) = try report { fixture in
            try fixture.writeComplete()
            try fixture.write(
                "recordings/things/getThing/active.json",
                CoverageFixture.cassette(
                    body: #"{"thing": {"id": "T1", "status": "active"}}"#, extra: "\n  \"violation\": \"old quirk\","))
        }
        #expect(report.problems.map(\.kind) == [.staleViolation])
        #expect(report.problems.first?.pointer?.description == "/violation")
        #expect(report.problems.first?.message.contains("old quirk") == true)
    }

    @Test(
        "malformed cassettes are problems naming the file and the place, never crashes",
        arguments: [
            ("{\n  \"version\": 1,\n  \"operationId\": \"getThing\",,\n}", ":3:29: "),
            (
                #"{"version": 1, "operationId": "getThing", "provenance": {"kind": "documented", "source": "x"}}"#,
                "#/interactions: missing"
            ),
            (
                #"{"version": 2, "operationId": "getThing", "provenance": {"kind": "documented", "source": "x"}, "interactions": []}"#,
                "#/version: unsupported cassette version 2"
            ),
            ("[1, 2]", ": expected a cassette (a JSON object), got array"),
            ("", ":1:1: "),
        ])
    func malformedCassette(text: String, expected: String) throws {
        let (report, fixture) = try report { fixture in
            try fixture.writeComplete()
            try fixture.write("recordings/things/getThing/broken.json", text)
        }
        let problem = try #require(report.problems.first)
        #expect(report.problems.count == 1)
        #expect(problem.kind == .loadError)
        #expect(problem.description.hasPrefix(fixture.recordings + "/things/getThing/broken.json" + expected))
        #expect(!problem.description.contains("\n"))
    }

    @Test("a malformed contract is a problem with line and column; its cassettes then name no contract")
    func malformedContract() throws {
        let (report, fixture) = try report { fixture in
            try fixture.writeComplete()
            try fixture.write("contracts/things.openapi.json", "{\"openapi\": \"3.1.0\",\n  \"paths\": {]\n}")
        }
        #expect(report.operations.isEmpty)
        #expect(report.problems.first?.kind == .loadError)
        #expect(
            report.problems.first?.description.hasPrefix(
                "\(fixture.contracts)/things.openapi.json:2:13: unexpected character") == true)
        #expect(report.problems.dropFirst().allSatisfy { $0.kind == .unknownOperation })
        #expect(
            report.problems.last?.message.contains(
                "contracts that failed to load: \(fixture.contracts)/things.openapi.json") == true)
    }

    @Test("an operationId in no contract, a wrong provider folder and a wrong operation folder are problems")
    func misplaced() throws {
        let (report, fixture) = try report { fixture in
            try fixture.writeComplete()
            try fixture.write(
                "recordings/things/getThing/other.json", CoverageFixture.cassette(operationId: "getOther", body: "{}"))
            try fixture.write(
                "recordings/thing-v2/getThing/active.json",
                CoverageFixture.cassette(body: #"{"thing": {"id": "T1", "status": "active"}}"#))
            try fixture.write(
                "recordings/things/listThings/single.json",
                CoverageFixture.cassette(body: #"{"thing": {"id": "T1", "status": "active"}}"#))
            try fixture.write(
                "recordings/stray.json", CoverageFixture.cassette(body: #"{"thing": {"id": "T1", "status": "active"}}"#)
            )
        }
        #expect(
            report.problems.map(\.description) == [
                "\(fixture.recordings)/stray.json: a cassette belongs at <provider>/<operationId>/<scenario>.json in the recordings folder, this is stray.json",
                "\(fixture.recordings)/thing-v2/getThing/active.json: filed under provider \"thing-v2\", but getThing is documented by \(fixture.contracts)/things.openapi.json: move it to \(fixture.recordings)/things/getThing/active.json",
                "\(fixture.recordings)/things/getThing/other.json#/operationId: operationId \"getOther\" is in no contract",
                "\(fixture.recordings)/things/listThings/single.json#/operationId: filed under operation \"listThings\", but its operationId is \"getThing\"",
            ])
    }

    @Test("an undocumented status and a request for another path are problems")
    func undocumentedStatusAndRequest() throws {
        let (report, _) = try report { fixture in
            try fixture.writeComplete()
            try fixture.write(
                "recordings/things/getThing/teapot.json", CoverageFixture.cassette(status: 418, body: "{}"))
            try fixture.write(
                "recordings/things/getThing/wrong-path.json",
                CoverageFixture.cassette(path: "/widgets/T1", body: #"{"thing": {"id": "T1", "status": "active"}}"#))
        }
        #expect(report.problems.map(\.kind) == [.undocumentedStatus, .requestMismatch])
        #expect(report.problems[0].pointer?.description == "/interactions/0/response/status")
        #expect(report.problems[0].message.contains("status 418 is not documented for getThing"))
        #expect(report.problems[0].message.contains("(documented: 200, 404, 5XX)"))
        #expect(report.problems[1].pointer?.description == "/interactions/0/request/url")
        #expect(report.problems[1].message == "path /widgets/T1 does not match getThing's path /things/{id}")
    }

    @Test("a missing folder throws a one-line error naming it")
    func missingFolders() throws {
        let fixture = try CoverageFixture()
        defer { fixture.remove() }
        #expect(throws: CoverageError(path: fixture.root + "/nope", message: "no such contracts folder")) {
            try CoverageReport.compute(
                contractsDirectory: fixture.root + "/nope", recordingsDirectory: fixture.recordings)
        }
        #expect(throws: CoverageError(path: fixture.contracts, message: "no *.openapi.json contract in this folder")) {
            try CoverageReport.compute(contractsDirectory: fixture.contracts, recordingsDirectory: fixture.recordings)
        }
    }

    @Test("the JSON form carries the matrix and the problems")
    func json() throws {
        let (report, _) = try report { fixture in
            try fixture.writeComplete()
            try FileManager.default.removeItem(atPath: fixture.recordings + "/things/getThing/error-503.json")
        }
        let json = report.json
        #expect(json["complete"] == false)
        #expect(json["cassettes"] == 3)
        #expect(json["operations"]?[0]?["statuses"]?[2]?["status"] == "5XX")
        #expect(json["operations"]?[0]?["statuses"]?[2]?["cassettes"] == [])
        #expect(json["operations"]?[0]?["enums"]?[0]?["values"]?[0]?["count"] == 1)
        #expect(json["problems"]?[0]?["kind"] == "missing-response")
        #expect(json["problems"]?[0]?["pointer"] == "/paths/~1things~1{id}/get/responses/5XX")
    }
}
