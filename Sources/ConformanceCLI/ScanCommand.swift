import Cassettes

/// `conformance scan`: looks for credential-shaped strings in cassettes and other files before they
/// are committed.
enum ScanCommand {
    static let spec = CommandSpec(
        name: "scan", summary: "Find credentials (tokens, keys, passwords) in recordings or other files.",
        usage: ["[PATH...]"],
        options: [],
        positionals: "PATH...",
        discussion: """
            PATH is a file or a directory (scanned recursively, hidden files and folders too, .git and binary
            files skipped); the default is recordings. Each line is also read decoded, as cassettes and HAR
            files encode bodies: JSON escapes (\\u0073, \\/), percent-encoding and base64 runs that hold text.
            Prints one line per finding, file:line:column: rule: excerpt, with the secret masked.
            Rules: \(SecretScanner.ruleNames.joined(separator: ", ")).
            Redaction placeholders (<redacted:…>) never count.
            Exit status: 0 nothing found, 1 something found, 2 a PATH could not be read.
            """)

    static func run(_ context: CommandContext) -> Int32 {
        let paths = context.arguments.positionals.isEmpty ? ["recordings"] : context.arguments.positionals
        var found = false
        var unreadable = false
        for path in paths {
            do {
                for finding in try SecretScanner.scan(path) {
                    found = true
                    context.stdout.line(finding.description.singleLine)
                }
            } catch {
                unreadable = true
                context.stderr.line("conformance scan: \(error.description)")
            }
        }
        return unreadable ? CLI.ExitCode.usage : found ? CLI.ExitCode.failure : CLI.ExitCode.success
    }
}
