import Testing
@testable import ConveneCore

/// The bit sets and the quarter-hour grid the scheduler is built on.
@Suite("Scheduler: start sets and grid")
struct SchedulingGridTests {
    @Test func rangesAcrossWordBoundaries() {
        var set = StartSet(count: 200)
        set.insert(60..<130)
        #expect(set.cardinality == 70)
        #expect(!set.contains(59) && set.contains(60) && set.contains(129) && !set.contains(130))
        set.remove(63..<65)
        #expect(set.cardinality == 68)
        #expect(set.cardinality(in: 0..<64) == 3)
        #expect(set.positions.prefix(4) == [60, 61, 62, 65])
        let complement = ~set
        #expect(complement.cardinality == 132)  // the unused bits of the last word stay clear
        #expect((set | complement).cardinality == 200)
        #expect((set & complement).isEmpty)
        var clamped = StartSet(count: 10)
        clamped.insert(-5..<50)
        #expect(clamped.cardinality == 10)
        #expect(StartSet(count: 130, filled: true).cardinality == 130)
    }

    @Test func startsOverlappingAreExactAtTheEdges() throws {
        // Two days in Kampala (UTC+3), 1-hour slots: 48 - 3 ... every quarter-hour whose slot ends by midnight.
        let grid = try #require(SlotGrid(firstDay: CivilDate(iso: "2024-07-09")!, lastDay: CivilDate(iso: "2024-07-10")!,
                                         durationMinutes: 60, timeZone: "Africa/Kampala"))
        #expect(grid.origin == CivilDateTime(iso: "2024-07-08T21:00")!.secondsAsIfUTC)
        #expect(grid.startCount == 2 * 96 - 3)
        let busy = TimeSpan(start: grid.instant(10), end: grid.instant(14))
        // A slot ending when the busy time starts, or starting when it ends, does not overlap.
        #expect(grid.starts(overlapping: busy) == 7..<14)
        #expect(grid.starts(within: busy) == 10..<11)
        #expect(grid.starts(from: grid.instant(10) + 1) == 11..<grid.startCount)
        #expect(grid.starts(on: CivilDate(iso: "2024-07-10")!) == 96..<grid.startCount)
        #expect(grid.day(of: 95) == CivilDate(iso: "2024-07-09")!)
        #expect(grid.day(of: 96) == CivilDate(iso: "2024-07-10")!)
    }

    @Test func aDayOfTwentyThreeHoursHasFewerStarts() throws {
        // Toronto springs forward on 10 March 2024: that day has 92 quarter-hours.
        let grid = try #require(SlotGrid(firstDay: CivilDate(iso: "2024-03-09")!, lastDay: CivilDate(iso: "2024-03-11")!,
                                         durationMinutes: 15, timeZone: "America/Toronto"))
        #expect(grid.starts(on: CivilDate(iso: "2024-03-09")!).count == 96)
        #expect(grid.starts(on: CivilDate(iso: "2024-03-10")!).count == 92)
        #expect(grid.starts(on: CivilDate(iso: "2024-03-11")!).count == 96)
    }

    @Test func workingHoursFollowEachZone() throws {
        let grid = try #require(SlotGrid(firstDay: CivilDate(iso: "2024-07-08")!, lastDay: CivilDate(iso: "2024-07-14")!,
                                         durationMinutes: 120, timeZone: "Africa/Kampala"))
        let kampala = try #require(WorkingHoursProfile(.office, in: "Africa/Kampala", grid: grid))
        // 09:00 to 15:00 starts, five weekdays.
        #expect(kampala.allowed.cardinality == 5 * 25)
        let nine = grid.starts(on: CivilDate(iso: "2024-07-08")!).lowerBound + 36
        #expect(kampala.allowed.contains(nine) && !kampala.allowed.contains(nine - 1))
        #expect(kampala.minutesOutside(at: nine) == 0)
        #expect(kampala.minutesOutside(at: nine - 2) == 30)
        // Vancouver (UTC-7 in July): 09:00 there is 19:00 in Kampala.
        let vancouver = try #require(WorkingHoursProfile(.office, in: "America/Vancouver", grid: grid))
        #expect(vancouver.allowed.contains(nine + 40) && !vancouver.allowed.contains(nine))
        #expect(WorkingHoursProfile(.office, in: "Mars/Olympus", grid: grid) == nil)
    }
}
