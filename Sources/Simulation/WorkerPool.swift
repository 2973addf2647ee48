import Foundation

/// Threads that run one batch of work at a time beside the calling thread (fork, then join).
///
/// `DispatchQueue.concurrentPerform` runs inline when called from Swift concurrency's cooperative pool (where
/// `mimisim` commands run), so the simulation keeps its own threads: `count - 1` parked workers, woken per
/// batch, plus the caller.
final class WorkerPool: @unchecked Sendable {
    /// Threads taking part in a batch, the caller included.
    let count: Int
    private let start: [DispatchSemaphore]
    private let done = DispatchSemaphore(value: 0)
    private var work: ((Int) -> Void)?

    /// A pool of `count` threads (the caller and `count - 1` workers started now, parked until `run`).
    init(count: Int) {
        self.count = max(1, count)
        start = (1..<max(1, count)).map { _ in DispatchSemaphore(value: 0) }
        for w in 1..<self.count {
            let thread = Thread { [self] in   // each worker keeps the pool alive until `shutDown`
                while true {
                    self.start[w - 1].wait()
                    guard let work = self.work else { return }
                    work(w)
                    self.done.signal()
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Runs `body(w)` for every thread index `w` in `0..<count` (0 on the caller) and returns when all are done.
    func run(_ body: @escaping (Int) -> Void) {
        work = body
        for s in start { s.signal() }
        body(0)
        for _ in start { done.wait() }
        work = nil
    }

    /// Stops the workers (after the batch in progress).
    func shutDown() {
        work = nil
        for s in start { s.signal() }
    }
}
