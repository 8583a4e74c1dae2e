import JSON

extension YAMLParser {
    /// A literal (`|`) or folded (`>`) scalar whose parent is indented `n`, with its chomping
    /// (`-` strip, `+` keep, clip by default) and indentation (`1`–`9`) indicators.
    mutating func scanBlockScalar(parent n: Int) throws(YAMLError) -> String {
        let start = p
        let folded = bytes[p] == UInt8(ascii: ">")
        p += 1
        var chomp: UInt8 = 0
        var explicitIndent = 0
        for _ in 0..<2 {
            let c = at(p)
            if (c == UInt8(ascii: "+") || c == UInt8(ascii: "-")) && chomp == 0 {
                chomp = c
                p += 1
            } else if c >= UInt8(ascii: "1") && c <= UInt8(ascii: "9") && explicitIndent == 0 {
                explicitIndent = Int(c - UInt8(ascii: "0"))
                p += 1
            }
        }
        guard isBlankOrEnd(p) else { throw error(at: p, "invalid block scalar header \(excerpt(start))") }
        skipBlanks()
        if at(p) == UInt8(ascii: "#") {
            guard isBlankOrEnd(p - 1) else { throw error(at: p, "a comment must be separated by a space") }
            while p < count && bytes[p] != UInt8(ascii: "\n") { p += 1 }
        }
        guard p >= count || bytes[p] == UInt8(ascii: "\n") else {
            throw error(at: p, "unexpected \(excerpt(p)) after a block scalar header")
        }
        if p < count { p += 1 }
        var indent: Int
        if explicitIndent > 0 {
            indent = max(n, 0) + explicitIndent
        } else {
            // The first non-empty line sets the indentation; an empty line before it may not be
            // indented deeper.
            var q = p
            var deepestEmpty = 0
            var deepestOffset = p
            indent = n + 1
            while q < count {
                var spaces = 0
                while q + spaces < count && bytes[q + spaces] == UInt8(ascii: " ") { spaces += 1 }
                let end = q + spaces
                if end < count && bytes[end] != UInt8(ascii: "\n") {
                    if bytes[end] == UInt8(ascii: "\t") && spaces <= n {
                        throw error(at: end, "a tab where a block scalar's indentation is expected")
                    }
                    indent = max(spaces, n + 1)
                    break
                }
                if spaces > deepestEmpty {
                    deepestEmpty = spaces
                    deepestOffset = end
                }
                q = end + 1
            }
            if deepestEmpty > indent && q < count {
                throw error(at: deepestOffset, "an empty line before a block scalar's text is indented deeper than it")
            }
            if q >= count { indent = max(indent, deepestEmpty) }
            indent = max(indent, 0)
        }
        var out: [UInt8] = []
        var pendingBreaks = 0
        var sawContent = false
        var previousMoreIndented = false
        var endedWithBreak = false
        while p < count {
            let lineBegin = p
            var spaces = 0
            while p < count && bytes[p] == UInt8(ascii: " ") && spaces < indent {
                p += 1
                spaces += 1
            }
            if p >= count || bytes[p] == UInt8(ascii: "\n") {
                // An empty line.
                // The end of the input ends a line that holds anything.
                if p < count || p > lineBegin { pendingBreaks += 1 }
                if p >= count { break }
                p += 1
                continue
            }
            if spaces < indent || (indent == 0 && isDocumentMarker(p)) {
                // Whitespace-only lines less indented are empty too; anything else ends the scalar.
                var q = p
                while q < count && (bytes[q] == UInt8(ascii: " ") || bytes[q] == UInt8(ascii: "\t")) { q += 1 }
                if spaces < indent && q < count && bytes[q] == UInt8(ascii: "\n") && bytes[p] == UInt8(ascii: " ") {
                    pendingBreaks += 1
                    p = q + 1
                    continue
                }
                p = lineBegin
                break
            }
            let textStart = p
            while p < count && bytes[p] != UInt8(ascii: "\n") { p += 1 }
            let moreIndented = bytes[textStart] == UInt8(ascii: " ") || bytes[textStart] == UInt8(ascii: "\t")
            if sawContent {
                if !folded || previousMoreIndented || moreIndented {
                    out.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: 1 + pendingBreaks))
                } else if pendingBreaks == 0 {
                    out.append(UInt8(ascii: " "))
                } else {
                    out.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: pendingBreaks))
                }
            } else {
                out.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: pendingBreaks))
            }
            out.append(contentsOf: bytes[textStart..<p])
            pendingBreaks = 0
            sawContent = true
            previousMoreIndented = moreIndented
            endedWithBreak = true
            if p < count { p += 1 }
        }
        switch chomp {
        case UInt8(ascii: "-"):
            break
        case UInt8(ascii: "+"):
            let trailing = (sawContent && endedWithBreak ? 1 : 0) + pendingBreaks
            out.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: trailing))
        default:
            if sawContent && endedWithBreak { out.append(UInt8(ascii: "\n")) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
