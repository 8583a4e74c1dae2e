import Foundation
import HTTPTransport
import JSON

extension Redactor {
    /// An interaction with the request's own credentials (see ``credentials(in:)``) scrubbed from
    /// both sides, so a provider that echoes the key back (in a `Location`, a header or the body)
    /// does not put it on disk.
    public func redact(_ interaction: Cassette.Interaction) -> Cassette.Interaction {
        let redactor = scrubbing(credentials(in: interaction.request))
        // The request is redacted by name first, so each credential keeps the placeholder of the
        // place it was sent in (`<redacted:api_key>` in the query even when the same value is also
        // the Authorization header): a live request redacted by name matches it again.
        return Cassette.Interaction(
            request: redactor.redact(redact(interaction.request)), response: redactor.redact(interaction.response),
            capturedAt: interaction.capturedAt)
    }

    /// The credential values a request carries: sensitive headers (without their `Bearer`/`Basic`
    /// scheme; a Basic credential also as `user:password` and as the password alone; each cookie
    /// value), sensitive query and fragment parameters, the URL's password, and sensitive form and
    /// JSON body fields. Placeholders and values shorter than ``minimumScrubLength`` are left out.
    public func credentials(in request: HTTPRequest) -> [KnownSecret] {
        var found: [KnownSecret] = []
        func add(_ name: String, _ value: String) {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            // A value holding a placeholder was redacted before (URLComponents may split a redacted
            // user info at the placeholder's own colon).
            guard trimmed.utf8.count >= Redactor.minimumScrubLength, !trimmed.contains("<redacted"),
                !trimmed.lowercased().contains("%3credacted")
            else { return }
            found.append(KnownSecret(name: name, value: trimmed))
        }
        for field in request.headers where isSensitive(header: field.name) {
            let name = field.name.lowercased()
            add(name, field.value)
            let parts = field.value.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else {
                for cookie in field.value.split(separator: ";") {
                    if let equals = cookie.firstIndex(of: "=") {
                        add(name, String(cookie[cookie.index(after: equals)...]))
                    }
                }
                continue
            }
            add(name, String(parts[1]))
            if parts[0].lowercased() == "basic", let data = Data(base64Encoded: String(parts[1])),
                let pair = String(data: data, encoding: .utf8)
            {
                add(name, pair)
                if let colon = pair.firstIndex(of: ":") { add(name, String(pair[pair.index(after: colon)...])) }
            }
        }
        let text = request.url.absoluteString
        if let components = URLComponents(string: text) {
            if let password = components.password { add("password", password) }
            for item in components.queryItems ?? [] where isSensitive(query: item.name) {
                add(item.name, item.value ?? "")
            }
            if let fragment = components.fragment, fragment.contains("=") {
                for pair in fragment.split(separator: "&") {
                    guard let equals = pair.firstIndex(of: "=") else { continue }
                    let name = String(pair[..<equals])
                    if isSensitive(query: name) { add(name, String(pair[pair.index(after: equals)...])) }
                }
            }
        }
        if let document = try? JSONDocument.parse(request.body) {
            for (name, value) in sensitiveMembers(document.value()) { add(name, value) }
        } else if Redactor.looksLikeForm(request.body), let form = String(validating: request.body, as: UTF8.self) {
            for pair in form.split(separator: "&") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let name = QueryString.decode(pair[..<equals].utf8)
                if isSensitive(query: name) {
                    add(
                        name,
                        QueryString.decode(
                            pair[pair.index(after: equals)...].replacingOccurrences(of: "+", with: " ").utf8))
                }
            }
        }
        return found
    }

    private func sensitiveMembers(_ value: JSONValue) -> [(String, String)] {
        switch value {
        case .object(let object):
            return object.flatMap { member -> [(String, String)] in
                if isSensitive(bodyField: member.key), case .string(let string) = member.value {
                    return [(member.key, string)]
                }
                return sensitiveMembers(member.value)
            }
        case .array(let elements):
            return elements.flatMap { sensitiveMembers($0) }
        default:
            return []
        }
    }

    /// Text for a message or a report line with every known secret (any length, raw or encoded) and
    /// credential-shaped pair replaced: what the tool prints goes through here.
    public func scrub(_ text: String) -> String {
        var result = redact(inlineText: text)
        for secret in knownSecrets where secret.isShort {
            result = Redactor.replacingWholeWords(secret.value, in: result, with: Redactor.placeholder(secret.name))
        }
        return result
    }

    /// `text` with `word` replaced where no letter or digit touches it (`u-42` in `/users/u-42/`,
    /// not the `t` of `text`).
    static func replacingWholeWords(_ word: String, in text: String, with replacement: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: word) {
            let before = range.lowerBound == rest.startIndex ? nil : rest[rest.index(before: range.lowerBound)]
            let after = range.upperBound == rest.endIndex ? nil : rest[range.upperBound]
            let touches = [before, after].contains { $0?.isLetter == true || $0?.isNumber == true }
            result += rest[..<range.lowerBound]
            result += touches ? String(rest[range]) : replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
