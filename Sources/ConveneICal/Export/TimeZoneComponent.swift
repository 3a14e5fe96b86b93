import ConveneCore

/// Decides a compact VTIMEZONE for an IANA zone from the system tz database (``ZoneDatabase``,
/// the TZif files libical reads), which libical then builds and writes: the plain IANA name as
/// TZID, and only the observances needed for the years the calendar uses. Where the zone changes
/// twice a year on the same weekday rule in every one of those years, one STANDARD and one
/// DAYLIGHT block with a yearly RRULE (the form Outlook and Apple Calendar expect); otherwise
/// (Africa/Casablanca's Ramadan, a zone whose rules changed in those years) every change of
/// offset, one by one, for those years only.
enum TimeZoneComponent {
    /// One STANDARD or DAYLIGHT block.
    struct Observance: Equatable {
        var isDaylight: Bool
        /// The local time it starts, in the offset before it (`offsetFrom`).
        var start: CivilDateTime
        var offsetFrom: Int
        var offsetTo: Int
        /// A yearly RRULE, when it repeats.
        var rule: String?
    }

    /// The VTIMEZONE for `zone` covering `years` (inclusive), built by libical; nil for a zone the
    /// database does not have.
    static func component(zone identifier: String, years: ClosedRange<Int>) -> BuiltComponent? {
        guard let observances = observances(zone: identifier, years: years) else { return nil }
        let component = BuiltComponent(.timeZone)
        try? component.add(.timeZoneID(identifier))
        for observance in observances {
            var properties: [BuiltProperty] = [.start(.floating(observance.start))]
            if let rule = observance.rule { properties.append(.rule(rule)) }
            properties += [.offsetFrom(observance.offsetFrom), .offsetTo(observance.offsetTo)]
            try? component.addChild(observance.isDaylight ? .daylight : .standard, properties)
        }
        return component
    }

    /// The observances that cover `years`, in order.
    static func observances(zone identifier: String, years requested: ClosedRange<Int>) -> [Observance]? {
        guard let zone = ZoneDatabase.zone(identifier) else { return nil }
        // Start a year early so that every date of the first year follows an observance onset.
        let years = (requested.lowerBound - 1)...requested.upperBound
        let first = Int64(CivilDate(year: years.lowerBound, month: 1, day: 1).daysSinceEpoch) * 86_400
        let last = Int64(CivilDate(year: years.upperBound + 1, month: 1, day: 1).daysSinceEpoch) * 86_400
        var changes: [(transition: ZoneRules.Transition, isDaylight: Bool)] = []
        var previousIsDaylight = zone.isDaylight(at: first)
        for transition in zone.transitions(in: first..<last) where transition.offsetAfter != transition.offsetBefore {
            // Daylight time is the larger offset of the two: a zone with negative daylight saving
            // (Dublin's winter, Casablanca's Ramadan) is written the way clients expect.
            let forward = transition.offsetAfter > transition.offsetBefore
            changes.append((transition, forward && (transition.isDaylight || previousIsDaylight)))
            previousIsDaylight = transition.isDaylight
        }
        let initial = zone.offset(at: first)
        guard let firstChange = changes.first else {
            return [Observance(isDaylight: false, start: CivilDateTime(iso: "1970-01-01T00:00")!, offsetFrom: initial, offsetTo: initial)]
        }
        if let yearly = yearlyRules(changes.map(\.transition), years: years) { return yearly }
        var result = [Observance(isDaylight: !firstChange.isDaylight, start: CivilDateTime(date: CivilDate(year: years.lowerBound, month: 1, day: 1), minuteOfDay: 0),
                                 offsetFrom: initial, offsetTo: initial)]
        for (transition, isDaylight) in changes {
            result.append(Observance(isDaylight: isDaylight, start: localStart(transition),
                                     offsetFrom: transition.offsetBefore, offsetTo: transition.offsetAfter))
        }
        return result
    }

    /// When every year has the same two changes, each on one weekday rule, one RRULE for each.
    private static func yearlyRules(_ transitions: [ZoneRules.Transition], years: ClosedRange<Int>) -> [Observance]? {
        guard transitions.count == 2 * years.count else { return nil }
        var result: [Observance] = []
        for forward in [true, false] {
            let kind = transitions.filter { ($0.offsetAfter > $0.offsetBefore) == forward }
            guard let firstOfKind = kind.first, kind.count == years.count,
                  kind.allSatisfy({ $0.offsetBefore == firstOfKind.offsetBefore && $0.offsetAfter == firstOfKind.offsetAfter }),
                  let rule = commonRule(kind) else { return nil }
            result.append(Observance(isDaylight: forward, start: localStart(firstOfKind), offsetFrom: firstOfKind.offsetBefore,
                                     offsetTo: firstOfKind.offsetAfter, rule: rule))
        }
        return result.sorted { $0.start < $1.start }
    }

    /// `FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU` when every transition falls on the same weekday of the
    /// same week (counted from the start of the month, or the last) of the same month, at the same
    /// local time; nil otherwise.
    private static func commonRule(_ transitions: [ZoneRules.Transition]) -> String? {
        let days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        var month = 0, weekday = 0, minute = -1
        var ordinals: Set<Int> = []
        for (number, transition) in transitions.enumerated() {
            let wall = localStart(transition)
            let date = wall.date
            var candidates: Set<Int> = [(date.day - 1) / 7 + 1]
            if date.day + 7 > CivilDate.daysIn(month: date.month, year: date.year) { candidates.insert(-1) }
            if number == 0 {
                (month, weekday, minute, ordinals) = (date.month, date.isoWeekday, wall.minuteOfDay, candidates)
            } else {
                guard date.month == month, date.isoWeekday == weekday, wall.minuteOfDay == minute else { return nil }
                ordinals.formIntersection(candidates)
            }
        }
        guard let ordinal = ordinals.contains(-1) ? -1 : ordinals.min() else { return nil }
        return "FREQ=YEARLY;BYMONTH=\(month);BYDAY=\(ordinal)\(days[weekday - 1])"
    }

    private static func localStart(_ transition: ZoneRules.Transition) -> CivilDateTime {
        CivilDateTime(secondsAsIfUTC: transition.instant + Int64(transition.offsetBefore))
    }
}
