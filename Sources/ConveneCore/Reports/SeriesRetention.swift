/// A series over time: participation by level at each event, who came back for each follow-up,
/// and the gaps between events against the series' cadence.
enum SeriesRetention {
    static func represent(_ series: Series, members: [EventTally], columns: [String]) -> SeriesRepresentation {
        let ids = members.map(\.representation.id)
        var position = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        // An event that follows a recurring event follows its last sitting.
        for (k, member) in members.enumerated() {
            if let event = member.representation.sittingOf { position[event] = k }
        }
        let shown = columns.compactMap { ReportLookup.names.firstIndex(of: $0) }

        let participation: [SeriesParticipation] = shown.compactMap { rank in
            let counts: [Int?] = members.map { $0.representation.attendanceRecorded ? $0.attendedBy[rank] : nil }
            let invited = members.contains { $0.invitedBy[rank] > 0 }
            guard invited || counts.contains(where: { ($0 ?? 0) > 0 }) else { return nil }
            return SeriesParticipation(constituency: ReportLookup.names[rank], isLevel: rank < ReportLookup.levelCount,
                                       attended: counts, eventsPresent: counts.filter { ($0 ?? 0) > 0 }.count)
        }

        var steps: [RetentionStep] = []
        var totals = [Counts](repeating: Counts(), count: ReportLookup.all.count)
        for (k, later) in members.enumerated() {
            let event = later.representation
            let followed = event.follows.flatMap { position[$0] }
            guard let from = followed ?? (k > 0 ? k - 1 : nil), from != k else { continue }
            let earlier = members[from]
            guard earlier.representation.attendanceRecorded, event.attendanceRecorded else { continue }
            var byLevel = [Counts](repeating: Counts(), count: ReportLookup.all.count)
            var all = Counts()
            for presence in earlier.present {
                // Back: the same person, or the same seat (a deputy for the principal, or the reverse).
                let came = later.presentKeys.contains(presence.attendee) || later.presentKeys.contains(presence.seat)
                all.add(came)
                if presence.rank >= 0 { byLevel[presence.rank].add(came) }
            }
            for rank in byLevel.indices {
                totals[rank].before += byLevel[rank].before
                totals[rank].returned += byLevel[rank].returned
            }
            steps.append(RetentionStep(from: earlier.representation.id, to: event.id, isFollowUp: followed != nil,
                                       byLevel: ordered(byLevel, shown: shown), before: all.before, returned: all.returned))
        }

        var gaps: [CadenceGapSpan] = []
        let scheduled = members.filter { $0.firstDay != nil }
        for (earlier, later) in zip(scheduled, scheduled.dropFirst()) {
            guard let end = earlier.lastDay, let start = later.firstDay else { continue }
            let months = Int((Double(start.daysSinceEpoch - end.daysSinceEpoch) / 30.44).rounded())
            let tooLong = series.cadence?.maxGapMonths.map { end.adding(months: $0) < start } ?? false
            let tooShort = series.cadence?.minGapMonths.map { start < end.adding(months: $0) } ?? false
            gaps.append(CadenceGapSpan(from: earlier.representation.id, to: later.representation.id, months: months,
                                       tooLong: tooLong, tooShort: tooShort))
        }

        return SeriesRepresentation(
            id: series.id, title: series.title, country: series.country,
            maxGapMonths: series.cadence?.maxGapMonths, minGapMonths: series.cadence?.minGapMonths,
            events: ids, participation: participation, steps: steps,
            retention: ordered(totals, shown: shown), gaps: gaps)
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

    /// The levels and sectors with anyone before, in column order (levels, then sectors).
    private static func ordered(_ counts: [Counts], shown: [Int]) -> [RetentionCount] {
        shown.compactMap { rank in
            counts[rank].before == 0 ? nil
                : RetentionCount(constituency: ReportLookup.names[rank], isLevel: rank < ReportLookup.levelCount,
                                 before: counts[rank].before, returned: counts[rank].returned)
        }
    }
}
