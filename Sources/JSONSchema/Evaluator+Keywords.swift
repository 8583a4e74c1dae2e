import JSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Evaluator {
    func typeName(_ i: Int) -> String {
        switch tape[i].kind {
        case .null: "null"
        case .true, .false: "boolean"
        case .integer: "integer"
        case .float: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Whether instance `i` is of a type `mask` allows.
    func fits(_ mask: TypeMask, _ i: Int) -> Bool {
        switch tape[i].kind {
        case .null: mask.contains(.null)
        case .true, .false: mask.contains(.boolean)
        case .object: mask.contains(.object)
        case .array: mask.contains(.array)
        case .string: mask.contains(.string)
        case .integer: mask.contains(.number) || mask.contains(.integer)
        case .float: mask.contains(.number) || (mask.contains(.integer) && isIntegral(i))
        }
    }

    mutating func checkType(_ mask: TypeMask, _ n: Int, _ i: Int) -> Bool {
        let ok = fits(mask, i)
        if !ok && collect {
            let names = mask.names
            let expected =
                names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
            report(n, "type", i, expected: expected, message: "expected \(expected), got \(typeName(i)) \(render(i))")
        }
        return ok
    }

    func isIntegral(_ i: Int) -> Bool {
        tape[i].kind == .integer || (tape[i].kind == .float && DecimalLiteral(bytes: document.rawBytes(i)).isIntegral)
    }

    // MARK: - Objects

    /// Entry index of the member key at tape index `key`, if the shape names it. `hint` is the entry
    /// expected next: instances usually list members in the schema's order, so one compare often suffices.
    func lookup(_ box: Shared<ObjectShape>, _ key: Int, hint: inout Int) -> Int? {
        let node = tape[key]
        if node.flags & JSONNode.hasEscapes != 0 {
            return document.withDecodedUTF8(key) { find(box, $0) }
        }
        let name = UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.end)])
        if hint < box.value.entries.count && box.value.entries[hint].name.count == name.count
            && nameEquals(box.value.entries[hint].name, name)
        {
            hint += 1
            return hint - 1
        }
        let found = find(box, name)
        if let found { hint = found + 1 }
        return found
    }

    private func find(_ box: Shared<ObjectShape>, _ name: UnsafeBufferPointer<UInt8>) -> Int? {
        if box.value.table.isEmpty {
            for e in box.value.entries.indices where box.value.entries[e].name.count == name.count {
                if nameEquals(box.value.entries[e].name, name) { return e }
            }
            return nil
        }
        let mask = box.value.table.count - 1
        var slot = Int(ObjectShape.hash(name) & UInt64(mask))
        while true {
            let stored = Int(box.value.table[slot])
            if stored == 0 { return nil }
            if box.value.entries[stored - 1].name.count == name.count
                && nameEquals(box.value.entries[stored - 1].name, name)
            {
                return stored - 1
            }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private func nameEquals(_ stored: [UInt8], _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        stored.withUnsafeBufferPointer { buffer in
            guard let a = buffer.baseAddress, let b = name.baseAddress else { return true }
            return memcmp(a, b, name.count) == 0
        }
    }

    mutating func checkObject(_ box: Shared<ObjectShape>, _ n: Int, _ i: Int, _ out: UnsafeMutablePointer<Annotations>?)
        -> Bool
    {
        var valid = true
        var seenLow: UInt64 = 0
        var seenMany: [Bool] =
            box.value.requiredCount > 64 ? Array(repeating: false, count: box.value.requiredCount) : []
        var found = 0
        var hint = 0
        var member = i + 1
        let end = Int(tape[i].end)
        while member < end {
            let key = member
            let value = member + 1
            member = tape[value].next(after: value)
            var matched = false
            if let e = lookup(box, key, hint: &hint) {
                let ordinal = box.value.entries[e].requiredOrdinal
                if ordinal >= 0 {
                    if ordinal < 64 {
                        if seenLow & (1 << UInt64(ordinal)) == 0 {
                            seenLow |= 1 << UInt64(ordinal)
                            found += 1
                        }
                    } else if !seenMany[ordinal] {
                        seenMany[ordinal] = true
                        found += 1
                    }
                }
                if let child = box.value.entries[e].node {
                    matched = true
                    enter(key)
                    let ok = eval(child, value, nil)
                    leave()
                    if !ok {
                        valid = false
                        if !collect { return false }
                    }
                }
            }
            if !box.value.patterns.isEmpty {
                for pattern in box.value.patterns where matchesKey(pattern.regex, key) {
                    matched = true
                    enter(key)
                    let ok = eval(pattern.node, value, nil)
                    leave()
                    if !ok {
                        valid = false
                        if !collect { return false }
                    }
                }
            }
            if !matched, let additional = box.value.additional {
                enter(key)
                let ok: Bool
                if nodes[additional].alwaysFails {
                    report(
                        n, "additionalProperties", value, expected: "no properties other than those listed",
                        message: "property \"\(document.string(key))\" is not allowed (additionalProperties is false)")
                    ok = false
                } else {
                    ok = eval(additional, value, nil)
                }
                leave()
                if !ok {
                    valid = false
                    if !collect { return false }
                }
                matched = true
            }
            if matched, let out { out.pointee.properties.insert(key) }
        }
        if found < box.value.requiredCount {
            valid = false
            if collect {
                for entry in box.value.entries where entry.requiredOrdinal >= 0 {
                    let ordinal = entry.requiredOrdinal
                    let seen = ordinal < 64 ? seenLow & (1 << UInt64(ordinal)) != 0 : seenMany[ordinal]
                    if !seen {
                        report(
                            n, "required", i, expected: "property \"\(entry.display)\"",
                            message: "required property \"\(entry.display)\" is missing")
                    }
                }
            }
        }
        return valid
    }

    func matchesKey(_ pattern: Pattern, _ key: Int) -> Bool {
        let node = tape[key]
        if node.flags & JSONNode.hasEscapes != 0 {
            return document.withDecodedUTF8(key) { pattern.search($0) == .match }
        }
        return pattern.search(UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.end)])) == .match
    }

    mutating func checkUnevaluatedProperties(
        _ child: Int, _ n: Int, _ i: Int, _ out: UnsafeMutablePointer<Annotations>?
    ) -> Bool {
        guard tape[i].kind == .object else { return true }
        let seen = out?.pointee
        var valid = true
        for (key, value) in document.members(i) {
            if seen?.allProperties == true || seen?.properties.contains(key) == true { continue }
            enter(key)
            let ok: Bool
            if nodes[child].alwaysFails {
                report(
                    n, "unevaluatedProperties", value, expected: "no unevaluated properties",
                    message: "property \"\(document.string(key))\" is not allowed (unevaluatedProperties is false)")
                ok = false
            } else {
                ok = eval(child, value, nil)
            }
            leave()
            if !ok {
                valid = false
                if !collect { return false }
            }
        }
        if valid { out?.pointee.allProperties = true }
        return valid
    }

    // MARK: - Arrays

    mutating func checkArray(_ box: Shared<ArrayShape>, _ n: Int, _ i: Int, _ out: UnsafeMutablePointer<Annotations>?)
        -> Bool
    {
        var valid = true
        var position = 0
        for element in document.elements(i) {
            let child: Int?
            if position < box.value.prefix.count {
                child = box.value.prefix[position]
            } else {
                child = box.value.rest
            }
            if let child {
                enter(-1 - position)
                let ok: Bool
                if nodes[child].alwaysFails && position >= box.value.prefix.count {
                    report(
                        n, box.value.restKeyword, element, expected: "at most \(box.value.prefix.count) items",
                        message: "item \(position) is not allowed (\(box.value.restKeyword) is false)")
                    ok = false
                } else {
                    ok = eval(child, element, nil)
                }
                leave()
                if !ok {
                    valid = false
                    if !collect { return false }
                }
            }
            position += 1
        }
        if valid, let out {
            out.pointee.prefix = max(out.pointee.prefix, min(position, box.value.prefix.count))
            if box.value.rest != nil { out.pointee.allItems = true }
        }
        return valid
    }

    mutating func checkUnevaluatedItems(_ child: Int, _ n: Int, _ i: Int, _ out: UnsafeMutablePointer<Annotations>?)
        -> Bool
    {
        guard tape[i].kind == .array else { return true }
        let seen = out?.pointee
        if seen?.allItems == true { return true }
        var valid = true
        for (position, element) in document.elements(i).enumerated() {
            if position < (seen?.prefix ?? 0) || seen?.items.contains(position) == true { continue }
            enter(-1 - position)
            let ok: Bool
            if nodes[child].alwaysFails {
                report(
                    n, "unevaluatedItems", element, expected: "no unevaluated items",
                    message: "item \(position) is not allowed (unevaluatedItems is false)")
                ok = false
            } else {
                ok = eval(child, element, nil)
            }
            leave()
            if !ok {
                valid = false
                if !collect { return false }
            }
        }
        if valid { out?.pointee.allItems = true }
        return valid
    }
}
