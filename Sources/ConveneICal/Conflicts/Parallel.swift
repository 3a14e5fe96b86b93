import Dispatch
import Foundation

/// Runs independent jobs on a few threads and gathers their results in order.
enum Parallel {
    /// `work(i)` for every `i` in `0..<count`, on up to `workers` threads, each thread taking the
    /// next job when it finishes one; the results come back in index order.
    static func map<T: Sendable>(count: Int, workers: Int, _ work: @Sendable (Int) -> T) -> [T] {
        let threads = min(max(1, workers), count)
        if threads <= 1 { return (0..<count).map(work) }
        let board = JobBoard<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let index = board.take() { board.store(work(index), at: index) }
        }
        return board.results()
    }

    /// The number of cores this process may use.
    static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

/// Hands out job numbers and keeps results, under a lock.
private final class JobBoard<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    private var slots: [T?]

    init(count: Int) {
        self.count = count
        slots = [T?](repeating: nil, count: count)
    }

    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ value: T, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func results() -> [T] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
