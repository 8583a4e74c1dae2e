import JSON

/// Writes a JSON value as block-style YAML (strings double-quoted with JSON's escapes, which YAML
/// shares), so tests can read real contracts written as YAML.
enum BlockWriter {
    static func yaml(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out, inline: false)
        return out
    }

    private static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .string: JSONWriter.string(value)
        case .array(let items) where items.isEmpty: "[]"
        case .object(let members) where members.isEmpty: "{}"
        default: JSONWriter.string(value)
        }
    }

    private static func key(_ name: String) -> String {
        let plain =
            !name.isEmpty && name.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A || $0 >= 0x41 && $0 <= 0x5A || $0 == 0x5F }
        return plain ? name : JSONWriter.string(.string(name))
    }

    private static func isCollection(_ value: JSONValue) -> Bool {
        switch value {
        case .array(let items): !items.isEmpty
        case .object(let members): !members.isEmpty
        default: false
        }
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String, inline: Bool) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .array(let items) where !items.isEmpty:
            for (index, item) in items.enumerated() {
                out += (inline && index == 0 ? "" : pad) + "- "
                if isCollection(item) {
                    write(item, indent: indent + 2, into: &out, inline: true)
                } else {
                    out += scalar(item) + "\n"
                }
            }
        case .object(let members) where !members.isEmpty:
            for (index, member) in members.members.enumerated() {
                out += (inline && index == 0 ? "" : pad) + key(member.key) + ":"
                if isCollection(member.value) {
                    out += "\n"
                    write(member.value, indent: indent + 2, into: &out, inline: false)
                } else {
                    out += " " + scalar(member.value) + "\n"
                }
            }
        default:
            out += scalar(value) + "\n"
        }
    }
}
