import Foundation
import HTTPTransport
import JSON

extension Redactor {
    /// A body, redacted whatever its form: JSON members by name (and secrets inside string values);
    /// form fields for `application/x-www-form-urlencoded` or a body that reads as a form; any other
    /// UTF-8 as text (pairs, lines, multipart fields); and known secrets in every form, binary too.
    func redact(body: [UInt8], contentType: String?) -> [UInt8] {
        guard !body.isEmpty else { return body }
        var result = body
        if let document = try? JSONDocument.parse(body) {
            var changed = false
            let value = redact(document.value(), changed: &changed)
            if changed { result = JSONWriter.write(value) }
        } else if let text = String(validating: body, as: UTF8.self) {
            let isForm = contentType?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
            if isForm || Redactor.looksLikeForm(body) {
                result = redact(formBody: body)
            }
            let redacted = redact(textBody: String(decoding: result, as: UTF8.self))
            if redacted != text { result = Array(redacted.utf8) }
        }
        return knownSecrets.isEmpty ? result : scrubValues(result)
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
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.range(of: "form-data", options: .caseInsensitive) != nil else { return nil }
        var result = ""
        var rest = Substring(text)
        var changed = false
        while let disposition = rest.range(of: "name=\"") {
            guard let nameEnd = rest[disposition.upperBound...].firstIndex(of: "\""),
                let blank = rest[nameEnd...].range(of: "\r\n\r\n") ?? rest[nameEnd...].range(of: "\n\n")
            else { break }
            let name = String(rest[disposition.upperBound..<nameEnd])
            let valueEnd = rest[blank.upperBound...].range(of: "\n--")?.lowerBound ?? rest.endIndex
            var valueStop = valueEnd
            if valueStop > blank.upperBound, rest[rest.index(before: valueStop)] == "\r" {
                valueStop = rest.index(before: valueStop)
            }
            let value = rest[blank.upperBound..<valueStop]
            result += rest[..<blank.upperBound]
            if (isSensitive(query: name) || isSensitive(bodyField: name)) && !value.isEmpty
                && !Redactor.isPlaceholder(value)
            {
                result += Redactor.placeholder(name)
                changed = true
            } else {
                result += value
            }
            rest = rest[valueStop...]
        }
        guard changed else { return nil }
        return Array((result + rest).utf8)
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
