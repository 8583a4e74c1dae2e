import Foundation

extension Redactor {
    /// A credential known by value (from the environment, an argument, or the request's own
    /// authentication), replaced by `<redacted:name>` wherever it appears.
    public struct KnownSecret: Sendable, Hashable {
        /// Names the placeholder (`openphone_api_key` → `<redacted:openphone_api_key>`).
        public var name: String
        public var value: String
        /// The UTF-8 bytes, matched leniently (each byte raw, `%XX`, `\u00XX`, `\/`, or `+` for a space).
        let bytes: [UInt8]
        /// Base64 renderings (both alphabets, at each of the three byte offsets), trimmed to the
        /// characters that depend on the value alone, so the value is found inside longer base64.
        let base64Cores: [[UInt8]]

        public init(name: String, value: String) {
            self.name = name
            self.value = value
            bytes = Array(value.utf8)
            base64Cores = value.utf8.count >= Redactor.minimumScrubLength ? KnownSecret.cores(of: bytes) : []
        }

        /// True when the value is too short to scrub inside other text without false positives:
        /// then it is replaced only where it is a whole path segment, query value or header value.
        var isShort: Bool { bytes.count < Redactor.minimumScrubLength }

        static func urlAlphabet(_ byte: UInt8) -> UInt8 {
            switch byte {
            case UInt8(ascii: "+"): UInt8(ascii: "-")
            case UInt8(ascii: "/"): UInt8(ascii: "_")
            default: byte
            }
        }

        static func cores(of bytes: [UInt8]) -> [[UInt8]] {
            var result: Set<[UInt8]> = []
            for offset in 0..<3 {
                let padded = [UInt8](repeating: 0, count: offset) + bytes + [0, 0, 0]
                let standard = Array(Data(padded).base64EncodedString().utf8)
                // Characters fully inside the value's bits: [ceil(8·offset/6), floor(8·(offset+n)/6)).
                let first = (8 * offset + 5) / 6
                let end = (8 * (offset + bytes.count)) / 6
                guard end - first >= Redactor.minimumScrubLength else { continue }
                let core = Array(standard[first..<end])
                result.insert(core)
                result.insert(core.map(urlAlphabet))
            }
            return result.sorted { a, b in a.count != b.count ? a.count > b.count : a.lexicographicallyPrecedes(b) }
        }
    }

    /// Values shorter than this (in UTF-8 bytes) are scrubbed only as a whole path segment, query
    /// value or header value: a short value (`u-42`, a one-letter test token) would otherwise
    /// replace unrelated text.
    public static let minimumScrubLength = 8

    /// A copy that also scrubs these values, each named by its key (an environment variable name).
    public func scrubbing(values: [String: String]) -> Redactor {
        scrubbing(values.sorted { $0.key < $1.key }.map { KnownSecret(name: $0.key, value: $0.value) })
    }

    /// A copy that also scrubs the value of every environment variable named like a credential by
    /// the documented body rule (`OPENPHONE_API_KEY`, `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`, `DB_PASSWORD`),
    /// whatever tool or provider it belongs to. Values shorter than ``minimumScrubLength`` are left
    /// out: an environment holds many short values that would match whole query values (`page=1`).
    public func scrubbing(environment: [String: String]) -> Redactor {
        scrubbing(
            values: environment.filter { name, value in
                value.utf8.count >= Redactor.minimumScrubLength
                    && Redactor.isCredentialName(Redactor.normalizedBytes(name))
            })
    }

    /// A copy that also scrubs these values (placeholder `<redacted:secret>`).
    public func scrubbing(values: some Sequence<String>) -> Redactor {
        scrubbing(values.map { KnownSecret(name: "secret", value: $0) })
    }

    /// A copy that also scrubs these secrets. Placeholders, and values of one or two bytes (a test
    /// stand-in such as `t`, which would replace every `t` standing alone), are ignored.
    public func scrubbing(_ secrets: [KnownSecret]) -> Redactor {
        var copy = self
        var seen = Set(knownSecrets.map(\.value))
        for secret in secrets where secret.value.utf8.count >= 3 && !secret.value.contains("<redacted") {
            guard seen.insert(secret.value).inserted else { continue }
            copy.knownSecrets.append(secret)
        }
        copy.knownSecrets.sort { a, b in
            a.bytes.count != b.bytes.count ? a.bytes.count > b.bytes.count : a.value < b.value
        }
        return copy
    }

    /// `bytes` with every known secret (long enough to scrub inside text) replaced by its placeholder
    /// (`url` true: percent-encoded, for URLs and forms).
    func scrubValues(_ bytes: [UInt8], url: Bool = false) -> [UInt8] {
        var current = bytes
        for secret in knownSecrets where !secret.isShort {
            let replacement = Array(
                (url ? Redactor.urlPlaceholder(secret.name) : Redactor.placeholder(secret.name)).utf8)
            if let replaced = Redactor.replace(secret.bytes, in: current, with: replacement, lenient: true) {
                current = replaced
            }
            for core in secret.base64Cores {
                if let replaced = Redactor.replace(core, in: current, with: replacement, lenient: false) {
                    current = replaced
                }
            }
        }
        return current
    }

    func scrubValues(_ text: String, url: Bool = false) -> String {
        guard !knownSecrets.isEmpty else { return text }
        let bytes = Array(text.utf8)
        let scrubbed = scrubValues(bytes, url: url)
        return scrubbed == bytes ? text : String(decoding: scrubbed, as: UTF8.self)
    }

    /// The name of the short secret equal to `component`, if any.
    func shortSecret(equalTo component: some StringProtocol) -> KnownSecret? {
        knownSecrets.first { $0.isShort && $0.value == component }
    }

    /// `haystack` with each occurrence of `needle` replaced, or nil when there is none. Lenient
    /// matching also accepts each byte percent-encoded, `\u`-escaped, backslash-escaped or (a space) `+`.
    static func replace(_ needle: [UInt8], in haystack: [UInt8], with replacement: [UInt8], lenient: Bool) -> [UInt8]? {
        guard let first = needle.first, haystack.count >= (lenient ? 1 : needle.count) else { return nil }
        var out: [UInt8] = []
        var index = 0
        var changed = false
        while index < haystack.count {
            let byte = haystack[index]
            let candidate =
                byte == first
                || (lenient
                    && (byte == UInt8(ascii: "%") || byte == UInt8(ascii: "\\")
                        || (byte == UInt8(ascii: "+") && first == UInt8(ascii: " "))))
            if candidate, let length = matchLength(needle, in: haystack, at: index, lenient: lenient) {
                if !changed {
                    out.reserveCapacity(haystack.count)
                    out.append(contentsOf: haystack[0..<index])
                    changed = true
                }
                out.append(contentsOf: replacement)
                index += length
                continue
            }
            if changed { out.append(byte) }
            index += 1
        }
        return changed ? out : nil
    }

    static func matchLength(_ needle: [UInt8], in haystack: [UInt8], at start: Int, lenient: Bool) -> Int? {
        var position = start
        for expected in needle {
            guard position < haystack.count else { return nil }
            let byte = haystack[position]
            if byte == expected {
                position += 1
                continue
            }
            guard lenient else { return nil }
            if byte == UInt8(ascii: "%"), position + 2 < haystack.count,
                let high = hexValue(haystack[position + 1]), let low = hexValue(haystack[position + 2]),
                high << 4 | low == expected
            {
                position += 3
            } else if byte == UInt8(ascii: "\\"), position + 5 < haystack.count,
                haystack[position + 1] == UInt8(ascii: "u"),
                expected < 0x80, let a = hexValue(haystack[position + 2]), let b = hexValue(haystack[position + 3]),
                let c = hexValue(haystack[position + 4]), let d = hexValue(haystack[position + 5]),
                a == 0, b == 0, c << 4 | d == expected
            {
                position += 6
            } else if byte == UInt8(ascii: "\\"), position + 1 < haystack.count, haystack[position + 1] == expected,
                expected == UInt8(ascii: "/") || expected == UInt8(ascii: "\"") || expected == UInt8(ascii: "\\")
            {
                position += 2
            } else if byte == UInt8(ascii: "+"), expected == UInt8(ascii: " ") {
                position += 1
            } else {
                return nil
            }
        }
        return position - start
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
