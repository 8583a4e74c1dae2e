import JSON

extension YAMLParser {
    /// A node in block context whose parent collection is indented `n` (-1 at the top).
    ///
    /// - compact: right after `- `, `? ` or `: ` of an explicit entry, where a collection may start on
    ///   the same line.
    /// - seqAtParent: a mapping value, whose sequence may sit at the mapping's own indentation.
    /// - lineStart: at the start of a line already (a bare document).
    mutating func parseBlockNode(parent n: Int, compact: Bool, seqAtParent: Bool, lineStart: Bool)
        throws(YAMLError) -> YAMLNode
    {
        let begin = p
        var crossed = skipSpace() || lineStart
        if try endsHere(parent: n, crossed: crossed, seqAtParent: seqAtParent) {
            return try emptyNode(nil)
        }
        var allowCollection = crossed || compact
        var properties: YAMLProperties? = nil
        if (bytes[p] == UInt8(ascii: "&") || bytes[p] == UInt8(ascii: "!")) && !implicitKeyAhead() {
            properties = try parseProperties(flow: false, parent: n)
            let afterProperties = skipSpace()
            allowCollection = afterProperties
            if afterProperties || p >= count {
                crossed = true
                if try endsHere(parent: n, crossed: true, seqAtParent: seqAtParent) {
                    return try emptyNode(properties)
                }
            }
        }
        let c = bytes[p]
        let column = column(p)
        let isEntry = (c == UInt8(ascii: "-") || c == UInt8(ascii: "?")) && isBlankOrEnd(p + 1)
        let isKey = !isEntry && ((c == UInt8(ascii: ":") && isBlankOrEnd(p + 1)) || implicitKeyAhead())
        if isEntry || isKey {
            guard allowCollection else {
                throw error(
                    at: p,
                    isKey
                        ? "a mapping cannot start on this line (put it on its own line, indented)"
                        : "a block collection cannot start on this line (put it on its own line)"
                )
            }
            if crossed && tabBefore(p) { throw error(at: p, "a tab is used for indentation (YAML allows spaces only)") }
            if !crossed && bytes[begin..<p].contains(UInt8(ascii: "\t")) {
                throw error(at: p, "a tab before a compact collection (YAML allows spaces only for indentation)")
            }
            if c == UInt8(ascii: "-") {
                return try finish(parseBlockSequence(indent: column), properties)
            }
            return try finish(parseBlockMapping(indent: column), properties)
        }
        if c == UInt8(ascii: "|") || c == UInt8(ascii: ">") {
            return try finish(YAMLNode(value: .string(scanBlockScalar(parent: n))), properties)
        }
        if crossed && indentation(p) <= n && n >= 0 {
            throw error(at: p, "bad indentation of \(excerpt(p))")
        }
        return try parseFlowInBlock(parent: n, properties)
    }

    /// True (and the position left before the content) when the node is empty: the end, a document
    /// marker, or a line indented no deeper than the parent.
    mutating func endsHere(parent n: Int, crossed: Bool, seqAtParent: Bool) throws(YAMLError) -> Bool {
        guard p < count else { return true }
        if isDocumentMarker(p) { return true }
        guard crossed else { return false }
        let indent = indentation(p)
        if indent > n { return false }
        if seqAtParent && indent == n && bytes[p] == UInt8(ascii: "-") && isBlankOrEnd(p + 1) && !tabBefore(p) {
            return false
        }
        return true
    }

    mutating func emptyNode(_ properties: YAMLProperties?) throws(YAMLError) -> YAMLNode {
        try count(nodes: 1, height: 0, at: p)
        let tagged = properties?.tag != nil
        return try finish(YAMLNode(value: tagged ? .string("") : .null, plainText: ""), properties)
    }

    mutating func parseBlockSequence(indent m: Int) throws(YAMLError) -> YAMLNode {
        try enter(p)
        defer { depth -= 1 }
        var items: [JSONValue] = []
        var size = 1
        var height = 0
        while true {
            enterPath(String(items.count), at: p)
            p += 1
            let item = try parseBlockNode(parent: m, compact: true, seqAtParent: false, lineStart: false)
            leavePath()
            items.append(item.value)
            size += item.size
            height = max(height, item.height + 1)
            let crossed = skipSpace()
            guard p < count, !isDocumentMarker(p) else { break }
            guard crossed else { throw error(at: p, "unexpected \(excerpt(p)) after a sequence entry") }
            let column = column(p)
            if column == m && bytes[p] == UInt8(ascii: "-") && isBlankOrEnd(p + 1) {
                if tabBefore(p) { throw error(at: p, "a tab is used for indentation (YAML allows spaces only)") }
                continue
            }
            if column <= m { break }
            throw error(at: p, "bad indentation of \(excerpt(p)) (a sequence entry at column \(m + 1) expected)")
        }
        try count(nodes: 1, height: 0, at: p)
        return YAMLNode(value: .array(items), size: size, height: height)
    }

    mutating func parseBlockMapping(indent m: Int) throws(YAMLError) -> YAMLNode {
        try enter(p)
        defer { depth -= 1 }
        var builder = MappingBuilder()
        while true {
            let keyOffset = p
            let key: YAMLNode
            var value: YAMLNode
            if bytes[p] == UInt8(ascii: "?") && isBlankOrEnd(p + 1) {
                p += 1
                key = try parseBlockNode(parent: m, compact: true, seqAtParent: true, lineStart: false)
                _ = skipSpace()
                if p < count && column(p) == m && bytes[p] == UInt8(ascii: ":") && isBlankOrEnd(p + 1)
                    && !isDocumentMarker(p)
                {
                    p += 1
                    enterPath(Self.keyString(key), at: keyOffset)
                    value = try parseBlockNode(parent: m, compact: true, seqAtParent: true, lineStart: false)
                    leavePath()
                } else {
                    value = try emptyNode(nil)
                }
            } else {
                key = try parseImplicitKey()
                skipBlanks()
                guard at(p) == UInt8(ascii: ":") && isBlankOrEnd(p + 1) else {
                    throw error(at: p, "expected \":\" after the key, found \(excerpt(p))")
                }
                p += 1
                enterPath(Self.keyString(key), at: keyOffset)
                value = try parseBlockNode(parent: m, compact: false, seqAtParent: true, lineStart: false)
                leavePath()
            }
            try builder.add(key, value, at: keyOffset, &self)
            let crossed = skipSpace()
            guard p < count, !isDocumentMarker(p) else { break }
            guard crossed else { throw error(at: p, "unexpected \(excerpt(p)) after a mapping value") }
            let column = column(p)
            if column < m { break }
            if tabBefore(p) { throw error(at: p, "a tab is used for indentation (YAML allows spaces only)") }
            if column > m {
                throw error(at: p, "bad indentation of \(excerpt(p)) (a key at column \(m + 1) expected)")
            }
            let c = bytes[p]
            if (c == UInt8(ascii: "?") || c == UInt8(ascii: ":")) && isBlankOrEnd(p + 1) { continue }
            if implicitKeyAhead() { continue }
            if c == UInt8(ascii: "-") && isBlankOrEnd(p + 1) { break }
            throw error(at: p, "expected a key (\"key: value\") at \(excerpt(p))")
        }
        try count(nodes: 1, height: 0, at: p)
        return builder.node()
    }

    /// A key of a block mapping: properties and a node on one line (empty before a bare `:`).
    mutating func parseImplicitKey() throws(YAMLError) -> YAMLNode {
        let start = p
        let properties = try parseProperties(flow: false)
        skipBlanks()
        if at(p) == UInt8(ascii: ":") && isBlankOrEnd(p + 1) { return try emptyNode(properties) }
        let node = try parseFlowNodeContent(parent: -1, flow: false, properties, key: true)
        if lineStart(p) != lineStart(start) { throw error(at: start, "a key must be on one line") }
        return node
    }

    /// True when the line from here holds `[properties] key :` — a block mapping entry.
    mutating func implicitKeyAhead() -> Bool {
        var i = p
        func skipBlanksAt(_ i: inout Int) {
            while i < count && (bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t")) { i += 1 }
        }
        while i < count && (bytes[i] == UInt8(ascii: "&") || bytes[i] == UInt8(ascii: "!")) {
            while i < count && !isBlankOrEnd(i) { i += 1 }
            skipBlanksAt(&i)
        }
        guard i < count else { return false }
        let c = bytes[i]
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            i += 1
            while true {
                guard i < count, bytes[i] != UInt8(ascii: "\n") else { return false }
                if bytes[i] == c {
                    if c == UInt8(ascii: "'") && at(i + 1) == c {
                        i += 2
                        continue
                    }
                    i += 1
                    break
                }
                if c == UInt8(ascii: "\"") && bytes[i] == UInt8(ascii: "\\") { i += 1 }
                i += 1
            }
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            var nesting = 0
            var quote: UInt8 = 0
            while true {
                guard i < count, bytes[i] != UInt8(ascii: "\n") else { return false }
                let b = bytes[i]
                if quote != 0 {
                    if b == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
                        i += 1
                    } else if b == quote {
                        quote = 0
                    }
                } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                    quote = b
                } else if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
                    nesting += 1
                } else if b == UInt8(ascii: "]") || b == UInt8(ascii: "}") {
                    nesting -= 1
                    if nesting == 0 {
                        i += 1
                        break
                    }
                } else if b == UInt8(ascii: "#") && isBlankOrEnd(i - 1) {
                    return false
                }
                i += 1
            }
        case UInt8(ascii: "*"):
            while i < count && !isBlankOrEnd(i) && !Self.isFlowIndicator(bytes[i]) { i += 1 }
        case UInt8(ascii: ":") where isBlankOrEnd(i + 1):
            return i > p
        case UInt8(ascii: "#"), UInt8(ascii: "\n"):
            return false
        default:
            // A plain key: up to ": ", " #" or the end of the line.
            while i < count && bytes[i] != UInt8(ascii: "\n") {
                if bytes[i] == UInt8(ascii: ":") && isBlankOrEnd(i + 1) { return true }
                if bytes[i] == UInt8(ascii: "#") && isBlankOrEnd(i - 1) { return false }
                i += 1
            }
            return false
        }
        skipBlanksAt(&i)
        return at(i) == UInt8(ascii: ":") && isBlankOrEnd(i + 1)
    }
}
