import BundledAdapters
import ConformanceCLI

// The `conformance` executable: the command line with the four bundled clients. `verify` runs each
// client in a worker process started from this same executable.
CLI.main(clients: BundledAdapters.clientSet)
