import Foundation

/// Redaction inside free text: header values, JSON string values, and bodies that are not JSON
/// (plain text, malformed JSON, forms, multipart). Scanners work on UTF-8 bytes, without regular
/// expressions, because replay redacts every live request.
extension Redactor {
    /// Known secrets, `name=value` pairs with a secret name (URLs in `Location`, `Link`, `Refresh`,
    /// messages), `"name": "value"` pairs, URL passwords, `Bearer`/`Basic`/`Token` credentials and
    /// PEM private keys.
    func redact(inlineText text: String) -> String {
        let bytes = Array(text.utf8)
        guard let redacted = redact(inlineBytes: bytes) else { return text }
        return String(decoding: redacted, as: UTF8.self)
    }

    /// ``redact(inlineText:)`` on bytes (which need not be UTF-8: a binary body's ASCII pairs count
    /// too), or nil when nothing changed.
    func redact(inlineBytes input: [UInt8]) -> [UInt8]? {
        var bytes = input
        var changed = false
        func apply(_ step: ([UInt8]) -> [UInt8]?) {
            if let next = step(bytes) {
                bytes = next
                changed = true
            }
        }
        if !knownSecrets.isEmpty {
            let scrubbed = scrubValues(bytes)
            if scrubbed != bytes {
                bytes = scrubbed
                changed = true
            }
        }
        // One pass to learn which scanners can find anything: replay redacts every live header.
        var dash = false
        var at = false
        var equals = false
        var quote = false
        var space = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "-"): dash = true
            case UInt8(ascii: "@"): at = true
            case UInt8(ascii: "="): equals = true
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = true
            case UInt8(ascii: " "), UInt8(ascii: "\t"): space = true
            default: break
            }
        }
        if dash && bytes.count > 30 { apply(Redactor.redactPrivateKeys) }
        if at { apply(Redactor.redactURLPasswords) }
        if equals { apply(redactPairs) }
        if quote { apply(redactQuotedPairs) }
        if space && bytes.count >= 14 { apply(Redactor.redactSchemeCredentials) }
        return changed ? bytes : nil
    }

    /// A body that is not JSON (text or binary): everything ``redact(inlineText:)`` does, plus
    /// `name: value` lines and multipart fields.
    func redact(textBody body: [UInt8]) -> [UInt8] {
        var bytes = redact(inlineBytes: body) ?? body
        if let next = redactMultipart(bytes) { bytes = next }
        if let next = redactLines(bytes) { bytes = next }
        return bytes
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
    }

    static func endsPairValue(_ byte: UInt8) -> Bool {
        if byte < 0x20 { return true }
        return switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "#"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"),
            UInt8(ascii: "\n"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"),
            UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: ")"), UInt8(ascii: "\\"):
            true
        default: false
        }
    }

    static func isPlaceholder(bytes: ArraySlice<UInt8>) -> Bool {
        isPlaceholder(String(decoding: bytes.prefix(12), as: UTF8.self))
    }

    /// `…token=abc&…` → `…token=%3Credacted:token%3E&…`; a quoted value (`token="abc"`, in a
    /// challenge header) keeps its quotes around the raw placeholder.
    func redactPairs(_ bytes: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "=") else {
                index += 1
                continue
            }
            var start = index
            while start > 0 && Redactor.isNameByte(bytes[start - 1]) { start -= 1 }
            let rawName = bytes[start..<index]
            let name = QueryString.decode(rawName.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 })
            guard !rawName.isEmpty, isSensitive(query: name) else {
                index += 1
                continue
            }
            var valueStart = index + 1
            let quoted = valueStart < bytes.count && bytes[valueStart] == UInt8(ascii: "\"")
            var end = valueStart
            if quoted {
                valueStart += 1
                end = valueStart
                while end < bytes.count && bytes[end] != UInt8(ascii: "\"") {
                    end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                end = min(end, bytes.count)
            } else {
                while end < bytes.count && !Redactor.endsPairValue(bytes[end]) { end += 1 }
            }
            let value = bytes[valueStart..<end]
            guard !value.isEmpty, !Redactor.isPlaceholder(bytes: value) else {
                index = max(end, index + 1)
                continue
            }
            out.append(contentsOf: bytes[copied..<valueStart])
            out.append(contentsOf: (quoted ? Redactor.placeholder(name) : Redactor.urlPlaceholder(name)).utf8)
            copied = end
            index = end
        }
        guard copied > 0 else { return nil }
        out.append(contentsOf: bytes[copied...])
        return out
    }

    /// `"token": "abc"` or `'token': 'abc'` anywhere in text (malformed JSON, a stringified object,
    /// a log line): the value becomes the placeholder.
    func redactQuotedPairs(_ bytes: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        while index < bytes.count {
            let quote = bytes[index]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
                let nameEnd = Redactor.closingQuote(bytes, from: index + 1, quote: quote)
            else {
                index += 1
                continue
            }
            var cursor = nameEnd + 1
            while cursor < bytes.count && (bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t")) {
                cursor += 1
            }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") else {
                index = nameEnd
                continue
            }
            cursor += 1
            while cursor < bytes.count
                && (bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t")
                    || bytes[cursor] == UInt8(ascii: "\n") || bytes[cursor] == UInt8(ascii: "\r"))
            {
                cursor += 1
            }
            let name = String(decoding: bytes[(index + 1)..<nameEnd], as: UTF8.self)
            guard cursor < bytes.count, bytes[cursor] == quote,
                let valueEnd = Redactor.closingQuote(bytes, from: cursor + 1, quote: quote)
            else {
                index = nameEnd + 1
                continue
            }
            let value = bytes[(cursor + 1)..<valueEnd]
            if isSensitive(bodyField: name), !value.isEmpty, !Redactor.isPlaceholder(bytes: value) {
                out.append(contentsOf: bytes[copied...cursor])
                out.append(contentsOf: Redactor.placeholder(name).utf8)
                copied = valueEnd
            }
            index = valueEnd + 1
        }
        guard copied > 0 else { return nil }
        out.append(contentsOf: bytes[copied...])
        return out
    }

    static func closingQuote(_ bytes: [UInt8], from start: Int, quote: UInt8) -> Int? {
        var index = start
        while index < bytes.count {
            if bytes[index] == quote { return index }
            if bytes[index] == UInt8(ascii: "\n") { return nil }
            index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        return nil
    }

    /// `scheme://user:password@host` (also JSON-escaped, `https:\/\/`) → the password becomes the placeholder.
    static func redactURLPasswords(_ bytes: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        while index + 2 < bytes.count {
            var after: Int?
            if bytes[index] == UInt8(ascii: ":") {
                if bytes[index + 1] == UInt8(ascii: "/") && bytes[index + 2] == UInt8(ascii: "/") {
                    after = index + 3
                } else if index + 4 < bytes.count, bytes[(index + 1)...(index + 4)].elementsEqual("\\/\\/".utf8) {
                    after = index + 5
                }
            }
            guard let authorityStart = after else {
                index += 1
                continue
            }
            var end = authorityStart
            var at: Int?
            while end < bytes.count {
                let byte = bytes[end]
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "?")
                    || byte == UInt8(ascii: "#")
                    || endsPairValue(byte) && byte != UInt8(ascii: ";")
                        && byte != UInt8(ascii: ",")
                {
                    break
                }
                if byte == UInt8(ascii: "@") { at = end }
                end += 1
            }
            if let at, let colon = bytes[authorityStart..<at].firstIndex(of: UInt8(ascii: ":")), colon + 1 < at,
                !isPlaceholder(bytes: bytes[(colon + 1)..<at])
            {
                out.append(contentsOf: bytes[copied...colon])
                out.append(contentsOf: urlPlaceholder("password").utf8)
                copied = at
            }
            index = max(end, index + 1)
        }
        guard copied > 0 else { return nil }
        out.append(contentsOf: bytes[copied...])
        return out
    }

    /// `Bearer abc…`, `Token abc…` (8+ characters with a digit, or 20+) and `Basic <user:password in
    /// base64>` in free text become `Bearer <redacted:authorization>`.
    static func redactSchemeCredentials(_ bytes: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        let schemes: [[UInt8]] = [Array("bearer".utf8), Array("basic".utf8), Array("token".utf8)]
        while index < bytes.count {
            guard index == 0 || !isNameByte(bytes[index - 1]),
                let scheme = schemes.first(where: { scheme in
                    index + scheme.count < bytes.count
                        && zip(scheme, bytes[index..<(index + scheme.count)]).allSatisfy { $0 == ($1 | 0x20) }
                })
            else {
                index += 1
                continue
            }
            var start = index + scheme.count
            guard start < bytes.count, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") else {
                index += 1
                continue
            }
            while start < bytes.count && (bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t")) {
                start += 1
            }
            var end = start
            while end < bytes.count && isToken68Byte(bytes[end]) { end += 1 }
            while end < bytes.count && bytes[end] == UInt8(ascii: "=") { end += 1 }
            // `Bearer realm="x"` is a challenge parameter, not a credential.
            let isParameter =
                end < bytes.count && bytes[end - 1] == UInt8(ascii: "=")
                && (bytes[end] == UInt8(ascii: "\"") || isNameByte(bytes[end]))
            let token = bytes[start..<end]
            if !isParameter, acceptsCredential(token, basic: scheme.count == 5) {
                out.append(contentsOf: bytes[copied..<start])
                out.append(contentsOf: placeholder("authorization").utf8)
                copied = end
            }
            index = max(end, index + 1)
        }
        guard copied > 0 else { return nil }
        out.append(contentsOf: bytes[copied...])
        return out
    }

    static func isToken68Byte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "~") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
    }

    static func acceptsCredential(_ token: ArraySlice<UInt8>, basic: Bool) -> Bool {
        guard token.count >= 8 else { return false }
        if basic {
            guard let data = Data(base64Encoded: String(decoding: token, as: UTF8.self)) else { return false }
            return data.contains(UInt8(ascii: ":"))
        }
        return token.count >= 20 || token.contains { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// `-----BEGIN … PRIVATE KEY----- … -----END … PRIVATE KEY-----` → `<redacted:private-key>`.
    static func redactPrivateKeys(_ bytes: [UInt8]) -> [UInt8]? {
        let begin = Array("-----BEGIN ".utf8)
        let marker = Array("PRIVATE KEY".utf8)
        let end = Array("-----END ".utf8)
        let dashes = Array("-----".utf8)
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        while let found = firstRange(of: begin, in: bytes, from: index) {
            guard let key = firstRange(of: marker, in: bytes, from: found.upperBound),
                key.lowerBound - found.upperBound <= 24
            else {
                index = found.upperBound
                continue
            }
            let stop =
                firstRange(of: end, in: bytes, from: key.upperBound).flatMap {
                    firstRange(of: dashes, in: bytes, from: $0.upperBound)?.upperBound
                } ?? bytes.count
            out.append(contentsOf: bytes[copied..<found.lowerBound])
            out.append(contentsOf: placeholder("private-key").utf8)
            copied = stop
            index = stop
        }
        guard copied > 0 else { return nil }
        out.append(contentsOf: bytes[copied...])
        return out
    }
}
