import JSON

extension YAMLParser {
    /// A plain scalar: lines folded (one break a space, more breaks kept less one), ending before
    /// `: `, ` #`, a line indented no deeper than `n`, a document marker, or (in flow) an indicator.
    mutating func scanPlain(parent n: Int, flow: Bool, oneLine: Bool) -> [UInt8] {
        var out: [UInt8] = []
        while true {
            let start = p
            while p < count {
                let c = bytes[p]
                if c == UInt8(ascii: "\n") { break }
                if c == UInt8(ascii: ":") && (isBlankOrEnd(p + 1) || (flow && Self.isFlowIndicator(at(p + 1)))) {
                    break
                }
                if c == UInt8(ascii: "#") && isBlankOrEnd(p - 1) { break }
                if flow && Self.isFlowIndicator(c) { break }
                p += 1
            }
            var end = p
            while end > start && (bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t")) {
                end -= 1
            }
            out.append(contentsOf: bytes[start..<end])
            guard !oneLine, p < count, bytes[p] == UInt8(ascii: "\n") else { break }
            // A continuation line?
            var q = p
            var breaks = 0
            var lineBegin = q
            while q < count && bytes[q] == UInt8(ascii: "\n") {
                breaks += 1
                q += 1
                lineBegin = q
                while q < count && (bytes[q] == UInt8(ascii: " ") || bytes[q] == UInt8(ascii: "\t")) { q += 1 }
            }
            guard q < count else { break }
            var spaces = 0
            while lineBegin + spaces < q && bytes[lineBegin + spaces] == UInt8(ascii: " ") { spaces += 1 }
            let c = bytes[q]
            if spaces <= n || isDocumentMarker(q) || c == UInt8(ascii: "#") { break }
            if c == UInt8(ascii: ":") && (isBlankOrEnd(q + 1) || (flow && Self.isFlowIndicator(at(q + 1)))) { break }
            if flow && Self.isFlowIndicator(c) { break }
            if breaks == 1 {
                out.append(UInt8(ascii: " "))
            } else {
                out.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: breaks - 1))
            }
            p = q
        }
        return out
    }

    /// Folds the line breaks inside a quoted scalar: at the break after the content, the position
    /// moves to the next line's content and the folded text is appended.
    mutating func foldQuotedBreak(parent n: Int, start: Int, _ what: String, into out: inout [UInt8])
        throws(YAMLError)
    {
        var breaks = 0
        while p < count && bytes[p] == UInt8(ascii: "\n") {
            breaks += 1
            p += 1
            if isDocumentMarker(p) { throw error(at: p, "document marker inside a quoted scalar") }
            skipBlanks()
        }
        guard p < count else { throw error(at: start, "unterminated \(what) scalar") }
        if indentation(p) <= n && n >= 0 {
            throw error(at: p, "bad indentation of a quoted scalar's continuation line")
        }
        if breaks == 1 {
            out.append(UInt8(ascii: " "))
        } else {
            out.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: breaks - 1))
        }
    }

    mutating func scanSingleQuoted(parent n: Int) throws(YAMLError) -> String {
        let start = p
        p += 1
        var out: [UInt8] = []
        var trim = -1
        while true {
            guard p < count else { throw error(at: start, "unterminated single-quoted scalar") }
            let c = bytes[p]
            if Self.isOrdinary(c) {
                let run = p
                while p < count && Self.isOrdinary(bytes[p]) { p += 1 }
                out.append(contentsOf: bytes[run..<p])
                trim = -1
                continue
            }
            if c == UInt8(ascii: "'") {
                if at(p + 1) == UInt8(ascii: "'") {
                    out.append(c)
                    p += 2
                    trim = -1
                    continue
                }
                p += 1
                break
            }
            if c == UInt8(ascii: "\n") {
                if trim >= 0 { out.removeSubrange(trim...) }
                try foldQuotedBreak(parent: n, start: start, "single-quoted", into: &out)
                trim = -1
                continue
            }
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") {
                if trim < 0 { trim = out.count }
            } else {
                trim = -1
            }
            out.append(c)
            p += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func scanDoubleQuoted(parent n: Int) throws(YAMLError) -> String {
        let start = p
        p += 1
        var out: [UInt8] = []
        var trim = -1
        while true {
            guard p < count else { throw error(at: start, "unterminated double-quoted scalar") }
            let c = bytes[p]
            if Self.isOrdinary(c) {
                let run = p
                while p < count && Self.isOrdinary(bytes[p]) { p += 1 }
                out.append(contentsOf: bytes[run..<p])
                trim = -1
                continue
            }
            if c == UInt8(ascii: "\"") {
                p += 1
                break
            }
            if c == UInt8(ascii: "\n") {
                if trim >= 0 { out.removeSubrange(trim...) }
                try foldQuotedBreak(parent: n, start: start, "double-quoted", into: &out)
                trim = -1
                continue
            }
            if c == UInt8(ascii: "\\") {
                trim = -1
                if at(p + 1) == UInt8(ascii: "\n") {
                    // An escaped line break joins the lines; empty lines after it stay line feeds.
                    p += 2
                    skipBlanks()
                    while p < count && bytes[p] == UInt8(ascii: "\n") {
                        out.append(UInt8(ascii: "\n"))
                        p += 1
                        skipBlanks()
                    }
                    if p < count && indentation(p) <= n && n >= 0 {
                        throw error(at: p, "bad indentation of a quoted scalar's continuation line")
                    }
                    continue
                }
                try scanEscape(into: &out)
                continue
            }
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") {
                if trim < 0 { trim = out.count }
            } else {
                trim = -1
            }
            out.append(c)
            p += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A byte a quoted scalar copies as it is (not a quote, an escape, a space, a tab or a break).
    @inline(__always) static func isOrdinary(_ c: UInt8) -> Bool {
        c != UInt8(ascii: "\"") && c != UInt8(ascii: "'") && c != UInt8(ascii: "\\") && c != UInt8(ascii: " ")
            && c != UInt8(ascii: "\t") && c != UInt8(ascii: "\n")
    }

    mutating func scanEscape(into out: inout [UInt8]) throws(YAMLError) {
        let start = p
        let c = at(p + 1)
        p += 2
        var digits = 0
        switch c {
        case UInt8(ascii: "0"): out.append(0)
        case UInt8(ascii: "a"): out.append(7)
        case UInt8(ascii: "b"): out.append(8)
        case UInt8(ascii: "t"), UInt8(ascii: "\t"): out.append(9)
        case UInt8(ascii: "n"): out.append(10)
        case UInt8(ascii: "v"): out.append(11)
        case UInt8(ascii: "f"): out.append(12)
        case UInt8(ascii: "r"): out.append(13)
        case UInt8(ascii: "e"): out.append(0x1B)
        case UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "\\"): out.append(c)
        case UInt8(ascii: "N"): out.append(contentsOf: [0xC2, 0x85])
        case UInt8(ascii: "_"): out.append(contentsOf: [0xC2, 0xA0])
        case UInt8(ascii: "L"): out.append(contentsOf: [0xE2, 0x80, 0xA8])
        case UInt8(ascii: "P"): out.append(contentsOf: [0xE2, 0x80, 0xA9])
        case UInt8(ascii: "x"): digits = 2
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        default: throw error(at: start, "invalid escape \(excerpt(start)) in a double-quoted scalar")
        }
        guard digits > 0 else { return }
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let digit = hexValue(at(p)) else { throw error(at: start, "invalid escape \(excerpt(start))") }
            value = value * 16 + UInt32(digit)
            p += 1
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error(at: start, "escape \(excerpt(start)) is not a Unicode scalar")
        }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }
}
