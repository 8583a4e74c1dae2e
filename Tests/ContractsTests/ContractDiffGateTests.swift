import JSON
import Testing

@testable import Contracts

/// A contract from JSON text.
func gateContract(_ text: String, file: String) throws -> Contract {
    try Contract(document: JSONDocument.parse(text).value(), file: file)
}

/// `count` schemas, each referring to the next `fanOut` ones (a property, an array, an `anyOf`), one
/// `get` per schema; schema 0 has a `status` enum with `statuses`.
func denseContract(count: Int, fanOut: Int, statuses: String, version: String = "3.0.3") throws -> Contract {
    var schemas: [String] = []
    for index in 0..<count {
        var properties = [#""id": {"type": "string"}"#]
        if index == 0 { properties.append(#""status": {"type": "string", "enum": [\#(statuses)]}"#) }
        for step in 1...fanOut {
            let target = "#/components/schemas/S\((index + step) % count)"
            properties.append(#""one\#(step)": {"anyOf": [{"type": "string"}, {"$ref": "\#(target)"}]}"#)
            properties.append(#""many\#(step)": {"type": "array", "items": {"$ref": "\#(target)"}}"#)
        }
        schemas.append(#""S\#(index)": {"type": "object", "properties": {\#(properties.joined(separator: ", "))}}"#)
    }
    let paths = (0..<count).map {
        ##""/s\##($0)": {"get": {"operationId": "get\##($0)", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/S\##($0)"}}}}}}}"##
    }
    return try gateContract(
        """
        {"openapi": "\(version)", "info": {"title": "Dense", "version": "1"},
         "paths": {\(paths.joined(separator: ", "))},
         "components": {"schemas": {\(schemas.joined(separator: ", "))}}}
        """, file: "dense.json")
}

/// One `post /things` with a request body of `content` and the document-level `security` given.
func bodyContract(content: String, security: String = "[]", schemes: String = "{}") throws -> Contract {
    try gateContract(
        """
        {"openapi": "3.0.3", "info": {"title": "Body", "version": "1"}, "security": \(security),
         "paths": {"/things": {"post": {"operationId": "createThing", "requestBody": {"required": true, "content": \(content)},
           "responses": {"200": {"description": "ok"}}},
           "get": {"operationId": "listThings", "responses": {"200": {"description": "ok"}}}}},
         "components": {"securitySchemes": \(schemes)}}
        """, file: "body.json")
}

@Suite struct ContractDiffGateTests {
    @Test func identicalDenselyRecursiveContractsHaveNoChanges() throws {
        let contract = try denseContract(count: 150, fanOut: 6, statuses: #""a""#)
        #expect(ContractDiff.compare(old: contract, new: contract).changes.isEmpty)
    }

    @Test func theSameMeaningUnderAnotherDialectIsComparedPairByPairAndHasNoChanges() throws {
        // 3.0 and 3.1 are read by different rules, so nothing is skipped as unchanged: every pair is compared.
        let old = try denseContract(count: 60, fanOut: 4, statuses: #""a""#)
        let new = try denseContract(count: 60, fanOut: 4, statuses: #""a""#, version: "3.1.0")
        #expect(ContractDiff.compare(old: old, new: new).changes.isEmpty)
        var document = try diffFixture("recursive").document
        document = document.replacing("openapi", with: "3.1.0")
        let rewritten = try Contract(document: document, file: "recursive-3.1.json")
        #expect(ContractDiff.compare(old: try diffFixture("recursive"), new: rewritten).changes.isEmpty)
    }

    @Test func aDanglingReferenceInBothIsNoChange() throws {
        let contract = try schemaContract(
            "3.1.0", ##"{"$ref": "#/components/schemas/Missing"}"##, file: "dangling.json")
        #expect(ContractDiff.compare(old: contract, new: contract).changes.isEmpty)
    }

    @Test func oneChangeInADenseGraphIsOneLineReachedByEveryOperation() throws {
        let diff = ContractDiff.compare(
            old: try denseContract(count: 150, fanOut: 6, statuses: #""a""#),
            new: try denseContract(count: 150, fanOut: 6, statuses: #""a", "b""#))
        #expect(
            diff.changes.map(\.summary) == [
                "breaking enum-value-added get0 200 status old=/components/schemas/S0/properties/status new=/components/schemas/S0/properties/status"
            ])
        #expect(diff.changes.first?.operations.count == 150)
        // Each operation names the field by its shortest path: S149 refers to S0 directly.
        #expect(diff.changes.first?.operations.last?.field == "one1.status")
    }

    @Test func formRequestBodiesAreCompared() throws {
        func form(_ schema: String) -> String { #"{"application/x-www-form-urlencoded": {"schema": \#(schema)}}"# }
        let diff = ContractDiff.compare(
            old: try bodyContract(content: form(#"{"type": "object", "properties": {"mode": {"type": "string"}}}"#)),
            new: try bodyContract(
                content: form(
                    #"{"type": "object", "properties": {"mode": {"type": "string", "enum": ["fast"]}, "name": {"type": "string"}}, "required": ["name"]}"#
                )))
        let form = "/paths/~1things/post/requestBody/content/application~1x-www-form-urlencoded/schema"
        #expect(
            diff.changes.map(\.summary) == [
                "breaking field-added createThing request name old=- new=\(form)/properties/name",
                "breaking enum-added createThing request mode old=\(form)/properties/mode new=\(form)/properties/mode",
            ])
    }

    @Test func aBodyMovedFromJSONToAFormBreaksTheClientsThatSendJSON() throws {
        let schema = #"{"type": "object", "properties": {"mode": {"type": "string"}}}"#
        let diff = ContractDiff.compare(
            old: try bodyContract(content: #"{"application/json": {"schema": \#(schema)}}"#),
            new: try bodyContract(content: #"{"application/x-www-form-urlencoded": {"schema": \#(schema)}}"#))
        #expect(
            diff.changes.map(\.message) == [
                "request body: media type changed (was application/json, now application/x-www-form-urlencoded)"
            ])
        #expect(diff.isBreaking)
    }

    @Test func aWayOfAuthenticatingNoLongerAcceptedIsOneBreakingChangeForEveryOperation() throws {
        let schemes = #"{"basic": {"type": "http", "scheme": "basic"}, "bearer": {"type": "http", "scheme": "bearer"}}"#
        let body = #"{"application/json": {"schema": {"type": "string"}}}"#
        let diff = ContractDiff.compare(
            old: try bodyContract(content: body, security: #"[{"basic": []}, {"bearer": []}]"#, schemes: schemes),
            new: try bodyContract(content: body, security: #"[{"bearer": []}]"#, schemes: schemes))
        #expect(
            diff.changes.map(\.summary) == [
                "breaking security-requirement-removed listThings request security old=/security new=/security"
            ])
        #expect(diff.changes.map(\.message) == ["security: basic no longer accepted (now bearer)"])
        #expect(diff.changes.first?.operations.map(\.description) == ["listThings request", "createThing request"])
    }

    @Test func aNewWayOfAuthenticatingOrNoneNeededDoesNotBreak() throws {
        let schemes =
            #"{"key": {"type": "apiKey", "in": "header", "name": "X-Key"}, "oauth": {"type": "oauth2", "flows": {}}}"#
        let body = #"{"application/json": {"schema": {"type": "string"}}}"#
        let added = ContractDiff.compare(
            old: try bodyContract(content: body, security: #"[{"key": []}]"#, schemes: schemes),
            new: try bodyContract(content: body, security: #"[{"key": []}, {"oauth": ["read"]}]"#, schemes: schemes))
        #expect(added.changes.map(\.message) == ["security: oauth (read) now accepted"])
        #expect(!added.isBreaking)
        let dropped = ContractDiff.compare(
            old: try bodyContract(content: body, security: #"[{"key": []}]"#, schemes: schemes),
            new: try bodyContract(content: body, security: "[]", schemes: schemes))
        #expect(dropped.changes.map(\.message) == ["security: none now accepted"])
        #expect(!dropped.isBreaking)
        let scopes = ContractDiff.compare(
            old: try bodyContract(content: body, security: #"[{"oauth": ["read"]}]"#, schemes: schemes),
            new: try bodyContract(content: body, security: #"[{"oauth": ["read", "write"]}]"#, schemes: schemes))
        #expect(
            scopes.changes.map(\.message) == ["security: oauth (read) no longer accepted (now oauth (read, write))"])
        #expect(scopes.isBreaking)
    }

    @Test func aChangedSecuritySchemeIsReportedOnceWhereItIsDefined() throws {
        let body = #"{"application/json": {"schema": {"type": "string"}}}"#
        let diff = ContractDiff.compare(
            old: try bodyContract(
                content: body, security: #"[{"key": []}]"#,
                schemes: #"{"key": {"type": "apiKey", "in": "header", "name": "X-Key", "description": "old"}}"#),
            new: try bodyContract(
                content: body, security: #"[{"key": []}]"#,
                schemes: #"{"key": {"type": "apiKey", "in": "header", "name": "Authorization", "description": "new"}}"#)
        )
        #expect(
            diff.changes.map(\.description) == [
                #"BREAKING  listThings request /components/securitySchemes/key  security scheme key: name was "X-Key", now "Authorization" (also createThing request)"#
            ])
    }
}

extension JSONValue {
    /// The object with member `key` set to the string `value`.
    fileprivate func replacing(_ key: String, with value: String) -> JSONValue {
        guard case .object(var object) = self else { return self }
        object[key] = .string(value)
        return .object(object)
    }
}
