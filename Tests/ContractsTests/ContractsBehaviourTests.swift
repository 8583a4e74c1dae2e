import Foundation
import JSON
import JSONSchema
import Testing

@testable import Contracts

/// Parameters, shared (`$ref`'d) responses, status lookup order and what the bundled contracts accept.
@Suite struct ContractsBehaviourTests {
    @Test func courierListDocumentsItsQueryFilters() throws {
        let courier = try Contract.load(path: Paths.contract("courier"))
        let list = try #require(courier.operation(id: "messages_list"))
        #expect(
            list.parameters.map(\.name) == [
                "cursor", "event", "list", "messageId", "notification", "recipient", "status",
            ])
        #expect(list.parameters.allSatisfy { $0.location == "query" && !$0.required })
        // status is comma-joined (explode false), as Courier's official SDKs send it; the repeated
        // form is accepted too (x-accepted-explode), each with its x-source.
        #expect(list.parameters.filter(\.isRepeatable).map(\.name) == [])
        let raw = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: Paths.contract("courier"))))
        let parameters =
            ((raw as? [String: Any])?["paths"] as? [String: Any])
            .flatMap { $0["/messages"] as? [String: Any] }.flatMap { $0["get"] as? [String: Any] }
            .flatMap { $0["parameters"] as? [[String: Any]] } ?? []
        let status = try #require(parameters.first { $0["name"] as? String == "status" })
        #expect(status["style"] as? String == "form")
        #expect(status["explode"] as? Bool == false)
        #expect(status["x-accepted-explode"] as? [Bool] == [true, false])
        #expect((status["x-source"] as? [String])?.isEmpty == false)
    }

    @Test("path parameters are declared and required", arguments: documentedOperations.map { "\($0.0)/\($0.1)" })
    func pathParameters(name: String) throws {
        let entry = try #require(documentedOperations.first { "\($0.0)/\($0.1)" == name })
        let operation = try #require(try Contract.load(path: Paths.contract(entry.0)).operation(id: entry.1))
        let declared = operation.parameters.filter { $0.location == "path" }
        #expect(declared.map(\.name) == Contract.templateNames(operation.path))
        #expect(declared.allSatisfy { $0.required && $0.schemaPointer != nil })
    }

    @Test func sharedResponsesAndParametersResolve() throws {
        let contract = try Contract.load(path: Paths.fixture("shared-responses.json"))
        let operation = try #require(contract.operation(id: "getThing"))
        #expect(operation.parameters.map(\.name) == ["id", "tag"])
        #expect(operation.parameters.last?.isRepeatable == true)
        let notFound = try #require(operation.response(forStatus: 404))
        #expect(notFound.description == "no such thing")
        #expect(
            notFound.schemaPointer?.description == "/components/responses/NotFound/content/application~1json/schema")
        #expect(notFound.example == ["title": "not found"])
        #expect(try notFound.validator().validate(["title": 1]).map(\.keyword) == ["type"])
        let fallback = try #require(operation.response(forStatus: 500))
        #expect(
            fallback.schemaPointer?.description
                == "/paths/~1things~1{id}/get/responses/default/content/application~1problem+json/schema")
        #expect(contract.lint().map(\.description) == [])
    }

    @Test(
        "status lookup: exact code, then its range, then default",
        arguments: [
            (200, "200"), (404, "404"), (400, "4XX"), (429, "4XX"), (500, "default"), (302, "default"), (204, "204"),
        ])
    func statusLookup(status: Int, key: String) throws {
        let contract = try Contract.load(path: Paths.fixture("shared-responses.json"))
        let operation = try #require(contract.operation(id: "getThing"))
        #expect(operation.response(forStatus: status)?.statusKey == key)
        #expect(operation.response(forStatus: status)?.covers(status) == true)
    }

    @Test func responseWithoutBodyHasNoValidator() throws {
        let contract = try Contract.load(path: Paths.fixture("shared-responses.json"))
        let empty = try #require(contract.operation(id: "getThing")?.response(forKey: "204"))
        #expect(empty.schemaPointer == nil)
        let error = #expect(throws: ContractError.self) { try empty.validator() }
        #expect(error?.message == "response 204 documents no JSON body")
    }

    @Test func errorDescriptionsNamePlace() {
        let byPointer = ContractError(file: "c.json", pointer: "/paths/~1a/get", message: "bad")
        #expect(byPointer.description == "c.json#/paths/~1a/get: bad")
        let byLocation = ContractError(
            file: "c.json", location: SourceLocation(line: 3, column: 7, offset: 20), message: "oops")
        #expect(byLocation.description == "c.json:3:7: oops")
        let finding = LintFinding(file: "c.json", pointer: "/x", message: "m", severity: .warning)
        #expect(finding.description == "c.json#/x: warning: m")
    }

    @Test func courierPagingFollowsTheSDK() throws {
        let courier = try Contract.load(path: Paths.contract("courier"))
        let validator = try #require(courier.operation(id: "messages_list")?.response(forStatus: 200)).validator()
        #expect(
            validator.validate(try JSONDocument.parse(#"{"paging":{"more":false,"cursor":null},"results":[]}"#)).isEmpty
        )
        #expect(
            validator.validate(try JSONDocument.parse(#"{"paging":{"more":true,"cursor":"abc"},"results":[]}"#)).isEmpty
        )
        #expect(
            validator.validate(try JSONDocument.parse(#"{"paging":{"cursor":"abc"},"results":[]}"#)).map(\.description)
                != [])
    }

    @Test func sendoErrorsCarryANullMessage() throws {
        let sendo = try Contract.load(path: Paths.contract("sendo"))
        let operation = try #require(sendo.operation(id: "retrieveMessage"))
        for status in [400, 401, 403, 404, 429, 500, 503] {
            let validator = try #require(operation.response(forStatus: status)).validator()
            #expect(
                validator.validate(try JSONDocument.parse(#"{"message":null,"error":"Message not found"}"#)).isEmpty,
                "\(status)")
            #expect(!validator.validate(try JSONDocument.parse(#"{"error":"Message not found"}"#)).isEmpty, "\(status)")
        }
    }

    @Test func bandwidthAcceptsTheObservedDeliveryCode() throws {
        let bandwidth = try Contract.load(path: Paths.contract("bandwidth-v1"))
        let validator = try #require(bandwidth.operation(id: "getMessage")?.response(forStatus: 200)).validator()
        func body(
            _ deliveryCode: String, id: String = "m-dr4mcch2wfb6frcls677glq", time: String = "2014-06-09T19:29:09.123Z"
        ) throws -> JSONDocument {
            try JSONDocument.parse(
                #"{"id":"\#(id)","from":"+19195551212","to":"+19195554321","direction":"out","state":"sent","time":"\#(time)","deliveryCode":\#(deliveryCode)}"#
            )
        }
        #expect(validator.validate(try body("0")).isEmpty)
        #expect(validator.validate(try body(#""0""#)).isEmpty)
        #expect(
            validator.validate(try body(#""zero""#)).map { "\($0.instancePointer) \($0.keyword)" } == [
                "/deliveryCode pattern"
            ])
        #expect(
            validator.validate(try body("0", id: "m-short")).map { "\($0.instancePointer) \($0.keyword)" } == [
                "/id pattern"
            ])
        #expect(
            validator.validate(try body("0", time: "2014-06-09 19:29")).map { "\($0.instancePointer) \($0.keyword)" }
                == ["/time format"])
    }

    /// Every message id Bandwidth's v1 documentation publishes (dev.bandwidth.com/ap-docs) is `m-` and 23
    /// lowercase letters and digits; the earlier `{25}` pattern rejected them all.
    @Test(
        "Bandwidth message ids as published",
        arguments: [
            ("m-dr4mcch2wfb6frcls677glq", true), ("m-wnbqotddpcm7ijboconi75i", true),
            ("m-id3x6rblp4jrkih2u7zxjdy", true),
            ("m-b3v2shd6xqzd7ha2dh7pqzi6a", false), ("m-DR4MCCH2WFB6FRCLS677GLQ", false),
            ("m-dr4mcch2wfb6frcls677gl", false),
        ])
    func bandwidthMessageIDs(id: String, valid: Bool) throws {
        let bandwidth = try Contract.load(path: Paths.contract("bandwidth-v1"))
        let operation = try #require(bandwidth.operation(id: "getMessage"))
        let body = try JSONDocument.parse(
            #"{"id":"\#(id)","from":"+19195551212","to":"+19195554321","direction":"in","state":"received","time":"2015-08-04T21:50:12Z"}"#
        )
        let problems = try #require(operation.response(forStatus: 200)).validator().validate(body)
        #expect(problems.map { "\($0.instancePointer) \($0.keyword)" } == (valid ? [] : ["/id pattern"]))
    }

    @Test func openPhoneIncomingMessagesHaveNoUser() throws {
        let openphone = try Contract.load(path: Paths.contract("openphone"))
        let validator = try #require(openphone.operation(id: "getMessageById_v1")?.response(forStatus: 200)).validator()
        let incoming = try JSONDocument.parse(
            #"{"data":{"id":"AC1","to":["+15555550100"],"from":"+15555550101","text":"hi","phoneNumberId":"PN1","direction":"incoming","userId":null,"status":"delivered","createdAt":"2022-01-01T00:00:00Z","updatedAt":"2022-01-01T00:00:00.5Z"}}"#
        )
        #expect(validator.validate(incoming).isEmpty)
        let wrongUser = try JSONDocument.parse(
            #"{"data":{"id":"AC1","to":["+15555550100"],"from":"+15555550101","text":"hi","phoneNumberId":null,"direction":"outgoing","userId":"XX1","status":"sent","createdAt":"2022-01-01T00:00:00Z","updatedAt":"2022-01-01T00:00:00Z"}}"#
        )
        #expect(validator.validate(wrongUser).map { "\($0.instancePointer) \($0.keyword)" } == ["/data/userId pattern"])
    }
}

@Suite struct LintExamplesTests {
    @Test func everyNamedExampleIsCheckedWhereItIs() throws {
        let file = Paths.fixture("bad-examples.json")
        let contract = try Contract.load(path: file)
        let examples = "\(file)#/paths/~1a/get/responses/200/content/application~1json/examples"
        #expect(
            contract.lint().map(\.description) == [
                "\(examples)/wrongId/value: error: example does not satisfy the schema: /id: \"XY1\" does not match pattern ^AC [pattern at #/components/schemas/Thing/properties/id/pattern]",
                "\(examples)/shared/value: error: example does not satisfy the schema: (root): required property \"id\" is missing [required at #/components/schemas/Thing/required]",
                "\(file)#/paths/~1b/get/operationId: error: operationId \"getThing\" is also used at #/paths/~1a/get",
            ])
        #expect(contract.operation(id: "getThing")?.response(forStatus: 200)?.example == ["id": "AC1"])
    }

    @Test func noBodyErrorNamesTheResponse() throws {
        let file = Paths.fixture("bad-examples.json")
        let contract = try Contract.load(path: file)
        let response = try #require(contract.operations.last?.response(forStatus: 204))
        let error = #expect(throws: ContractError.self) { try response.validator() }
        #expect(error?.description == "\(file)#/paths/~1b/get/responses/204: response 204 documents no JSON body")
    }
}
