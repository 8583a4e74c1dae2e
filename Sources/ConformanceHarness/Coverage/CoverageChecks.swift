import Contracts
import HTTPTransport
import JSON
import JSONSchema

/// Whether a cassette's request is a call of the operation it is filed under.
enum CoverageRequestCheck {
    static func problems(_ request: HTTPRequest, operation: Contracts.Operation, file: String, at pointer: JSONPointer)
        -> [CoverageReport.Problem]
    {
        var problems: [CoverageReport.Problem] = []
        if request.method.rawValue.uppercased() != operation.method {
            problems.append(
                .init(
                    kind: .requestMismatch, file: file, pointer: pointer.appending("method"),
                    message:
                        "method \(request.method.rawValue) is not \(operation.id)'s \(operation.method) \(operation.path)"
                ))
        }
        if !matches(path: request.url.path, template: operation.path) {
            problems.append(
                .init(
                    kind: .requestMismatch, file: file, pointer: pointer.appending("url"),
                    message: "path \(request.url.path) does not match \(operation.id)'s path \(operation.path)"))
        }
        return problems
    }

    /// True when the path ends with the template's segments (a server URL may add a prefix such as
    /// `/api`); `{name}` matches one non-empty segment.
    static func matches(path: String, template: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let expected = template.split(separator: "/", omittingEmptySubsequences: true)
        guard segments.count >= expected.count else { return false }
        return zip(segments.suffix(expected.count), expected).allSatisfy { segment, pattern in
            (pattern.hasPrefix("{") && pattern.hasSuffix("}")) || segment == pattern
        }
    }
}

/// Whether a response body satisfies its documented schema.
enum CoverageBodyCheck {
    struct Outcome {
        /// The body as JSON, when it is JSON (enum coverage reads it).
        var body: JSONValue?
        var problems: [CoverageReport.Problem]
    }

    static func validate(
        _ bytes: [UInt8], status: Int, key: String, validator: Validator, contract: Contract, file: String,
        at response: JSONPointer
    ) -> Outcome {
        let bodyPointer = response.appending("body")
        guard !bytes.isEmpty else {
            return Outcome(
                body: nil,
                problems: [
                    .init(
                        kind: .contractViolation, file: file, pointer: response,
                        message: "response \(status) has no body, but \(contract.file) documents a JSON body for \(key)"
                    )
                ])
        }
        let document: JSONDocument
        do {
            document = try JSONDocument.parse(bytes)
        } catch {
            return Outcome(
                body: nil,
                problems: [
                    .init(
                        kind: .contractViolation, file: file, pointer: bodyPointer,
                        message: "response \(status): the body is not JSON (\(error.location): \(error.message))")
                ])
        }
        let value = document.value()
        // A body stored as {"json": …} has its members at body/json/…; a text or base64 body is one string.
        let storedAsJSON =
            JSONWriter.write(value) == bytes || JSONWriter.write(value, options: .init(pretty: true)) == bytes
        let problems: [CoverageReport.Problem] = validator.validate(document).map { violation in
            let schemaPlace = "\(violation.keyword) at \(contract.file)\(violation.schemaLocation)"
            if storedAsJSON {
                return .init(
                    kind: .contractViolation, file: file,
                    pointer: bodyPointer.appending("json").appending(contentsOf: violation.instancePointer),
                    message: "response \(status) (\(key)): \(violation.message) [\(schemaPlace)]")
            }
            let place = violation.instancePointer.isRoot ? "(root)" : violation.instancePointer.description
            return .init(
                kind: .contractViolation, file: file, pointer: bodyPointer,
                message: "response \(status) (\(key)): \(place): \(violation.message) [\(schemaPlace)]")
        }
        return Outcome(body: value, problems: problems)
    }
}
