import Testing
@testable import ConveneICal

/// How a calendar is cut into parts for the threads: every event in exactly one part, in order,
/// parts no larger than the target, and smaller ones at the end so that threads finish together.
@Suite struct ChunkPlanTests {
    /// A calendar of `count` events of `eventBytes` bytes each.
    private func layout(events count: Int, eventBytes: Int) throws -> CalendarLayout {
        let event = "BEGIN:VEVENT\r\nUID:x\r\nDESCRIPTION:" + String(repeating: "a", count: eventBytes - 47) + "\r\nEND:VEVENT\r\n"
        #expect(event.utf8.count == eventBytes)
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + String(repeating: event, count: count) + "END:VCALENDAR\r\n"
        return try CalendarLayout(scanning: Array(text.utf8), file: "parts.ics")
    }

    private func partBytes(_ plans: [ChunkPlan], eventBytes: Int) -> [Int] { plans.map { $0.events.count * eventBytes } }

    @Test func partsCoverEveryEventOnceInOrder() throws {
        let layout = try layout(events: 2_000, eventBytes: 1_000)
        for workers in [1, 2, 8] {
            var remaining = layout.eventBytes
            let plans = ChunkPlan.plans(file: 0, layout: layout, sizing: .init(target: 256 << 10, workers: workers), remaining: &remaining)
            #expect(remaining == 0)
            #expect(plans.first?.events.lowerBound == 0 && plans.last?.events.upperBound == 2_000)
            #expect(zip(plans, plans.dropFirst()).allSatisfy { $0.events.upperBound == $1.events.lowerBound })
            #expect(plans.map(\.reportsHeader) == [true] + Array(repeating: false, count: plans.count - 1))
        }
    }

    @Test func partsShrinkTowardTheEndWithSeveralWorkers() throws {
        let layout = try layout(events: 2_000, eventBytes: 1_000)  // 2 000 000 bytes of events
        let sizing = ChunkPlan.Sizing(target: 256 << 10, workers: 2)
        #expect(sizing.minimum == 64 << 10)
        var remaining = layout.eventBytes
        let sizes = partBytes(ChunkPlan.plans(file: 0, layout: layout, sizing: sizing, remaining: &remaining), eventBytes: 1_000)
        // Whole events up to the first that reaches the size: at most one event over it.
        #expect(sizes.allSatisfy { $0 <= sizing.target + 1_000 })
        #expect(sizes.first! >= sizing.target)
        #expect(zip(sizes, sizes.dropFirst()).dropLast().allSatisfy { $0 >= $1 }, "\(sizes)")
        #expect(sizes.dropLast().last! < sizing.target / 2 && sizes.dropLast().last! >= sizing.minimum, "\(sizes)")
        // One worker: the same size throughout (no thread waits for another).
        remaining = layout.eventBytes
        let single = partBytes(ChunkPlan.plans(file: 0, layout: layout, sizing: .init(target: 256 << 10, workers: 1), remaining: &remaining), eventBytes: 1_000)
        #expect(Set(single.dropLast()) == [263_000])
    }

    @Test func smallTargetsKeepTheirSize() throws {
        let layout = try layout(events: 50, eventBytes: 100)
        var remaining = layout.eventBytes
        let plans = ChunkPlan.plans(file: 0, layout: layout, sizing: .init(target: 500, workers: 2), remaining: &remaining)
        #expect(plans.map(\.events.count) == Array(repeating: 5, count: 10))
    }

    @Test func laterFilesCountTowardWhatRemains() throws {
        let layout = try layout(events: 100, eventBytes: 1_000)
        let sizing = ChunkPlan.Sizing(target: 64 << 10, workers: 2)
        // With plenty left in later files, this file's parts all keep the target size.
        var remaining = layout.eventBytes + 10_000_000
        let sizes = partBytes(ChunkPlan.plans(file: 0, layout: layout, sizing: sizing, remaining: &remaining), eventBytes: 1_000)
        #expect(remaining == 10_000_000)
        #expect(sizes == [66_000, 34_000])
    }
}
