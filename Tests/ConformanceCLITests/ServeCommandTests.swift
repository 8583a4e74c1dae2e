import Foundation
import Testing

@testable import ConformanceCLI

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `conformance serve`: in-process (the serving loop ends when the test says so) and as the built
/// binary stopped by SIGTERM.
@Suite struct ServeCommandTests {
    static let recordings = Files.repo("Tests/CassettesTests/recordings")

    /// A GET answered within 10 seconds, as (status, X-Conformance-Error, body).
    static func fetch(_ url: String) -> (status: Int, error: String?, body: String)? {
        final class Box: @unchecked Sendable {
            // Safety: written once by the data task's handler before `done` is signalled, read after.
            var result: (Int, String?, String)?
            let done = DispatchSemaphore(value: 0)
        }
        let box = Box()
        let session = URLSession(configuration: .ephemeral)
        session.dataTask(with: URL(string: url)!) { data, response, _ in
            if let http = response as? HTTPURLResponse {
                box.result = (
                    http.statusCode, http.value(forHTTPHeaderField: "X-Conformance-Error"),
                    String(decoding: data ?? Data(), as: UTF8.self)
                )
            }
            box.done.signal()
        }.resume()
        guard box.done.wait(timeout: .now() + 10) == .success, let result = box.result else { return nil }
        return (result.0, result.1, result.2)
    }

    func context(_ arguments: [String], _ out: Output, _ err: Output) throws -> CommandContext {
        CommandContext(
            arguments: try ServeCommand.spec.parse(arguments), environment: [:], stdout: out, stderr: err,
            command: "serve")
    }

    /// The Courier list cassette, served with its contract beside it: the status filter matches in
    /// both forms Courier's contract accepts (comma-joined, as the official SDKs send it, and
    /// repeated), in any order, and a repeat is answered again.
    @Test func courierStatusFiltersMatchAsTheContractReadsThem() throws {
        let cassette = Files.repo("recordings/courier/messages_list/filters-status-list.json")
        var answers: [(status: Int, error: String?, body: String)?] = []
        let code = ServeCommand.serve(try context([cassette], Output(), Output())) { server in
            guard let port = server.port else { return }
            let base = "http://127.0.0.1:\(port)/messages?notification=Q8ZK3V7M2N4P6R9T1W5X0Y3B8C2D&"
            answers.append(Self.fetch(base + "status=DELIVERED%2CUNDELIVERABLE"))
            answers.append(Self.fetch(base + "status=UNDELIVERABLE&status=DELIVERED"))
            answers.append(Self.fetch(base + "status=DELIVERED"))
        }
        #expect(code == 0)
        #expect(answers.count == 3)
        #expect(answers[0]?.status == 200 && answers[1]?.status == 200)
        #expect(answers[0]?.body == answers[1]?.body)
        #expect(answers[2]?.status == 500)
        #expect(answers[2]?.body.contains(#"query parameter \"status\": expected [DELIVERED, UNDELIVERABLE]"#) == true)
    }

    /// A request that breaks its contract is still answered, with one X-Conformance-Violation per
    /// violation, and the credential's value appears nowhere.
    @Test func violationsAreReportedInAHeaderAndTheLog() throws {
        let cassette = Files.repo("recordings/openphone/getMessageById_v1/documented-example.json")
        final class Box: @unchecked Sendable {
            // Safety: written by the data task's handler before `done` is signalled, read after.
            var statuses: [Int] = []
            var violations: [String] = []
            let done = DispatchSemaphore(value: 0)
        }
        let box = Box()
        let code = ServeCommand.serve(try context([cassette], Output(), Output())) { server in
            guard let port = server.port else { return }
            for target in ["/v1/messages/AC123abc", "/v1/messages/AC123abc?limit=3"] {
                var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)" + target)!)
                request.setValue("Bearer op-secret-canary-123", forHTTPHeaderField: "Authorization")
                URLSession(configuration: .ephemeral).dataTask(with: request) { _, response, _ in
                    if let http = response as? HTTPURLResponse {
                        box.statuses.append(http.statusCode)
                        box.violations.append(http.value(forHTTPHeaderField: "X-Conformance-Violation") ?? "")
                    }
                    box.done.signal()
                }.resume()
                _ = box.done.wait(timeout: .now() + 10)
            }
        }
        #expect(code == 0)
        // Answered as recorded, told what is wrong; then unmatched, told why.
        #expect(box.statuses == [200, 500])
        #expect(
            box.violations.first?.contains(
                #"header "Authorization": expected the API key itself, with no scheme word (apiKey: apiKey in header); sent Bearer <redacted>"#
            ) == true)
        #expect(
            box.violations.last?.contains(#"query parameter "limit": expected one of the documented parameters"#)
                == true)
        #expect(!box.violations.joined().contains("op-secret-canary-123"))
    }

    @Test func printsTheAddressFirstThenServesUntilStopped() throws {
        let out = Output()
        let err = Output()
        var firstLine = ""
        var answers: [(status: Int, error: String?, body: String)?] = []
        let code = ServeCommand.serve(try context([Self.recordings], out, err)) { server in
            firstLine = out.text
            let address = firstLine.dropFirst("listening on ".count).trimmingCharacters(in: .newlines)
            answers.append(Self.fetch(address + "/v1/greetings/AC1"))
            answers.append(Self.fetch(address + "/v1/greetings/AC2"))
        }
        err.flush()
        #expect(code == 0)
        let port = try #require(firstLine.split(separator: ":").last.flatMap { Int($0.dropLast()) })
        #expect(firstLine == "listening on http://127.0.0.1:\(port)\n")
        #expect(out.text == firstLine)
        #expect(answers.first??.status == 200)
        #expect(answers.first??.body == #"{"id":"AC1","text":"hello"}"#)
        #expect(answers.last??.status == 500)
        #expect(answers.last??.error == "unmatched")
        #expect(
            err.text == """
                conformance serve: serving 1 interaction from 1 cassette; stop with Ctrl-C or SIGTERM
                conformance serve: stopped after 1 replayed, 1 unmatched, 0 refused

                """)
    }

    @Test func directoriesAreSearchedRecursivelyInPathOrder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let cassette = try Data(contentsOf: URL(fileURLWithPath: Self.recordings + "/demo/getGreeting/hello.json"))
        for path in ["b/two.json", "a/deep/one.json", "a/notes.txt"] {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try cassette.write(to: file)
        }
        let extra = root.path + "/b/two.json"
        #expect(
            try ServeCommand.cassetteFiles([root.path, extra]) == [
                root.path + "/a/deep/one.json", root.path + "/b/two.json",
            ])
    }

    @Test func aMalformedCassetteIsOneLineWithFileLineAndColumn() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("serve-bad-\(UUID().uuidString).json")
            .path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data("{\n  \"version\": 1,\n  \"operationId\" \"x\"\n}\n".utf8).write(to: URL(fileURLWithPath: file))
        let run = Run(["serve", Self.recordings, file])
        #expect(run.code == 2)
        #expect(run.stdout == "")
        #expect(run.stderr == "conformance serve: \(file):3:17: unexpected character '\"': expected ':' after key\n")
    }

    @Test(arguments: [
        (["serve"], "conformance serve: no cassette PATH to serve (see --help)\n"),
        (
            ["serve", "--port", "70000", "x"],
            "conformance serve: invalid value '70000' for '--port' (expected 0–65535)\n"
        ),
        (["serve", "/no/such/dir"], "conformance serve: /no/such/dir: no such file or directory\n"),
    ])
    func usageErrorsExitTwo(_ arguments: [String], _ message: String) {
        let run = Run(arguments)
        #expect(run.code == 2)
        #expect(run.stdout == "")
        #expect(run.stderr == message)
    }

    @Test func aDirectoryWithoutCassettesIsAnError() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("serve-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = Run(["serve", root.path])
        #expect(run.code == 2)
        #expect(run.stderr == "conformance serve: \(root.path): no cassettes (*.json) in this directory\n")
    }

    @Test(.enabled(if: BinaryTests.binary != nil, BinaryTests.notBuilt))
    func theBinaryServesUntilSIGTERMAndExitsZero() throws {
        let process = Process()
        guard let binary = BinaryTests.binary else { return }
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0", Self.recordings]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        defer { if process.isRunning { process.interrupt() } }
        final class Line: @unchecked Sendable {
            // Safety: written by the reader thread before `ready` is signalled, read after.
            var text = ""
            let ready = DispatchSemaphore(value: 0)
        }
        let line = Line()
        let reader = out.fileHandleForReading
        Thread.detachNewThread {
            var bytes = Data()
            while !bytes.contains(UInt8(ascii: "\n")) {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                bytes += chunk
            }
            line.text = String(decoding: bytes, as: UTF8.self)
            line.ready.signal()
        }
        try #require(line.ready.wait(timeout: .now() + 20) == .success, "no first line within 20 s")
        let first = try #require(line.text.split(separator: "\n").first.map(String.init))
        #expect(first.hasPrefix("listening on http://127.0.0.1:"))
        let answer = Self.fetch(first.dropFirst("listening on ".count) + "/v1/greetings/AC1")
        #expect(answer?.status == 200)
        #expect(answer?.body == #"{"id":"AC1","text":"hello"}"#)
        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(!process.isRunning)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(
            stderr.hasSuffix(
                "conformance serve: SIGTERM received, stopping\nconformance serve: stopped after 1 replayed, 0 unmatched, 0 refused\n"
            ))
    }
}
