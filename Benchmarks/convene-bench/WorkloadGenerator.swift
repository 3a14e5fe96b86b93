import ConveneBenchSupport
import ConveneCore
import Foundation

/// Writes a deterministic synthetic calendar of convenings, the same shape as
/// `../shared/bench/gen_workload.py` (which the project must not need): N events spread over 2025
/// in eleven real zones, 5-30 attendees each drawn with weights 1/(i+1)^0.8 (so some people are very
/// busy), 10% recurring (weekly or monthly, COUNT 4-12), attendees carrying CN, ROLE and X-GOV-LEVEL.
///
/// With `quirks`, it also writes what real calendars hold and the differential test must agree on:
/// RECURRENCE-ID overrides, EXDATEs, RDATEs with a TZID, all-day events (with and without DTEND),
/// floating and UTC times, DURATION instead of DTEND, events with no attendees, attendee addresses
/// in other letter cases and repeated within an event, and times in the repeated and skipped hours
/// of DST changes (a single event starting in the skipped hour, a daily series running through it).
struct WorkloadGenerator {
    var events: Int
    var people: Int
    var seed: UInt64 = 7
    var quirks = false

    static let levels = ["national", "regional", "state", "local", "civil-society", "youth", "research", "faith"]
    static let kinds = ["roundtable", "conference", "follow-up-dialogue", "working-group", "training", "summit"]

    /// The calendar as iCalendar bytes (CRLF lines folded at 75 octets).
    func generate() -> [UInt8] {
        var random = SplitMix64(seed: seed)
        var out = ICalWriter()
        out.line("BEGIN:VCALENDAR")
        out.line("VERSION:2.0")
        out.line("PRODID:-//Convene//convene-bench workload//EN")
        for zone in TimeZoneBlocks.zones { out.raw(TimeZoneBlocks.block(zone)) }

        var cumulative: [Double] = []
        cumulative.reserveCapacity(people)
        var total = 0.0
        for i in 0..<people {
            total += 1.0 / pow(Double(i + 1), 0.8)
            cumulative.append(total)
        }
        func person() -> Int {
            let target = random.unit() * total
            var low = 0, high = cumulative.count - 1
            while low < high {
                let mid = (low + high) / 2
                if cumulative[mid] <= target { low = mid + 1 } else { high = mid }
            }
            return low
        }

        let base = CivilDateTime(date: CivilDate(year: 2025, month: 1, day: 1), minuteOfDay: 8 * 60)
        for i in 0..<events {
            let zone = TimeZoneBlocks.zones[random.below(TimeZoneBlocks.zones.count)]
            let startSeconds = base.secondsAsIfUTC + Int64(random.below(365)) * 86_400 + Int64(15 * random.below(40)) * 60
            var start = CivilDateTime(secondsAsIfUTC: startSeconds)
            let minutes = 30 * (2 + random.below(15))
            let kind = Self.kinds[random.below(Self.kinds.count)]
            let recurring = random.unit() < 0.10
            var rule = recurring ? "FREQ=\(random.below(2) == 0 ? "WEEKLY" : "MONTHLY");COUNT=\(4 + random.below(9))" : nil
            var attendees: [Int] = []
            var seen: Set<Int> = []
            for _ in 0..<(5 + random.below(26)) {
                let p = person()
                if seen.insert(p).inserted { attendees.append(p) }
            }
            var style = TimeStyle.zoned(zone)
            var endStyle = EndStyle.end
            if quirks {
                switch random.below(20) {
                case 0: style = .utc
                case 1: style = .floating
                case 2: style = .allDay; endStyle = random.below(2) == 0 ? .end : .none
                case 3: endStyle = .duration
                case 4: attendees = []
                case 5:  // the repeated hour in New York (2025-11-02 01:00-02:00)
                    style = .zoned("America/New_York")
                    start = CivilDateTime(date: CivilDate(year: 2025, month: 11, day: 1), minuteOfDay: 17 * 60 + 30)
                case 6:  // the skipped hour in Toronto (2025-03-09 02:00-03:00); not as the start of a
                    // series: Python's recurring-ical-events then drops the first occurrence.
                    style = .zoned("America/Toronto")
                    rule = nil
                    start = CivilDateTime(date: CivilDate(year: 2025, month: 3, day: 9), minuteOfDay: 2 * 60 + 15 * random.below(4))
                default: break
                }
            }
            let end = CivilDateTime(secondsAsIfUTC: start.secondsAsIfUTC + Int64(minutes) * 60)
            let uid = "ev-\(i)@bench.example"

            out.line("BEGIN:VEVENT")
            out.line("SUMMARY:\(kind) \(i)")
            out.line(style.property("DTSTART", start))
            switch endStyle {
            case .end:
                let allDayEnd = CivilDateTime(date: start.date.adding(days: 1 + random.below(2)), minuteOfDay: 0)
                out.line(style.property("DTEND", style == .allDay ? allDayEnd : end))
            case .duration: out.line("DURATION:PT\(minutes)M")
            case .none: break
            }
            out.line("DTSTAMP:20250101T000000Z")
            out.line("UID:\(uid)")
            if let rule { out.line("RRULE:\(rule)") }
            var exdate: CivilDateTime?
            var override: CivilDateTime?
            if quirks, let rule, style != .allDay {
                let step: Int64 = rule.contains("WEEKLY") ? 7 * 86_400 : 0
                if step > 0 {
                    switch random.below(4) {
                    case 0: exdate = CivilDateTime(secondsAsIfUTC: start.secondsAsIfUTC + step * 2)
                    case 1: override = CivilDateTime(secondsAsIfUTC: start.secondsAsIfUTC + step)
                    case 2:
                        let extra = CivilDateTime(secondsAsIfUTC: start.secondsAsIfUTC + 3 * 86_400 + 3_600)
                        out.line(style.property("RDATE", extra))
                    default: break
                    }
                }
            }
            if let exdate { out.line(style.property("EXDATE", exdate)) }
            writeAttendees(attendees, into: &out, random: &random)
            out.line("LOCATION:Venue \(random.below(events / 20 + 1))")
            out.line("END:VEVENT")

            if let override {
                // The second occurrence moved by two and a half hours, with one attendee fewer.
                let moved = CivilDateTime(secondsAsIfUTC: override.secondsAsIfUTC + 150 * 60)
                out.line("BEGIN:VEVENT")
                out.line("SUMMARY:\(kind) \(i) (moved)")
                out.line(style.property("DTSTART", moved))
                out.line(style.property("DTEND", CivilDateTime(secondsAsIfUTC: moved.secondsAsIfUTC + Int64(minutes) * 60)))
                out.line("DTSTAMP:20250101T000000Z")
                out.line("UID:\(uid)")
                out.line(style.property("RECURRENCE-ID", override))
                writeAttendees(Array(attendees.dropLast()), into: &out, random: &random)
                out.line("END:VEVENT")
            }
        }
        out.line("END:VCALENDAR")
        return out.bytes
    }

    private func writeAttendees(_ attendees: [Int], into out: inout ICalWriter, random: inout SplitMix64) {
        for p in attendees {
            var address = "mailto:p\(p)@bench.example"
            if quirks, random.below(25) == 0 { address = address.uppercased() }
            let line = "ATTENDEE;CN=\"Person \(p)\";ROLE=REQ-PARTICIPANT;X-GOV-LEVEL=\(Self.levels[p % Self.levels.count]):\(address)"
            out.line(line)
            if quirks, random.below(50) == 0 { out.line(line) }
        }
    }
}

/// How an event's times are written.
private enum TimeStyle: Equatable {
    case zoned(String)
    case utc
    case floating
    case allDay

    func property(_ name: String, _ time: CivilDateTime) -> String {
        let stamp = String(format: "%04d%02d%02dT%02d%02d00", time.date.year, time.date.month, time.date.day,
                           time.minuteOfDay / 60, time.minuteOfDay % 60)
        switch self {
        case .zoned(let zone): return "\(name);TZID=\(zone):\(stamp)"
        case .utc: return "\(name):\(stamp)Z"
        case .floating: return "\(name):\(stamp)"
        case .allDay: return "\(name);VALUE=DATE:\(stamp.prefix(8))"
        }
    }
}

private enum EndStyle { case end, duration, none }

/// Accumulates iCalendar lines, folded at 75 octets with CRLF endings.
private struct ICalWriter {
    var bytes: [UInt8] = []

    mutating func line(_ text: String) {
        var count = 0
        for byte in text.utf8 {
            // Fold before 75 octets, never inside a UTF-8 sequence.
            if count >= 75 && (byte & 0xC0) != 0x80 {
                bytes += [13, 10, 32]
                count = 1
            }
            bytes.append(byte)
            count += 1
        }
        bytes += [13, 10]
    }

    mutating func raw(_ text: String) { bytes += text.utf8 }
}
