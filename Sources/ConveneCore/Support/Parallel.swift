import Dispatch
import Foundation

/// The one way Convene spreads work over the cores: independent jobs on a few threads, each thread
/// taking the next job when it finishes one, results gathered in the order of the jobs. Plan
/// files, calendar parts, exported events and report pieces all go through it.
public enum Parallel {
    /// The number of cores this process may use.
    public static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `work(i)` for every `i` in `0..<count`, on up to `workers` threads; results in index order.
    public static func map<Output: Sendable>(count: Int, workers: Int = cores, _ work: @Sendable (Int) -> Output) -> [Output] {
        let threads = min(max(1, workers), count)
        if threads <= 1 { return (0..<count).map(work) }
        let board = JobBoard<Output>(count: count)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let index = board.take() { board.store(work(index), at: index) }
        }
        return board.results()
    }

    /// `inputs.map(transform)`, the calls made on up to `workers` threads.
    public static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], workers: Int = cores,
                                                              _ transform: @Sendable (Input) -> Output) -> [Output] {
        map(count: inputs.count, workers: workers) { transform(inputs[$0]) }
    }

    /// `0..<count` cut into at most `pieces` consecutive ranges of nearly equal size (one per core
    /// by default); a single range when `count` is below `minimum`.
    public static func ranges(_ count: Int, minimum: Int, pieces: Int = cores) -> [Range<Int>] {
        let pieces = count >= minimum ? max(1, pieces) : 1
        let size = max(1, (count + pieces - 1) / pieces)
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }
}

/// Hands out job numbers and keeps results, under a lock.
private final class JobBoard<Output: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    private var slots: [Output?]

    init(count: Int) {
        self.count = count
        slots = [Output?](repeating: nil, count: count)
    }

    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ value: Output, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func results() -> [Output] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
