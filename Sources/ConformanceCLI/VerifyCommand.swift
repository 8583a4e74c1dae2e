import ConformanceHarness
import Foundation
import JSON

/// `conformance verify`: the run that gates a release.
enum VerifyCommand {
    static let spec = CommandSpec(
        name: "verify",
        summary: "Run everything: contract lint, cassettes against contracts, coverage, every client's cases.",
        usage: [
            "[--client NAME...] [--root DIR...] [--junit FILE] [--json FILE] [--markdown FILE]"
        ],
        options: [
            OptionSpec(
                "client", value: "NAME",
                help:
                    "A client to verify, by name or short name (repeatable; default: every client of this executable).",
                repeatable: true)
        ] + SuiteFolders.options + [
            OptionSpec("junit", value: "FILE", help: "Write a JUnit XML report."),
            OptionSpec(
                "json", value: "FILE", help: "Write the JSON report (hashes of contracts and recordings, every case)."),
            OptionSpec("markdown", value: "FILE", help: "Write a Markdown summary (for a pull request)."),
            OptionSpec("case", value: "ID", help: "Run only this case (`*` wildcards allowed).", repeatable: true),
            OptionSpec("policy", value: "FILE", help: "Mutation policy adjustments (JSON, see README)."),
            OptionSpec(
                "fault", value: "NAME",
                help:
                    "Build the clients with a deliberate defect to see it caught (names: see --help of the executable's clients)."
            ),
            OptionSpec(
                "jobs", short: "j", value: "N", help: "Clients verified at once (default: the number of cores)."),
            OptionSpec(
                "case-timeout", value: "SECONDS",
                help:
                    "A case that takes longer fails as a hang (default 10; workers are killed after three times that)."),
            OptionSpec("in-process", help: "Run clients in this process (a crashing client then stops the run)."),
            OptionSpec("quiet", short: "q", help: "Print only failures and the summary line."),
            OptionSpec(
                "worker", value: "START", help: "Internal: run one client's cases from index START, one line per case."),
        ],
        positionals: nil,
        discussion: """
            Exit status 0 only when every check and every case passes; 1 when anything fails; 2 on usage or input errors.
            Each client runs in its own worker process (unless --in-process), so a client that crashes or hangs
            fails the case it was on, and the run goes on. Every failure prints the command that reproduces it.
            A client that runs no case fails the run: a gate never passes having checked nothing.
            """ + "\n" + SuiteFolders.discussion)

    static func run(_ context: CommandContext) -> Int32 {
        let arguments = context.arguments
        let clock = ContinuousClock()
        let start = clock.now
        let clients = context.gate.clients
        var fault: ClientSet.Fault? = nil
        if let name = arguments.value("fault") {
            guard let known = clients.fault(named: name) else {
                let names = clients.faults.map(\.name)
                return context.fail(
                    "unknown fault '\(name)' (known: \(names.isEmpty ? "none for these clients" : names.joined(separator: ", ")))"
                )
            }
            fault = known
        }
        var policy = MutationPolicy.default
        if let path = arguments.value("policy") {
            do { policy = try MutationPolicy.load(path: path) } catch { return context.fail(error.description) }
        }
        guard let caseTimeout = Double(arguments.value("case-timeout") ?? "10"), caseTimeout > 0, caseTimeout <= 86_400
        else {
            return context.fail(
                "--case-timeout takes a number of seconds, got '\(arguments.value("case-timeout") ?? "")'")
        }
        let known = clients.adapters().map { "\(ClientSet.shortName($0)) (\($0.name))" }
        guard !known.isEmpty else {
            return context.fail(
                "this executable registers no clients: a gate executable calls CLI.main(clients: ClientSet([YourAdapter()])) (see README, \"Gate your own client\")"
            )
        }
        var adapters: [any ConformanceAdapter] = []
        for word in arguments.all("client") {
            guard let adapter = clients.adapter(named: word, fault: fault) else {
                return context.fail("unknown client '\(word)' (this executable has: \(known.joined(separator: ", ")))")
            }
            adapters.append(adapter)
        }
        if arguments.all("client").isEmpty { adapters = clients.adapters(fault: fault) }
        let folders: SuiteFolders
        switch SuiteFolders.resolve(arguments, gate: context.gate) {
        case .success(let resolved): folders = resolved
        case .failure(let problem): return context.fail(problem.text)
        }
        let suite = folders.load()
        let verification = Verification(
            suite: suite, policy: policy, caseFilter: arguments.all("case"), command: context.gate.command)

        if let startText = arguments.value("worker") {
            guard let startIndex = Int(startText), startIndex >= 0, let adapter = adapters.first, adapters.count == 1
            else {
                return context.fail("--worker needs a start index and exactly one --client")
            }
            return VerifyWorker.serve(
                verification: verification, adapter: adapter, from: startIndex, timeout: caseTimeout,
                output: context.stdout)
        }

        let (cases, derivationProblems) = verification.cases()
        var report = verification.begin(adapters: adapters, toolVersion: CLI.version)
        report.checks = verification.checks(derivationProblems: derivationProblems)
        let jobs = max(1, Int(arguments.value("jobs") ?? "") ?? ProcessInfo.processInfo.activeProcessorCount)
        let executable = context.environment["CONFORMANCE_EXECUTABLE"]
        if arguments.flag("in-process") || executable == nil {
            let runner = CaseRunner(timeout: .milliseconds(Int64(caseTimeout * 1000)))
            let adapters = adapters
            let results = runBlocking { await verification.records(cases, adapters: adapters, runner: runner) }
            report.cases = (try? results.get()) ?? []
        } else if let executable {
            var forwarded = folders.arguments
            if let path = arguments.value("policy") { forwarded += ["--policy", path] }
            if let fault { forwarded += ["--fault", fault.name] }
            for pattern in arguments.all("case") { forwarded += ["--case", pattern] }
            forwarded += ["--case-timeout", String(caseTimeout)]
            var pool = WorkerPool(executable: executable, arguments: forwarded, jobs: jobs)
            pool.caseTimeout = caseTimeout * 3
            report.cases = pool.run(adapters: adapters, cases: cases, verification: verification)
        }
        if let empty = Verification.emptyRunCheck(
            adapters: adapters, records: report.cases, filtered: !arguments.all("case").isEmpty)
        {
            report.checks.append(empty)
        }
        report.duration = Double((clock.now - start) / .milliseconds(1)) / 1000
        if !arguments.flag("quiet") { context.stdout.line("suite: \(folders.description)") }
        return finish(report, context: context)
    }

    /// Writes the requested reports and the terminal summary; the exit code says whether everything passed.
    static func finish(_ report: VerificationReport, context: CommandContext) -> Int32 {
        let arguments = context.arguments
        var outputs: [(String, [UInt8])] = []
        if let path = arguments.value("junit") { outputs.append((path, Array(report.junitXML().utf8))) }
        if let path = arguments.value("json") {
            outputs.append((path, JSONWriter.write(report.json(), options: JSONWriter.Options(pretty: true)) + [0x0A]))
        }
        if let path = arguments.value("markdown") { outputs.append((path, Array(report.markdown().utf8))) }
        if let failure = OutputFile.writeReports(outputs) { return context.fail(failure.description) }
        let text = report.text()
        if arguments.flag("quiet") {
            let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
                !line.hasPrefix("ok  ") && !(line.first.map { $0.isLetter && $0.isLowercase } ?? false)
            }
            context.stdout.write(kept.joined(separator: "\n"))
        } else {
            context.stdout.write(text)
        }
        return report.passed ? CLI.ExitCode.success : CLI.ExitCode.failure
    }
}
