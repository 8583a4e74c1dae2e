import Foundation
import JSON
import JSONSchema

extension RequestChecker {
    static func bodySpec(contract: Contract, operation: Operation) -> BodySpec? {
        let document = contract.document
        var pointer = operation.pointer.appending("requestBody")
        guard var requestBody = document[pointer] else { return nil }
        if let target = requestBody["$ref"]?.stringValue.flatMap({ try? JSONPointer(uriFragment: $0) }),
            let resolved = document[target]
        {
            requestBody = resolved
            pointer = target
        }
        let content = requestBody["content"]?.objectValue ?? JSONObject([])
        let types = content.map(\.key)
        func validator(_ mediaType: String) -> Validator? {
            guard content[mediaType]?["schema"] != nil else { return nil }
            return try? contract.schemas.validator(
                at: pointer.appending("content").appending(mediaType).appending("schema"))
        }
        let json = types.first { $0 == "application/json" || $0.hasSuffix("+json") }
        let form = types.first { $0 == "application/x-www-form-urlencoded" }
        var formTypes: [String: String] = [:]
        if let form, let schema = content[form]?["schema"] {
            let properties = (resolve(schema, in: document) ?? schema)["properties"]?.objectValue ?? JSONObject([])
            for member in properties {
                formTypes[member.key] = type(of: resolve(member.value, in: document) ?? member.value)
            }
        }
        return BodySpec(
            pointer: pointer, mediaTypes: types, required: requestBody["required"]?.boolValue ?? false,
            json: json.flatMap(validator), form: form.flatMap(validator), formTypes: formTypes)
    }

    /// The body's media type is one the operation documents, and the body satisfies its schema.
    func checkBody(_ bytes: [UInt8], headers: [(name: String, value: String)], into found: inout [RequestViolation]) {
        let contentType = headers.first { $0.name.lowercased() == "content-type" }?.value
        let mediaType = contentType.map {
            String($0.split(separator: ";")[0]).trimmingCharacters(in: .whitespaces).lowercased()
        }
        guard let body else {
            if !bytes.isEmpty {
                found.append(
                    violation(
                        "body", expected: "no body (the operation documents none)", actual: "\(bytes.count) bytes",
                        at: operation.pointer))
            }
            return
        }
        guard !bytes.isEmpty else {
            if body.required {
                found.append(violation("body", expected: "a body (required)", actual: "none", at: body.pointer))
            }
            return
        }
        guard let mediaType, body.mediaTypes.contains(mediaType) else {
            found.append(
                violation(
                    "header \"Content-Type\"", expected: "one of \(body.mediaTypes.joined(separator: ", "))",
                    actual: contentType ?? "nothing", at: body.pointer.appending("content")))
            return
        }
        if mediaType == "application/x-www-form-urlencoded", let form = body.form {
            var object = JSONObject([])
            for pair in String(decoding: bytes, as: UTF8.self).split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let decode = { (text: Substring) in
                    String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
                }
                let name = decode(parts[0])
                let text = parts.count > 1 ? decode(parts[1]) : ""
                object[name] = Self.value(text, as: body.formTypes[name] ?? "string") ?? .string(text)
            }
            report(form.validate(.object(object)), into: &found)
        } else if let json = body.json, mediaType == "application/json" || mediaType.hasSuffix("+json") {
            guard let value = try? JSONDocument.parse(bytes).value() else {
                found.append(
                    violation(
                        "body", expected: "JSON", actual: "\(bytes.count) bytes that do not parse", at: body.pointer))
                return
            }
            report(json.validate(value), into: &found)
        }
    }

    private func report(_ violations: [Violation], into found: inout [RequestViolation]) {
        for item in violations.prefix(20) {
            found.append(
                violation(
                    "body at \(item.instancePointer.isRoot ? "/" : item.instancePointer.description)",
                    expected: item.keyword == "required" ? "required " + item.expected : item.expected,
                    actual: item.keyword == "required" ? "nothing" : Self.excerpt(item.actual),
                    at: body?.pointer ?? operation.pointer))
        }
    }
}
