import Dispatch

/// Runs async work to completion from the synchronous command line. Call it from a thread outside
/// Swift's cooperative pool (the executable's main thread): blocking a pool thread can starve it.
package func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) -> Result<T, any Error> {
    let box = ResultBox<T>()
    let semaphore = DispatchSemaphore(value: 0)
    Task {
        do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
        semaphore.signal()
    }
    semaphore.wait()
    return box.result ?? .failure(CancellationError())
}

/// Carries a result from the task to the waiting thread.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    // Safety: written once by the task before the semaphore is signalled, read after the wait.
    var result: Result<T, any Error>?
}
