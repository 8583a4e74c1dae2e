import JSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Evaluator {
    mutating func checkScalarKeyword(_ k: Int, _ n: Int, _ i: Int, _ out: UnsafeMutablePointer<Annotations>?) -> Bool {
        let kind = tape[i].kind
        switch nodes[n].checks[k] {
        case .propertyNames(let child):
            guard kind == .object else { return true }
            var valid = true
            for (key, _) in document.members(i) where !silently(child, key, nil) {
                valid = false
                enter(key)
                report(
                    n, "propertyNames", key, expected: "property names valid against propertyNames",
                    message: "property name \(render(key)) is not valid against propertyNames")
                leave()
                if !collect { return false }
            }
            return valid
        case .propertyCount(let minimum, let maximum):
            guard kind == .object else { return true }
            let count = Int(tape[i].count)
            if let minimum, count < minimum {
                report(
                    n, "minProperties", i, expected: "at least \(minimum) properties",
                    message: "has \(count) properties, fewer than the minimum of \(minimum)")
                return false
            }
            if let maximum, count > maximum {
                report(
                    n, "maxProperties", i, expected: "at most \(maximum) properties",
                    message: "has \(count) properties, more than the maximum of \(maximum)")
                return false
            }
            return true
        case .dependentRequired(let rules):
            guard kind == .object else { return true }
            var valid = true
            for rule in rules where document.member(i, rule.triggerName) != nil {
                for name in rule.names where document.member(i, name) == nil {
                    valid = false
                    report(
                        n, rule.keyword, i, expected: "property \"\(name)\" when \"\(rule.triggerName)\" is present",
                        message: "property \"\(name)\" is required when \"\(rule.triggerName)\" is present")
                    if !collect { return false }
                }
            }
            return valid
        case .itemCount(let minimum, let maximum):
            guard kind == .array else { return true }
            let count = Int(tape[i].count)
            if let minimum, count < minimum {
                report(
                    n, "minItems", i, expected: "at least \(minimum) items",
                    message: "has \(count) items, fewer than the minimum of \(minimum)")
                return false
            }
            if let maximum, count > maximum {
                report(
                    n, "maxItems", i, expected: "at most \(maximum) items",
                    message: "has \(count) items, more than the maximum of \(maximum)")
                return false
            }
            return true
        case .uniqueItems:
            guard kind == .array else { return true }
            if let (a, b) = firstDuplicate(i) {
                report(
                    n, "uniqueItems", i, expected: "unique items",
                    message: "items \(a) and \(b) are equal; items must be unique")
                return false
            }
            return true
        case .contains(let child, let minimum, let maximum, _):
            guard kind == .array else { return true }
            var matches = 0
            for (position, element) in document.elements(i).enumerated() where silently(child, element, nil) {
                matches += 1
                out?.pointee.items.insert(position)
            }
            if matches < minimum {
                report(
                    n, minimum == 1 ? "contains" : "minContains", i, expected: "at least \(minimum) matching items",
                    message: matches == 0
                        ? "no item matches the contains schema"
                        : "only \(matches) items match the contains schema, fewer than \(minimum)")
                return false
            }
            if let maximum, matches > maximum {
                report(
                    n, "maxContains", i, expected: "at most \(maximum) matching items",
                    message: "\(matches) items match the contains schema, more than \(maximum)")
                return false
            }
            return true
        case .length(let minimum, let maximum):
            guard kind == .string else { return true }
            let length = codePoints(i)
            if let minimum, length < minimum {
                report(
                    n, "minLength", i, expected: "at least \(minimum) characters",
                    message: "\(render(i)) is \(length) characters, shorter than the minimum of \(minimum)")
                return false
            }
            if let maximum, length > maximum {
                report(
                    n, "maxLength", i, expected: "at most \(maximum) characters",
                    message: "\(render(i)) is \(length) characters, longer than the maximum of \(maximum)")
                return false
            }
            return true
        case .pattern(let pattern):
            guard kind == .string else { return true }
            let node = tape[i]
            let outcome =
                node.flags & JSONNode.hasEscapes == 0
                ? pattern.search(UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.end)]))
                : document.withDecodedUTF8(i) { pattern.search($0) }
            switch outcome {
            case .match: return true
            case .noMatch:
                report(
                    n, "pattern", i, expected: "a string matching \(pattern.pattern)",
                    message: "\(render(i)) does not match pattern \(pattern.pattern)")
            case .budgetExceeded:
                report(
                    n, "pattern", i, expected: "a string matching \(pattern.pattern)",
                    message:
                        "matching \(render(i)) against pattern \(pattern.pattern) took more than \(pattern.stepLimit) steps; treated as not matching"
                )
            }
            return false
        case .format(let format):
            if format.isNumeric {
                guard kind == .integer || kind == .float else { return true }
                let bound: DecimalLiteral =
                    format == .int32 ? DecimalLiteral("2147483647") : DecimalLiteral("9223372036854775807")
                let low: DecimalLiteral =
                    format == .int32 ? DecimalLiteral("-2147483648") : DecimalLiteral("-9223372036854775808")
                let value = DecimalLiteral(bytes: document.rawBytes(i))
                if value.isIntegral && !(value < low) && !(bound < value) { return true }
            } else {
                guard kind == .string else { return true }
                let node = tape[i]
                let ok =
                    node.flags & JSONNode.hasEscapes == 0
                    ? format.check(UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.end)]))
                    : document.withDecodedUTF8(i) { format.check($0) }
                if ok { return true }
            }
            report(
                n, "format", i, expected: format.expectation,
                message: "\(render(i)) is not \(format.expectation) (format \(format.rawValue))")
            return false
        case .minimum(let bound, let exclusive, let keyword):
            guard kind == .integer || kind == .float else { return true }
            let order = compare(i, bound)
            if order > 0 || (order == 0 && !exclusive) { return true }
            report(
                n, keyword, i,
                expected: exclusive ? "a number greater than \(bound.literal)" : "a number ≥ \(bound.literal)",
                message:
                    "\(render(i)) is less than \(exclusive ? "or equal to " : "")the \(exclusive ? "exclusive " : "")minimum of \(bound.literal)"
            )
            return false
        case .maximum(let bound, let exclusive, let keyword):
            guard kind == .integer || kind == .float else { return true }
            let order = compare(i, bound)
            if order < 0 || (order == 0 && !exclusive) { return true }
            report(
                n, keyword, i,
                expected: exclusive ? "a number less than \(bound.literal)" : "a number ≤ \(bound.literal)",
                message:
                    "\(render(i)) is greater than \(exclusive ? "or equal to " : "")the \(exclusive ? "exclusive " : "")maximum of \(bound.literal)"
            )
            return false
        case .multipleOf(let divisor):
            guard kind == .integer || kind == .float else { return true }
            if isMultiple(i, of: divisor) { return true }
            report(
                n, "multipleOf", i, expected: "a multiple of \(divisor.literal)",
                message: "\(render(i)) is not a multiple of \(divisor.literal)")
            return false
        case .enumeration(let shared):
            if let strings = shared.value.strings {
                if kind == .string {
                    let node = tape[i]
                    if node.flags & JSONNode.hasEscapes == 0 {
                        let raw = UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.end)])
                        for candidate in strings where candidate.count == raw.count {
                            let equal = candidate.withUnsafeBufferPointer { c in
                                c.isEmpty || memcmp(c.baseAddress!, raw.baseAddress!, raw.count) == 0
                            }
                            if equal { return true }
                        }
                    } else if strings.contains(where: { document.stringEquals(i, $0) }) {
                        return true
                    }
                }
            } else if shared.value.values.contains(where: { equals(i, $0) }) {
                return true
            }
            guard collect else { return false }
            let values = shared.value.values
            let listed =
                values.prefix(10).map { JSONWriter.string($0).excerpt() }.joined(separator: ", ")
                + (values.count > 10 ? ", …" : "")
            report(
                n, "enum", i, expected: "one of \(listed)",
                message: "\(render(i)) is not one of the allowed values: \(listed)")
            return false
        case .constant(let value):
            if equals(i, value) { return true }
            report(
                n, "const", i, expected: JSONWriter.string(value).excerpt(),
                message: "\(render(i)) is not the required value \(JSONWriter.string(value).excerpt())")
            return false
        default:
            return true
        }
    }

    /// Unicode scalars in a string node.
    func codePoints(_ i: Int) -> Int {
        document.withDecodedUTF8(i) { utf8 in
            var count = 0
            for byte in utf8 where byte & 0xC0 != 0x80 { count += 1 }
            return count
        }
    }
}
