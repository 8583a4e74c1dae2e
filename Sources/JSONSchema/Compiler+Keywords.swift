import ECMARegex
import JSON

extension Compiler {
    /// Compiles the keywords of the schema at `location` into node `id`.
    mutating func fill(_ id: Int, at location: Location) throws(SchemaError) {
        guard let value = index.value(at: location) else {
            throw error(location, nil, "no schema at this location")
        }
        nodes[id].resource = resourceIndex(index.base(at: location))
        switch value {
        case .bool(let b):
            nodes[id].alwaysFails = !b
            return
        case .object(var schema):
            if !assertsValidationVocabulary(location.document) {
                for keyword in Compiler.validationVocabulary { schema[keyword] = nil }
            }
            var checks: [Check] = []
            var late: [Check] = []
            try compileKeywords(schema, at: location, into: &checks, late: &late, node: id)
            nodes[id].checks = checks + late
            nodes[id].needsAnnotations = !late.isEmpty
            // OpenAPI 3.0 read as 3.0.0–3.0.2 say: `nullable: true` lets null through whatever the
            // other keywords say — written beside a `$ref` too, as the specs that rely on this reading
            // (Twilio's nullable enums) mean it, though 3.0 otherwise ignores the siblings of `$ref`.
            if dialect.hasNullable, options.nullable == .allowsNull, schema["nullable"] == .bool(true),
                !nodes[id].checks.isEmpty
            {
                let inner = nodes.count
                nodes.append(SchemaNode(location: nodes[id].location, resource: nodes[id].resource))
                locations.append(locations[id])
                nodes[inner].checks = nodes[id].checks
                nodes[inner].needsAnnotations = nodes[id].needsAnnotations
                nodes[id].checks = [.unlessNull(inner)]
            }
        default:
            throw error(location, nil, "a schema must be an object or a boolean, found \(value.typeName)")
        }
    }

    /// Keywords of the 2020-12 validation vocabulary.
    static let validationVocabulary = [
        "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
        "maxLength",
        "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains", "maxProperties",
        "minProperties", "required", "dependentRequired",
    ]

    /// False when the document's `$schema` names a meta-schema whose `$vocabulary` leaves out the
    /// validation vocabulary (2020-12 only): its assertions are then mere annotations.
    func assertsValidationVocabulary(_ document: Int) -> Bool {
        guard !dialect.isDraft4Family, case .object(let root) = index.documents[document].value,
            case .string(let metaURI)? = root["$schema"]
        else { return true }
        let uri = URIReference(metaURI).withoutFragment
        let meta = index.available[uri] ?? index.documents.first { $0.uri == uri }?.value
        guard case .object(let vocabularies)? = meta?["$vocabulary"] else { return true }
        return vocabularies["https://json-schema.org/draft/2020-12/vocab/validation"] != nil
    }

    private mutating func sub(_ location: Location, _ tokens: String...) -> Int {
        var pointer = location.pointer
        for token in tokens { pointer = pointer.appending(token) }
        let target = Location(document: location.document, pointer: pointer)
        return referenceNode(target)
    }

    private mutating func referenceNode(_ location: Location) -> Int { allocate(location) }

    private func count(_ value: JSONValue?, _ location: Location, _ keyword: String) throws(SchemaError) -> Int? {
        guard let value else { return nil }
        guard case .number(let n) = value, let count = Self.count(n) else {
            throw error(
                location, keyword,
                "\(keyword) must be a non-negative integer, found \(JSONWriter.string(value).excerpt())")
        }
        return count
    }

    /// A non-negative integral number (`5`, `5.0`, `5e0`) as a count; counts beyond `Int.max` (2^63,
    /// 1e400) saturate, since no string, array or object is that large. Nil for a negative or
    /// fractional number. Never goes through `Double`, whose conversion to an integer traps.
    static func count(_ number: JSONNumber) -> Int? {
        if let exact = number.int64Value { return exact >= 0 ? Int(clamping: exact) : nil }
        let decimal = DecimalLiteral(number.literal)
        guard decimal.isIntegral else { return nil }
        if decimal.isZero { return 0 }
        guard !decimal.negative else { return nil }
        // 0.d1d2… × 10^exponent: 19 or more integer digits is at least 10^18; saturate from there.
        guard decimal.exponent <= 18 else { return Int.max }
        var value = 0
        for position in 0..<decimal.exponent {
            value = value * 10 + Int(position < decimal.digits.count ? decimal.digits[position] : 0)
        }
        return value
    }

    private func number(_ value: JSONValue?, _ location: Location, _ keyword: String) throws(SchemaError) -> JSONNumber?
    {
        guard let value else { return nil }
        guard case .number(let n) = value else {
            throw error(location, keyword, "\(keyword) must be a number, found \(value.typeName)")
        }
        return n
    }

    private func schemaArray(_ value: JSONValue, _ location: Location, _ keyword: String) throws(SchemaError) -> Int {
        guard case .array(let elements) = value, !elements.isEmpty || keyword == "prefixItems" || keyword == "items"
        else {
            throw error(location, keyword, "\(keyword) must be a non-empty array of schemas")
        }
        return elements.count
    }

    private func nameList(_ value: JSONValue, _ location: Location, _ keyword: String) throws(SchemaError) -> [String] {
        guard case .array(let elements) = value else {
            throw error(location, keyword, "\(keyword) must be an array of strings")
        }
        var names: [String] = []
        for element in elements {
            guard case .string(let name) = element else {
                throw error(location, keyword, "\(keyword) must be an array of strings")
            }
            names.append(name)
        }
        return names
    }

    private mutating func compileKeywords(
        _ schema: JSONObject, at location: Location, into checks: inout [Check], late: inout [Check], node id: Int
    ) throws(SchemaError) {
        let draft4 = dialect.isDraft4Family
        if case .string(let ref)? = schema["$ref"] {
            let (target, _) = try resolve(ref, from: location, keyword: "$ref")
            checks.append(.ref(referenceNode(target), keyword: "$ref"))
            if draft4 { return }
        } else if let ref = schema["$ref"] {
            throw error(location, "$ref", "$ref must be a string, found \(ref.typeName)")
        }
        if !draft4, case .string(let ref)? = schema["$dynamicRef"] {
            let (target, fragment) = try resolve(ref, from: location, keyword: "$dynamicRef")
            let targetBase = index.base(at: target)
            let isDynamic = fragment.map { index.dynamicAnchors[targetBase]?[$0] == target } ?? false
            checks.append(.dynamicRef(staticTarget: referenceNode(target), anchor: isDynamic ? fragment : nil))
        }

        // type (+ OpenAPI 3.0 nullable, which only widens an explicit type)
        if let type = schema["type"] {
            var mask: TypeMask = []
            let names: [JSONValue] = type.arrayValue ?? [type]
            if names.isEmpty { throw error(location, "type", "type must name at least one type, found []") }
            for name in names {
                guard case .string(let text) = name, let bit = TypeMask.named(text) else {
                    throw error(
                        location, "type",
                        "unknown type \(JSONWriter.string(name).excerpt()) (expected null, boolean, object, array, number, string or integer)"
                    )
                }
                mask.insert(bit)
            }
            if dialect.hasNullable, schema["nullable"] == .bool(true) { mask.insert(.null) }
            checks.append(.type(mask))
        }
        if let values = schema["enum"] {
            guard case .array(let elements) = values else { throw error(location, "enum", "enum must be an array") }
            let strings: [[UInt8]]? =
                elements.allSatisfy { $0.stringValue != nil } ? elements.map { Array($0.stringValue!.utf8) } : nil
            checks.append(.enumeration(Shared(EnumValues(values: elements, strings: strings))))
        }
        if !draft4, let constant = schema["const"] { checks.append(.constant(constant)) }

        try compileObjectKeywords(schema, at: location, into: &checks, late: &late)
        try compileArrayKeywords(schema, at: location, into: &checks, late: &late)

        // strings
        let minLength = try count(schema["minLength"], location, "minLength")
        let maxLength = try count(schema["maxLength"], location, "maxLength")
        if minLength != nil || maxLength != nil { checks.append(.length(min: minLength, max: maxLength)) }
        if let pattern = schema["pattern"] {
            guard case .string(let source) = pattern else {
                throw error(location, "pattern", "pattern must be a string")
            }
            do {
                checks.append(
                    .pattern(try Pattern(source, stepLimit: options.regexStepLimit, grammar: options.regexGrammar)))
            } catch {
                throw self.error(location, "pattern", error.description)
            }
        }
        if options.assertFormats, case .string(let name)? = schema["format"], let format = Format(rawValue: name) {
            checks.append(.format(format))
        }

        // numbers
        let minimum = try number(schema["minimum"], location, "minimum")
        let maximum = try number(schema["maximum"], location, "maximum")
        if draft4 {
            let exclusiveMin = schema["exclusiveMinimum"] == .bool(true)
            let exclusiveMax = schema["exclusiveMaximum"] == .bool(true)
            if let minimum {
                checks.append(
                    .minimum(
                        NumberBound(minimum), exclusive: exclusiveMin,
                        keyword: exclusiveMin ? "exclusiveMinimum" : "minimum"))
            }
            if let maximum {
                checks.append(
                    .maximum(
                        NumberBound(maximum), exclusive: exclusiveMax,
                        keyword: exclusiveMax ? "exclusiveMaximum" : "maximum"))
            }
        } else {
            if let minimum { checks.append(.minimum(NumberBound(minimum), exclusive: false, keyword: "minimum")) }
            if let maximum { checks.append(.maximum(NumberBound(maximum), exclusive: false, keyword: "maximum")) }
            if let bound = try number(schema["exclusiveMinimum"], location, "exclusiveMinimum") {
                checks.append(.minimum(NumberBound(bound), exclusive: true, keyword: "exclusiveMinimum"))
            }
            if let bound = try number(schema["exclusiveMaximum"], location, "exclusiveMaximum") {
                checks.append(.maximum(NumberBound(bound), exclusive: true, keyword: "exclusiveMaximum"))
            }
        }
        if let divisor = try number(schema["multipleOf"], location, "multipleOf") {
            // By the literal: 1e-400 is positive although its double is 0.
            let decimal = DecimalLiteral(divisor.literal)
            guard !decimal.isZero, !decimal.negative else {
                throw error(location, "multipleOf", "multipleOf must be greater than 0")
            }
            checks.append(.multipleOf(NumberBound(divisor)))
        }

        // applicators
        for keyword in ["allOf", "anyOf", "oneOf"] {
            guard let value = schema[keyword] else { continue }
            let n = try schemaArray(value, location, keyword)
            let children = (0..<n).map { sub(location, keyword, String($0)) }
            switch keyword {
            case "allOf": checks.append(.allOf(children))
            case "anyOf": checks.append(.anyOf(children))
            default: checks.append(.oneOf(children))
            }
        }
        if schema["not"] != nil { checks.append(.not(sub(location, "not"))) }
        if !draft4, schema["if"] != nil {
            checks.append(
                .ifThenElse(
                    condition: sub(location, "if"), then: schema["then"] != nil ? sub(location, "then") : nil,
                    else: schema["else"] != nil ? sub(location, "else") : nil))
        }
    }

    private mutating func compileObjectKeywords(
        _ schema: JSONObject, at location: Location, into checks: inout [Check], late: inout [Check]
    ) throws(SchemaError) {
        var shape = ObjectShape()
        var used = false
        if let properties = schema["properties"] {
            guard case .object(let map) = properties else {
                throw error(location, "properties", "properties must be an object")
            }
            for (name, _) in map {
                shape.entries.append(
                    .init(
                        name: Array(name.utf8), display: name, node: sub(location, "properties", name),
                        requiredOrdinal: -1))
            }
            shape.hasProperties = true
            used = true
        }
        if let required = schema["required"] {
            for name in try nameList(required, location, "required") {
                if let existing = shape.entries.firstIndex(where: { $0.display == name }) {
                    if shape.entries[existing].requiredOrdinal < 0 {
                        shape.entries[existing].requiredOrdinal = shape.requiredCount
                        shape.requiredCount += 1
                    }
                } else {
                    shape.entries.append(
                        .init(name: Array(name.utf8), display: name, node: nil, requiredOrdinal: shape.requiredCount))
                    shape.requiredCount += 1
                }
                used = true
            }
        }
        if let patterns = schema["patternProperties"] {
            guard case .object(let map) = patterns else {
                throw error(location, "patternProperties", "patternProperties must be an object")
            }
            for (source, _) in map {
                do {
                    let regex = try Pattern(source, stepLimit: options.regexStepLimit, grammar: options.regexGrammar)
                    shape.patterns.append((regex, sub(location, "patternProperties", source), source))
                } catch {
                    throw self.error(
                        Location(document: location.document, pointer: location.pointer.appending("patternProperties")),
                        source, error.description)
                }
            }
            used = true
        }
        if schema["additionalProperties"] != nil {
            shape.additional = sub(location, "additionalProperties")
            shape.hasAdditionalKeyword = true
            used = true
        }
        if used {
            shape.buildTable()
            checks.append(.object(Shared(shape)))
        }
        if !dialect.isDraft4Family, schema["propertyNames"] != nil {
            checks.append(.propertyNames(sub(location, "propertyNames")))
        }
        let minProperties = try count(schema["minProperties"], location, "minProperties")
        let maxProperties = try count(schema["maxProperties"], location, "maxProperties")
        if minProperties != nil || maxProperties != nil {
            checks.append(.propertyCount(min: minProperties, max: maxProperties))
        }

        var requiredRules: [(trigger: [UInt8], triggerName: String, names: [String], keyword: String)] = []
        var schemaRules: [(trigger: [UInt8], triggerName: String, node: Int, keyword: String)] = []
        // 2020-12 still reads draft 2019's `dependencies`, as most validators do.
        let dependencyKeywords =
            dialect.isDraft4Family ? ["dependencies"] : ["dependentRequired", "dependentSchemas", "dependencies"]
        for keyword in dependencyKeywords {
            guard let value = schema[keyword] else { continue }
            guard case .object(let map) = value else { throw error(location, keyword, "\(keyword) must be an object") }
            for (name, rule) in map {
                if case .array = rule, keyword != "dependentSchemas" {
                    let names = try nameList(
                        rule, Location(document: location.document, pointer: location.pointer.appending(keyword)), name)
                    requiredRules.append((Array(name.utf8), name, names, keyword))
                } else if keyword != "dependentRequired" {
                    schemaRules.append((Array(name.utf8), name, sub(location, keyword, name), keyword))
                } else {
                    throw error(
                        Location(document: location.document, pointer: location.pointer.appending(keyword)), name,
                        "must be an array of strings")
                }
            }
        }
        if !requiredRules.isEmpty { checks.append(.dependentRequired(requiredRules)) }
        if !schemaRules.isEmpty { checks.append(.dependentSchemas(schemaRules)) }
        if !dialect.isDraft4Family, schema["unevaluatedProperties"] != nil {
            late.append(.unevaluatedProperties(sub(location, "unevaluatedProperties")))
        }
    }

    private mutating func compileArrayKeywords(
        _ schema: JSONObject, at location: Location, into checks: inout [Check], late: inout [Check]
    ) throws(SchemaError) {
        var shape = ArrayShape()
        var used = false
        if dialect.isDraft4Family {
            if let items = schema["items"] {
                used = true
                if case .array(let elements) = items {
                    shape.prefix = (0..<elements.count).map { sub(location, "items", String($0)) }
                    if schema["additionalItems"] != nil {
                        shape.rest = sub(location, "additionalItems")
                        shape.restKeyword = "additionalItems"
                    }
                } else {
                    shape.rest = sub(location, "items")
                }
            }
        } else {
            if let prefix = schema["prefixItems"] {
                let n = try schemaArray(prefix, location, "prefixItems")
                shape.prefix = (0..<n).map { sub(location, "prefixItems", String($0)) }
                used = true
            }
            if schema["items"] != nil {
                shape.rest = sub(location, "items")
                used = true
            }
        }
        if used { checks.append(.array(Shared(shape))) }
        let minItems = try count(schema["minItems"], location, "minItems")
        let maxItems = try count(schema["maxItems"], location, "maxItems")
        if minItems != nil || maxItems != nil { checks.append(.itemCount(min: minItems, max: maxItems)) }
        if schema["uniqueItems"] == .bool(true) { checks.append(.uniqueItems) }
        if !dialect.isDraft4Family, schema["contains"] != nil {
            let minimum = try count(schema["minContains"], location, "minContains") ?? 1
            let maximum = try count(schema["maxContains"], location, "maxContains")
            checks.append(.contains(node: sub(location, "contains"), min: minimum, max: maximum, keyword: "contains"))
        }
        if !dialect.isDraft4Family, schema["unevaluatedItems"] != nil {
            late.append(.unevaluatedItems(sub(location, "unevaluatedItems")))
        }
    }
}

extension ObjectShape {
    /// Builds the hash table when linear search would be slow.
    mutating func buildTable() {
        guard entries.count > 8 else { return }
        var size = 16
        while size < entries.count * 2 { size *= 2 }
        table = Array(repeating: 0, count: size)
        for (i, entry) in entries.enumerated() {
            var slot = Int(entry.name.withUnsafeBufferPointer { ObjectShape.hash($0) } & UInt64(size - 1))
            while table[slot] != 0 { slot = (slot + 1) & (size - 1) }
            table[slot] = Int32(i + 1)
        }
    }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return h
    }
}
