import JSON

/// The canonical cassette layout: ``JSONWriter``'s 2-space pretty form, except that each header
/// is one line (`["Content-Type", "application/json"]`), so a changed header is a one-line diff.
/// Member order is the order the format defines (not sorted); header and interaction order are data
/// and are kept. Embedded bodies are laid out exactly like the rest.
enum CassetteLayout {
    static func write(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        append(value, indent: 0, inBody: false, to: &out)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    private static let pretty = JSONWriter.Options(pretty: true)

    private static func append(_ value: JSONValue, indent: Int, inBody: Bool, to out: inout [UInt8]) {
        switch value {
        case .object(let object) where !object.isEmpty:
            out.append(UInt8(ascii: "{"))
            for (index, member) in object.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1, &out)
                JSONWriter.appendString(member.key, to: &out)
                out.append(contentsOf: ": ".utf8)
                if !inBody, member.key == "headers", case .array(let pairs) = member.value, !pairs.isEmpty {
                    appendHeaders(pairs, indent: indent + 1, to: &out)
                } else {
                    append(member.value, indent: indent + 1, inBody: inBody || member.key == "body", to: &out)
                }
            }
            newline(indent, &out)
            out.append(UInt8(ascii: "}"))
        case .array(let elements) where !elements.isEmpty:
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1, &out)
                append(element, indent: indent + 1, inBody: inBody, to: &out)
            }
            newline(indent, &out)
            out.append(UInt8(ascii: "]"))
        default:
            JSONWriter.append(value, options: pretty, indent: indent, to: &out)
        }
    }

    private static func appendHeaders(_ pairs: [JSONValue], indent: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, pair) in pairs.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            newline(indent + 1, &out)
            if case .array(let parts) = pair {
                out.append(UInt8(ascii: "["))
                for (partIndex, part) in parts.enumerated() {
                    if partIndex > 0 { out.append(contentsOf: ", ".utf8) }
                    JSONWriter.append(part, options: .compact, to: &out)
                }
                out.append(UInt8(ascii: "]"))
            } else {
                append(pair, indent: indent + 1, inBody: false, to: &out)
            }
        }
        newline(indent, &out)
        out.append(UInt8(ascii: "]"))
    }

    private static func newline(_ indent: Int, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }
}
