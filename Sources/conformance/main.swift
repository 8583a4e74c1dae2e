import ConformanceCLI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

let code = CLI.run(
    Array(CommandLine.arguments.dropFirst()), environment: ProcessEnvironment.current,
    stdout: Output(descriptor: 1), stderr: Output(descriptor: 2))
exit(code)
