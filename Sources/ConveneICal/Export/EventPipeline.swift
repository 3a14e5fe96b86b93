import Dispatch
import Foundation

/// Runs of events exported on worker threads while the calling thread works out every event's
/// span (zone and years) and then takes the results in plan order. Workers stay a bounded number
/// of runs ahead of the one taken, so only that many events' bytes are held at once. Each worker
/// keeps its own scratch (`Scratch`, made by `makeScratch` on that thread) from run to run.
final class EventPipeline<Output: Sendable, Scratch>: @unchecked Sendable {
    private let condition = NSCondition()
    private let runs: Int
    private let ahead: Int
    private let workers: Int
    private let range: @Sendable (Int) -> Range<Int>
    private let work: @Sendable (Int, [EventSpan], inout Scratch) throws -> Output
    private let makeScratch: @Sendable () -> Scratch
    private let group = DispatchGroup()
    private var spans: [EventSpan] = []
    private var nextRun = 0
    private var consumed = 0
    private var results: [Int: Result<Output, any Error>] = [:]
    private var stopped = false

    /// Starts all but one of `workers` threads doing `work(run, spans of its events)` for the runs
    /// `0..<runs`; the calling thread, working out spans, is the other until `spansDone`.
    /// - Parameter range: the events of a run.
    init(runs: Int, ahead: Int, workers: Int, range: @escaping @Sendable (Int) -> Range<Int>,
         makeScratch: @escaping @Sendable () -> Scratch,
         work: @escaping @Sendable (Int, [EventSpan], inout Scratch) throws -> Output) {
        self.runs = runs
        self.ahead = max(1, ahead)
        self.workers = max(1, min(workers, runs))
        self.range = range
        self.work = work
        self.makeScratch = makeScratch
        for _ in 0..<max(1, self.workers - 1) { startWorker() }
    }

    private func startWorker() {
        DispatchQueue.global(qos: .userInitiated).async(group: group) { [self] in
            var scratch = makeScratch()
            while let run = take(), let spans = spans(for: range(run)) {
                deliver(run, Result { try work(run, spans, &scratch) })
            }
        }
    }

    /// Makes spans known to the workers, in event order.
    func publish(_ more: some Sequence<EventSpan>) {
        condition.lock()
        spans.append(contentsOf: more)
        condition.broadcast()
        condition.unlock()
    }

    /// Every span is known: the calling thread now only takes results, and the last worker starts.
    func spansDone() {
        if workers > 1 { startWorker() }
    }

    /// The next run's result, in order; nil after the last.
    func next() throws -> Output? {
        condition.lock()
        defer { condition.unlock() }
        guard consumed < runs else { return nil }
        while results[consumed] == nil { condition.wait() }
        let result = results.removeValue(forKey: consumed)!
        consumed += 1
        condition.broadcast()
        return try result.get()
    }

    /// Stops the workers (after the runs they are on) and waits for them. Call once, at the end.
    func finish() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        group.wait()
    }

    private func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && nextRun < runs && nextRun >= consumed + ahead { condition.wait() }
        guard !stopped && nextRun < runs else { return nil }
        nextRun += 1
        return nextRun - 1
    }

    private func spans(for range: Range<Int>) -> [EventSpan]? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && spans.count < range.upperBound { condition.wait() }
        return stopped ? nil : Array(spans[range])
    }

    private func deliver(_ run: Int, _ result: Result<Output, any Error>) {
        condition.lock()
        results[run] = result
        condition.broadcast()
        condition.unlock()
    }
}
