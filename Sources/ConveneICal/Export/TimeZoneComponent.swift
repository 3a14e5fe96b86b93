import ConveneCore
import Foundation

/// Writes a compact VTIMEZONE for an IANA zone: the plain IANA name as TZID, and only the
/// observances needed for the years the calendar uses. Regular daylight-saving rules become one
/// STANDARD and one DAYLIGHT block with a yearly RRULE (the form Outlook and Apple Calendar
/// expect); irregular ones are written out transition by transition for those years only.
enum TimeZoneComponent {
    struct Transition: Equatable {
        var instant: UnixSeconds
        var offsetFrom: Int
        var offsetTo: Int
        var isDaylight: Bool
    }

    /// The VTIMEZONE text for `zone` covering `years` (inclusive).
    static func write(zone identifier: String, years requested: ClosedRange<Int>, into out: inout ICalText) {
        guard let zone = TimeZone(identifier: identifier) else { return }
        // Start a year early so that every date of the first year follows an observance onset.
        let years = (requested.lowerBound - 1)...requested.upperBound
        let first = Int64(CivilDate(year: years.lowerBound, month: 1, day: 1).daysSinceEpoch) * 86_400
        let last = Int64(CivilDate(year: years.upperBound + 1, month: 1, day: 1).daysSinceEpoch) * 86_400
        var transitions: [Transition] = []
        var cursor = Date(timeIntervalSince1970: Double(first))
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < Double(last) {
            let instant = Int64(next.timeIntervalSince1970)
            transitions.append(Transition(
                instant: instant,
                offsetFrom: zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant - 1))),
                offsetTo: zone.secondsFromGMT(for: next),
                isDaylight: zone.isDaylightSavingTime(for: next)))
            cursor = next
        }
        out.begin("VTIMEZONE")
        out.line("TZID", raw: identifier)
        let initialOffset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(first)))
        if transitions.isEmpty {
            observance(kind: "STANDARD", start: "19700101T000000", from: initialOffset, to: initialOffset, rule: nil, into: &out)
        } else if let rules = yearlyRules(transitions, years: years) {
            for (transition, rule) in rules {
                observance(kind: transition.isDaylight ? "DAYLIGHT" : "STANDARD", start: localStart(transition),
                           from: transition.offsetFrom, to: transition.offsetTo, rule: rule, into: &out)
            }
        } else {
            // The offset in force at the start of the first year, then every change.
            let isDaylight = zone.isDaylightSavingTime(for: Date(timeIntervalSince1970: Double(first)))
            observance(kind: isDaylight ? "DAYLIGHT" : "STANDARD", start: "\(years.lowerBound)0101T000000",
                       from: initialOffset, to: initialOffset, rule: nil, into: &out)
            for transition in transitions {
                observance(kind: transition.isDaylight ? "DAYLIGHT" : "STANDARD", start: localStart(transition),
                           from: transition.offsetFrom, to: transition.offsetTo, rule: nil, into: &out)
            }
        }
        out.end("VTIMEZONE")
    }

    /// When every year has the same two changes on the same weekday rule, one RRULE for each.
    private static func yearlyRules(_ transitions: [Transition], years: ClosedRange<Int>) -> [(Transition, String)]? {
        guard transitions.count == 2 * years.count else { return nil }
        var result: [(Transition, String)] = []
        for isDaylight in [true, false] {
            let kind = transitions.filter { $0.isDaylight == isDaylight }
            guard let firstOfKind = kind.first else { return nil }
            let rules = kind.map { rule(for: $0) }
            guard let rule = rules.first, rules.allSatisfy({ $0 == rule }) else { return nil }
            guard kind.allSatisfy({ $0.offsetFrom == firstOfKind.offsetFrom && $0.offsetTo == firstOfKind.offsetTo }) else { return nil }
            result.append((firstOfKind, rule))
        }
        return result.sorted { $0.0.instant < $1.0.instant }
    }

    /// `FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU` style rule for the transition's local date, with its
    /// local time folded in so that rules differing only in time do not compare equal.
    private static func rule(for transition: Transition) -> String {
        let wall = CivilDateTime(secondsAsIfUTC: transition.instant + Int64(transition.offsetFrom))
        let date = wall.date
        let days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        let weekday = days[date.isoWeekday - 1]
        let isLast = date.day + 7 > CivilDate.daysIn(month: date.month, year: date.year)
        let ordinal = isLast ? "-1" : String((date.day - 1) / 7 + 1)
        return "FREQ=YEARLY;BYMONTH=\(date.month);BYDAY=\(ordinal)\(weekday)|\(wall.minuteOfDay)"
    }

    private static func localStart(_ transition: Transition) -> String {
        ICalFormat.localDateTime(CivilDateTime(secondsAsIfUTC: transition.instant + Int64(transition.offsetFrom)))
    }

    private static func observance(kind: String, start: String, from: Int, to: Int, rule: String?, into out: inout ICalText) {
        out.begin(kind)
        out.line("DTSTART", raw: start)
        if let rule { out.line("RRULE", raw: String(rule.split(separator: "|")[0])) }
        out.line("TZOFFSETFROM", raw: ICalFormat.offset(from))
        out.line("TZOFFSETTO", raw: ICalFormat.offset(to))
        out.end(kind)
    }
}

/// iCalendar spellings of dates, times and offsets.
enum ICalFormat {
    /// `20241015T090000`.
    static func localDateTime(_ wall: CivilDateTime) -> String {
        date(wall.date) + "T" + pad(wall.minuteOfDay / 60) + pad(wall.minuteOfDay % 60) + "00"
    }

    /// `20241015`.
    static func date(_ date: CivilDate) -> String {
        String(date.year) + pad(date.month) + pad(date.day)
    }

    /// `20241015T060000Z`.
    static func utc(_ instant: UnixSeconds) -> String {
        let wall = CivilDateTime(secondsAsIfUTC: instant)
        let seconds = Int(instant - wall.secondsAsIfUTC)
        return date(wall.date) + "T" + pad(wall.minuteOfDay / 60) + pad(wall.minuteOfDay % 60) + pad(seconds) + "Z"
    }

    /// `+0300`, `-0430`, `+0000`.
    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        let rest = abs(seconds) % 60
        return sign + pad(minutes / 60) + pad(minutes % 60) + (rest == 0 ? "" : pad(rest))
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
}
