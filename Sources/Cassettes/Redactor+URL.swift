import Foundation

extension Redactor {
    /// An absolute URL's text with user and password replaced, sensitive query and fragment
    /// parameters replaced, short known secrets replaced where they are a whole path segment or
    /// parameter value, and long known secrets scrubbed anywhere. Works on the text so that every
    /// unchanged part keeps its exact percent-encoding (the redacted URL still matches byte for byte).
    func redact(urlText text: String) -> String {
        var result = knownSecrets.isEmpty ? text : scrubValues(text, url: true)
        let schemeEnd = result.range(of: "://")
        let authorityStart = schemeEnd?.upperBound ?? result.startIndex
        let authorityEnd =
            result[authorityStart...].firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? result.endIndex
        var head = String(result[..<authorityStart])
        var authority = String(result[authorityStart..<authorityEnd])
        let tail = result[authorityEnd...]
        if schemeEnd != nil, let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            let host = authority[authority.index(after: at)...]
            // A placeholder holds a colon of its own (`%3Credacted:user%3E`): look past it.
            let userEnd =
                Redactor.isPlaceholder(userInfo)
                ? userInfo.range(of: "%3E", options: .caseInsensitive)?.upperBound ?? userInfo.startIndex
                : userInfo.startIndex
            if let colon = userInfo[userEnd...].firstIndex(of: ":") {
                let user = userInfo[..<colon]
                let password = userInfo[userInfo.index(after: colon)...]
                authority =
                    (user.isEmpty || Redactor.isPlaceholder(user) ? String(user) : Redactor.urlPlaceholder("user"))
                    + ":"
                    + (Redactor.isPlaceholder(password) ? String(password) : Redactor.urlPlaceholder("password"))
                    + "@" + host
            } else if !userInfo.isEmpty && !Redactor.isPlaceholder(userInfo) {
                authority = Redactor.urlPlaceholder("user") + "@" + host
            }
        }
        let fragmentStart = tail.firstIndex(of: "#")
        let beforeFragment = tail[..<(fragmentStart ?? tail.endIndex)]
        let queryStart = beforeFragment.firstIndex(of: "?")
        let path = beforeFragment[..<(queryStart ?? beforeFragment.endIndex)]
        var rebuilt = redact(pathText: path)
        if let queryStart {
            rebuilt += "?" + redact(parameters: beforeFragment[beforeFragment.index(after: queryStart)...])
        }
        if let fragmentStart {
            rebuilt += "#" + redact(parameters: tail[tail.index(after: fragmentStart)...])
        }
        head += authority
        result = head + rebuilt
        return result
    }

    /// Path segments equal to a short known secret (`/users/u-42/…`) become its placeholder.
    func redact(pathText path: Substring) -> String {
        guard knownSecrets.contains(where: \.isShort) else { return String(path) }
        return path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            guard let secret = shortSecret(equalTo: QueryString.decode(segment.utf8)) else { return String(segment) }
            return Redactor.urlPlaceholder(secret.name)
        }.joined(separator: "/")
    }

    /// `a=1&token=x` (a query, or a fragment such as `#access_token=…&state=…`) with sensitive values,
    /// and values equal to a short known secret, replaced; anything else keeps its bytes.
    func redact(parameters: Substring) -> String {
        guard parameters.contains("=") else { return String(parameters) }
        return parameters.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
            let rawName = pair[..<equals]
            let rawValue = pair[pair.index(after: equals)...]
            guard !rawValue.isEmpty, !Redactor.isPlaceholder(rawValue) else { return String(pair) }
            let name = QueryString.decode(rawName.utf8)
            if isSensitive(query: name) { return rawName + "=" + Redactor.urlPlaceholder(name) }
            if let secret = shortSecret(equalTo: QueryString.decode(rawValue.utf8)) {
                return rawName + "=" + Redactor.urlPlaceholder(secret.name)
            }
            return String(pair)
        }.joined(separator: "&")
    }
}
