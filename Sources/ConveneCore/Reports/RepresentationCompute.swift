extension RepresentationReport {
    /// Computes the report for the events in `scope`. Pure: the same plan and records always give
    /// the same report. Cancelled events are left out unless asked for by id.
    /// - Parameter sittings: the sittings of recurring events (``SittingCalendar``): each is reported
    ///   as its own row, `EVENT@DATE`, and the event's sittings form a series when it is in none.
    public static func compute(index: PlanIndex, replies: ReplyBook = ReplyBook(), attendance: AttendanceBook = AttendanceBook(),
                               scope: ReportScope = .all, sittings: SittingCalendar = SittingCalendar()) -> RepresentationReport {
        let lookup = ReportLookup(index: index, replies: replies, sittings: sittings)
        let byEvent = attendance.slicesByEvent()
        // One unit per event, or per sitting of a recurring event.
        let chosen: [(event: Int, sitting: CivilDateTime?)] = index.plan.events.indices
            .filter { scope.includes(index.plan.events[$0], index: index) }
            .flatMap { i -> [(event: Int, sitting: CivilDateTime?)] in
                sittings.starts[index.plan.events[i].id].map { $0.map { (i, $0) } } ?? [(i, nil)]
            }
            .filter { scope.includes(sitting: $0.sitting) }
        // Events counted on every core, each piece with its own scratch arrays.
        let pieces = Parallel.map(Parallel.ranges(chosen.count, minimum: 4096)) { range -> [EventTally] in
            var scratch = ReportScratch(people: lookup.rankOfNumber.count)
            return range.map { position in
                let (number, sitting) = chosen[position]
                let event = index.plan.events[number]
                var records = byEvent[Sitting.key(event.id, occurrence: sitting?.date.description)] ?? []
                // Recorded before sittings were told apart: they belong to the first sitting.
                if let sitting, sitting == sittings.starts[event.id]?.first, let whole = byEvent[event.id] {
                    records = ArraySlice(Array(whole) + Array(records))
                }
                return EventTally(event: event, sitting: sitting, lookup: lookup, records: records, scratch: &scratch)
            }
        }
        var tallies = pieces.flatMap { $0 }
        tallies.sort { ($0.start ?? .max, $0.representation.id) < ($1.start ?? .max, $1.representation.id) }
        let events = tallies.map(\.representation)

        var sectors: Set<String> = []
        for event in events {
            for tally in event.tallies where !tally.isLevel { sectors.insert(tally.constituency) }
        }
        let columns = GovernmentLevel.allCases.map(\.rawValue) + Sector.allCases.map(\.rawValue).filter(sectors.contains)

        var summary = ReportSummary(events: events.count)
        for event in events {
            if event.status == EventStatus.held.rawValue { summary.held += 1 }
            if event.attendanceRecorded { summary.withAttendance += 1 }
            summary.attended += event.attended
            if let counted = event.counted {
                summary.counted += counted
                summary.withCounts += 1
            }
            summary.guests += event.guests
            summary.deputies += event.deputies
            if event.nationalAndLocal == true { summary.nationalAndLocal += 1 }
            if event.attendanceRecorded, event.nationalAndLocalInvited { summary.nationalAndLocalInvited += 1 }
            if event.hasGaps { summary.eventsWithGaps += 1 }
        }

        let bySeries = Dictionary(grouping: tallies.filter { $0.representation.series != nil }, by: { $0.representation.series! })
        // A recurring event in no series is a series of its own: retention across its sittings.
        let ownSeries = index.plan.events.filter { $0.seriesID == nil && sittings.starts[$0.id] != nil }
            .map { Series(id: $0.id, title: $0.title, country: index.country(of: $0)) }
        // One sitting has no retention to speak of: its series is reported with --event EVENT.
        let series = scope.kind == .event && (ownSeries.isEmpty || scope.sitting != nil) ? [] : (index.plan.series + ownSeries).compactMap { series -> SeriesRepresentation? in
            guard let members = bySeries[series.id] else { return nil }
            return SeriesRetention.represent(series, members: members, columns: columns)
        }
        let countries = RepresentationGroups.group(tallies, columns: columns) { [$0.country ?? "international"] }
            .sorted { $0.key < $1.key }
        let pillarOrder = Pillar.allCases.map(\.rawValue)
        let pillars = RepresentationGroups.group(tallies, columns: columns) { $0.pillars }
            .sorted { pillarOrder.firstIndex(of: $0.key) ?? 99 < pillarOrder.firstIndex(of: $1.key) ?? 99 }

        var report = RepresentationReport(workspace: index.plan.name, scope: scope, columns: columns, summary: summary,
                                          events: events, series: series, countries: countries, pillars: pillars)
        // One country's events are read with that country's names for its tiers.
        let inScope = Set(events.map { $0.country ?? "" })
        if inScope.count == 1, let country = inScope.first, !country.isEmpty {
            var names: [String: String] = [:]
            for level in GovernmentLevel.allCases where index.levelName(level, in: country) != level.rawValue {
                names[level.rawValue] = index.levelName(level, in: country)
            }
            report.levelNames = names
        }
        return report
    }
}

/// Events grouped by a key (country, pillar): counts and which levels took part.
enum RepresentationGroups {
    static func group(_ tallies: [EventTally], columns: [String],
                      keys: (EventRepresentation) -> [String]) -> [GroupRepresentation] {
        // Groups are numbered as they appear; counts live in arrays indexed by group, then rank.
        var number: [String: Int] = [:]
        var groups: [GroupRepresentation] = []
        let count = ReportLookup.all.count
        var invitedAt: [[Int]] = [], attendedAt: [[Int]] = [], missedAt: [[Int]] = []
        for tally in tallies {
            let event = tally.representation
            for key in keys(event) {
                let g: Int
                if let known = number[key] {
                    g = known
                } else {
                    g = groups.count
                    number[key] = g
                    groups.append(GroupRepresentation(key: key, events: 0, held: 0, withAttendance: 0, nationalAndLocal: 0, presence: []))
                    invitedAt.append([Int](repeating: 0, count: count))
                    attendedAt.append([Int](repeating: 0, count: count))
                    missedAt.append([Int](repeating: 0, count: count))
                }
                groups[g].events += 1
                if event.status == EventStatus.held.rawValue { groups[g].held += 1 }
                if event.attendanceRecorded { groups[g].withAttendance += 1 }
                if event.nationalAndLocal == true { groups[g].nationalAndLocal += 1 }
                for rank in 0..<count {
                    if tally.planned[rank] {
                        invitedAt[g][rank] += 1
                        if event.attendanceRecorded, tally.attendedBy[rank] == 0 { missedAt[g][rank] += 1 }
                    }
                    if tally.attendedBy[rank] > 0 { attendedAt[g][rank] += 1 }
                }
            }
        }
        let shown = columns.compactMap { ReportLookup.names.firstIndex(of: $0) }
        return groups.enumerated().map { g, group in
            var group = group
            let invited = invitedAt[g], attended = attendedAt[g], missed = missedAt[g]
            group.presence = shown.compactMap { rank in
                invited[rank] == 0 && attended[rank] == 0 ? nil
                    : GroupPresence(constituency: ReportLookup.names[rank], isLevel: rank < ReportLookup.levelCount,
                                    invitedAt: invited[rank], attendedAt: attended[rank], missedAt: missed[rank])
            }
            return group
        }
    }
}
