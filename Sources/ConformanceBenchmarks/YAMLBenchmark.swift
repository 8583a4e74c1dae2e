import Foundation
import JSON
import YAML

/// YAML reading speed on a large document: the four bundled contracts, 400 times over, written as
/// block YAML (the way OpenAPI authors write it) and as JSON text (which YAML reads too), beside the
/// JSON reader on the same JSON text.
enum YAMLBenchmark {
    static func run(copies: Int = 400) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var contracts: [JSONValue] = []
        for name in ["courier", "sendo", "bandwidth-v1", "openphone"] {
            let path = root.appendingPathComponent("contracts/\(name).openapi.json").path
            contracts.append(try JSONDocument.parse(contentsOf: path).value())
        }
        let members = (0..<copies).map { (key: "contract\($0)", value: contracts[$0 % contracts.count]) }
        let document = JSONValue.object(JSONObject(members))
        var block = ""
        writeBlock(document, indent: 0, inline: false, into: &block)
        let yaml = Array(block.utf8)
        let json = JSONWriter.write(document, options: .init(pretty: true))
        guard try YAMLReader.parseSingle(yaml) == document, try YAMLReader.parseSingle(json) == document else {
            fatalError("the YAML reader disagrees with the JSON reader on the benchmark document")
        }
        func report(_ label: String, _ bytes: Int, _ seconds: Double) {
            let megabytes = Double(bytes) / 1_000_000
            print(
                "\(label): \(String(format: "%.1f", megabytes)) MB in \(String(format: "%.1f", seconds * 1000)) ms, "
                    + "\(String(format: "%.0f", megabytes / seconds)) MB/s")
        }
        report("YAML reader, block YAML", yaml.count, try best(of: 5) { _ = try YAMLReader.parseSingle(yaml) })
        report("YAML reader, JSON text", json.count, try best(of: 5) { _ = try YAMLReader.parseSingle(json) })
        report(
            "JSON reader, JSON text (values)", json.count, try best(of: 5) { _ = try JSONDocument.parse(json).value() })
    }

    /// Block YAML: mappings and sequences indented, strings double-quoted with JSON's escapes.
    static func writeBlock(_ value: JSONValue, indent: Int, inline: Bool, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        func isCollection(_ value: JSONValue) -> Bool {
            (value.arrayValue.map { !$0.isEmpty } ?? false) || (value.objectValue.map { !$0.isEmpty } ?? false)
        }
        switch value {
        case .array(let items) where !items.isEmpty:
            for (index, item) in items.enumerated() {
                out += (inline && index == 0 ? "" : pad) + "- "
                if isCollection(item) {
                    writeBlock(item, indent: indent + 2, inline: true, into: &out)
                } else {
                    out += JSONWriter.string(item) + "\n"
                }
            }
        case .object(let object) where !object.isEmpty:
            for (index, member) in object.members.enumerated() {
                let plain = member.key.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A || $0 >= 0x41 && $0 <= 0x5A }
                let key = plain && !member.key.isEmpty ? member.key : JSONWriter.string(.string(member.key))
                out += (inline && index == 0 ? "" : pad) + key + ":"
                if isCollection(member.value) {
                    out += "\n"
                    writeBlock(member.value, indent: indent + 2, inline: false, into: &out)
                } else {
                    out += " " + JSONWriter.string(member.value) + "\n"
                }
            }
        default:
            out += JSONWriter.string(value) + "\n"
        }
    }
}
