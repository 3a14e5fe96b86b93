/// A series over time: participation by level at each event, who came back for each follow-up,
/// and the gaps between events against the series' cadence.
enum SeriesRetention {
    static func represent(_ series: Series, members: [EventTally], index: PlanIndex, columns: [String]) -> SeriesRepresentation {
        let ids = members.map(\.representation.id)
        let position = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let levels = Set(GovernmentLevel.allCases.map(\.rawValue))

        let participation: [SeriesParticipation] = columns.compactMap { column in
            let counts: [Int?] = members.map { $0.representation.attendanceRecorded ? ($0.representation.tally(column)?.attended ?? 0) : nil }
            let invited = members.contains { ($0.representation.tally(column)?.invited ?? 0) > 0 }
            guard invited || counts.contains(where: { ($0 ?? 0) > 0 }) else { return nil }
            return SeriesParticipation(constituency: column, isLevel: levels.contains(column), attended: counts,
                                       eventsPresent: counts.filter { ($0 ?? 0) > 0 }.count)
        }

        var steps: [RetentionStep] = []
        var totals: [String: Counts] = [:]
        for (k, later) in members.enumerated() {
            let event = later.representation
            let followed = event.follows.flatMap { position[$0] }
            guard let from = followed ?? (k > 0 ? k - 1 : nil), from != k else { continue }
            let earlier = members[from]
            guard earlier.representation.attendanceRecorded, event.attendanceRecorded else { continue }
            var byLevel: [String: Counts] = [:]
            var before = 0, returned = 0
            for presence in earlier.present {
                // Back: the same person, or the same seat (a deputy for the principal, or the reverse).
                let came = later.attendeeKeys.contains(presence.attendee) || later.seatKeys.contains(presence.seat)
                before += 1
                if came { returned += 1 }
                guard presence.rank >= 0 else { continue }
                byLevel[ReportLookup.names[presence.rank], default: Counts()].add(came)
            }
            for (key, count) in byLevel {
                totals[key, default: Counts()].before += count.before
                totals[key, default: Counts()].returned += count.returned
            }
            steps.append(RetentionStep(from: earlier.representation.id, to: event.id, isFollowUp: followed != nil,
                                       byLevel: ordered(byLevel, columns: columns, levels: levels), before: before, returned: returned))
        }

        var gaps: [CadenceGapSpan] = []
        let scheduled = members.map(\.representation.id).compactMap { index.events[$0] }
            .filter { EventTally.firstDate(of: $0) != nil }
        for (earlier, later) in zip(scheduled, scheduled.dropFirst()) {
            guard let end = EventTally.lastDate(of: earlier), let start = EventTally.firstDate(of: later) else { continue }
            let months = Int((Double(start.daysSinceEpoch - end.daysSinceEpoch) / 30.44).rounded())
            let tooLong = series.cadence?.maxGapMonths.map { end.adding(months: $0) < start } ?? false
            let tooShort = series.cadence?.minGapMonths.map { start < end.adding(months: $0) } ?? false
            gaps.append(CadenceGapSpan(from: earlier.id, to: later.id, months: months, tooLong: tooLong, tooShort: tooShort))
        }

        return SeriesRepresentation(
            id: series.id, title: series.title, country: series.country,
            maxGapMonths: series.cadence?.maxGapMonths, minGapMonths: series.cadence?.minGapMonths,
            events: ids, participation: participation, steps: steps,
            retention: ordered(totals, columns: columns, levels: levels), gaps: gaps)
    }

    /// Attendees before, and how many of them came back.
    struct Counts {
        var before = 0
        var returned = 0

        mutating func add(_ came: Bool) {
            before += 1
            if came { returned += 1 }
        }
    }

    /// Counts in column order (levels, then sectors).
    private static func ordered(_ counts: [String: Counts], columns: [String], levels: Set<String>) -> [RetentionCount] {
        columns.compactMap { column in
            counts[column].map { RetentionCount(constituency: column, isLevel: levels.contains(column), before: $0.before, returned: $0.returned) }
        }
    }
}
