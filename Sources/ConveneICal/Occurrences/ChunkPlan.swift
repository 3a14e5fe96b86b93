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

    /// Splits every calendar of `layout` into parts of about `targetBytes` bytes of events.
    static func plans(file: Int, layout: CalendarLayout, targetBytes: Int) -> [ChunkPlan] {
        var plans: [ChunkPlan] = []
        for (c, calendar) in layout.calendars.enumerated() {
            var first = 0
            var bytes = 0
            for (i, event) in calendar.events.enumerated() {
                bytes += event.bytes.count
                if bytes >= targetBytes {
                    plans.append(ChunkPlan(file: file, calendar: c, events: first..<(i + 1), reportsHeader: first == 0))
                    first = i + 1
                    bytes = 0
                }
            }
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
