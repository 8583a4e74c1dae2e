import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child process started with `posix_spawn` and reaped with `waitpid`: standard input from
/// `/dev/null`, standard output and error on pipes the parent reads. Foundation's `Process` reaps
/// through machinery of its own that never reaps a crashed child under the thread sanitizer; this
/// one waits for exactly its child, so `verify`'s workers behave the same in every build.
struct Subprocess {
    let pid: pid_t
    /// The read ends of the child's standard output and standard error.
    let output: Int32
    let errors: Int32
    private var reaped: Int32?

    /// How the child ended.
    enum Termination: Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// Starts `executable` with `arguments` in this process's environment.
    static func spawn(_ executable: String, arguments: [String]) throws(SpawnError) -> Subprocess {
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&outputPipe) == 0 else { throw SpawnError(message: "pipe: \(String(cString: strerror(errno)))") }
        guard pipe(&errorPipe) == 0 else {
            close(outputPipe[0])
            close(outputPipe[1])
            throw SpawnError(message: "pipe: \(String(cString: strerror(errno)))")
        }
        // The parent's ends must not leak into the child (it would then never see end of file).
        for descriptor in [outputPipe[0], errorPipe[0]] { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        #if canImport(Darwin)
            var actions: posix_spawn_file_actions_t? = nil
        #else
            var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        posix_spawn_file_actions_addclose(&actions, outputPipe[1])
        posix_spawn_file_actions_addclose(&actions, errorPipe[1])
        // Nothing else of this process reaches the child: another thread's pipe kept open in a
        // child (and in whatever the child starts, a crash reporter say) would never see its end.
        #if canImport(Darwin)
            var attributes: posix_spawnattr_t? = nil
            posix_spawnattr_init(&attributes)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_CLOEXEC_DEFAULT))
        #else
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            if let closeFrom = Self.closeFrom { _ = closeFrom(&actions, 3) }
        #endif
        defer { posix_spawnattr_destroy(&attributes) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        close(outputPipe[1])
        close(errorPipe[1])
        guard status == 0 else {
            close(outputPipe[0])
            close(errorPipe[0])
            throw SpawnError(message: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        return Subprocess(pid: pid, output: outputPipe[0], errors: errorPipe[0], reaped: nil)
    }

    #if !canImport(Darwin)
        /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), looked up at run time:
        /// the Glibc module does not declare it.
        static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
            else { return nil }
            return unsafeBitCast(
                symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
        }()
    #endif

    /// True until the child has ended (reaping it then, without blocking).
    mutating func isRunning() -> Bool {
        guard reaped == nil else { return false }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid {
            reaped = status
            return false
        }
        return result == 0 || (result < 0 && errno == EINTR)
    }

    /// Kills the child (SIGKILL); it is reaped by ``wait()``.
    func kill() { _ = Glibc_or_Darwin_kill(pid, SIGKILL) }

    /// Waits for the child to end and says how it did.
    mutating func wait() -> Termination {
        var status: Int32 = 0
        if let reaped {
            status = reaped
        } else {
            while waitpid(pid, &status, 0) < 0 {
                guard errno == EINTR else { return .exited(-1) }
            }
            reaped = status
        }
        // The wait status as POSIX lays it out: the low seven bits are the terminating signal (0
        // for a normal exit), the next byte the exit status.
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }
}

/// `kill(2)` under a name that does not clash with ``Subprocess/kill()``.
private func Glibc_or_Darwin_kill(_ pid: pid_t, _ signal: Int32) -> Int32 {
    kill(pid, signal)
}

/// Why a worker could not be started.
struct SpawnError: Error, Sendable, CustomStringConvertible {
    var message: String
    var description: String { message }
}
