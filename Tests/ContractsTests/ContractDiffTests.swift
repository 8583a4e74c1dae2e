import Foundation
import JSON
import Testing

@testable import Contracts

/// A before/after pair from Fixtures/diff and every change the diff must report, in order.
struct DiffFixtureCase: Sendable, CustomStringConvertible {
    let old: String
    let new: String
    /// `severity kind operationId place field old=pointer new=pointer`.
    let changes: [String]
    var description: String { "\(old) → \(new)" }
}

let diffFixtureCases: [DiffFixtureCase] = [
    DiffFixtureCase(
        old: "openphone", new: "openphone-userid-not-nullable",
        changes: [
            "non-breaking nullable-removed getMessageById_v1 200 data.userId old=/components/schemas/Message/properties/userId new=/components/schemas/Message/properties/userId"
        ]),
    // The same pair the other way round: a client built for a non-null userId now receives null.
    DiffFixtureCase(
        old: "openphone-userid-not-nullable", new: "openphone",
        changes: [
            "breaking nullable-added getMessageById_v1 200 data.userId old=/components/schemas/Message/properties/userId new=/components/schemas/Message/properties/userId"
        ]),
    DiffFixtureCase(
        old: "openphone", new: "openphone-phonenumberid-removed",
        changes: [
            "breaking field-removed getMessageById_v1 200 data.phoneNumberId old=/components/schemas/Message/properties/phoneNumberId new=-"
        ]),
    DiffFixtureCase(
        old: "openphone", new: "openphone-renamed",
        changes: [
            "non-breaking operation-id-changed getMessageById_v2 - - old=/paths/~1v1~1messages~1{id}/get new=/paths/~1v1~1messages~1{messageId}/get"
        ]),
    // One component, reached by two responses (one change, breaking) and a request (another: the same
    // edit does not break what a client sends).
    DiffFixtureCase(
        old: "courier", new: "courier-new-status",
        changes: [
            "breaking enum-value-added messages_get 200 status old=/components/schemas/MessageStatus new=/components/schemas/MessageStatus",
            "non-breaking enum-value-added messages_list request query parameter status[] old=/components/schemas/MessageStatus new=/components/schemas/MessageStatus",
        ]),
    DiffFixtureCase(
        old: "courier", new: "courier-list-parameters",
        changes: [
            "breaking parameter-newly-required messages_list request query parameter cursor old=/paths/~1messages/get/parameters/0 new=/paths/~1messages/get/parameters/0",
            "breaking parameter-removed messages_list request query parameter list old=/paths/~1messages/get/parameters/2 new=-",
            "breaking enum-value-removed messages_list request query parameter status[] old=/components/schemas/MessageStatus new=/paths/~1messages/get/parameters/5/schema/items",
            "non-breaking parameter-added messages_list request query parameter limit old=- new=/paths/~1messages/get/parameters/6",
        ]),
    // A 3.0 → 3.1 migration that keeps every meaning shows nothing.
    DiffFixtureCase(old: "courier", new: "courier-openapi31", changes: []),
    // 3.1 ignores `nullable`: a rewrite that kept it really does forbid null.
    DiffFixtureCase(
        old: "courier", new: "courier-openapi31-stale-nullable",
        changes: [
            "non-breaking nullable-removed messages_get 200 error old=/components/schemas/MessageDetails/properties/error new=/components/schemas/MessageDetails/properties/error"
        ]),
    DiffFixtureCase(
        old: "sendo", new: "sendo-numsegments-string",
        changes: [
            "breaking type-changed retrieveMessage 200 message.numSegments old=/components/schemas/Message/properties/numSegments new=/components/schemas/Message/properties/numSegments"
        ]),
    DiffFixtureCase(
        old: "sendo", new: "sendo-campaignid-optional",
        changes: [
            "breaking field-no-longer-required retrieveMessage 200 message.campaignId old=/components/schemas/Message/properties/campaignId new=/components/schemas/Message/properties/campaignId"
        ]),
    DiffFixtureCase(
        old: "sendo", new: "sendo-5xx-split",
        changes: [
            "breaking response-status-removed retrieveMessage 5XX - old=/paths/~1v1~1message~1{id}/get/responses/5XX new=-",
            "non-breaking response-status-added retrieveMessage 500 - old=/paths/~1v1~1message~1{id}/get/responses/5XX new=/paths/~1v1~1message~1{id}/get/responses/500",
            "non-breaking response-status-added retrieveMessage 503 - old=/paths/~1v1~1message~1{id}/get/responses/5XX new=/paths/~1v1~1message~1{id}/get/responses/503",
        ]),
    DiffFixtureCase(
        old: "bandwidth-v1", new: "bandwidth-401-removed",
        changes: [
            "breaking response-status-removed getMessage 401 - old=/paths/~1v1~1users~1{userId}~1messages~1{messageId}/get/responses/401 new=-"
        ]),
    DiffFixtureCase(
        old: "bandwidth-v1", new: "bandwidth-text-required",
        changes: [
            "non-breaking field-newly-required getMessage 200 text old=/components/schemas/Message/properties/text new=/components/schemas/Message/properties/text"
        ]),
    DiffFixtureCase(
        old: "bandwidth-v1", new: "bandwidth-time-plain-string",
        changes: [
            "breaking format-changed getMessage 200 time old=/components/schemas/Message/properties/time new=/components/schemas/Message/properties/time"
        ]),
    DiffFixtureCase(
        old: "bandwidth-v1", new: "bandwidth-cycle",
        changes: [
            "non-breaking field-added getMessage 200 replies old=- new=/components/schemas/Message/properties/replies",
            "non-breaking field-added getMessage 200 parent old=- new=/components/schemas/Message/properties/parent",
            "non-breaking field-added getMessage 200 thread old=- new=/components/schemas/Message/properties/thread",
        ]),
    // Message refers to itself three ways; the new value is reported once, where it is written.
    DiffFixtureCase(
        old: "bandwidth-cycle", new: "bandwidth-cycle-new-state",
        changes: [
            "breaking enum-value-added getMessage 200 state old=/components/schemas/Message/properties/state new=/components/schemas/Message/properties/state"
        ]),
    // Six schemas that all refer to each other: one new value, one change, named from the operation
    // that returns the schema itself.
    DiffFixtureCase(
        old: "recursive", new: "recursive-new-status",
        changes: [
            "breaking enum-value-added getRefund 200 status old=/components/schemas/Refund/properties/status new=/components/schemas/Refund/properties/status"
        ]),
    // `$ref A` → `oneOf [A, B]`: a client may now receive a B. One change where the `oneOf` is, not
    // every field of A removed.
    DiffFixtureCase(
        old: "twilio-us-app-to-person", new: "twilio-us-app-to-person-oneof",
        changes: [
            "breaking alternatives-changed CreateUsAppToPerson 201 body old=/components/schemas/messaging.v1.service.us_app_to_person new=/components/schemas/messaging.v1.service.us_app_to_person_response"
        ]),
]

func diffFixture(_ name: String) throws -> Contract {
    try Contract.load(path: Paths.fixture("diff/\(name).json"))
}

extension ContractDiff.Change {
    /// `severity kind operationId place field old=pointer new=pointer`, for exact comparisons.
    var summary: String {
        "\(severity) \(kind.name) \(operationId) \(place) \(field ?? "-") old=\(oldPointer?.description ?? "-") new=\(newPointer?.description ?? "-")"
    }
}

@Suite struct ContractDiffTests {
    @Test("reports exactly the edit of each before/after pair", arguments: diffFixtureCases)
    func fixturePairs(_ pair: DiffFixtureCase) throws {
        let diff = ContractDiff.compare(old: try diffFixture(pair.old), new: try diffFixture(pair.new))
        #expect(diff.changes.map(\.summary) == pair.changes)
        #expect(diff.isBreaking == pair.changes.contains { $0.hasPrefix("breaking ") })
        #expect(diff.breakingChanges.map(\.summary) == pair.changes.filter { $0.hasPrefix("breaking ") })
    }

    @Test(
        "a contract compared with itself has no changes",
        arguments: [
            "courier", "openphone", "sendo", "bandwidth-v1", "bandwidth-cycle", "recursive", "recursive-new-status",
            "twilio-us-app-to-person", "twilio-us-app-to-person-oneof",
        ])
    func identical(name: String) throws {
        let contract = try diffFixture(name)
        #expect(ContractDiff.compare(old: contract, new: contract).changes.map(\.summary) == [])
    }

    @Test(
        "the bundled contracts compare clean with themselves",
        arguments: ["courier", "openphone", "sendo", "bandwidth-v1"])
    func bundled(name: String) throws {
        let contract = try Contract.load(path: Paths.contract(name))
        #expect(ContractDiff.compare(old: contract, new: contract).changes.isEmpty)
    }

    @Test func messagesNameTheFieldAndBothValues() throws {
        func messages(_ old: String, _ new: String) throws -> [String] {
            ContractDiff.compare(old: try diffFixture(old), new: try diffFixture(new)).changes.map(\.message)
        }
        #expect(
            try messages("openphone-userid-not-nullable", "openphone") == [
                "data.userId: nullable added (was string, now string | null)"
            ])
        #expect(
            try messages("sendo", "sendo-numsegments-string") == [
                "message.numSegments: type changed (was integer, now string)"
            ])
        #expect(
            try messages("bandwidth-v1", "bandwidth-time-plain-string") == [
                "time: format changed (was date-time, now none)"
            ])
        #expect(
            try messages("bandwidth-v1", "bandwidth-401-removed") == ["response 401 removed (now documented: 200, 404)"]
        )
        #expect(try messages("courier", "courier-new-status").first == "status: enum value added (\"REQUEUED\")")
        #expect(
            try messages("openphone", "openphone-phonenumberid-removed") == [
                "data.phoneNumberId: field removed (was required)"
            ])
    }

    @Test func lineFormatLeadsWithSeverityOperationStatusAndPointer() throws {
        let diff = ContractDiff.compare(
            old: try diffFixture("openphone-userid-not-nullable"), new: try diffFixture("openphone"))
        #expect(
            diff.changes.map(\.description) == [
                "BREAKING  getMessageById_v1 200 /components/schemas/Message/properties/userId  data.userId: nullable added (was string, now string | null)"
            ])
        let removed = ContractDiff.compare(
            old: try diffFixture("openphone"), new: try diffFixture("openphone-userid-not-nullable"))
        #expect(removed.changes.first?.description.hasPrefix("INFO      getMessageById_v1 200 ") == true)
    }

    @Test func aSharedComponentIsOneChangeListingEveryOperationThatReachesIt() throws {
        let diff = ContractDiff.compare(old: try diffFixture("courier"), new: try diffFixture("courier-new-status"))
        #expect(
            diff.changes.map(\.operations.description) == [
                "[messages_get 200, messages_list 200]", "[messages_list request]",
            ])
        #expect(diff.changes.first?.operations.map(\.field) == ["status", "results[].status"])
        #expect(
            diff.changes.map(\.description) == [
                #"BREAKING  messages_get 200 /components/schemas/MessageStatus  status: enum value added ("REQUEUED") (also messages_list 200)"#,
                #"INFO      messages_list request /components/schemas/MessageStatus  query parameter status[]: enum value added ("REQUEUED")"#,
            ])
    }

    @Test func theLineNamesThreeOtherOperationsAndCountsTheRest() throws {
        let diff = ContractDiff.compare(old: try diffFixture("recursive"), new: try diffFixture("recursive-new-status"))
        #expect(
            diff.changes.map(\.description) == [
                #"BREAKING  getRefund 200 /components/schemas/Refund/properties/status  status: enum value added ("archived") (also getAccount 200, getCustomer 200, getInvoice 200 and 2 more)"#
            ])
        #expect(diff.changes.first?.operations.count == 6)
    }

    @Test func aRefBecomingOneOfIsOneChangeSayingWhatWasAdded() throws {
        let diff = ContractDiff.compare(
            old: try diffFixture("twilio-us-app-to-person"), new: try diffFixture("twilio-us-app-to-person-oneof"))
        #expect(
            diff.changes.map(\.message) == [
                "body: alternatives changed (was messaging.v1.service.us_app_to_person, now oneOf [messaging.v1.service.us_app_to_person, messaging.v1.service.us_app_to_person_v2])"
            ])
        #expect(
            diff.changes.first?.operations.map(\.description) == [
                "CreateUsAppToPerson 201", "ListUsAppToPerson 200", "FetchUsAppToPerson 200",
            ])
        #expect(diff.changes.first?.operations.map(\.field) == ["body", "compliance[]", "body"])
        // The other way round a client receives less: not breaking.
        let back = ContractDiff.compare(
            old: try diffFixture("twilio-us-app-to-person-oneof"), new: try diffFixture("twilio-us-app-to-person"))
        #expect(back.changes.map(\.kind) == [.alternativesChanged])
        #expect(!back.isBreaking)
    }

    @Test func removedAndAddedOperations() throws {
        let diff = ContractDiff.compare(old: try diffFixture("sendo"), new: try diffFixture("openphone"))
        #expect(
            diff.changes.map(\.summary) == [
                "breaking operation-removed retrieveMessage - - old=/paths/~1v1~1message~1{id}/get new=-",
                "non-breaking operation-added getMessageById_v1 - - old=- new=/paths/~1v1~1messages~1{id}/get",
            ])
    }
}
