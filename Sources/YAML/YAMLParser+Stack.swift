import Foundation

extension YAMLParser {
    /// Runs `body` (a parse) on a thread of its own with a 64 MiB stack. The reader descends
    /// recursively, up to ``YAMLReadOptions/maxDepth`` levels; the thread a caller happens to be on
    /// (a test's, a Dispatch worker's: 512 KiB) may not hold that many frames, above all under a
    /// sanitizer, whose frames are several times larger.
    static func onLargeStack<T: Sendable>(_ body: @escaping @Sendable () throws(YAMLError) -> T) throws(YAMLError) -> T
    {
        let box = ResultBox<T>()
        let thread = Thread {
            do throws(YAMLError) {
                box.result = .success(try body())
            } catch {
                box.result = .failure(error)
            }
            box.done.signal()
        }
        thread.stackSize = 64 << 20
        thread.start()
        box.done.wait()
        // `result` was set before `done` was signalled.
        return try box.result!.get()
    }
}

/// A parse's outcome handed from its thread. `@unchecked Sendable`: `result` is written once by the
/// parsing thread before `done` is signalled and read by the caller only after waiting on it.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, YAMLError>?
    let done = DispatchSemaphore(value: 0)
}
