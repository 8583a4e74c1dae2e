import Contracts
import JSON

/// SplitMix64: a tiny seeded generator, so every run (and every machine) gets the same corpus.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Realistic `getMessageById_v1` 200 bodies (contracts/openphone.openapi.json), one per line, about
/// 370 bytes each; 4 % are invalid in one of four ways a real provider gets wrong.
enum OpenPhoneCorpus {
    static let texts = [
        "Hello, your appointment with Dr. Alvarez is confirmed for tomorrow at 10:00 am.",
        "Your order #48213 has shipped and will arrive on Friday. Track it at https://example.com/t/48213",
        "Reminder: your table for four is booked at 7:30 pm tonight.",
        "Thanks! We received your payment of $42.00 today. Your receipt number is R-2026-00917.",
        "Hi, this is Sam from the front desk. The package you were expecting has arrived.",
        "Your verification code is 614 207. It expires in 10 minutes.",
        "Can we move our call to 3 pm? Something came up this morning — sorry about that! 🙏",
        "Great news: your claim was approved. The refund will show on your statement in 3–5 days.",
    ]
    static let statuses = ["queued", "sent", "delivered", "undelivered"]
    static let hex = Array("0123456789abcdef")

    static func id(_ prefix: String, _ rng: inout SplitMix) -> String {
        prefix + String((0..<26).map { _ in hex[Int(rng.next() % 16)] })
    }

    static func phone(_ rng: inout SplitMix) -> String {
        "+1" + String(Int.random(in: 2_000_000_000...9_999_999_999, using: &rng))
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func timestamp(_ rng: inout SplitMix, minute: Int) -> String {
        let month = Int.random(in: 1...12, using: &rng)
        let day = Int.random(in: 1...28, using: &rng)
        let hour = Int.random(in: 0...23, using: &rng)
        let second = Int.random(in: 0...59, using: &rng)
        let millis = Int.random(in: 100...999, using: &rng)
        return "2026-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second)).\(millis)Z"
    }

    /// The corpus and the byte range of each body (the ranges exclude the newline).
    static func generate(count: Int, seed: UInt64 = 42) -> (bytes: [UInt8], ranges: [Range<Int>]) {
        var rng = SplitMix(state: seed)
        var file: [UInt8] = []
        var ranges: [Range<Int>] = []
        file.reserveCapacity(count * 400)
        ranges.reserveCapacity(count)
        for i in 0..<count {
            let incoming = Bool.random(using: &rng)
            let minute = Int.random(in: 0...58, using: &rng)
            // Deliberately invalid: 4 bodies in every 100, each with one realistic mistake.
            let flaw = i % 100
            var message = JSONObject([])
            message["id"] = .string(flaw == 7 ? id("XY", &rng) : id("AC", &rng))
            message["to"] = .array([.string(phone(&rng))])
            message["from"] = .string(flaw == 29 ? "5551234" : phone(&rng))
            message["text"] = .string(texts[Int(rng.next() % UInt64(texts.count))])
            message["phoneNumberId"] = incoming && rng.next() % 4 == 0 ? .null : .string(id("PN", &rng))
            message["direction"] = .string(incoming ? "incoming" : "outgoing")
            message["userId"] = incoming ? .null : .string(id("US", &rng))
            message["status"] = .string(flaw == 53 ? "received" : statuses[Int(rng.next() % 4)])
            message["createdAt"] = .string(timestamp(&rng, minute: minute))
            message["updatedAt"] = .string(flaw == 81 ? "2026-03-04 15:22:59" : timestamp(&rng, minute: minute + 1))
            let start = file.count
            file += JSONWriter.write(.object(JSONObject([(key: "data", value: .object(message))])))
            ranges.append(start..<file.count)
            file.append(10)
        }
        return (file, ranges)
    }

    /// The schema at `#/components/schemas/<root>` as a standalone JSON Schema 2020-12 document:
    /// the components it references (transitively) become `$defs`, and their `$ref`s follow.
    static func standaloneSchema(contract: Contract, root: String) -> String {
        let components = contract.document["components"]?["schemas"]?.objectValue ?? JSONObject([])
        var needed: [String] = [root]
        var index = 0
        while index < needed.count {
            for name in references(in: components[needed[index]] ?? .null) where !needed.contains(name) {
                needed.append(name)
            }
            index += 1
        }
        var defs = JSONObject([])
        for name in needed { defs[name] = components[name].map(rewritingReferences) }
        let standalone: JSONValue = [
            "$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": .string("#/$defs/\(root)"),
            "$defs": .object(defs),
        ]
        return JSONWriter.string(standalone, options: .init(pretty: true)) + "\n"
    }

    static let componentPrefix = "#/components/schemas/"

    static func references(in value: JSONValue) -> [String] {
        switch value {
        case .object(let object):
            var names: [String] = []
            for (key, member) in object {
                if key == "$ref", case .string(let ref) = member, ref.hasPrefix(componentPrefix) {
                    names.append(String(ref.dropFirst(componentPrefix.count)))
                } else {
                    names += references(in: member)
                }
            }
            return names
        case .array(let elements): return elements.flatMap(references)
        default: return []
        }
    }

    static func rewritingReferences(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var result = JSONObject([])
            for (key, member) in object {
                if key == "$ref", case .string(let ref) = member, ref.hasPrefix(componentPrefix) {
                    result[key] = .string("#/$defs/" + ref.dropFirst(componentPrefix.count))
                } else {
                    result[key] = rewritingReferences(member)
                }
            }
            return .object(result)
        case .array(let elements): return .array(elements.map(rewritingReferences))
        default: return value
        }
    }
}
