import JSON

extension YAMLParser {
    /// A node written in flow style inside block context: an alias, a quoted or plain scalar, or a
    /// flow collection.
    mutating func parseFlowInBlock(parent n: Int, _ properties: YAMLProperties?) throws(YAMLError) -> YAMLNode {
        try parseFlowNodeContent(parent: n, flow: false, properties, key: false)
    }

    /// The content after the properties. `flow`: inside a flow collection; `key`: one line only.
    mutating func parseFlowNodeContent(parent n: Int, flow: Bool, _ properties: YAMLProperties?, key: Bool)
        throws(YAMLError) -> YAMLNode
    {
        let c = at(p)
        switch c {
        case UInt8(ascii: "*"):
            if properties != nil { throw error(at: p, "an alias cannot have an anchor or a tag") }
            return try parseAlias()
        case UInt8(ascii: "["):
            return try finish(parseFlowSequence(parent: n), properties)
        case UInt8(ascii: "{"):
            return try finish(parseFlowMapping(parent: n), properties)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            try count(nodes: 1, height: 0, at: p)
            let text = try c == UInt8(ascii: "\"") ? scanDoubleQuoted(parent: n) : scanSingleQuoted(parent: n)
            if !flow && at(p) == UInt8(ascii: "#") { throw error(at: p, "a comment must be separated by a space") }
            return try finish(YAMLNode(value: .string(text)), properties)
        default:
            if try !isPlainStart(flow: flow) {
                if p >= count || c == UInt8(ascii: "\n")
                    || (flow && (Self.isFlowIndicator(c) || c == UInt8(ascii: ":")))
                {
                    return try emptyNode(properties)
                }
                throw error(at: p, "a plain scalar cannot start with \(excerpt(p))")
            }
            try count(nodes: 1, height: 0, at: p)
            let text = scanPlain(parent: n, flow: flow, oneLine: key)
            let value = Self.resolvePlain(text)
            var node = YAMLNode(value: value)
            if value.stringValue == nil { node.plainText = String(decoding: text, as: UTF8.self) }
            return try finish(node, properties)
        }
    }

    /// Whether a plain scalar may start here (indicators may not, except `-`, `?`, `:` before a
    /// character that is safe).
    mutating func isPlainStart(flow: Bool) throws(YAMLError) -> Bool {
        guard p < count else { return false }
        let c = bytes[p]
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            let next = at(p + 1)
            return !isBlankOrEnd(p + 1) && !(flow && Self.isFlowIndicator(next))
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
            UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"):
            return false
        default:
            return true
        }
    }

    /// Whitespace, comments and line breaks inside a flow collection; a continuation line must be
    /// indented deeper than the block around it and may not be a document marker.
    mutating func skipFlowSpace(parent n: Int) throws(YAMLError) {
        let crossed = skipSpace()
        guard crossed, p < count else {
            if p >= count { throw error(at: p, "unterminated flow collection (a closing bracket is missing)") }
            return
        }
        if isDocumentMarker(p) { throw error(at: p, "document marker inside a flow collection") }
        if indentation(p) <= n { throw error(at: p, "bad indentation of \(excerpt(p)) inside a flow collection") }
    }

    /// A node inside a flow collection, nil when there is none before `,`, `]`, `}` or `:`.
    mutating func parseFlowNode(parent n: Int) throws(YAMLError) -> YAMLNode? {
        let properties = try parseProperties(flow: true)
        if properties != nil { try skipFlowSpace(parent: n) }
        let c = at(p)
        if properties == nil
            && (Self.isFlowIndicator(c) && c != UInt8(ascii: "[") && c != UInt8(ascii: "{")
                || (c == UInt8(ascii: ":") && (isBlankOrEnd(p + 1) || Self.isFlowIndicator(at(p + 1)))))
        {
            return nil
        }
        return try parseFlowNodeContent(parent: n, flow: true, properties, key: false)
    }

    mutating func parseFlowSequence(parent n: Int) throws(YAMLError) -> YAMLNode {
        try enter(p)
        defer { depth -= 1 }
        p += 1
        var items: [JSONValue] = []
        var size = 1
        var height = 0
        while true {
            try skipFlowSpace(parent: n)
            if bytes[p] == UInt8(ascii: "]") {
                p += 1
                break
            }
            let entryStart = p
            enterPath(String(items.count), at: entryStart)
            defer { leavePath() }
            let item: YAMLNode
            if bytes[p] == UInt8(ascii: "?") && (isBlankOrEnd(p + 1) || Self.isFlowIndicator(at(p + 1))) {
                p += 1
                try skipFlowSpace(parent: n)
                item = try parseFlowPair(parent: n, key: parseFlowNode(parent: n), at: entryStart, explicit: true)
            } else {
                var parsed = try parseFlowNode(parent: n)
                if parsed == nil && at(p) == UInt8(ascii: ":") { parsed = try emptyNode(nil) }
                guard let node = parsed else { throw error(at: p, "expected a value, found \(excerpt(p))") }
                let jsonLike = Self.isJSONLikeStart(bytes[entryStart])
                let keyLine = lineStart(p)
                try skipFlowSpace(parent: n)
                if at(p) == UInt8(ascii: ":")
                    && (jsonLike || isBlankOrEnd(p + 1) || Self.isFlowIndicator(at(p + 1)))
                {
                    if lineStart(p) != keyLine { throw error(at: p, "a key in a flow sequence must be on one line") }
                    item = try parseFlowPair(parent: n, key: node, at: entryStart, explicit: false)
                } else {
                    item = node
                }
            }
            items.append(item.value)
            size += item.size
            height = max(height, item.height + 1)
            try skipFlowSpace(parent: n)
            if bytes[p] == UInt8(ascii: ",") {
                p += 1
                continue
            }
            if bytes[p] == UInt8(ascii: "]") {
                p += 1
                break
            }
            throw error(at: p, "expected \",\" or \"]\" in a flow sequence, found \(excerpt(p))")
        }
        try count(nodes: 1, height: 0, at: p)
        return YAMLNode(value: .array(items), size: size, height: height)
    }

    /// `key: value` as an entry of a flow sequence: a mapping of one member.
    mutating func parseFlowPair(parent n: Int, key: YAMLNode?, at offset: Int, explicit: Bool) throws(YAMLError)
        -> YAMLNode
    {
        try enter(offset)
        defer { depth -= 1 }
        let (keyNode, value) = try parseFlowValue(parent: n, key: key, at: offset)
        var builder = MappingBuilder()
        try builder.add(keyNode, value, at: offset, &self)
        try count(nodes: 1, height: 0, at: offset)
        return builder.node()
    }

    /// After a key (at `:` or not): the key, empty if absent, and the value, empty if absent.
    mutating func parseFlowValue(parent n: Int, key: YAMLNode?, at offset: Int) throws(YAMLError)
        -> (YAMLNode, YAMLNode)
    {
        var keyNode: YAMLNode
        if let key { keyNode = key } else { keyNode = try emptyNode(nil) }
        try skipFlowSpace(parent: n)
        guard at(p) == UInt8(ascii: ":") else { return (keyNode, try emptyNode(nil)) }
        p += 1
        try skipFlowSpace(parent: n)
        enterPath(Self.keyString(keyNode), at: offset)
        defer { leavePath() }
        var value: YAMLNode
        if let parsed = try parseFlowNode(parent: n) { value = parsed } else { value = try emptyNode(nil) }
        return (keyNode, value)
    }

    /// A quoted scalar or a flow collection: after one, `:` needs no space to be a value indicator.
    static func isJSONLikeStart(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{")
    }

    mutating func parseFlowMapping(parent n: Int) throws(YAMLError) -> YAMLNode {
        try enter(p)
        defer { depth -= 1 }
        p += 1
        var builder = MappingBuilder()
        while true {
            try skipFlowSpace(parent: n)
            if bytes[p] == UInt8(ascii: "}") {
                p += 1
                break
            }
            let entryStart = p
            var explicit = false
            if bytes[p] == UInt8(ascii: "?") && (isBlankOrEnd(p + 1) || Self.isFlowIndicator(at(p + 1))) {
                p += 1
                explicit = true
                try skipFlowSpace(parent: n)
            }
            let key = try parseFlowNode(parent: n)
            if key == nil && at(p) != UInt8(ascii: ":") && !explicit {
                throw error(at: p, "expected a key, found \(excerpt(p))")
            }
            let jsonLike = Self.isJSONLikeStart(bytes[entryStart])
            try skipFlowSpace(parent: n)
            let keyNode: YAMLNode
            let value: YAMLNode
            if at(p) == UInt8(ascii: ":") && (jsonLike || isBlankOrEnd(p + 1) || Self.isFlowIndicator(at(p + 1))) {
                (keyNode, value) = try parseFlowValue(parent: n, key: key, at: entryStart)
            } else {
                if let key { keyNode = key } else { keyNode = try emptyNode(nil) }
                value = try emptyNode(nil)
            }
            try builder.add(keyNode, value, at: entryStart, &self)
            try skipFlowSpace(parent: n)
            if bytes[p] == UInt8(ascii: ",") {
                p += 1
                continue
            }
            if bytes[p] == UInt8(ascii: "}") {
                p += 1
                break
            }
            throw error(at: p, "expected \",\" or \"}\" in a flow mapping, found \(excerpt(p))")
        }
        try count(nodes: 1, height: 0, at: p)
        return builder.node()
    }
}
