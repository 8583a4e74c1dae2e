#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A parsed JSON document: the input bytes and a flat tape of ``JSONNode``s (root at index 0).
///
/// Parsing allocates one node array and nothing per value; strings and numbers stay byte ranges of
/// the input until asked for. Accessors take tape indices, which are valid only for this document.
public struct JSONDocument: Sendable {
    /// The buffer node offsets point into (it may extend beyond the parsed range).
    public let bytes: [UInt8]
    /// The tape.
    public let nodes: [JSONNode]
    /// Where the parsed text starts in `bytes` (locations are reported relative to it).
    public let startOffset: Int

    /// Parses `bytes` as one JSON text.
    public static func parse(_ bytes: [UInt8], options: JSONParseOptions = .default) throws(JSONParseError) -> JSONDocument {
        try parse(bytes, range: 0..<bytes.count, options: options)
    }

    /// Parses `bytes[range]` (e.g. one line of a JSON Lines file) without copying it.
    public static func parse(
        _ bytes: [UInt8], range: Range<Int>, options: JSONParseOptions = .default
    ) throws(JSONParseError) -> JSONDocument {
        let result: Result<[JSONNode], JSONParser.Failure> = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return .failure(.init(offset: 0, message: "empty document: expected a JSON value")) }
            var parser = JSONParser(base: base, range: range, options: options)
            do throws(JSONParser.Failure) {
                try parser.parse()
                return .success(parser.nodes)
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let nodes):
            return JSONDocument(bytes: bytes, nodes: nodes, startOffset: range.lowerBound)
        case .failure(let failure):
            let location = SourceLocation.of(offset: failure.offset, in: bytes, from: range.lowerBound)
            throw JSONParseError(location: location, message: failure.message)
        }
    }

    /// Parses the UTF-8 of `string`.
    public static func parse(_ string: String, options: JSONParseOptions = .default) throws(JSONParseError) -> JSONDocument {
        try parse(Array(string.utf8), options: options)
    }

    /// Reads and parses a file; errors name the file.
    public static func parse(contentsOf path: String, options: JSONParseOptions = .default) throws(JSONParseError) -> JSONDocument {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path, limit: options.maxDocumentSize)
        } catch {
            throw JSONParseError(file: path, location: SourceLocation(line: 1, column: 1, offset: 0), message: error.message)
        }
        do {
            return try parse(bytes, options: options)
        } catch {
            var error = error
            error.file = path
            throw error
        }
    }

    // MARK: - Reading nodes

    @inlinable public func kind(_ i: Int) -> JSONKind { nodes[i].kind }
    @inlinable public func next(after i: Int) -> Int { nodes[i].next(after: i) }

    /// The decoded value of a string node (or object key).
    public func string(_ i: Int) -> String {
        let node = nodes[i]
        return bytes.withUnsafeBufferPointer { buffer in
            let raw = UnsafeBufferPointer(rebasing: buffer[Int(node.start)..<Int(node.end)])
            return JSONStringDecoder.decode(raw, hasEscapes: node.flags & JSONNode.hasEscapes != 0)
        }
    }

    /// Calls `body` with the decoded UTF-8 of a string node; no allocation when it has no escapes.
    public func withDecodedUTF8<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let node = nodes[i]
        return try bytes.withUnsafeBufferPointer { buffer in
            let raw = UnsafeBufferPointer(rebasing: buffer[Int(node.start)..<Int(node.end)])
            if node.flags & JSONNode.hasEscapes == 0 { return try body(raw) }
            let decoded = JSONStringDecoder.decodeBytes(raw)
            return try decoded.withUnsafeBufferPointer(body)
        }
    }

    /// True when the string node's decoded content equals `utf8`.
    public func stringEquals(_ i: Int, _ utf8: [UInt8]) -> Bool {
        let node = nodes[i]
        if node.flags & JSONNode.hasEscapes == 0 {
            let length = Int(node.end - node.start)
            guard length == utf8.count else { return false }
            return bytes.withUnsafeBufferPointer { buffer in
                utf8.withUnsafeBufferPointer { other in
                    length == 0 || memcmp(buffer.baseAddress! + Int(node.start), other.baseAddress!, length) == 0
                }
            }
        }
        return withDecodedUTF8(i) { $0.elementsEqual(utf8) }
    }

    /// The source text of any node (containers: from the opening to the closing bracket).
    public func rawBytes(_ i: Int) -> ArraySlice<UInt8> {
        let node = nodes[i]
        switch node.kind {
        case .string: return bytes[Int(node.start) - 1..<Int(node.end) + 1]
        case .array, .object: return bytes[Int(node.start)..<closingOffset(i) + 1]
        default: return bytes[Int(node.start)..<Int(node.end)]
        }
    }

    /// The number node's literal.
    public func number(_ i: Int) -> JSONNumber {
        let node = nodes[i]
        return JSONNumber(uncheckedLiteral: String(decoding: bytes[Int(node.start)..<Int(node.end)], as: UTF8.self))
    }

    /// The exact value of an integer literal that fits in 64 bits.
    public func int64(_ i: Int) -> Int64? {
        let node = nodes[i]
        guard node.kind == .integer else { return nil }
        let length = Int(node.end - node.start)
        guard length <= 20 else { return nil }
        var value: Int64 = 0
        var index = Int(node.start)
        let negative = node.flags & JSONNode.negative != 0
        if negative { index += 1 }
        while index < Int(node.end) {
            let digit = Int64(bytes[index] &- 0x30)
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = next
            index += 1
        }
        return value
    }

    /// The nearest double to a number node's value (±infinity when out of range).
    public func double(_ i: Int) -> Double {
        if let exact = int64(i), exact.magnitude < 1 << 53 { return Double(exact) }
        return number(i).doubleValue
    }

    /// Element tape indices of an array node.
    public func elements(_ array: Int) -> JSONElements {
        JSONElements(nodes: nodes, first: array + 1, end: Int(nodes[array].end))
    }

    /// (key, value) tape indices of an object node's members.
    public func members(_ object: Int) -> JSONMembers {
        JSONMembers(nodes: nodes, first: object + 1, end: Int(nodes[object].end))
    }

    /// The value index of member `key` of an object node.
    public func member(_ object: Int, _ key: String) -> Int? {
        guard nodes[object].kind == .object else { return nil }
        let utf8 = Array(key.utf8)
        for (k, v) in members(object) where stringEquals(k, utf8) { return v }
        return nil
    }

    /// The node `pointer` refers to, starting at node `from`.
    public func node(at pointer: JSONPointer, from: Int = 0) -> Int? {
        var current = from
        for token in pointer.tokens {
            switch nodes[current].kind {
            case .object:
                guard let next = member(current, token) else { return nil }
                current = next
            case .array:
                guard let index = JSONPointer.arrayIndex(token), index < Int(nodes[current].count) else { return nil }
                var element = current + 1
                for _ in 0..<index { element = nodes[element].next(after: element) }
                current = element
            default:
                return nil
            }
        }
        return current
    }

    /// The pointer of node `target` (a walk from the root; meant for messages, not hot paths).
    public func pointer(to target: Int) -> JSONPointer {
        var tokens: [String] = []
        var current = 0
        while current != target {
            let node = nodes[current]
            guard node.kind == .array || node.kind == .object, target < Int(node.end) else { break }
            var found = false
            if node.kind == .array {
                for (offset, element) in elements(current).enumerated() where target >= element && target < nodes[element].next(after: element) {
                    tokens.append(String(offset))
                    current = element
                    found = true
                    break
                }
            } else {
                for (key, value) in members(current) where target >= key && target < nodes[value].next(after: value) {
                    tokens.append(string(key))
                    current = target == key ? key : value
                    found = true
                    break
                }
            }
            if !found { break }
        }
        return JSONPointer(tokens: tokens)
    }

    /// Line and column where node `i` starts.
    public func location(ofNode i: Int) -> SourceLocation {
        let node = nodes[i]
        return location(ofByte: Int(node.start) - (node.kind == .string ? 1 : 0))
    }

    /// Line and column of a byte offset into `bytes`.
    public func location(ofByte offset: Int) -> SourceLocation {
        SourceLocation.of(offset: offset, in: bytes, from: startOffset)
    }

    /// Materializes node `i` (the root by default) as a ``JSONValue`` tree.
    public func value(_ i: Int = 0) -> JSONValue {
        switch nodes[i].kind {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .integer, .float: return .number(number(i))
        case .string: return .string(string(i))
        case .array: return .array(elements(i).map { value($0) })
        case .object:
            return .object(JSONObject(members(i).map { (key: string($0.key), value: value($0.value)) }))
        }
    }

    /// Byte offset of a container's closing bracket: after its last direct child, past whitespace.
    private func closingOffset(_ container: Int) -> Int {
        var offset = Int(nodes[container].start) + 1
        var child = container + 1
        var lastChild: Int? = nil
        while child < Int(nodes[container].end) {
            lastChild = child
            child = nodes[child].next(after: child)
        }
        if let last = lastChild {
            let node = nodes[last]
            switch node.kind {
            case .array, .object: offset = closingOffset(last) + 1
            case .string: offset = Int(node.end) + 1
            default: offset = Int(node.end)
            }
        }
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { return offset }
            offset += 1
        }
        return bytes.count - 1
    }
}

/// The element indices of an array node, in order.
public struct JSONElements: Sequence, Sendable {
    let nodes: [JSONNode]
    let first: Int
    let end: Int
    public struct Iterator: IteratorProtocol {
        let nodes: [JSONNode]
        var current: Int
        let end: Int
        public mutating func next() -> Int? {
            guard current < end else { return nil }
            defer { current = nodes[current].next(after: current) }
            return current
        }
    }
    public func makeIterator() -> Iterator { Iterator(nodes: nodes, current: first, end: end) }
}

/// The (key, value) indices of an object node's members, in order.
public struct JSONMembers: Sequence, Sendable {
    let nodes: [JSONNode]
    let first: Int
    let end: Int
    public struct Iterator: IteratorProtocol {
        let nodes: [JSONNode]
        var current: Int
        let end: Int
        public mutating func next() -> (key: Int, value: Int)? {
            guard current < end else { return nil }
            let key = current
            let value = current + 1
            current = nodes[value].next(after: value)
            return (key, value)
        }
    }
    public func makeIterator() -> Iterator { Iterator(nodes: nodes, current: first, end: end) }
}
