import ConveneCore

/// Parses one part of a file with libical, reads its events, and frees the tree before returning.
enum ChunkReader {
    static func read(_ plan: ChunkPlan, of input: CalendarInput, layout: CalendarLayout,
                     window: TimeSpan) -> ChunkResult {
        defer { LibicalRuntime.releaseThreadBuffers() }
        let calendar = layout.calendars[plan.calendar]
        let segments = Array(calendar.events[plan.events])
        var result = ChunkResult()
        let text = plan.text(from: input.bytes, layout: layout)
        let parsed = text.withUnsafeBytes { raw in
            ICalTree.parse(raw.baseAddress!.assumingMemoryBound(to: CChar.self))
        }
        let firstLine = segments.first?.line ?? calendar.header.first?.line ?? 1
        guard let tree = parsed else {
            result.problems.append(ICalError(
                .unparsable, file: input.name, line: firstLine,
                message: "libical could not read the calendar data from this line on",
                hint: "Check the lines here against RFC 5545 (NAME;PARAM=VALUE:VALUE), or export the calendar again."))
            return result
        }
        let events = tree.events()
        guard events.count == segments.count else {
            result.problems.append(ICalError(
                .unparsable, file: input.name, line: firstLine,
                message: "libical read \(events.count) events where the file has \(segments.count) from this line on",
                hint: "Check the BEGIN:VEVENT and END:VEVENT lines here."))
            return result
        }

        var broken: Set<Int> = []
        if tree.headerErrorCount > 0 || events.contains(where: { $0.errorCount > 0 }) {
            result.problems += brokenLines(tree.errorNotes().filter { !BrokenLine.isHarmless($0) }, plan: plan, input: input, layout: layout,
                                           events: events, broken: &broken)
        }

        result.events.reserveCapacity(events.count)
        var attendees: [Int32] = []
        for (i, event) in events.enumerated() where !broken.contains(i) {
            let segment = segments[i]
            guard let timing = event.timing() else {
                result.problems.append(ICalError(
                    .missingStart, file: input.name, line: segment.line, uid: event.uid,
                    message: "the event has no DTSTART, so it has no time",
                    hint: "Add a DTSTART line, e.g. DTSTART;TZID=Europe/Helsinki:20250114T090000."))
                continue
            }
            if let zone = timing.unknownZone {
                var lines = SegmentLines(bytes: input.bytes, segments: [segment])
                let place = lines.locate(LibicalErrorNote(text: ": TZID=\(zone)", type: "", eventIndex: i))
                result.problems.append(ICalError(
                    .unknownTimeZone, file: input.name, line: place?.line ?? segment.line, column: place?.column,
                    uid: event.uid, message: "TZID \"\(zone)\" is not defined by a VTIMEZONE in the file nor known to the system's tz database",
                    hint: "Add the VTIMEZONE for \(zone) to the calendar, or use an IANA zone name such as America/Toronto."))
                continue
            }
            let spans: [TimeSpan]
            do {
                spans = try event.occurrences(in: window, timing: timing)
            } catch {
                result.problems.append(ruleProblem(error, file: input.name, segment: segment, uid: event.uid,
                                                   bytes: input.bytes, eventIndex: i))
                continue
            }
            attendees.removeAll(keepingCapacity: true)
            event.forEachAttendee { attendees.append(result.book.number(for: $0)) }
            attendees.sort()
            let firstSpan = result.spans.count, firstAttendee = result.attendees.count
            result.spans += spans
            for (k, attendee) in attendees.enumerated() where k == 0 || attendees[k - 1] != attendee {
                result.attendees.append(attendee)
            }
            result.events.append(ExtractedEvent(
                line: segment.line, recurrenceID: event.recurrenceID(),
                spans: firstSpan..<result.spans.count, attendees: firstAttendee..<result.attendees.count,
                uid: event.copyUID(into: &result.text), summary: event.copySummary(into: &result.text)))
        }
        return result
    }

    /// One problem per X-LIC-ERROR, placed on the line it came from; marks the events that hold them.
    private static func brokenLines(_ notes: [LibicalErrorNote], plan: ChunkPlan, input: CalendarInput,
                                    layout: CalendarLayout, events: [ICalEvent],
                                    broken: inout Set<Int>) -> [ICalError] {
        let calendar = layout.calendars[plan.calendar]
        var linesByEvent: [Int: SegmentLines] = [:]
        var headerLines: SegmentLines?
        var problems: [ICalError] = []
        for note in notes {
            let place: (line: Int, column: Int)?
            var uid: String?
            var fallback: Int
            if let index = note.eventIndex {
                broken.insert(index)
                let segment = calendar.events[plan.events.lowerBound + index]
                var lines = linesByEvent[index] ?? SegmentLines(bytes: input.bytes, segments: [segment])
                place = lines.locate(note)
                linesByEvent[index] = lines
                uid = events[index].uid
                fallback = segment.line
            } else {
                guard plan.reportsHeader else { continue }
                var lines = headerLines ?? SegmentLines(bytes: input.bytes, segments: calendar.header)
                place = lines.locate(note)
                headerLines = lines
                fallback = calendar.header.first?.line ?? 1
            }
            problems.append(BrokenLine.error(note, file: input.name, line: place?.line ?? fallback,
                                             column: place?.column, uid: uid))
        }
        return problems
    }

    private static func ruleProblem(_ failure: RecurrenceFailure, file: String, segment: CalendarLayout.Segment,
                                    uid: String?, bytes: [UInt8], eventIndex: Int) -> ICalError {
        var lines = SegmentLines(bytes: bytes, segments: [segment])
        let place = lines.locate(LibicalErrorNote(text: "in RRULE property: ", type: "", eventIndex: eventIndex))
        switch failure {
        case .unsupportedRule(let text):
            return ICalError(.invalidRule, file: file, line: place?.line ?? segment.line, uid: uid,
                             message: "libical cannot expand \(text)",
                             hint: "Simplify the rule (libical 3.0.16 supports BYSETPOS only with MONTHLY or YEARLY).")
        case .tooManyOccurrences(let count):
            return ICalError(.tooManyOccurrences, file: file, line: place?.line ?? segment.line, uid: uid,
                             message: OccurrenceEstimate.explanation(count),
                             hint: "Narrow the window with --from and --to, or give the rule a COUNT or UNTIL.")
        }
    }
}
