import JSON

/// A node as read: its value, its size and height once aliases are expanded (for the alias-bomb
/// and depth bounds), and the text of a plain scalar (a non-string key is keyed by it).
struct YAMLNode {
    var value: JSONValue
    var size: Int = 1
    var height: Int = 0
    var plainText: String? = nil
}

/// Anchor and tag written before a node.
struct YAMLProperties {
    var anchor: String? = nil
    var tag: String? = nil
    var offset: Int
}

/// Recursive-descent reader over bytes. Block structure is decided by columns (spaces only), flow
/// structure by indicators; values are built directly, anchors keep the value they named.
struct YAMLParser {
    let bytes: [UInt8]
    let count: Int
    let file: String
    let options: YAMLReadOptions
    var p = 0
    var lineStarts: [Int] = [0]
    var cachedLine = 0
    var anchors: [String: YAMLNode] = [:]
    var tagHandles: [String: String] = [:]
    var expanded = 0
    var depth = 0
    /// When set, where each node starts, by JSON Pointer (one table per document); see ``YAMLDocument``.
    var recording = false
    var path: [String] = []
    var locations: [JSONPointer: Int] = [:]
    var documentLocations: [[JSONPointer: Int]] = []
    /// Where the second document starts, for ``YAMLReader/parseSingle(_:file:options:)``'s message.
    var secondDocumentOffset = 0

    init(bytes input: [UInt8], file: String, options: YAMLReadOptions) {
        // A byte order mark is not content (columns count from after it).
        var text = input.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(input.dropFirst(3)) : input
        if text.contains(UInt8(ascii: "\r")) {
            // Line breaks are normalised to LF so that every scanner sees one kind; lines and columns
            // of messages stay those of the file.
            var normalised: [UInt8] = []
            normalised.reserveCapacity(text.count)
            var i = 0
            while i < text.count {
                if text[i] == UInt8(ascii: "\r") {
                    normalised.append(UInt8(ascii: "\n"))
                    if i + 1 < text.count && text[i + 1] == UInt8(ascii: "\n") { i += 1 }
                } else {
                    normalised.append(text[i])
                }
                i += 1
            }
            text = normalised
        }
        bytes = text
        count = text.count
        self.file = file
        self.options = options
        var starts = [0]
        text.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index] == UInt8(ascii: "\n") { starts.append(index + 1) }
        }
        lineStarts = starts
    }

    // MARK: - Errors and positions

    func error(at offset: Int, _ message: String) -> YAMLError {
        YAMLError(file: file, location: SourceLocation.of(offset: offset, in: bytes), message: message)
    }

    /// Up to 24 characters of the text at `offset`, quoted, for messages.
    func excerpt(_ offset: Int) -> String {
        guard offset < count else { return "end of file" }
        var end = offset
        while end < count && bytes[end] != UInt8(ascii: "\n") && end - offset < 24 { end += 1 }
        while end < count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        let more = end < count && bytes[end] != UInt8(ascii: "\n")
        return "\"" + String(decoding: bytes[offset..<end], as: UTF8.self) + (more ? "…" : "") + "\""
    }

    /// The offset at which the line holding `offset` starts.
    mutating func lineStart(_ offset: Int) -> Int {
        // Reading moves forward a line at a time: the cached line and the next one answer most calls.
        let k = cachedLine
        if lineStarts[k] <= offset {
            if k + 1 == lineStarts.count || lineStarts[k + 1] > offset { return lineStarts[k] }
            if k + 2 == lineStarts.count || lineStarts[k + 2] > offset {
                cachedLine = k + 1
                return lineStarts[k + 1]
            }
        }
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        cachedLine = low
        return lineStarts[low]
    }

    /// Column of `offset` in bytes, 0-based (indentation is spaces, so bytes are exact for it).
    mutating func column(_ offset: Int) -> Int { offset - lineStart(offset) }

    /// Spaces that start the line of `offset` (the indentation; a tab ends it).
    mutating func indentation(_ offset: Int) -> Int {
        var i = lineStart(offset)
        while i < offset && bytes[i] == UInt8(ascii: " ") { i += 1 }
        return i - lineStart(offset)
    }

    /// True when a tab stands in the whitespace before `offset` on its line.
    mutating func tabBefore(_ offset: Int) -> Bool {
        var i = lineStart(offset)
        while i < offset {
            if bytes[i] == UInt8(ascii: "\t") { return true }
            i += 1
        }
        return false
    }

    @inline(__always) func at(_ i: Int) -> UInt8 { i < count ? bytes[i] : 0 }

    @inline(__always) func isBlankOrEnd(_ i: Int) -> Bool {
        guard i < count else { return true }
        let c = bytes[i]
        return c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n")
    }

    @inline(__always) static func isFlowIndicator(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ",") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == UInt8(ascii: "{")
            || c == UInt8(ascii: "}")
    }

    /// `---` or `...` at the start of a line, followed by a blank or the end.
    mutating func isDocumentMarker(_ i: Int) -> Bool {
        guard i + 2 < count, isBlankOrEnd(i + 3) else { return false }
        let c = bytes[i]
        guard (c == UInt8(ascii: "-") || c == UInt8(ascii: ".")) && bytes[i + 1] == c && bytes[i + 2] == c else {
            return false
        }
        return i == 0 || bytes[i - 1] == UInt8(ascii: "\n")
    }

    /// Skips spaces, tabs, comments and line breaks; true when the position ends up at the start of a
    /// line's content (a line break was crossed, or it was at a line start already).
    mutating func skipSpace() -> Bool {
        var crossed = atLineContentStart()
        while p < count {
            let c = bytes[p]
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") {
                p += 1
            } else if c == UInt8(ascii: "\n") {
                p += 1
                crossed = true
            } else if c == UInt8(ascii: "#") && (p == 0 || isBlankOrEnd(p - 1)) {
                while p < count && bytes[p] != UInt8(ascii: "\n") { p += 1 }
            } else if c == 0xEF && at(p + 1) == 0xBB && at(p + 2) == 0xBF && crossed {
                p += 3
            } else {
                break
            }
        }
        return crossed
    }

    /// True when only whitespace stands before the position on its line.
    mutating func atLineContentStart() -> Bool {
        var i = p - 1
        while i >= 0 && (bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t")) { i -= 1 }
        return i < 0 || bytes[i] == UInt8(ascii: "\n")
    }

    /// Skips spaces and tabs on the current line.
    mutating func skipBlanks() {
        while p < count && (bytes[p] == UInt8(ascii: " ") || bytes[p] == UInt8(ascii: "\t")) { p += 1 }
    }

    // MARK: - Locations

    /// Enters the member or element `token` of the collection being read, whose entry starts at `offset`.
    @inline(__always) mutating func enterPath(_ token: @autoclosure () -> String, at offset: Int) {
        guard recording else { return }
        path.append(token())
        locations[JSONPointer(tokens: path)] = offset
    }

    @inline(__always) mutating func leavePath() {
        if recording { path.removeLast() }
    }

    // MARK: - Limits

    mutating func enter(_ offset: Int) throws(YAMLError) {
        depth += 1
        if depth > options.maxDepth {
            throw error(at: offset, "nesting deeper than \(options.maxDepth) levels")
        }
    }

    mutating func count(nodes: Int, height: Int, at offset: Int) throws(YAMLError) {
        expanded += nodes
        if expanded > options.maxExpandedNodes {
            throw error(
                at: offset,
                "more than \(options.maxExpandedNodes) nodes once aliases are expanded (an alias bomb?)"
            )
        }
        if depth + height > options.maxDepth {
            throw error(at: offset, "nesting deeper than \(options.maxDepth) levels once aliases are expanded")
        }
    }
}
