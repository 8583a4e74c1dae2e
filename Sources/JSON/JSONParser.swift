/// The byte-level parser behind ``JSONDocument/parse(_:options:)``: one pass, one growing tape,
/// no allocation per value. Depth is tracked on an explicit stack, so hostile nesting is an error,
/// never a stack overflow.
struct JSONParser: ~Copyable {
    private let p: UnsafePointer<UInt8>
    private let start: Int
    private let end: Int
    private var pos: Int
    private let options: JSONParseOptions
    var nodes: [JSONNode]
    /// Tape indices of the open containers.
    private var stack: [Int] = []
    /// The innermost container was just opened and has no element yet.
    private var justOpened = false

    init(base: UnsafePointer<UInt8>, range: Range<Int>, options: JSONParseOptions) {
        p = base
        start = range.lowerBound
        end = range.upperBound
        pos = range.lowerBound
        self.options = options
        nodes = []
        nodes.reserveCapacity(range.count / 8 + 4)
    }

    /// A parse failure before the location is resolved to line and column.
    struct Failure: Error {
        var offset: Int
        var message: String
    }

    private func fail(_ message: String, at offset: Int? = nil) -> Failure {
        Failure(offset: offset ?? pos, message: message)
    }

    mutating func parse() throws(Failure) {
        if end - start > options.maxDocumentSize {
            throw fail("document of \(end - start) bytes exceeds the limit of \(options.maxDocumentSize) bytes", at: start)
        }
        skipWhitespace()
        if pos >= end { throw fail("empty document: expected a JSON value") }
        try parseValue()
        while !stack.isEmpty {
            try continueContainer()
        }
        skipWhitespace()
        if pos < end {
            throw fail("unexpected \(describe(pos)) after the end of the JSON value")
        }
    }

    // MARK: - Values

    /// Parses the value at `pos`; a container is opened and left on the stack for the loop in `parse`.
    private mutating func parseValue() throws(Failure) {
        let byte = p[pos]
        switch byte {
        case UInt8(ascii: "\""):
            try parseString()
        case UInt8(ascii: "{"):
            try open(.object)
        case UInt8(ascii: "["):
            try open(.array)
        case UInt8(ascii: "t"):
            try literal("true", .true)
        case UInt8(ascii: "f"):
            try literal("false", .false)
        case UInt8(ascii: "n"):
            try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try parseNumber()
        default:
            throw fail("unexpected \(describe(pos)): expected a JSON value")
        }
    }

    /// One step inside the innermost open container: its first element, `,` and the next element,
    /// or its close.
    private mutating func continueContainer() throws(Failure) {
        guard let top = stack.last else { return }
        let isObject = nodes[top].kind == .object
        let closer = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        skipWhitespace()
        guard pos < end else {
            throw fail("unexpected end of input: expected \(justOpened ? "a value" : "','") or '\(Character(Unicode.Scalar(closer)))'")
        }
        let byte = p[pos]
        if byte == closer {
            pos += 1
            justOpened = false
            try close()
            return
        }
        if justOpened {
            justOpened = false
        } else if byte == UInt8(ascii: ",") {
            pos += 1
            skipWhitespace()
            guard pos < end else { throw fail("unexpected end of input after ','") }
            if p[pos] == closer { throw fail("trailing comma before '\(Character(Unicode.Scalar(closer)))'") }
        } else {
            throw fail("unexpected \(describe(pos)): expected ',' or '\(Character(Unicode.Scalar(closer)))'")
        }
        if isObject {
            try parseKeyAndColon()
            skipWhitespace()
            guard pos < end else { throw fail("unexpected end of input: expected a value") }
        }
        nodes[top].count += 1
        try parseValue()
    }

    private mutating func open(_ kind: JSONKind) throws(Failure) {
        if stack.count >= options.maxDepth {
            throw fail("nesting deeper than \(options.maxDepth) levels")
        }
        stack.append(nodes.count)
        nodes.append(JSONNode(kind: kind, count: 0, start: UInt32(pos), end: 0))
        pos += 1
        justOpened = true
    }

    private mutating func close() throws(Failure) {
        let index = stack.removeLast()
        nodes[index].end = UInt32(nodes.count)
        if nodes[index].kind == .object && options.duplicateKeys.isRejecting && nodes[index].count > 1 {
            try checkDuplicateKeys(object: index)
        }
    }

    private mutating func parseKeyAndColon() throws(Failure) {
        guard pos < end else { throw fail("unexpected end of input: expected a key") }
        guard p[pos] == UInt8(ascii: "\"") else {
            throw fail("unexpected \(describe(pos)): expected a string key")
        }
        try parseString()
        skipWhitespace()
        guard pos < end, p[pos] == UInt8(ascii: ":") else {
            throw fail(pos < end ? "unexpected \(describe(pos)): expected ':' after key" : "unexpected end of input: expected ':'")
        }
        pos += 1
    }

    private mutating func literal(_ text: StaticString, _ kind: JSONKind) throws(Failure) {
        let count = text.utf8CodeUnitCount
        let expected = text.utf8Start
        var i = 0
        while i < count {
            if pos + i >= end || p[pos + i] != expected[i] {
                throw fail("invalid literal: expected '\(text)'", at: pos)
            }
            i += 1
        }
        nodes.append(JSONNode(kind: kind, start: UInt32(pos), end: UInt32(pos + count)))
        pos += count
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while pos < end {
            let byte = p[pos]
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                pos += 1
            } else {
                return
            }
        }
    }

    // MARK: - Numbers

    private mutating func parseNumber() throws(Failure) {
        let begin = pos
        var flags: UInt8 = 0
        if p[pos] == UInt8(ascii: "-") {
            flags = JSONNode.negative
            pos += 1
            guard pos < end, isDigit(p[pos]) else { throw fail("invalid number: expected a digit after '-'") }
        }
        if p[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < end && isDigit(p[pos]) { throw fail("invalid number: leading zero", at: begin) }
        } else {
            while pos < end && isDigit(p[pos]) { pos += 1 }
        }
        var kind = JSONKind.integer
        if pos < end && p[pos] == UInt8(ascii: ".") {
            kind = .float
            pos += 1
            guard pos < end, isDigit(p[pos]) else { throw fail("invalid number: expected a digit after '.'") }
            while pos < end && isDigit(p[pos]) { pos += 1 }
        }
        if pos < end && (p[pos] == UInt8(ascii: "e") || p[pos] == UInt8(ascii: "E")) {
            kind = .float
            pos += 1
            if pos < end && (p[pos] == UInt8(ascii: "+") || p[pos] == UInt8(ascii: "-")) { pos += 1 }
            guard pos < end, isDigit(p[pos]) else { throw fail("invalid number: expected a digit in the exponent") }
            while pos < end && isDigit(p[pos]) { pos += 1 }
        }
        nodes.append(JSONNode(kind: kind, flags: flags, start: UInt32(begin), end: UInt32(pos)))
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    // MARK: - Strings

    private mutating func parseString() throws(Failure) {
        pos += 1
        let contentStart = pos
        var flags: UInt8 = 0
        while true {
            // Eight bytes at a time while none needs attention (quote, backslash, control, non-ASCII).
            while pos &+ 8 <= end {
                let word = UnsafeRawPointer(p + pos).loadUnaligned(as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101
                let high: UInt64 = 0x8080_8080_8080_8080
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                let special =
                    ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                    | ((word &- ones &* 0x20) & ~word) | word
                if special & high != 0 { break }
                pos &+= 8
            }
            guard pos < end else { throw fail("unterminated string", at: contentStart - 1) }
            let byte = p[pos]
            if byte == UInt8(ascii: "\"") {
                nodes.append(JSONNode(kind: .string, flags: flags, start: UInt32(contentStart), end: UInt32(pos)))
                pos += 1
                return
            } else if byte == UInt8(ascii: "\\") {
                flags = JSONNode.hasEscapes
                try parseEscape()
            } else if byte < 0x20 {
                throw fail("control character 0x\(hex(byte)) in string (escape it)")
            } else if byte < 0x80 {
                pos += 1
            } else {
                try parseMultiByte()
            }
        }
    }

    private mutating func parseEscape() throws(Failure) {
        let at = pos
        guard pos + 1 < end else { throw fail("unterminated string") }
        switch p[pos + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            pos += 2
        case UInt8(ascii: "u"):
            let unit = try hex4(at: pos + 2)
            pos += 6
            if unit >= 0xD800 && unit <= 0xDBFF {
                guard pos + 1 < end, p[pos] == UInt8(ascii: "\\"), p[pos + 1] == UInt8(ascii: "u") else {
                    throw fail("lone high surrogate \\u\(hex16(unit)) (expected a low surrogate escape after it)", at: at)
                }
                let low = try hex4(at: pos + 2)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw fail("high surrogate \\u\(hex16(unit)) followed by \\u\(hex16(low)), not a low surrogate", at: at)
                }
                pos += 6
            } else if unit >= 0xDC00 && unit <= 0xDFFF {
                throw fail("lone low surrogate \\u\(hex16(unit))", at: at)
            }
        default:
            throw fail("invalid escape '\\\(printable(pos + 1))' in string")
        }
    }

    private func hex4(at offset: Int) throws(Failure) -> UInt16 {
        guard offset + 4 <= end else { throw fail("incomplete \\u escape", at: offset - 2) }
        var value: UInt16 = 0
        for i in 0..<4 {
            let byte = p[offset + i]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail("invalid \\u escape: '\(printable(offset + i))' is not a hex digit", at: offset - 2)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// Validates one UTF-8 sequence of two to four bytes (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF).
    private mutating func parseMultiByte() throws(Failure) {
        let b0 = p[pos]
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: throw fail("invalid UTF-8 byte 0x\(hex(b0))")
        }
        guard pos + length <= end else { throw fail("truncated UTF-8 sequence") }
        let b1 = p[pos + 1]
        guard b1 >= lower && b1 <= upper else { throw fail("invalid UTF-8 sequence starting with 0x\(hex(b0))") }
        var i = 2
        while i < length {
            guard p[pos + i] & 0xC0 == 0x80 else { throw fail("invalid UTF-8 sequence starting with 0x\(hex(b0))") }
            i += 1
        }
        pos += length
    }

    // MARK: - Duplicate keys

    private func checkDuplicateKeys(object: Int) throws(Failure) {
        let count = Int(nodes[object].count)
        let stop = Int(nodes[object].end)
        if count <= 32 {
            // Pairwise on a stack buffer: cheaper than hashing for the objects APIs return.
            let found: (Int, Int)? = withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { keys in
                var n = 0
                var i = object + 1
                while i < stop {
                    keys[n] = i
                    n += 1
                    i = nodes[i + 1].next(after: i + 1)
                }
                for a in 1..<n {
                    for b in 0..<a where sameKey(keys[a], keys[b]) { return (keys[a], keys[b]) }
                }
                return nil
            }
            if let (key, first) = found { throw duplicate(key, first: first) }
            return
        }
        var seen: [String: Int] = [:]
        seen.reserveCapacity(count)
        var i = object + 1
        while i < stop {
            let name = decodedKey(i)
            if let first = seen[name] { throw duplicate(i, first: first) }
            seen[name] = i
            i = nodes[i + 1].next(after: i + 1)
        }
    }

    private func sameKey(_ a: Int, _ b: Int) -> Bool {
        let x = nodes[a]
        let y = nodes[b]
        if (x.flags | y.flags) & JSONNode.hasEscapes != 0 { return decodedKey(a) == decodedKey(b) }
        let length = Int(x.end - x.start)
        guard length == Int(y.end - y.start) else { return false }
        return memcmp(p + Int(x.start), p + Int(y.start), length) == 0
    }

    private func decodedKey(_ index: Int) -> String {
        let node = nodes[index]
        let raw = UnsafeBufferPointer(start: p + Int(node.start), count: Int(node.end - node.start))
        return JSONStringDecoder.decode(raw, hasEscapes: node.flags & JSONNode.hasEscapes != 0)
    }

    private func duplicate(_ key: Int, first: Int) -> Failure {
        let text = Array(UnsafeBufferPointer(start: p, count: end))
        let firstAt = SourceLocation.of(offset: Int(nodes[first].start) - 1, in: text, from: start)
        return fail("duplicate key \"\(decodedKey(key))\" (first at \(firstAt))", at: Int(nodes[key].start) - 1)
    }

    // MARK: - Messages

    private func describe(_ offset: Int) -> String {
        let byte = p[offset]
        if byte >= 0x20 && byte < 0x7F { return "character '\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(hex(byte))"
    }

    private func printable(_ offset: Int) -> String {
        guard offset < end else { return "" }
        let byte = p[offset]
        return byte >= 0x20 && byte < 0x7F ? String(Unicode.Scalar(byte)) : "\\x\(hex(byte))"
    }
}

@inline(never)
func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
}

@inline(never)
func hex16(_ unit: UInt16) -> String { hex(UInt8(unit >> 8)) + hex(UInt8(unit & 0xFF)) }

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
