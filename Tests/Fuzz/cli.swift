// libFuzzer target for the command-line parser (`CommandSpec.parse` of every command, and the
// command lookup `CLI.run` does first), built and run by `.ci/fuzz.sh cli`. The input is the argument
// words separated by NUL bytes (as in /proc/PID/cmdline); its first byte picks the command.
@testable import ConformanceCLI

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCLI(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let specs = CLI.commands
    let spec = specs[Int(data[0]) % specs.count]
    let words = UnsafeBufferPointer(start: data + 1, count: size - 1).split(
        separator: 0, omittingEmptySubsequences: false
    )
    .map { String(decoding: $0, as: UTF8.self) }
    do {
        let parsed = try spec.parse(words)
        for option in spec.options where !option.isFlag { _ = parsed.all(option.name) }
    } catch {
        _ = error.description
    }
    _ = spec.help
    if let first = words.first { _ = specs.map { editDistance($0.name, first) } }
    return 0
}
