import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way Convene spreads work over the cores: independent jobs on a few threads, each thread
/// taking the next job when it finishes one, results gathered in the order of the jobs. Plan
/// files, record pieces, calendar parts, exported events and report pieces all go through it.
///
/// The calling thread works too, beside `workers - 1` threads of the call's own. They are threads
/// of the system, not of Dispatch's pool: two maps running at the same time (the plan's files and
/// the record files, read together) share the cores instead of one of them running on one thread
/// because the other holds the pool, and whichever finishes first leaves the cores to the other.
public enum Parallel {
    /// The number of cores this process may use, asked once (Foundation reads it from the system
    /// on every call, and a report with thousands of small tables asked thousands of times).
    public static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// `work(i)` for every `i` in `0..<count`, on up to `workers` threads; results in index order.
    public static func map<Output: Sendable>(count: Int, workers: Int = cores, _ work: @Sendable (Int) -> Output) -> [Output] {
        let threads = min(max(1, workers), count)
        if threads <= 1 { return (0..<count).map(work) }
        let board = JobBoard<Output>(count: count)
        withoutActuallyEscaping(work) { work in
            let job = HelperJob { while let index = board.take() { board.store(work(index), at: index) } }
            let helpers = (1..<threads).compactMap { _ in job.start() }
            job.body()
            for join in helpers { join() }
        }
        return board.results()
    }

    /// `inputs.map(transform)`, the calls made on up to `workers` threads.
    public static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], workers: Int = cores,
                                                              _ transform: @Sendable (Input) -> Output) -> [Output] {
        map(count: inputs.count, workers: workers) { transform(inputs[$0]) }
    }

    /// Runs `background` on a thread of its own while `foreground` runs on the calling thread, and
    /// returns once both have ended: for the two stages of a pipeline (one stage feeding the other
    /// through a queue). False, running neither, when the system gives no thread: the caller then
    /// does the work in one stage.
    public static func together(_ background: @Sendable () -> Void, _ foreground: () -> Void) -> Bool {
        withoutActuallyEscaping(background) { background in
            guard let join = HelperJob(background).start() else { return false }
            foreground()
            join()
            return true
        }
    }

    /// ``together(_:_:)`` for a background stage that makes a value: that value, once both have
    /// ended; nil, running neither, when the system gives no thread.
    public static func together<Value: Sendable>(making background: @Sendable () -> Value, _ foreground: () -> Void) -> Value? {
        let made = MadeElsewhere<Value>()
        guard together({ made.value = background() }, foreground) else { return nil }
        return made.value
    }

    /// Starts `body` on a thread of its own at the lowest priority, so that it takes only the
    /// time the process's other threads leave (a composer waiting for libyaml), and returns the
    /// way to wait for its end; nil, running nothing, when the system gives no thread.
    public static func spare(_ body: @escaping @Sendable () -> Void) -> (() -> Void)? {
        HelperJob {
            #if canImport(Glibc)
            // On Linux the nice value is the calling thread's own.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
            #endif
            body()
        }.start()
    }

    /// `0..<count` cut into at most `pieces` consecutive ranges of nearly equal size (one per core
    /// by default); a single range when `count` is below `minimum`.
    public static func ranges(_ count: Int, minimum: Int, pieces: Int = cores) -> [Range<Int>] {
        let pieces = count >= minimum ? max(1, pieces) : 1
        let size = max(1, (count + pieces - 1) / pieces)
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }
}

/// A value made on another thread: written there, read only once that thread is joined.
private final class MadeElsewhere<Value>: @unchecked Sendable {
    var value: Value?
}

/// The loop a map's helper threads run, and the threads themselves (joined before the map
/// returns, so `body` never outlives the call).
private final class HelperJob: @unchecked Sendable {
    let body: () -> Void

    init(_ body: @escaping () -> Void) { self.body = body }

    /// Starts a new thread running `body` and gives the way to wait for its end; nil when the
    /// system refuses one (the other threads, the caller's included, then do its share).
    func start() -> (() -> Void)? {
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let context = Unmanaged.passRetained(self).toOpaque()
        let started = pthread_create(&thread, nil, { context in
            let job = Unmanaged<HelperJob>.fromOpaque(context!).takeRetainedValue()
            job.body()
            return nil
        }, context)
        guard started == 0 else {
            Unmanaged<HelperJob>.fromOpaque(context).release()
            return nil
        }
        #if canImport(Darwin)
        return { pthread_join(thread!, nil) }
        #else
        return { pthread_join(thread, nil) }
        #endif
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
