import ConformanceCLI
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// `verify` runs each client in a worker process started from this same executable.
var environment = ProcessEnvironment.current
if let path = Bundle.main.executablePath { environment["CONFORMANCE_EXECUTABLE"] = path }

let code = CLI.run(
    Array(CommandLine.arguments.dropFirst()), environment: environment,
    stdout: Output(descriptor: 1), stderr: Output(descriptor: 2))
exit(code)
