/// The yearly rule at the end of a TZif file, a POSIX TZ string such as
/// `EET-2EEST,M3.5.0/3,M10.5.0/4` (RFC 8536 §3.3): a standard offset, and optionally a daylight
/// offset with the local date and time each starts. POSIX writes offsets west of Greenwich as
/// positive; here they are seconds east, as everywhere else.
struct PosixZoneRule: Sendable, Hashable {
    /// A day of the year on which a change happens.
    enum Day: Sendable, Hashable {
        /// `Jn`: day 1...365, never counting 29 February.
        case julian(Int)
        /// `n`: day 0...365, counting 29 February.
        case zeroBased(Int)
        /// `Mm.w.d`: weekday `d` (0 = Sunday) of week `w` (5 = the last) of month `m`.
        case weekday(month: Int, week: Int, weekday: Int)
    }

    var standardOffset: Int
    var daylightOffset: Int?
    var daylightStart: (day: Day, time: Int)?
    var daylightEnd: (day: Day, time: Int)?

    var hasDaylightSaving: Bool { daylightOffset != nil && daylightStart != nil && daylightEnd != nil }

    static func == (a: Self, b: Self) -> Bool {
        a.standardOffset == b.standardOffset && a.daylightOffset == b.daylightOffset
            && a.daylightStart?.day == b.daylightStart?.day && a.daylightStart?.time == b.daylightStart?.time
            && a.daylightEnd?.day == b.daylightEnd?.day && a.daylightEnd?.time == b.daylightEnd?.time
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(standardOffset)
        hasher.combine(daylightOffset)
    }

    /// Nil when the text is not a TZ string this reader understands (or is empty).
    init?(_ text: String) {
        var scanner = Scanner(Array(text.utf8))
        guard scanner.name(), let standard = scanner.offset() else { return nil }
        standardOffset = -standard
        if scanner.atEnd { return }
        guard scanner.name() else { return nil }
        daylightOffset = scanner.peekIsOffset ? scanner.offset().map { -$0 } : standardOffset + 3_600
        guard daylightOffset != nil else { return nil }
        // Without a rule POSIX leaves the dates to the system; tzdata always writes them.
        guard scanner.take(","), let start = scanner.change(), scanner.take(","), let end = scanner.change(), scanner.atEnd else {
            return nil
        }
        daylightStart = start
        daylightEnd = end
    }

    /// The two changes of `year`, in order (none without daylight saving).
    func transitions(in year: Int) -> [ZoneRules.Transition] {
        guard let daylightOffset, let daylightStart, let daylightEnd else { return [] }
        // The start is given in standard time, the end in daylight time.
        let start = Self.secondsAsIfUTC(daylightStart.day, year: year) + Int64(daylightStart.time) - Int64(standardOffset)
        let end = Self.secondsAsIfUTC(daylightEnd.day, year: year) + Int64(daylightEnd.time) - Int64(daylightOffset)
        let on = ZoneRules.Transition(instant: start, offsetBefore: standardOffset, offsetAfter: daylightOffset, isDaylight: true)
        let off = ZoneRules.Transition(instant: end, offsetBefore: daylightOffset, offsetAfter: standardOffset, isDaylight: false)
        return start < end ? [on, off] : [off, on]
    }

    /// The offset at `instant`, and whether it is daylight time.
    func state(at instant: UnixSeconds) -> (offset: Int, isDaylight: Bool) {
        let year = CivilDateTime(secondsAsIfUTC: instant).date.year
        var current = (offset: standardOffset, isDaylight: false)
        // The last change before `instant`, looking back into the previous year.
        for transition in transitions(in: year - 1) + transitions(in: year) where transition.instant <= instant {
            current = (transition.offsetAfter, transition.isDaylight)
        }
        return current
    }

    /// Midnight at the start of `day` of `year`, as seconds since the epoch read as UTC.
    private static func secondsAsIfUTC(_ day: Day, year: Int) -> Int64 {
        let date: CivilDate
        switch day {
        case .julian(let n):
            // Day n of a 365-day year: 29 February is skipped.
            let base = CivilDate(year: year, month: 1, day: 1).adding(days: n - 1)
            let isLeap = CivilDate.daysIn(month: 2, year: year) == 29
            date = isLeap && n >= 60 ? base.adding(days: 1) : base
        case .zeroBased(let n):
            date = CivilDate(year: year, month: 1, day: 1).adding(days: n)
        case .weekday(let month, let week, let weekday):
            let first = CivilDate(year: year, month: month, day: 1)
            // isoWeekday: Monday 1 ... Sunday 7; POSIX: Sunday 0 ... Saturday 6.
            let firstWeekday = first.isoWeekday % 7
            var day = 1 + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
            while day > CivilDate.daysIn(month: month, year: year) { day -= 7 }
            date = CivilDate(year: year, month: month, day: day)
        }
        return Int64(date.daysSinceEpoch) * 86_400
    }

    /// Reads the pieces of a TZ string.
    private struct Scanner {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { position == bytes.count }

        var peekIsOffset: Bool {
            guard position < bytes.count else { return false }
            let byte = bytes[position]
            return byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || (48...57).contains(byte)
        }

        mutating func take(_ character: Character) -> Bool {
            guard position < bytes.count, bytes[position] == character.asciiValue! else { return false }
            position += 1
            return true
        }

        /// A zone abbreviation: three or more letters, or `<...>`.
        mutating func name() -> Bool {
            if take("<") {
                while position < bytes.count, bytes[position] != UInt8(ascii: ">") { position += 1 }
                return take(">")
            }
            let start = position
            while position < bytes.count, (65...90).contains(bytes[position] & 0xDF) { position += 1 }
            return position - start >= 3
        }

        mutating func number() -> Int? {
            let start = position
            var value = 0
            while position < bytes.count, (48...57).contains(bytes[position]) {
                value = value * 10 + Int(bytes[position] - 48)
                position += 1
            }
            return position > start ? value : nil
        }

        /// `[+-]hh[:mm[:ss]]` in seconds.
        mutating func offset() -> Int? {
            var sign = 1
            if take("-") { sign = -1 } else { _ = take("+") }
            guard let hours = number() else { return nil }
            var seconds = hours * 3_600
            if take(":") {
                guard let minutes = number() else { return nil }
                seconds += minutes * 60
                if take(":") {
                    guard let rest = number() else { return nil }
                    seconds += rest
                }
            }
            return sign * seconds
        }

        /// `date[/time]`, the time 02:00 when not given.
        mutating func change() -> (day: Day, time: Int)? {
            let day: Day
            if take("J") {
                guard let n = number(), (1...365).contains(n) else { return nil }
                day = .julian(n)
            } else if take("M") {
                guard let month = number(), take("."), let week = number(), take("."), let weekday = number(),
                      (1...12).contains(month), (1...5).contains(week), (0...6).contains(weekday) else { return nil }
                day = .weekday(month: month, week: week, weekday: weekday)
            } else {
                guard let n = number(), (0...365).contains(n) else { return nil }
                day = .zeroBased(n)
            }
            var time = 7_200
            if take("/") {
                guard let value = offset() else { return nil }
                time = value
            }
            return (day, time)
        }
    }
}
