/// A part of one calendar to parse on its own: some consecutive VEVENTs, preceded by the
/// calendar's properties and VTIMEZONEs so that every TZID resolves as in the whole file.
struct ChunkPlan: Sendable, Hashable {
    /// Which input file.
    var file: Int
    /// Which VCALENDAR of the file.
    var calendar: Int
    /// Which of the calendar's VEVENTs.
    var events: Range<Int>
    /// Whether this part reports problems in the calendar's own lines and VTIMEZONEs (only the
    /// first part of each calendar does, so that they are reported once).
    var reportsHeader: Bool

    /// Sizes of parts: `target` bytes of events while there is plenty left, then (with more than
    /// one worker) smaller parts as the work runs out (each about a `2 * workers`th of what remains, never below
    /// `minimum`), so that the threads taking parts one by one finish close together instead of
    /// one waiting for another's last large part. Every part costs a little of its own (the
    /// calendar's VTIMEZONEs are parsed and expanded again), hence the floor.
    struct Sizing: Sendable, Hashable {
        var target: Int
        var minimum: Int
        var workers: Int

        init(target: Int, workers: Int) {
            self.target = max(1, target)
            self.minimum = min(self.target, max(64 << 10, self.target / 8))
            self.workers = max(1, workers)
        }

        /// How many bytes of events the next part takes when `remaining` bytes are left to cut.
        func nextPart(remaining: Int) -> Int {
            guard workers > 1 else { return target }
            return min(target, max(minimum, remaining / (2 * workers)))
        }
    }

    /// Splits every calendar of `layout` into parts sized by `sizing`; `remaining` holds the
    /// bytes of events not yet cut in this and later files, and goes down by this file's.
    static func plans(file: Int, layout: CalendarLayout, sizing: Sizing, remaining: inout Int) -> [ChunkPlan] {
        var plans: [ChunkPlan] = []
        for (c, calendar) in layout.calendars.enumerated() {
            var first = 0
            var bytes = 0
            var limit = sizing.nextPart(remaining: remaining)
            for (i, event) in calendar.events.enumerated() {
                bytes += event.bytes.count
                if bytes >= limit {
                    plans.append(ChunkPlan(file: file, calendar: c, events: first..<(i + 1), reportsHeader: first == 0))
                    first = i + 1
                    remaining -= bytes
                    bytes = 0
                    limit = sizing.nextPart(remaining: remaining)
                }
            }
            remaining -= bytes
            if first < calendar.events.count || calendar.events.isEmpty {
                plans.append(ChunkPlan(file: file, calendar: c, events: first..<calendar.events.count,
                                       reportsHeader: first == 0))
            }
        }
        return plans
    }

    /// The part's text as a NUL-terminated iCalendar document.
    func text(from bytes: [UInt8], layout: CalendarLayout) -> [UInt8] {
        let calendar = layout.calendars[self.calendar]
        let segments = calendar.header + calendar.events[events]
        var text: [UInt8] = []
        text.reserveCapacity(segments.reduce(64) { $0 + $1.bytes.count + 2 })
        text += "BEGIN:VCALENDAR\r\n".utf8
        for segment in segments {
            text += bytes[segment.bytes]
            if text.last != 10 { text += "\r\n".utf8 }
        }
        text += "END:VCALENDAR\r\n".utf8
        text.append(0)
        return text
    }
}
