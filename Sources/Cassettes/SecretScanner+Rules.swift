import Foundation

/// A pattern for one kind of credential. `secretGroup` is the capture group holding the secret
/// itself (the part that is masked); `accept` sees every group (0 is the whole match) and turns down
/// placeholders and look-alikes.
struct SecretRule: Sendable {
    var name: String
    var pattern: String
    var caseInsensitive = false
    var secretGroup = 2
    /// The match is a marker, not the secret (a PEM header): shown as is.
    var showsSecret = false
    var accept: @Sendable ([String]) -> Bool = { groups in !SecretScanner.isPlaceholder(groups[2]) }

    /// In order of precedence: the specific shapes first, so `Bearer sk_live_…` is reported as a
    /// Stripe key and `"token": "eyJ…"` as a JWT.
    static let all: [SecretRule] = [
        SecretRule(
            name: "private-key",
            pattern: #"-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----"#,
            secretGroup: 1, showsSecret: true, accept: { _ in true }),
        SecretRule(name: "aws-access-key", pattern: #"\b(AKIA|ASIA)([0-9A-Z]{16})\b"#),
        SecretRule(
            name: "stripe-key",
            pattern: #"\b(sk_live_|sk_test_|pk_live_|rk_live_|rk_test_)([A-Za-z0-9][A-Za-z0-9_]{5,})"#),
        SecretRule(name: "github-token", pattern: #"\b(gh[pousr]_|github_pat_)([A-Za-z0-9_]{20,})"#),
        SecretRule(name: "slack-token", pattern: #"\b(xox[abpr]-)([A-Za-z0-9-]{10,})"#),
        SecretRule(name: "jwt", pattern: #"\b(eyJ)([A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,})"#),
        SecretRule(
            name: "url-password", pattern: #"\b([A-Za-z][A-Za-z0-9+.-]*://[^\s:/?#@"'<>\\]+:)([^\s/?#@"'<>\\]+)@"#),
        SecretRule(
            name: "basic-auth", pattern: #"\b(Basic\s+)([A-Za-z0-9+/]{6,}={0,2})(?![A-Za-z0-9+/=])"#,
            caseInsensitive: true,
            accept: { groups in
                guard let data = Data(base64Encoded: groups[2]), let decoded = String(data: data, encoding: .utf8)
                else { return false }
                return decoded.contains(":") && !SecretScanner.isPlaceholder(decoded)
            }),
        SecretRule(
            name: "bearer-token", pattern: #"\b(Bearer\s+)([A-Za-z0-9\-._~+/]{8,}=*)"#, caseInsensitive: true,
            accept: { groups in
                let token = groups[2]
                return !SecretScanner.isPlaceholder(token) && (token.count >= 20 || token.contains(where: \.isNumber))
            }),
        SecretRule(
            name: "sensitive-header",
            pattern:
                #"(\[\s*"|"name"\s*:\s*")(authorization|proxy-authorization|x-api-key|api-key|x-auth-token|x-access-token|cookie|set-cookie)"\s*,\s*(?:"value"\s*:\s*)?"((?:[^"\\]|\\.)*)""#,
            caseInsensitive: true, secretGroup: 3, accept: { groups in !SecretScanner.isPlaceholder(groups[3]) }),
        SecretRule(
            name: "query-secret",
            pattern:
                #"(?<![A-Za-z0-9_.-])(api[_-]?key|access_token|refresh_token|id_token|auth_token|token|client_secret|secret|password|passwd|signature|sig|key)=([^&\s"'#<>\\]+)"#,
            caseInsensitive: true,
            accept: { groups in groups[2].count >= 4 && !SecretScanner.isPlaceholder(groups[2]) }),
        SecretRule(
            name: "json-secret", pattern: #""([A-Za-z0-9_-]*)"\s*:\s*"((?:[^"\\]|\\.)*)""#,
            accept: { groups in
                SecretRule.isSecretName(groups[1]) && groups[2].count >= 4 && !SecretScanner.isPlaceholder(groups[2])
            }),
    ]

    /// JSON member names that hold a credential: `password`, `client_secret`, `apiKey`, `token`,
    /// `access_token`, `authorization`… but not `nextPageToken` or `token_type`.
    static func isSecretName(_ name: String) -> Bool {
        let normalized = name.lowercased().filter { $0 != "_" && $0 != "-" }
        if exactSecretNames.contains(normalized) { return true }
        return ["password", "passwd", "secret", "apikey", "privatekey"].contains { normalized.hasSuffix($0) }
    }

    static let exactSecretNames: Set<String> = [
        "token", "accesstoken", "refreshtoken", "idtoken", "authtoken", "sessiontoken", "bearertoken", "apitoken",
        "authorization",
        "proxyauthorization", "credential", "credentials",
    ]
}

/// A rule with its expression compiled (`NSRegularExpression` is compiled per scan, not shared).
struct CompiledRule {
    let rule: SecretRule
    let expression: NSRegularExpression

    init?(_ rule: SecretRule) {
        guard
            let expression = try? NSRegularExpression(
                pattern: rule.pattern, options: rule.caseInsensitive ? [.caseInsensitive] : [])
        else {
            return nil
        }
        self.rule = rule
        self.expression = expression
    }
}
