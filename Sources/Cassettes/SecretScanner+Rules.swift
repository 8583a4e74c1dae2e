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
    /// Matched only in text decoded from base64 (where a bare `user:password` is a credential).
    var onlyDecoded = false

    /// In order of precedence: the specific shapes first, so `Bearer sk_live_…` is reported as a
    /// Stripe key and `"token": "eyJ…"` as a JWT.
    static let all: [SecretRule] = [
        SecretRule(
            name: "private-key",
            pattern: #"-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----"#,
            secretGroup: 1, showsSecret: true, accept: { _ in true }),
        // A DER private key's base64 body without its PEM header: `MII` + length, then the version
        // and algorithm bytes every PKCS#1/PKCS#8 key starts with.
        SecretRule(
            name: "private-key-body",
            pattern:
                #"(?<![A-Za-z0-9+/])(MII[A-Za-z0-9+/]{1,3}(?:IBAAK|CAQEA|gIBAD|AgEAA|IBAAJ|QIBAD|wIBAA))([A-Za-z0-9+/]{40,})"#
        ),
        SecretRule(name: "aws-access-key", pattern: #"\b(AKIA|ASIA|AGPA|AIDA|AROA|ANPA|AIPA)([0-9A-Z]{16})\b"#),
        // The same key broken by a line break (a wrapped text body, a JSON `\n`).
        SecretRule(
            name: "aws-access-key",
            pattern: #"\b(AKIA|ASIA)([0-9A-Z]{1,15}(?:\r?\n|\\n|\\r\\n)[ \t"'+,]*[0-9A-Z]{1,15})\b"#,
            accept: { groups in
                groups[2].filter { $0.isLetter || $0.isNumber }.count == 16
            }),
        SecretRule(
            name: "aws-secret-key",
            pattern:
                #"((?:aws_?secret_?(?:access_?)?key|secret_?access_?key)["']?\s*[:=]\s*["']?)([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])"#,
            caseInsensitive: true),
        SecretRule(
            name: "stripe-key",
            pattern: #"\b(sk_live_|sk_test_|pk_live_|rk_live_|rk_test_|whsec_)([A-Za-z0-9][A-Za-z0-9_]{5,})"#),
        SecretRule(name: "github-token", pattern: #"\b(gh[pousr]_|github_pat_)([A-Za-z0-9_]{20,})"#),
        SecretRule(name: "slack-token", pattern: #"\b(xox[abposr]-|xapp-)([A-Za-z0-9-]{10,})"#),
        SecretRule(
            name: "slack-webhook",
            pattern: #"(https://hooks\.slack\.com/(?:services|workflows|triggers)/)([A-Za-z0-9_/-]{16,})"#),
        SecretRule(name: "google-api-key", pattern: #"\b(AIza)([0-9A-Za-z_-]{35})"#),
        SecretRule(
            name: "vendor-key",
            pattern:
                #"\b(glpat-|npm_|sk-ant-|sk-proj-|shpat_|shpss_|SG\.|hf_|dop_v1_|pypi-AgE|xkeysib-|sq0atp-|sq0csp-)([A-Za-z0-9_.-]{16,})"#
        ),
        SecretRule(name: "mailgun-key", pattern: #"\b(key-)([0-9a-f]{32})\b"#),
        SecretRule(name: "telegram-bot-token", pattern: #"\b([0-9]{8,10}:)(AA[0-9A-Za-z_-]{33})\b"#),
        SecretRule(name: "jwt", pattern: #"\b(eyJ)([A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,})"#),
        SecretRule(
            name: "url-password",
            pattern: #"\b([A-Za-z][A-Za-z0-9+.-]*://[^\s:/?#@"'<>\\]*:)([^\s/?#@"'<>\\]+)@"#),
        SecretRule(
            name: "basic-auth", pattern: #"\b(Basic\s+)([A-Za-z0-9+/]{6,}={0,2})(?![A-Za-z0-9+/=])"#,
            caseInsensitive: true,
            accept: { groups in
                guard let data = Data(base64Encoded: groups[2]), let decoded = String(data: data, encoding: .utf8)
                else { return false }
                return decoded.contains(":") && !SecretScanner.isPlaceholder(decoded)
            }),
        SecretRule(
            name: "bearer-token", pattern: #"\b(Bearer\s+|Token\s+)([A-Za-z0-9\-._~+/]{8,}=*)"#, caseInsensitive: true,
            accept: { groups in
                let token = groups[2]
                return !SecretScanner.isPlaceholder(token) && (token.count >= 20 || token.contains(where: \.isNumber))
            }),
        SecretRule(
            name: "sensitive-header",
            // A cassette header pair, a HAR header, query parameter or cookie (`"name": …, "value": …`),
            // or a Postman-style variable (`"key": …, "value": …`).
            pattern:
                #"(\[\s*"|"(?:name|key)"\s*:\s*")([A-Za-z0-9_.-]+)"\s*,\s*(?:"value"\s*:\s*)?"((?:[^"\\]|\\.)*)""#,
            secretGroup: 3,
            accept: { groups in
                (Redactor.default.isSensitive(header: groups[2]) || Redactor.default.isSensitive(query: groups[2]))
                    && groups[3].count >= 4 && !SecretScanner.isPlaceholder(groups[3])
            }),
        SecretRule(
            name: "query-secret",
            // The value is read in a lookahead so that the next match may start inside it
            // (`next=%2Fcb%3Faccess_token%3D…`, decoded).
            pattern: #"(?<![A-Za-z0-9_.%-])([A-Za-z][A-Za-z0-9_.%-]{0,63})=(?=([^&\s"'#<>\\]+))"#,
            secretGroup: 2,
            accept: { groups in
                let name = groups[1].removingPercentEncoding ?? groups[1]
                return Redactor.default.isSensitive(query: name) && groups[2].count >= 4
                    && !SecretScanner.isPlaceholder(groups[2])
            }),
        SecretRule(
            // The value is read in a lookahead: a stringified object (`"text": "{"token": …}"`, decoded)
            // starts its next member inside the value.
            name: "json-secret", pattern: #""([A-Za-z0-9_-]*)"\s*:\s*"(?=((?:[^"\\]|\\.)*)(")?)"#,
            accept: { groups in
                SecretRule.isSecretName(groups[1]) && groups[2].count >= 4 && !SecretScanner.isPlaceholder(groups[2])
            }),
        SecretRule(
            name: "multipart-secret",
            pattern: #"(?i:name)="([^"]{1,64})"[^\n]*\n(?:[^\r\n]+\r?\n)*\r?\n([^\r\n]{4,})"#,
            accept: { groups in
                (SecretRule.isSecretName(groups[1]) || Redactor.default.isSensitive(query: groups[1]))
                    && !SecretScanner.isPlaceholder(groups[2])
            }),
        // `.netrc`: `machine api.example.com login ann password …`.
        SecretRule(name: "netrc-password", pattern: #"(\blogin\s+\S+\s+password\s+)(\S{4,})"#),
        // A base64 run that decodes to `user:password` (a Basic credential stored on its own).
        SecretRule(
            name: "encoded-credential",
            pattern: #"^([A-Za-z0-9._@+-]{1,64}:)([^\s:]{6,})$"#, onlyDecoded: true),
        // `password: hunter22`, `aws_secret_access_key = …`, `Private-Token: …` in YAML, .env, ini
        // files and header dumps.
        SecretRule(
            name: "assigned-secret",
            pattern: #"(?:^|[\s{,;("'])([A-Za-z][A-Za-z0-9_.-]{1,63})[ \t]*[:=][ \t]*['"]?([^\s'",;&<>]{6,})"#,
            accept: { groups in
                let normal = Redactor.normalized(groups[1])
                return (SecretRule.isSecretName(groups[1]) || Redactor.credentialHeaderNames.contains(normal))
                    && !SecretScanner.isPlaceholder(groups[2]) && !groups[2].hasPrefix("//")
                    && !["bearer", "basic", "token", "digest"].contains(groups[2].lowercased())
            }),
    ]

    /// Member names that hold a credential: the redactor's documented body rule
    /// (``Redactor/isSensitive(bodyField:)``) — `password`, `pwd`, `passphrase`, `clientSecret`,
    /// `secretKey`, `privateKey`, `apiKey`, `token`, `accessToken`, `authorization`… but not
    /// `nextPageToken` or `token_type`.
    static func isSecretName(_ name: String) -> Bool {
        Redactor.isCredentialName(Redactor.normalized(name))
    }
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
