import Foundation
import HTTPTransport
import JSON

extension Redactor {
    /// A body, redacted whatever its form: JSON members by name (and secrets inside string values);
    /// form fields for `application/x-www-form-urlencoded` or a body that reads as a form; any other
    /// UTF-8 as text (pairs, lines, multipart fields); and known secrets in every form, binary too.
    func redact(body: [UInt8], contentType: String?) -> [UInt8] {
        guard !body.isEmpty else { return body }
        // Known secrets first, on the bytes: a JSON body keeps its layout when only a value changes.
        var result = knownSecrets.isEmpty ? body : scrubValues(body)
        if let document = try? JSONDocument.parse(result) {
            var changed = false
            let value = redact(document.value(), changed: &changed)
            if changed { result = JSONWriter.write(value) }
        } else {
            let isForm = contentType?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
            if isForm || Redactor.looksLikeForm(result) {
                result = redact(formBody: result)
            }
            // Text or not: a binary body's ASCII (`"token":"…"` in a protobuf, a form in a
            // compressed-looking blob) is read the same way.
            result = redact(textBody: result)
        }
        return result
    }

    /// One line of `name=value` pairs joined by `&`, names of name characters only.
    static func looksLikeForm(_ body: [UInt8]) -> Bool {
        guard body.contains(UInt8(ascii: "=")), !body.contains(UInt8(ascii: "\n")), !body.contains(UInt8(ascii: " "))
        else { return false }
        return body.split(separator: UInt8(ascii: "&")).allSatisfy { pair in
            guard let equals = pair.firstIndex(of: UInt8(ascii: "=")), equals > pair.startIndex else { return false }
            return pair[pair.startIndex..<equals].allSatisfy { isNameByte($0) || $0 == UInt8(ascii: "+") }
        }
    }

    /// `a=1&client_secret=s` → `a=1&client_secret=%3Credacted:client_secret%3E`: only sensitive
    /// values change (query parameter and body field names both count), the rest keep their bytes.
    public func redact(formBody body: [UInt8]) -> [UInt8] {
        guard !body.isEmpty, let text = String(validating: body, as: UTF8.self) else { return body }
        var changed = false
        let pairs = text.split(separator: "&", omittingEmptySubsequences: false).map { pair -> Substring in
            guard let equals = pair.firstIndex(of: "=") else { return pair }
            let rawName = pair[..<equals]
            let name = (rawName.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(rawName))
                .lowercased()
            guard isSensitive(query: name), !Redactor.isPlaceholder(pair[pair.index(after: equals)...]) else {
                return pair
            }
            let redacted = rawName + "=" + Redactor.urlPlaceholder(name)
            if redacted != pair { changed = true }
            return Substring(redacted)
        }
        return changed ? Array(pairs.joined(separator: "&").utf8) : body
    }

    /// Multipart fields named like a credential (`Content-Disposition: form-data; name="password"`):
    /// the part's content becomes the placeholder.
    func redactMultipart(_ bytes: [UInt8]) -> [UInt8]? {
        // Bytes, not Characters: "\r\n" is one Character, which would hide the line ends.
        let marker = Array("name=\"".utf8)
        let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        guard bytes.count > marker.count, Redactor.firstRange(of: Array("form-data".utf8), in: lowered, from: 0) != nil
        else { return nil }
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        while let found = Redactor.firstRange(of: marker, in: bytes, from: index) {
            let nameStart = found.upperBound
            guard let nameEnd = bytes[nameStart...].firstIndex(of: UInt8(ascii: "\"")),
                let blank = Redactor.firstRange(of: Array("\r\n\r\n".utf8), in: bytes, from: nameEnd)
                    ?? Redactor.firstRange(of: Array("\n\n".utf8), in: bytes, from: nameEnd)
            else { break }
            let name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)
            var valueEnd =
                Redactor.firstRange(of: Array("\n--".utf8), in: bytes, from: blank.upperBound)?.lowerBound
                ?? bytes.count
            if valueEnd > blank.upperBound && bytes[valueEnd - 1] == UInt8(ascii: "\r") { valueEnd -= 1 }
            let value = bytes[blank.upperBound..<valueEnd]
            if isSensitive(query: name) || isSensitive(bodyField: name), !value.isEmpty,
                !Redactor.isPlaceholder(bytes: value)
            {
                out.append(contentsOf: bytes[copied..<blank.upperBound])
                out.append(contentsOf: Redactor.placeholder(name).utf8)
                copied = valueEnd
            }
            index = max(valueEnd, nameEnd + 1)
        }
        guard copied > 0 else { return nil }
        out.append(contentsOf: bytes[copied...])
        return out
    }

    static func firstRange(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Range<Int>? {
        guard let first = needle.first, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index..<(index + needle.count)
            }
            index += 1
        }
        return nil
    }

    /// `token: abc` or `password = abc` lines (YAML, .env, logs, header dumps): the value becomes
    /// the placeholder.
    func redactLines(_ bytes: [UInt8]) -> [UInt8]? {
        var changed = false
        var lines: [[UInt8]] = []
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var start = line.startIndex
            while start < line.endIndex && (line[start] == UInt8(ascii: " ") || line[start] == UInt8(ascii: "\t")) {
                start += 1
            }
            var nameEnd = start
            while nameEnd < line.endIndex && Redactor.isNameByte(line[nameEnd]) { nameEnd += 1 }
            var cursor = nameEnd
            while cursor < line.endIndex && line[cursor] == UInt8(ascii: " ") { cursor += 1 }
            guard nameEnd > start, cursor < line.endIndex,
                line[cursor] == UInt8(ascii: ":") || line[cursor] == UInt8(ascii: "=")
            else {
                lines.append(Array(line))
                continue
            }
            cursor += 1
            while cursor < line.endIndex && line[cursor] == UInt8(ascii: " ") { cursor += 1 }
            var end = line.endIndex
            if end > cursor && line[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let name = String(decoding: line[start..<nameEnd], as: UTF8.self)
            let value = line[cursor..<end]
            let sensitive =
                isSensitive(bodyField: name) || Redactor.credentialHeaderNames.contains(Redactor.normalized(name))
            guard sensitive, !value.isEmpty, !Redactor.isPlaceholder(bytes: value),
                value.first != UInt8(ascii: "\""), value.first != UInt8(ascii: "'")
            else {
                lines.append(Array(line))
                continue
            }
            changed = true
            lines.append(Array(line[..<cursor]) + Array(Redactor.placeholder(name).utf8) + Array(line[end...]))
        }
        return changed ? Array(lines.joined(separator: [UInt8(ascii: "\n")])) : nil
    }
}
