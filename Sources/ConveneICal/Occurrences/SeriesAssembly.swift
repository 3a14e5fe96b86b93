import ConveneCore

/// The second half of the one path from a calendar file to occurrences: puts each file's events
/// together as series (overrides, revisions, RANGE=THISANDFUTURE, cancellations), places floating
/// times and DATEs in the calendar's zone, and keeps what starts in the window. The rules are
/// listed in `OccurrenceRules`.
enum SeriesAssembly {
    /// Rewrites the spans of `parts` (the parts of one file, in order) in place.
    static func assemble(_ parts: inout [ChunkResult], window: TimeSpan, defaultZone: String?) {
        // Events numbered across the file; those sharing a UID chained together.
        var offsets: [Int] = []
        var total = 0
        for part in parts {
            offsets.append(total)
            total += part.events.count
        }
        var first: [ArraySlice<UInt8>: Int] = [:]
        first.reserveCapacity(total)
        var next = [Int](repeating: -1, count: total)
        var grouped: [Int] = []
        for (p, part) in parts.enumerated() {
            for (e, event) in part.events.enumerated() {
                let flat = offsets[p] + e
                // Without a UID an event is on its own (nothing can name it as the same event).
                if event.uid.isEmpty { continue }
                let uid = part.text[event.uid]
                if let head = first[uid] {
                    if next[head] == -1 { grouped.append(head) }
                    next[flat] = next[head]
                    next[head] = flat
                } else {
                    first[uid] = flat
                    if event.recurrence != nil { grouped.append(flat) }
                }
            }
        }
        func locate(_ flat: Int) -> (p: Int, e: Int) {
            var p = parts.count - 1
            while offsets[p] > flat { p -= 1 }
            return (p, flat - offsets[p])
        }

        // Spans (in each event's own clock) of the events that share a UID or override.
        var replaced: [Int: [TimeSpan]] = [:]
        var seen: Set<Int> = []
        for head in grouped where !seen.contains(head) {
            var members: [Int] = []
            var cursor = head
            while cursor != -1 {
                members.append(cursor)
                seen.insert(cursor)
                cursor = next[cursor]
            }
            let group = members.sorted().map { flat -> Member in
                let (p, e) = locate(flat)
                return Member(flat: flat, event: parts[p].events[e], spans: Array(parts[p].spans[parts[p].events[e].spans]),
                              zone: parts[p].calendarZone ?? defaultZone)
            }
            for (flat, spans) in resolve(group) { replaced[flat] = spans }
        }

        // Each part rebuilt: placed in its zone, kept when it starts in the window.
        for p in parts.indices {
            let zone = parts[p].calendarZone ?? defaultZone
            var spans: [TimeSpan] = []
            spans.reserveCapacity(parts[p].spans.count)
            for e in parts[p].events.indices {
                let event = parts[p].events[e]
                let start = spans.count
                func keep(_ span: TimeSpan) {
                    let placed = event.clock == .instant ? span : place(span, clock: event.clock, zone: zone)
                    if window.start <= placed.start, placed.start < window.end { spans.append(placed) }
                }
                if event.isCancelled {
                    // STATUS:CANCELLED: it does not happen (an override still removed its occurrence).
                } else if let own = replaced[offsets[p] + e] {
                    own.forEach(keep)
                    if spans.count - start > 1 { spans[start...].sort() }
                } else {
                    parts[p].spans[event.spans].forEach(keep)
                }
                parts[p].events[e].spans = start..<spans.count
            }
            parts[p].spans = spans
        }
    }

    /// One event of a group sharing a UID.
    struct Member {
        var flat: Int
        var event: ExtractedEvent
        var spans: [TimeSpan]
        var zone: String?
    }

    /// The spans of each member of a UID group: revisions dropped, overrides applied to the series.
    static func resolve(_ group: [Member]) -> [(Int, [TimeSpan])] {
        // Revisions: per RECURRENCE-ID (or none), the highest SEQUENCE, then DTSTAMP, then the last.
        var standing: [UnixSeconds?: Member] = [:]
        var out: [(Int, [TimeSpan])] = []
        for member in group {
            let key = member.event.recurrence.map { $0.clock == .instant ? $0.instant : $0.wall }
            if let current = standing[key] {
                let newer = (member.event.sequence, member.event.stamp) >= (current.event.sequence, current.event.stamp)
                out.append(((newer ? current : member).flat, []))
                if newer { standing[key] = member }
            } else {
                standing[key] = member
            }
        }
        let master = standing[nil]
        let overrides = standing.values.filter { $0.event.recurrence != nil }.sorted { $0.flat < $1.flat }
        for override in overrides { out.append((override.flat, override.event.isCancelled ? [] : override.spans)) }
        guard let master else { return out }
        if master.event.isCancelled { return out + [(master.flat, [])] }

        // Override keys in the series' own terms.
        var replacedKeys: Set<UnixSeconds> = []
        var shifts: [(key: UnixSeconds, delta: Int64, length: Int64)] = []
        for override in overrides {
            guard let identity = override.event.recurrence else { continue }
            let key = seriesKey(identity, series: master.event.clock, zone: master.zone)
            replacedKeys.insert(key)
            if identity.thisAndFuture, override.event.clock == master.event.clock {
                shifts.append((key, override.event.start - key, override.event.length))
            }
        }
        shifts.sort { $0.key < $1.key }
        var spans: [TimeSpan] = []
        for span in master.spans where !replacedKeys.contains(span.start) {
            if let shift = shifts.last(where: { $0.key < span.start }) {
                spans.append(TimeSpan(start: span.start + shift.delta, end: span.start + shift.delta + shift.length))
            } else {
                spans.append(span)
            }
        }
        return out + [(master.flat, spans)]
    }

    /// Where a RECURRENCE-ID falls among the spans of a series read in `series`'s clock.
    static func seriesKey(_ identity: RecurrenceIdentity, series: ValueClock, zone: String?) -> UnixSeconds {
        let day: Int64 = 86_400
        func floorDay(_ seconds: Int64) -> Int64 { (seconds >= 0 ? seconds / day : -((-seconds + day - 1) / day)) * day }
        switch series {
        case .date:
            guard identity.isUTC else { return floorDay(identity.wall) }
            // Exchange writes an all-day occurrence as its local midnight: in the calendar's zone
            // that is the day itself; without a zone, the nearest midnight.
            if let zone, let wall = LibicalClock.wall(ofInstant: identity.instant, inZoneNamed: zone) { return floorDay(wall) }
            return floorDay(identity.instant + day / 2)
        case .floating:
            return identity.wall
        case .instant:
            return identity.instant
        }
    }

    /// A span in its event's clock as UTC instants: floating times and DATEs in `zone` (UTC when nil).
    static func place(_ span: TimeSpan, clock: ValueClock, zone: String?) -> TimeSpan {
        guard clock != .instant, let zone, zone != "UTC", zone != "Etc/UTC",
              let start = LibicalClock.instant(ofWall: span.start, inZoneNamed: zone),
              let end = LibicalClock.instant(ofWall: span.end, inZoneNamed: zone) else { return span }
        return TimeSpan(start: start, end: max(start, end))
    }
}
