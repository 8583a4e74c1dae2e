import Cassettes
import Dispatch
import Foundation
import JSON
import ReplayServer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `conformance serve`: replays cassettes over HTTP/1.1 so an SDK in any language runs its calls
/// against them, unchanged except for its base URL.
enum ServeCommand {
    static let spec = CommandSpec(
        name: "serve", summary: "Serve cassettes over HTTP/1.1 for clients in any language.",
        usage: ["[--host ADDRESS] [--port N] [--once] [--contracts DIR] PATH..."],
        options: [
            OptionSpec(
                "host", value: "ADDRESS",
                help: "Address to bind (default 127.0.0.1; any other address lets other machines read the cassettes)."),
            OptionSpec("port", value: "N", help: "Port to bind (default 0: a free port, printed on the first line)."),
            OptionSpec(
                "once", help: "Answer each recorded interaction once (strict); a repeat then gets 500 unmatched."),
            OptionSpec(
                "contracts", value: "DIR",
                help: "Contracts to match requests by (default: contracts/ beside the cassettes' recordings/ folder)."),
        ],
        positionals: "PATH...",
        discussion: """
            PATH is a cassette file or a directory searched recursively for *.json cassettes (in path order).
            The first line of standard output is `listening on http://HOST:PORT`; point the client's base URL there.
            A request is matched on method, path and query (not host or credentials) and answered by the first
            cassette, in argument order, holding a matching interaction not yet replayed. When a cassette names an
            operation its contract documents, path and query parameters are compared as the contract reads them
            (percent-encoding, order, repeated or comma-joined arrays as its style/explode accept). Once every
            matching interaction has been replayed, the last one answers again with `X-Conformance-Replay: repeat`
            (unless --once). A request that breaks its operation's contract (parameters, credential form, body) is
            still answered, with one `X-Conformance-Violation` header per violation, and logged on standard error.
            An unmatched request gets status 500 with `X-Conformance-Error: unmatched` and a JSON
            body naming each cassette's nearest interaction. SIGINT or SIGTERM stops the server (exit 0). Exit status 2: usage, cassette or bind error.
            Example:
              conformance serve recordings/openphone &
              OPENPHONE_BASE_URL=http://127.0.0.1:PORT npm test
            """)

    static func run(_ context: CommandContext) -> Int32 {
        // Installed before the first line is printed, so a client that signals as soon as it reads
        // the address still gets a clean stop.
        let signals = SignalWaiter(signals: [SIGINT, SIGTERM])
        defer { signals.cancel() }
        return serve(context) { _ in
            let name = signals.wait()
            context.stderr.line("conformance serve: \(name) received, stopping")
        }
    }

    /// Loads the cassettes, starts the server, prints its address, runs `until` (which returns
    /// when serving should end) and stops the server.
    static func serve(_ context: CommandContext, until wait: (ReplayServer) -> Void) -> Int32 {
        let arguments = context.arguments
        guard !arguments.positionals.isEmpty else { return context.fail("no cassette PATH to serve (see --help)") }
        let host = arguments.value("host") ?? "127.0.0.1"
        var port: UInt16 = 0
        if let text = arguments.value("port") {
            guard let value = UInt16(text) else {
                return context.fail("invalid value '\(text.excerpt())' for '--port' (expected 0–65535)")
            }
            port = value
        }
        let transports: [ReplayTransport]
        var contracts = ContractFinder(explicit: arguments.value("contracts"))
        for path in arguments.positionals { StaleTemporaries.sweep(tree: path) }
        do {
            transports = try cassetteFiles(arguments.positionals).map { (path) throws(CassetteError) in
                let cassette = try Cassette.load(path: path)
                return ReplayTransport(
                    cassette: cassette, file: path, contract: contracts.contract(for: cassette, at: path))
            }
        } catch {
            return context.fail(error.description)
        }
        let server = ReplayServer(
            cassettes: transports, host: host, port: port, repeats: !arguments.flag("once"),
            onViolation: { line in
                // Straight to standard error: connection threads log concurrently, each line whole.
                FileHandle.standardError.write(
                    Data(("conformance serve: request breaks its contract: " + line + "\n").utf8))
            })
        let bound: UInt16
        do {
            bound = try server.start()
        } catch {
            return context.fail(error.description)
        }
        defer { server.stop() }
        context.stdout.line("listening on http://\(host.contains(":") ? "[\(host)]" : host):\(bound)")
        context.stdout.flush()
        let interactions = transports.reduce(0) { $0 + $1.cassette.interactions.count }
        if !isLoopback(host) {
            context.stderr.line(
                "conformance serve: warning: \(host) is not a loopback address; other machines can read these cassettes"
            )
        }
        context.stderr.line(
            "conformance serve: serving \(interactions) interaction\(interactions == 1 ? "" : "s") from \(transports.count) cassette\(transports.count == 1 ? "" : "s"); stop with Ctrl-C or SIGTERM"
        )
        context.stderr.flush()
        wait(server)
        server.stop()
        let statistics = server.statistics
        context.stderr.line(
            "conformance serve: stopped after \(statistics.replayed) replayed, \(statistics.unmatched) unmatched, \(statistics.rejected) refused"
        )
        return CLI.ExitCode.success
    }

    /// Cassette files named by `paths`: files as given, directories searched recursively for
    /// `*.json` in path order; a file named twice is served once.
    static func cassetteFiles(_ paths: [String]) throws(CassetteError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CassetteError(file: path, message: "no such file or directory")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let found = (FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
                .filter { $0.hasSuffix(".json") }.sorted()
                .map { (path.hasSuffix("/") ? path : path + "/") + $0 }
                .filter { file in
                    var directory: ObjCBool = false
                    return FileManager.default.fileExists(atPath: file, isDirectory: &directory) && !directory.boolValue
                }
            guard !found.isEmpty else {
                throw CassetteError(file: path, message: "no cassettes (*.json) in this directory")
            }
            files += found
        }
        var seen = Set<String>()
        return files.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// Turns SIGINT and SIGTERM into a value a thread can wait for: the signals are ignored by the
/// process (so their default action, exiting with status 128+n, never runs) and delivered to
/// Dispatch sources instead; ``cancel()`` restores the default actions.
final class SignalWaiter: @unchecked Sendable {
    // Safety: `received` is written by the sources' handlers and read by `wait`, both under `lock`;
    // `sources` is set in init and only cancelled afterwards.
    private let lock = NSLock()
    private var received: String?
    private let semaphore = DispatchSemaphore(value: 0)
    private let signals: [Int32]
    private var sources: [any DispatchSourceSignal] = []

    init(signals: [Int32]) {
        self.signals = signals
        let queue = DispatchQueue(label: "conformance.serve.signals")
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            let name = number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : "signal \(number)"
            source.setEventHandler { [weak self] in
                guard let self else { return }
                lock.lock()
                let first = received == nil
                if first { received = name }
                lock.unlock()
                if first { semaphore.signal() }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Blocks until one of the signals arrives; returns its name (`SIGTERM`).
    func wait() -> String {
        semaphore.wait()
        lock.lock()
        defer { lock.unlock() }
        return received ?? "signal"
    }

    func cancel() {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
}
