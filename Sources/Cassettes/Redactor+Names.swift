import Foundation

/// Which names hold a credential. Names compare case-insensitively with `-` and `_` ignored
/// (`X-Api-Key`, `x_api_key` and `XAPIKEY` are one name), each by a documented rule:
///
/// - **Headers**: the listed names (``Redactor/headerNames``), the exact names in
///   ``Redactor/credentialHeaderNames``, and any name containing one of
///   ``Redactor/credentialFragments`` (`token`, `secret`, `password`, `apikey`, `auth`, `session`,
///   `signature`, `credential`, `csrf`, `xsrf`, `cookie`) — except the challenge headers
///   (`WWW-Authenticate`, `Proxy-Authenticate`, `Authentication-Info`), whose parameters are redacted
///   one by one so `error="invalid_token"` stays readable.
/// - **Query, fragment and form parameters**: the listed names (``Redactor/queryNames``), the body
///   rule below, and `key`, `sig`, `code` (an OAuth authorization code), `auth`.
/// - **Body members** (JSON at any depth, `"name": "…"` in text, multipart fields): the listed names
///   (``Redactor/bodyFields``), the exact names in ``Redactor/credentialNames`` and any name ending in
///   one of ``Redactor/credentialSuffixes`` — except pagination cursors (`nextPageToken`,
///   `continuationToken`, `syncToken`), which replay needs and which grant nothing.
extension Redactor {
    /// Header names (normalized: lowercase, no `-` or `_`) that always hold a credential.
    public static let credentialHeaderNames: Set<String> = [
        "authorization", "proxyauthorization", "cookie", "setcookie", "xapikey", "apikey", "privatetoken", "xauth",
        "token", "ocpapimsubscriptionkey", "xgoogapikey", "xamzsecuritytoken", "xcsrftoken", "xxsrftoken",
    ]

    /// Fragments that make any header name a credential (normalized).
    public static let credentialFragments: [String] = [
        "token", "secret", "password", "passwd", "apikey", "auth", "session", "signature", "credential", "csrf", "xsrf",
        "cookie", "subscriptionkey", "privatekey",
    ]

    /// Headers that carry a challenge, not a credential: only their secret-looking parameters change.
    static let challengeHeaders: Set<String> = ["wwwauthenticate", "proxyauthenticate", "authenticationinfo"]

    /// Member and parameter names (normalized) that always hold a credential.
    public static let credentialNames: Set<String> = [
        "token", "accesstoken", "refreshtoken", "idtoken", "authtoken", "sessiontoken", "bearertoken", "apitoken",
        "csrftoken", "xsrftoken", "securitytoken", "authorization", "proxyauthorization", "password", "passwd", "pwd",
        "pass", "passphrase", "secret", "clientsecret", "apikey", "apisecret", "privatekey", "secretkey", "accesskey",
        "secretaccesskey", "awssecretaccesskey", "awssessiontoken", "signature", "xamzsignature", "xamzsecuritytoken",
        "xamzcredential", "credential", "credentials", "sessionid", "accountkey", "sharedaccesskey", "cookie",
        "setcookie", "privatetoken",
        "subscriptionkey", "ocpapimsubscriptionkey", "xgoogapikey", "xapikey", "otp", "pin",
    ]

    /// Suffixes (normalized) that make a member or parameter name a credential.
    public static let credentialSuffixes: [String] = [
        "token", "password", "passwd", "secret", "apikey", "privatekey", "secretkey", "accesskey", "signature",
        "credential", "credentials", "passphrase",
    ]

    /// Extra query and form parameter names (normalized) that hold a credential there but not in a body.
    static let queryOnlyNames: Set<String> = ["key", "sig", "code", "auth", "sas"]

    /// Names that end like a credential but are cursors (normalized fragments).
    static let cursorFragments = ["page", "next", "cursor", "continuation", "sync", "type", "expires", "count"]

    /// `X-Api-Key` → `xapikey` (ASCII letters lowercased; replay calls this for every header).
    static func normalized(_ name: String) -> String {
        String(decoding: normalizedBytes(name), as: UTF8.self)
    }

    static func normalizedBytes(_ name: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        for byte in name.utf8 where byte != UInt8(ascii: "-") && byte != UInt8(ascii: "_") {
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        return bytes
    }

    /// True when `needle` occurs in `haystack` (Foundation's `String.contains` is slow on Linux).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    static let credentialFragmentBytes = credentialFragments.map { Array($0.utf8) }
    static let cursorFragmentBytes = cursorFragments.map { Array($0.utf8) }
    static let credentialSuffixBytes = credentialSuffixes.map { Array($0.utf8) }

    /// True for a member or form field named like a credential (see the rule above).
    public func isSensitive(bodyField name: String) -> Bool {
        if bodyFields.contains(name.lowercased()) { return true }
        return Redactor.isCredentialName(Redactor.normalizedBytes(name))
    }

    /// True for a query, fragment or form parameter named like a credential.
    public func isSensitive(query name: String) -> Bool {
        let lowered = name.lowercased()
        if queryNames.contains(lowered) || bodyFields.contains(lowered) { return true }
        let normal = Redactor.normalizedBytes(name)
        return Redactor.queryOnlyNameBytes.contains(normal) || Redactor.isCredentialName(normal)
    }

    static func isCredentialName(_ normal: String) -> Bool { isCredentialName(Array(normal.utf8)) }

    static func isCredentialName(_ bytes: [UInt8]) -> Bool {
        if credentialNameBytes.contains(bytes) { return true }
        guard
            credentialSuffixBytes.contains(where: {
                bytes.count >= $0.count && bytes.suffix($0.count).elementsEqual($0)
            })
        else { return false }
        return !cursorFragmentBytes.contains { contains(bytes, $0) }
    }

    static let credentialNameBytes = Set(credentialNames.map { Array($0.utf8) })
    static let queryOnlyNameBytes = Set(queryOnlyNames.map { Array($0.utf8) })
}
