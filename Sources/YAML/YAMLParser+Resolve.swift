import JSON

/// The members of a mapping being read: keys made strings, a repeated key refused.
struct MappingBuilder {
    var members: [JSONObject.Member] = []
    var offsets: [Int] = []
    /// Positions by key, built once the mapping outgrows a linear search.
    var index: [String: Int] = [:]
    var size = 1
    var height = 0

    mutating func add(_ key: YAMLNode, _ value: YAMLNode, at offset: Int, _ parser: inout YAMLParser)
        throws(YAMLError)
    {
        let name = YAMLParser.keyString(key)
        let duplicate: Int?
        if members.count < 16 {
            duplicate = members.firstIndex { $0.key == name }
        } else {
            if index.isEmpty {
                for (position, member) in members.enumerated() { index[member.key] = position }
            }
            duplicate = index[name]
            index[name] = members.count
        }
        if let duplicate {
            let firstPlace = SourceLocation.of(offset: offsets[duplicate], in: parser.bytes)
            throw parser.error(at: offset, "duplicate key \(parser.excerpt(offset)) (first at line \(firstPlace.line))")
        }
        offsets.append(offset)
        members.append((key: name, value: value.value))
        size += key.size + value.size
        height = max(height, value.height + 1, key.height + 1)
    }

    func node() -> YAMLNode {
        YAMLNode(value: .object(JSONObject(uniqueMembers: members)), size: size, height: height)
    }
}

extension YAMLParser {
    static let yamlTag = "tag:yaml.org,2002:"

    /// JSON keys are strings: a string key as it is, another scalar by its text as written, a
    /// collection by its compact JSON text.
    static func keyString(_ key: YAMLNode) -> String {
        switch key.value {
        case .string(let text): return text
        case .array, .object: return JSONWriter.string(key.value)
        default: return key.plainText ?? JSONWriter.string(key.value)
        }
    }

    /// A plain scalar by the core schema.
    static func resolvePlain(_ text: [UInt8]) -> JSONValue {
        guard let first = text.first else { return .null }
        switch first {
        case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "~"):
            if isNull(text) { return .null }
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            if let bool = bool(text) { return .bool(bool) }
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            if let number = number(text) { return .number(number) }
        default:
            break
        }
        return .string(String(decoding: text, as: UTF8.self))
    }

    static func isNull(_ text: [UInt8]) -> Bool {
        text.isEmpty || text == Array("~".utf8) || text == Array("null".utf8) || text == Array("Null".utf8)
            || text == Array("NULL".utf8)
    }

    static func bool(_ text: [UInt8]) -> Bool? {
        switch String(decoding: text, as: UTF8.self) {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    /// An integer (decimal, `0o`, `0x`) or a decimal float, as a JSON literal; nil otherwise.
    static func number(_ text: [UInt8]) -> JSONNumber? {
        if text.count > 2 && text[0] == UInt8(ascii: "0")
            && (text[1] == UInt8(ascii: "o") || text[1] == UInt8(ascii: "x"))
        {
            let radix = text[1] == UInt8(ascii: "o") ? 8 : 16
            guard let value = UInt64(String(decoding: text[2...], as: UTF8.self), radix: radix) else { return nil }
            return JSONNumber(uncheckedLiteral: String(value))
        }
        var i = 0
        var negative = false
        if text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") {
            negative = text[0] == UInt8(ascii: "-")
            i = 1
        }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        let intStart = i
        while i < text.count && isDigit(text[i]) { i += 1 }
        var integer = Array(text[intStart..<i])
        var fraction: [UInt8]? = nil
        if i < text.count && text[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < text.count && isDigit(text[i]) { i += 1 }
            fraction = Array(text[start..<i])
            if integer.isEmpty && fraction!.isEmpty { return nil }
        } else if integer.isEmpty {
            return nil
        }
        var exponent: [UInt8]? = nil
        if i < text.count && (text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E")) {
            let start = i
            i += 1
            if i < text.count && (text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-")) { i += 1 }
            let digits = i
            while i < text.count && isDigit(text[i]) { i += 1 }
            if i == digits { return nil }
            exponent = Array(text[start..<i])
        }
        guard i == text.count else { return nil }
        while integer.count > 1 && integer[0] == UInt8(ascii: "0") { integer.removeFirst() }
        if integer.isEmpty { integer = [UInt8(ascii: "0")] }
        var literal: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        literal += integer
        if let fraction { literal += [UInt8(ascii: ".")] + (fraction.isEmpty ? [UInt8(ascii: "0")] : fraction) }
        if let exponent { literal += exponent }
        return JSONNumber(uncheckedLiteral: String(decoding: literal, as: UTF8.self))
    }

    /// What a tag makes of a node: the core tags convert or check, other tags leave the value.
    mutating func applyTag(_ tag: String, to node: YAMLNode, at offset: Int) throws(YAMLError) -> YAMLNode {
        var result = node
        let scalarText: String? =
            switch node.value {
            case .array, .object: nil
            case .string(let text): node.plainText ?? text
            default: node.plainText
            }
        func refuse(_ what: String) -> YAMLError {
            error(at: offset, "\(excerpt(offset)): the value is not \(what)")
        }
        switch tag {
        case Self.yamlTag + "str", "!":
            guard let scalarText else { throw refuse("a scalar") }
            result.value = .string(scalarText)
        case Self.yamlTag + "int":
            guard let scalarText, case .number(let n) = Self.resolvePlain(Array(scalarText.utf8)), n.isInteger else {
                throw refuse("an integer")
            }
            result.value = .number(n)
        case Self.yamlTag + "float":
            guard let scalarText else { throw refuse("a float") }
            guard case .number(let n) = Self.resolvePlain(Array(scalarText.utf8)) else {
                let lower = scalarText.lowercased()
                if lower.hasSuffix(".inf") || lower == ".nan" {
                    throw error(at: offset, "\(scalarText): JSON has no infinite or NaN numbers")
                }
                throw refuse("a float")
            }
            result.value = .number(n)
        case Self.yamlTag + "bool":
            guard let scalarText, let bool = Self.bool(Array(scalarText.utf8)) else { throw refuse("a boolean") }
            result.value = .bool(bool)
        case Self.yamlTag + "null":
            guard let scalarText, Self.isNull(Array(scalarText.utf8)) else { throw refuse("null") }
            result.value = .null
        case Self.yamlTag + "map":
            guard case .object = node.value else { throw refuse("a mapping") }
        case Self.yamlTag + "seq":
            guard case .array = node.value else { throw refuse("a sequence") }
        default:
            break
        }
        return result
    }
}
