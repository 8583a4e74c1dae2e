import JSON
import JSONSchema

/// A success body with one mutation applied.
public struct MutatedBody: Sendable, Hashable {
    public var mutation: Mutation
    /// The mutated body's bytes, as the client receives them.
    public var bytes: [UInt8]
    /// The mutated body as JSON (nil when it is not JSON).
    public var value: JSONValue?
}

/// Derives mutations from a body and its response shape: each documented field that is present,
/// once per field path (array elements: the first one), plus the whole-body ones.
struct MutationGenerator {
    let validator: Validator?
    var results: [MutatedBody] = []
    private var seenPaths: Set<String> = []
    private let root: JSONValue

    init(body: JSONValue, validator: Validator?) {
        self.root = body
        self.validator = validator
    }

    static func mutations(of body: JSONValue, bytes: [UInt8], shape: ResponseShape, validator: Validator?)
        -> [MutatedBody]
    {
        var generator = MutationGenerator(body: body, validator: validator)
        generator.visit(body, shape: shape, pointer: .root, path: [])
        let cut = Array(bytes.prefix(max(1, bytes.count / 2)))
        generator.results.append(
            MutatedBody(
                mutation: Mutation(
                    kind: .notJSON, pointer: .root, fieldPath: "",
                    value: .string("first \(cut.count) of \(bytes.count) bytes")), bytes: cut, value: nil))
        return generator.results
    }

    private mutating func visit(_ value: JSONValue, shape: ResponseShape, pointer: JSONPointer, path: [String]) {
        switch value {
        case .object(let object):
            for property in shape.properties {
                guard let member = object[property.name] else { continue }
                let childPointer = pointer.appending(property.name)
                let childPath = path + [property.name]
                let dotted = childPath.joined(separator: ".")
                guard seenPaths.insert(dotted).inserted else { continue }
                add(
                    shape.required.contains(property.name) ? .removeRequired : .removeOptional, at: childPointer,
                    path: dotted, value: nil
                ) { _ in nil }
                valueMutations(member, shape: property.shape, pointer: childPointer, path: dotted)
                visit(member, shape: property.shape, pointer: childPointer, path: childPath)
            }
            if !shape.properties.isEmpty, !shape.closed, !shape.isMap, object["conformanceUnknownField"] == nil {
                let added = pointer.appending("conformanceUnknownField")
                add(
                    .unknownField, at: added, path: (path + ["conformanceUnknownField"]).joined(separator: "."),
                    value: "added by conformance"
                ) { _ in
                    .string("added by conformance")
                }
            }
        case .array(let elements):
            guard let first = elements.first, let element = shape.items.first else { return }
            let childPath = path + ["*"]
            let dotted = childPath.joined(separator: ".")
            guard seenPaths.insert(dotted).inserted else { return }
            valueMutations(first, shape: element, pointer: pointer.appending(0), path: dotted)
            visit(first, shape: element, pointer: pointer.appending(0), path: childPath)
        default:
            break
        }
    }

    /// Mutations of the value itself (not of its presence).
    private mutating func valueMutations(_ value: JSONValue, shape: ResponseShape, pointer: JSONPointer, path: String) {
        if value != .null {
            add(shape.nullable ? .nullNullable : .nullNonNullable, at: pointer, path: path, value: .null) { _ in .null }
            if let wrong = Self.wrongTypeValue(for: shape) {
                add(.wrongType, at: pointer, path: path, value: wrong) { _ in wrong }
            }
        }
        if case .string(let text) = value, let pattern = shape.pattern {
            for candidate in Self.patternBreakers(text) {
                if add(
                    .breakPattern, at: pointer, path: path, value: .string(candidate), requireKeyword: "pattern",
                    { _ in .string(candidate) })
                {
                    results[results.count - 1].mutation.constraint = "pattern \(pattern)"
                    break
                }
            }
        }
        if let encoding = shape.timestamp {
            if encoding == .dateTime, case .string(let text) = value,
                let milliseconds = Instant.milliseconds(rfc3339: text)
            {
                add(.timestampAsEpoch, at: pointer, path: path, value: .integer(milliseconds)) { _ in
                    .integer(milliseconds)
                }
                let local = String(text.prefix(19))
                add(.timestampWithoutOffset, at: pointer, path: path, value: .string(local)) { _ in .string(local) }
                add(.timestampMalformed, at: pointer, path: path, value: "2024-13-45T25:61:00Z") { _ in
                    "2024-13-45T25:61:00Z"
                }
            } else if encoding == .epochMilliseconds, case .number(let number) = value,
                let milliseconds = number.int64Value
            {
                let text = Instant.rfc3339(milliseconds: milliseconds)
                add(.epochAsTimestampText, at: pointer, path: path, value: .string(text)) { _ in .string(text) }
                if let fractional = JSONNumber(literal: "\(milliseconds).5") {
                    add(.timestampMalformed, at: pointer, path: path, value: .number(fractional)) { _ in
                        .number(fractional)
                    }
                }
            }
        }
        if let documented = shape.enumValues, documented.count > 1, case .string = value {
            let strings = documented.compactMap(\.stringValue)
            let upper = !strings.isEmpty && strings.allSatisfy { $0 == $0.uppercased() }
            let unknown = upper ? "CONFORMANCE_NEW_VALUE" : "conformance_new_value"
            add(.unknownEnumValue, at: pointer, path: path, value: .string(unknown)) { _ in .string(unknown) }
        }
    }

    /// Applies one mutation; for a mutation that must be rejected, keeps it only when the contract
    /// indeed rejects the result (optionally through a given keyword), so no case asks a client to
    /// reject a valid body. Returns whether it was kept.
    @discardableResult
    private mutating func add(
        _ kind: Mutation.Kind, at pointer: JSONPointer, path: String, value: JSONValue?, requireKeyword: String? = nil,
        _ transform: (JSONValue) -> JSONValue?
    ) -> Bool {
        guard let mutated = root.replacing(at: pointer, transform) else { return false }
        if kind.defaultExpectation == .reject, let validator {
            let violations = validator.validate(mutated)
            guard !violations.isEmpty else { return false }
            if let requireKeyword,
                !violations.contains(where: { $0.keyword == requireKeyword && $0.instancePointer == pointer })
            {
                return false
            }
        }
        let mutation = Mutation(kind: kind, pointer: pointer, fieldPath: path, value: value)
        results.append(MutatedBody(mutation: mutation, bytes: JSONWriter.write(mutated), value: mutated))
        return true
    }

    static func wrongTypeValue(for shape: ResponseShape) -> JSONValue? {
        let candidates: [JSONValue] = [
            .bool(true), .integer(12345), .string("conformance"), .array([]), .object(JSONObject()),
        ]
        return candidates.first { !shape.allowsType(of: $0) }
    }

    /// Strings that break an ID prefix or an E.164 number, most telling first.
    static func patternBreakers(_ text: String) -> [String] {
        var candidates: [String] = []
        let scalars = Array(text.unicodeScalars)
        if scalars.count >= 2, scalars[0].properties.isUppercase, scalars[1].properties.isUppercase {
            candidates.append("ZZ" + String(String.UnicodeScalarView(scalars.dropFirst(2))))
        }
        if text.hasPrefix("+") { candidates.append(String(text.dropFirst())) }
        candidates += ["x" + text, text + "x", ""]
        return candidates
    }
}

extension JSONValue {
    /// This value with the member or element at `pointer` replaced by `transform(old)`, or removed
    /// when it returns nil (for an object member). Nil when the pointer does not lead anywhere.
    func replacing(at pointer: JSONPointer, _ transform: (JSONValue) -> JSONValue?) -> JSONValue? {
        replacing(tokens: pointer.tokens[...], transform)
    }

    private func replacing(tokens: ArraySlice<String>, _ transform: (JSONValue) -> JSONValue?) -> JSONValue? {
        guard let token = tokens.first else { return transform(self) }
        let rest = tokens.dropFirst()
        switch self {
        case .object(var object):
            if rest.isEmpty {
                // The last token may name a new member (an added unknown field).
                let replacement = transform(object[token] ?? .null)
                object[token] = replacement
                return .object(object)
            }
            guard let child = object[token], let replaced = child.replacing(tokens: rest, transform) else { return nil }
            object[token] = replaced
            return .object(object)
        case .array(var elements):
            guard let index = JSONPointer.arrayIndex(token), elements.indices.contains(index) else { return nil }
            if rest.isEmpty {
                guard let replacement = transform(elements[index]) else { return nil }
                elements[index] = replacement
                return .array(elements)
            }
            guard let replaced = elements[index].replacing(tokens: rest, transform) else { return nil }
            elements[index] = replaced
            return .array(elements)
        default:
            return nil
        }
    }
}
