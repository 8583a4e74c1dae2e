import JSON

extension YAMLParser {
    /// Every document of the stream.
    mutating func parseStream() throws(YAMLError) -> [JSONValue] {
        var documents: [JSONValue] = []
        var closed = true
        while true {
            _ = skipSpace()
            tagHandles = [:]
            anchors = [:]
            var sawDirective = false
            var sawVersion = false
            while p < count && bytes[p] == UInt8(ascii: "%") && column(p) == 0 {
                if !closed {
                    throw error(at: p, "a directive must follow a document end marker \"...\"")
                }
                try parseDirective(&sawVersion)
                sawDirective = true
                _ = skipSpace()
            }
            guard p < count else {
                if sawDirective { throw error(at: p, "directives without a document (expected \"---\")") }
                break
            }
            var explicit = false
            if isDocumentMarker(p) && bytes[p] == UInt8(ascii: "-") {
                p += 3
                explicit = true
            } else if isDocumentMarker(p) {
                if sawDirective { throw error(at: p, "directives must be followed by \"---\"") }
                p += 3
                try expectLineEnd("after \"...\"")
                closed = true
                continue
            } else if sawDirective {
                throw error(at: p, "directives must be followed by \"---\", found \(excerpt(p))")
            }
            if documents.count == 1 { secondDocumentOffset = explicit ? p - 3 : p }
            if recording {
                path = []
                var start = p
                while start < count && (bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\n")) {
                    start += 1
                }
                locations = [.root: start]
            }
            let root = try parseBlockNode(parent: -1, compact: false, seqAtParent: false, lineStart: !explicit)
            documents.append(root.value)
            if recording { documentLocations.append(locations) }
            _ = skipSpace()
            guard p < count else { break }
            if isDocumentMarker(p) {
                if bytes[p] == UInt8(ascii: ".") {
                    p += 3
                    try expectLineEnd("after \"...\"")
                    closed = true
                } else {
                    closed = false
                }
                continue
            }
            throw error(at: p, "unexpected \(excerpt(p)) after the document (bad indentation?)")
        }
        return documents
    }

    /// After a marker or a node, only blanks and a comment may end the line.
    mutating func expectLineEnd(_ context: String) throws(YAMLError) {
        skipBlanks()
        if p < count && bytes[p] == UInt8(ascii: "#") && isBlankOrEnd(p - 1) {
            while p < count && bytes[p] != UInt8(ascii: "\n") { p += 1 }
        }
        guard p >= count || bytes[p] == UInt8(ascii: "\n") else {
            throw error(at: p, "unexpected \(excerpt(p)) \(context)")
        }
    }

    mutating func parseDirective(_ sawVersion: inout Bool) throws(YAMLError) {
        let start = p
        p += 1
        let nameStart = p
        while p < count && !isBlankOrEnd(p) { p += 1 }
        let name = String(decoding: bytes[nameStart..<p], as: UTF8.self)
        var words: [String] = []
        while true {
            skipBlanks()
            guard p < count, bytes[p] != UInt8(ascii: "\n"), bytes[p] != UInt8(ascii: "#") else { break }
            let wordStart = p
            while p < count && !isBlankOrEnd(p) { p += 1 }
            words.append(String(decoding: bytes[wordStart..<p], as: UTF8.self))
        }
        try expectLineEnd("after the directive")
        switch name {
        case "YAML":
            if sawVersion { throw error(at: start, "a second %YAML directive") }
            sawVersion = true
            guard words.count == 1, let dot = words[0].firstIndex(of: "."),
                words[0][..<dot].allSatisfy(\.isNumber), words[0][words[0].index(after: dot)...].allSatisfy(\.isNumber)
            else {
                throw error(at: start, "malformed %YAML directive (expected %YAML 1.2)")
            }
        case "TAG":
            guard words.count == 2, words[0].hasPrefix("!"), words[0].hasSuffix("!") else {
                throw error(at: start, "malformed %TAG directive (expected %TAG !handle! prefix)")
            }
            if tagHandles[words[0]] != nil { throw error(at: start, "tag handle \(words[0]) declared twice") }
            tagHandles[words[0]] = words[1]
        default:
            break  // Reserved directives are ignored, as the specification asks.
        }
    }

    // MARK: - Properties and aliases

    /// Anchor and tag before a node, in either order; nil when there are none.
    mutating func parseProperties(flow: Bool, parent n: Int = -1) throws(YAMLError) -> YAMLProperties? {
        var properties = YAMLProperties(offset: p)
        var any = false
        while p < count {
            if bytes[p] == UInt8(ascii: "&") && properties.anchor == nil {
                properties.anchor = try scanAnchorName(after: "&")
            } else if bytes[p] == UInt8(ascii: "!") && properties.tag == nil {
                properties.tag = try scanTag()
            } else {
                break
            }
            any = true
            guard isBlankOrEnd(p) || (flow && Self.isFlowIndicator(bytes[p])) else {
                throw error(at: p, "unexpected \(excerpt(p)) after a node property")
            }
            // The other property may follow on a later line, unless that line starts a key (whose
            // properties they are) or is not indented deeper than the parent.
            let save = p
            let crossed = skipSpace()
            let next = at(p)
            if !((next == UInt8(ascii: "&") && properties.anchor == nil)
                || (next == UInt8(ascii: "!") && properties.tag == nil))
                || (crossed && (indentation(p) <= n || implicitKeyAhead()))
            {
                p = save
            }
        }
        return any ? properties : nil
    }

    mutating func scanAnchorName(after indicator: String) throws(YAMLError) -> String {
        let start = p
        p += 1
        while p < count && !isBlankOrEnd(p) && !Self.isFlowIndicator(bytes[p]) { p += 1 }
        guard p > start + 1 else { throw error(at: start, "\(indicator) must be followed by a name") }
        return String(decoding: bytes[(start + 1)..<p], as: UTF8.self)
    }

    /// A tag, resolved through the document's `%TAG` handles.
    mutating func scanTag() throws(YAMLError) -> String {
        let start = p
        p += 1
        if at(p) == UInt8(ascii: "<") {
            let begin = p + 1
            while p < count && bytes[p] != UInt8(ascii: ">") && !isBlankOrEnd(p) { p += 1 }
            guard at(p) == UInt8(ascii: ">"), p > begin else { throw error(at: start, "malformed verbatim tag") }
            p += 1
            return String(decoding: bytes[begin..<(p - 1)], as: UTF8.self)
        }
        var handleEnd = start + 1
        var i = p
        while i < count && (isWordChar(bytes[i])) { i += 1 }
        if at(i) == UInt8(ascii: "!") { handleEnd = i + 1 }
        let handle = String(decoding: bytes[start..<handleEnd], as: UTF8.self)
        p = handleEnd
        let suffixStart = p
        while p < count && !isBlankOrEnd(p) && !Self.isFlowIndicator(bytes[p]) {
            if bytes[p] == UInt8(ascii: "!") { throw error(at: p, "\"!\" inside a tag") }
            p += 1
        }
        let suffix = try percentDecoded(suffixStart, p)
        if handle == "!" && suffix.isEmpty { return "!" }
        if handle != "!" && suffix.isEmpty { throw error(at: start, "tag \(handle) has no suffix") }
        if let prefix = tagHandles[handle] { return prefix + suffix }
        switch handle {
        case "!": return "!" + suffix
        case "!!": return "tag:yaml.org,2002:" + suffix
        default: throw error(at: start, "tag handle \(handle) is not declared by a %TAG directive")
        }
    }

    func isWordChar(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == UInt8(ascii: "-")
    }

    func percentDecoded(_ start: Int, _ end: Int) throws(YAMLError) -> String {
        var out: [UInt8] = []
        var i = start
        while i < end {
            if bytes[i] == UInt8(ascii: "%") {
                guard i + 2 < end + 1, let high = hexValue(at(i + 1)), let low = hexValue(at(i + 2)) else {
                    throw error(at: i, "malformed %-escape in a tag")
                }
                out.append(UInt8(high * 16 + low))
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(c - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// `*name`: the anchored value, counted again toward the expansion bound.
    mutating func parseAlias() throws(YAMLError) -> YAMLNode {
        let start = p
        let name = try scanAnchorName(after: "*")
        guard let node = anchors[name] else { throw error(at: start, "alias *\(name) names no anchor before it") }
        try count(nodes: node.size, height: node.height, at: start)
        return node
    }

    /// Applies properties to a finished node: the tag's meaning, then the anchor.
    mutating func finish(_ node: YAMLNode, _ properties: YAMLProperties?) throws(YAMLError) -> YAMLNode {
        guard let properties else { return node }
        var result = node
        if let tag = properties.tag { result = try applyTag(tag, to: node, at: properties.offset) }
        if let anchor = properties.anchor { anchors[anchor] = result }
        return result
    }
}
