/// Working hours laid over the grid for one zone: the starts at which a slot lies within one
/// working day (on a working weekday, starting no earlier than the day's start and ending no later
/// than its end, as ``WorkingHoursRule`` judges an event), and how many minutes of any slot fall
/// outside them. Each local day is converted once, so people who share a zone and hours share
/// one profile and the cost does not grow with their number.
struct WorkingHoursProfile: Sendable {
    /// Starts whose whole slot lies within one working day.
    let allowed: StartSet
    /// `inside[j]`: how many of the first `j` quarter-hour cells lie within working hours.
    private let inside: [Int32]
    private let slotCells: Int

    /// Nil when the zone is unknown (the working-hours rule skips such people too).
    init?(_ hours: WorkingHours, in zone: String, grid: SlotGrid) {
        let grain = SlotGrid.grainSeconds
        let cells = grid.startCount + Int(SlotGrid.ceilDiv(grid.durationSeconds, grain))
        guard ZoneClock.isKnownZone(zone) else { return nil }
        var allowed = StartSet(count: grid.startCount)
        var marks = [Int32](repeating: 0, count: cells + 1)
        if grid.startCount > 0, let first = ZoneClock.wallTime(at: grid.origin, in: zone)?.date,
           let last = ZoneClock.wallTime(at: grid.instant(cells), in: zone)?.date {
            var day = first.adding(days: -1)
            while day <= last {
                if let work = Self.workingSpan(on: day, hours, zone) {
                    allowed.insert(grid.starts(within: work))
                    let from = max(0, min(cells, Int(SlotGrid.ceilDiv(work.start - grid.origin, grain))))
                    let to = max(0, min(cells, Int(SlotGrid.floorDiv(work.end - grid.origin, grain))))
                    if from < to { marks[from] += 1; marks[to] -= 1 }
                }
                day = day.adding(days: 1)
            }
        }
        var prefix = [Int32](repeating: 0, count: cells + 1)
        var depth: Int32 = 0
        for j in 0..<cells {
            depth += marks[j]
            prefix[j + 1] = prefix[j] + (depth > 0 ? 1 : 0)
        }
        self.allowed = allowed
        inside = prefix
        slotCells = cells - grid.startCount
    }

    /// Minutes of the slot starting at position `i` that fall outside working hours (to the quarter-hour).
    func minutesOutside(at i: Int) -> Int {
        Int(Int32(slotCells) - (inside[i + slotCells] - inside[i])) * 15
    }

    /// The UTC span of the working day on `day`, or nil when it is not a working day.
    static func workingSpan(on day: CivilDate, _ hours: WorkingHours, _ zone: String) -> TimeSpan? {
        guard hours.weekdays.contains(day.isoWeekday), hours.endMinute > hours.startMinute,
              let start = ZoneClock.instant(CivilDateTime(date: day, minuteOfDay: hours.startMinute), in: zone),
              let end = ZoneClock.instant(CivilDateTime(date: day, minuteOfDay: hours.endMinute), in: zone)
        else { return nil }
        return TimeSpan(start: start, end: end)
    }
}

/// One profile per distinct zone and hours, built on first use.
struct WorkingHoursProfiles {
    let grid: SlotGrid
    private var cache: [String: WorkingHoursProfile?] = [:]

    init(grid: SlotGrid) { self.grid = grid }

    mutating func profile(_ hours: WorkingHours, in zone: String) -> WorkingHoursProfile? {
        let key = "\(zone)|\(hours.startMinute)|\(hours.endMinute)|\(hours.weekdays.sorted())"
        if let known = cache[key] { return known }
        let made = WorkingHoursProfile(hours, in: zone, grid: grid)
        cache[key] = made
        return made
    }
}
