import Foundation
import HTTPTransport

extension Redactor {
    /// A request body, redacted by its content type: form fields (`client_secret=…` in an OAuth
    /// token request) for `application/x-www-form-urlencoded`, JSON members otherwise.
    func redact(body: [UInt8], contentType: String?) -> [UInt8] {
        guard let contentType, contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            return redact(body: body)
        }
        return redact(formBody: body)
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
            guard queryNames.contains(name) || bodyFields.contains(name) else { return pair }
            let placeholder = Redactor.percentEncoded(Redactor.placeholder(name))
            let redacted = rawName + "=" + placeholder
            if redacted != pair { changed = true }
            return Substring(redacted)
        }
        return changed ? Array(pairs.joined(separator: "&").utf8) : body
    }
}
