import Foundation

/// Scans one line as written and in its decoded forms. Every match is mapped back to a range of
/// the line as written, so the same secret seen twice (raw and decoded) is reported once, by the
/// first rule and form that found it.
struct LineScanner {
    let rules = SecretRule.all.compactMap(CompiledRule.init)
    let base64Run = try? NSRegularExpression(pattern: #"[A-Za-z0-9+/_-]{16,}={0,2}"#)
    /// The start of an AWS key at the end of a line, continued on the next.
    let wrappedKey = try? NSRegularExpression(pattern: #"\b(?:AKIA|ASIA)[0-9A-Z]{1,15}["',]*[ \t]*$"#)

    /// A form of the line to match: its text, and where a range of it sits in the line as written.
    struct View {
        var text: String
        var label: String
        var raw: (NSRange) -> NSRange
    }

    func scan(line: String, next: String?, number: Int, file: String) -> [SecretFinding] {
        var state = State(line: line, number: number, file: file)
        let lineLength = (line as NSString).length
        let identity = View(text: line, label: "", raw: { $0 })
        match(identity, into: &state)
        var unescaped = LineScanner.unescaped(line)
        if let once = unescaped {
            match(once, into: &state)
            // JSON inside a JSON string inside a JSON string (`\\\"token\\\"`): undo the escapes again.
            if let twice = LineScanner.unescaped(once.text) {
                let view = View(text: twice.text, label: "", raw: { once.raw(twice.raw($0)) })
                match(view, into: &state)
                unescaped = view
            }
        }
        decodeBase64(in: unescaped ?? identity, into: &state, depth: 0)
        if let next, let wrappedKey,
            wrappedKey.firstMatch(in: line, range: NSRange(location: 0, length: lineLength)) != nil
        {
            let joined = View(
                text: line + "\n" + next.trimmingCharacters(in: .whitespaces), label: "",
                raw: { range in
                    let start = min(range.location, max(lineLength - 1, 0))
                    return NSRange(location: start, length: max(1, min(NSMaxRange(range), lineLength) - start))
                })
            match(joined, into: &state, only: "aws-access-key")
        }
        return state.found.sorted { $0.column < $1.column }.map(\.finding)
    }

    struct State {
        let line: String
        let number: Int
        let file: String
        var taken: [NSRange] = []
        var found: [(column: Int, finding: SecretFinding)] = []
    }

    func match(_ view: View, into state: inout State, only: String? = nil) {
        let text = view.text as NSString
        let fromBase64 = !view.label.isEmpty
        for rule in rules where (only == nil || rule.rule.name == only) && (fromBase64 || !rule.rule.onlyDecoded) {
            for match in rule.expression.matches(in: view.text, range: NSRange(location: 0, length: text.length)) {
                let secretRange = match.range(at: rule.rule.secretGroup)
                guard secretRange.location != NSNotFound, secretRange.length > 0 else { continue }
                let groups = (0..<match.numberOfRanges).map { index -> String in
                    let range = match.range(at: index)
                    return range.location == NSNotFound ? "" : text.substring(with: range)
                }
                let raw = view.raw(secretRange)
                guard rule.rule.accept(groups),
                    !state.taken.contains(where: { NSIntersectionRange($0, raw).length > 0 })
                else { continue }
                state.taken.append(raw)
                // Rules that read the secret in a lookahead end their match before it.
                let whole = (0..<match.numberOfRanges).map { match.range(at: $0) }
                    .filter { $0.location != NSNotFound }.reduce(match.range) { NSUnionRange($0, $1) }
                let before = text.substring(
                    with: NSRange(location: whole.location, length: secretRange.location - whole.location))
                let after = text.substring(
                    with: NSRange(
                        location: NSMaxRange(secretRange), length: NSMaxRange(whole) - NSMaxRange(secretRange)))
                let secret = text.substring(with: secretRange)
                let shown = rule.rule.showsSecret ? groups[0] : before + SecretScanner.mask(secret) + after
                let excerpt = view.label + shown.replacingOccurrences(of: "\n", with: "\\n")
                let start = min(view.raw(whole).location, raw.location)
                let column = String(state.line.utf16.prefix(start))?.unicodeScalars.count ?? start
                state.found.append(
                    (
                        start,
                        SecretFinding(
                            file: state.file, line: state.number, column: column + 1, rule: rule.rule.name,
                            excerpt: excerpt)
                    ))
            }
        }
    }

    /// Base64 runs of `view` that decode to text are matched too (twice nested at most: a base64
    /// body holding a Basic credential).
    func decodeBase64(in view: View, into state: inout State, depth: Int) {
        guard depth < 2, let base64Run else { return }
        let text = view.text as NSString
        for run in base64Run.matches(in: view.text, range: NSRange(location: 0, length: text.length)) {
            guard let decoded = LineScanner.base64Text(text.substring(with: run.range)) else { continue }
            let raw = view.raw(run.range)
            let inner = View(text: decoded, label: "base64: ", raw: { _ in raw })
            match(inner, into: &state)
            if let unescaped = LineScanner.unescaped(decoded) {
                match(View(text: unescaped.text, label: "base64: ", raw: { _ in raw }), into: &state)
            }
            decodeBase64(in: inner, into: &state, depth: depth + 1)
        }
    }

    /// The text a base64 (or base64url) run encodes, when it is mostly printable UTF-8.
    static func base64Text(_ run: String) -> String? {
        var standard = run.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard = standard.trimmingCharacters(in: CharacterSet(charactersIn: "="))
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        guard let data = Data(base64Encoded: standard), data.count >= 12,
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        let printable = text.unicodeScalars.filter { scalar in
            scalar == "\n" || scalar == "\r" || scalar == "\t" || (scalar.value >= 0x20 && scalar.value != 0x7F)
        }.count
        return printable * 10 >= text.unicodeScalars.count * 9 ? text : nil
    }

    /// The line with JSON string escapes (`\u0073`, `\/`, `\"`, `\n`) and ASCII percent-escapes
    /// (`%5F`) undone, or nil when it has none.
    static func unescaped(_ line: String) -> View? {
        let units = Array(line.utf16)
        guard units.contains(UInt16(UInt8(ascii: "\\"))) || units.contains(UInt16(UInt8(ascii: "%"))) else {
            return nil
        }
        var out: [UInt16] = []
        var map: [Int] = []
        out.reserveCapacity(units.count)
        var index = 0
        func hex(_ unit: UInt16) -> UInt16? {
            guard unit < 0x80, let value = Redactor.hexValue(UInt8(unit)) else { return nil }
            return UInt16(value)
        }
        while index < units.count {
            let unit = units[index]
            if unit == 0x5C, index + 1 < units.count {
                let next = units[index + 1]
                if next == 0x75, index + 5 < units.count, let a = hex(units[index + 2]), let b = hex(units[index + 3]),
                    let c = hex(units[index + 4]), let d = hex(units[index + 5])
                {
                    out.append(a << 12 | b << 8 | c << 4 | d)
                    map.append(index)
                    index += 6
                    continue
                }
                let simple: [UInt16: UInt16] = [0x2F: 0x2F, 0x22: 0x22, 0x5C: 0x5C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09]
                if let replacement = simple[next] {
                    out.append(replacement)
                    map.append(index)
                    index += 2
                    continue
                }
            }
            if unit == 0x25, index + 2 < units.count, let high = hex(units[index + 1]), let low = hex(units[index + 2]),
                high << 4 | low < 0x80, high << 4 | low >= 0x20
            {
                out.append(high << 4 | low)
                map.append(index)
                index += 3
                continue
            }
            out.append(unit)
            map.append(index)
            index += 1
        }
        guard out.count != units.count else { return nil }
        map.append(units.count)
        let finalMap = map
        return View(
            text: String(decoding: out, as: UTF16.self), label: "",
            raw: { range in
                let start = finalMap[min(range.location, finalMap.count - 1)]
                let end = finalMap[min(NSMaxRange(range), finalMap.count - 1)]
                return NSRange(location: start, length: max(1, end - start))
            })
    }
}
