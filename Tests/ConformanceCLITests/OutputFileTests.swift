import Foundation
import Testing

@testable import ConformanceCLI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `-o`, `--json`, `--junit` and `--markdown` write through to what the user named, or refuse it in
/// one line; they never turn a device, FIFO or link into a regular file, and never create a folder.
@Suite struct OutputFileTests {
    let bytes = Array("report\n".utf8)

    func fileType(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("a regular file is replaced, and a new name in an existing folder created, leaving no temporary file")
    func regular() throws {
        let folder = try HostileInputTests.folder()
        try Data("old".utf8).write(to: URL(fileURLWithPath: folder + "/r.json"))
        try OutputFile.write(bytes, to: folder + "/r.json")
        try OutputFile.write(bytes, to: folder + "/new.json")
        #expect(contents(folder + "/r.json") == "report\n")
        #expect(contents(folder + "/new.json") == "report\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["new.json", "r.json"])
    }

    @Test("a symbolic link stays a link; the file it points to gets the bytes")
    func symlink() throws {
        let folder = try HostileInputTests.folder()
        try Data("old".utf8).write(to: URL(fileURLWithPath: folder + "/target.json"))
        try #require(Glibc.symlink("target.json", folder + "/link.json") == 0)
        try OutputFile.write(bytes, to: folder + "/link.json")
        #expect(fileType(folder + "/link.json") == S_IFLNK)
        #expect(contents(folder + "/target.json") == "report\n")
    }

    @Test("a link to nothing, a directory and a missing folder are refused in one line, and nothing is created")
    func refused() throws {
        let folder = try HostileInputTests.folder()
        try #require(Glibc.symlink("gone.json", folder + "/dangling.json") == 0)
        let cases: [(String, String)] = [
            (
                folder + "/dangling.json",
                "is a symbolic link to nothing (No such file or directory); refusing to replace the link"
            ),
            (folder, "is a directory; name a file to write"),
            (folder + "/", "is a directory; name a file to write"),
            (folder + "/missing/out.json", "the folder \(folder)/missing does not exist (it is not created for you)"),
        ]
        for (path, message) in cases {
            let error = #expect(throws: OutputFile.Failure.self) { try OutputFile.write(bytes, to: path) }
            #expect(error?.description == "\(path): \(message)")
        }
        #expect(fileType(folder + "/dangling.json") == S_IFLNK)
        #expect(!FileManager.default.fileExists(atPath: folder + "/missing"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/gone.json"))
    }

    @Test("a character device receives the bytes and stays a device; a full one is an error")
    func devices() throws {
        try OutputFile.write(bytes, to: "/dev/null")
        #expect(fileType("/dev/null") == S_IFCHR)
        if FileManager.default.fileExists(atPath: "/dev/full") {
            let error = #expect(throws: OutputFile.Failure.self) { try OutputFile.write(bytes, to: "/dev/full") }
            #expect(error?.description == "/dev/full: cannot write: No space left on device")
            #expect(fileType("/dev/full") == S_IFCHR)
        }
        let folder = try HostileInputTests.folder()
        try #require(Glibc.symlink("/dev/null", folder + "/null.json") == 0)
        try OutputFile.write(bytes, to: folder + "/null.json")
        #expect(fileType(folder + "/null.json") == S_IFLNK)
    }

    @Test("a FIFO with a reader receives the bytes; one without is refused instead of waited on")
    func fifo() throws {
        let folder = try HostileInputTests.folder()
        let path = try HostileInputTests.fifo("out.json", in: folder)
        let error = #expect(throws: OutputFile.Failure.self) { try OutputFile.write(bytes, to: path) }
        #expect(error?.description == "\(path): is a FIFO with no reader; refusing to wait for one")
        let reader = open(path, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        try OutputFile.write(bytes, to: path)
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(reader, &buffer, buffer.count)
        #expect(count == bytes.count)
        #expect(Array(buffer.prefix(max(count, 0))) == bytes)
        #expect(fileType(path) == S_IFIFO)
    }

    @Test("temporaries of dead writers are removed from the folder written to, whatever file they were for")
    func staleTemporaries() throws {
        let folder = try HostileInputTests.folder()
        // No process has the largest pid; the parent of this one is alive.
        let dead = folder + "/.other.json.2147483646.17.tmp"
        let live = folder + "/.other.json.\(getppid()).18.tmp"
        let unrelated = folder + "/.notes.tmp"
        for path in [dead, live, unrelated] { try Data("x".utf8).write(to: URL(fileURLWithPath: path)) }
        try OutputFile.write(bytes, to: folder + "/report.json")
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(FileManager.default.fileExists(atPath: unrelated))
    }

    @Test("har export -o writes through a link and refuses a missing folder")
    func harExport() throws {
        let folder = try HostileInputTests.folder()
        let cassette = Files.repo("recordings/courier/messages_get/documented-example.json")
        try #require(Glibc.symlink("/dev/null", folder + "/null.har") == 0)
        let through = Run(["har", "export", cassette, "-o", folder + "/null.har"])
        #expect(through.code == 0)
        #expect(fileType(folder + "/null.har") == S_IFLNK)
        let missing = Run(["har", "export", cassette, "-o", folder + "/no/such/out.har"])
        #expect(missing.code == 2)
        #expect(
            missing.stderr
                == "conformance har: \(folder)/no/such/out.har: the folder \(folder)/no/such does not exist (it is not created for you)\n"
        )
        #expect(!FileManager.default.fileExists(atPath: folder + "/no"))
        let directory = Run(["har", "export", cassette, "-o", folder])
        #expect(directory.stderr == "conformance har: \(folder): is a directory; name a file to write\n")
    }

    @Test("verify --junit DIR is one clear line; --json through a link keeps the link")
    func verifyReports() async throws {
        let folder = try HostileInputTests.folder()
        try Data().write(to: URL(fileURLWithPath: folder + "/target.json"))
        try #require(Glibc.symlink("target.json", folder + "/link.json") == 0)
        let arguments =
            ["verify", "--client", "courier"] + VerifyCommandTests.folders + ["--json", folder + "/link.json"]
        let good = await VerifyCommandTests().run(arguments)
        #expect(good.code == 0, "\(good.stderr)")
        #expect(fileType(folder + "/link.json") == S_IFLNK)
        #expect(contents(folder + "/target.json")?.contains("conformance-report") == true)
        let bad = await VerifyCommandTests().run(arguments + ["--junit", folder])
        #expect(bad.code == 2)
        #expect(
            bad.stderr
                == "conformance verify: \(folder): cannot write the report: is a directory; name a file to write\n")
    }
}

@Suite struct StaleTemporariesTests {
    @Test("coverage removes dead writers' temporaries from the recordings tree and keeps live ones")
    func coverageSweeps() throws {
        let root = try HostileInputTests.folder()
        let folder = root + "/courier/messages_get"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let dead = folder + "/.ok.json.2147483646.5.tmp"
        let live = folder + "/.ok.json.\(getppid()).6.tmp"
        for path in [dead, live] { try Data("{".utf8).write(to: URL(fileURLWithPath: path)) }
        _ = Run(["coverage", "--contracts", Files.repo("contracts"), "--recordings", root])
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live))
    }
}
