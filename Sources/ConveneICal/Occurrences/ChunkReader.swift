import ConveneCore

/// Parses one part of a file with libical, reads its events, and frees the tree before returning.
/// What each fault does to the file is decided here, by the rules in `OccurrenceRules`.
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
        if let zone = tree.calendarZoneName { result.calendarZone = TimeZoneNames.resolve(zone) }

        var broken: Set<Int> = []
        var lines = LinesByEvent(input: input, calendar: calendar, plan: plan)
        if tree.headerErrorCount > 0 || events.contains(where: { $0.errorCount > 0 }) {
            sortNotes(tree.errorNotes(), plan: plan, input: input, events: events, lines: &lines,
                      broken: &broken, result: &result)
        }
        let hasMethod = tree.method != nil

        result.events.reserveCapacity(events.count)
        var attendees: [Int32] = []
        for (i, event) in events.enumerated() where !broken.contains(i) {
            let segment = segments[i]
            func place(_ property: String, containing fragment: String? = nil, nth: Int = 1) -> (line: Int, column: Int?) {
                lines.find(event: i, property: property, containing: fragment, nth: nth).map { ($0.line, $0.column) }
                    ?? (segment.line, nil)
            }
            if event.startCount > 1 {
                let at = place("DTSTART", nth: 2)
                result.problems.append(ICalError(
                    .missingStart, file: input.name, line: at.line, column: at.column, uid: event.uid,
                    message: "the event has \(event.startCount) DTSTART lines, so its start is unknowable",
                    hint: "Keep one DTSTART (RFC 5545 allows one per event) and remove the others."))
                continue
            }
            guard let timing = event.timing() else {
                if hasMethod {
                    // RFC 5545 §3.6.1: DTSTART may be left out when the calendar has a METHOD.
                    result.warnings.append(ICalError(
                        .missingStart, file: input.name, line: segment.line, uid: event.uid,
                        message: "the event has no DTSTART (allowed in a calendar with METHOD), so it gives no occurrence",
                        hint: "Nothing to fix if the event is a reply or cancellation; add a DTSTART to have it counted."))
                } else {
                    result.problems.append(ICalError(
                        .missingStart, file: input.name, line: segment.line, uid: event.uid,
                        message: "the event has no DTSTART, so it has no time",
                        hint: "Add a DTSTART line, e.g. DTSTART;TZID=Europe/Helsinki:20250114T090000."))
                }
                continue
            }
            if let zone = timing.unknownZone {
                result.problems.append(unknownZone(zone, property: timing.unknownZoneProperty, at: place(timing.unknownZoneProperty, containing: zone),
                                                   file: input.name, uid: event.uid))
                continue
            }
            let recurrence = event.recurrenceIdentity()
            if let zone = recurrence?.unknownZone {
                result.problems.append(unknownZone(zone, property: "RECURRENCE-ID", at: place("RECURRENCE-ID", containing: zone),
                                                   file: input.name, uid: event.uid))
                continue
            }
            if let date = event.unresolvedDateZone() {
                result.problems.append(unknownZone(date.zone, property: date.property, at: place(date.property, containing: date.zone),
                                                   file: input.name, uid: event.uid))
                continue
            }
            if timing.endBeforeStart {
                let at = place("DTEND")
                result.warnings.append(ICalError(
                    .endBeforeStart, file: input.name, line: at.line, column: at.column, uid: event.uid,
                    message: "DTEND is before DTSTART; the event is read as if it had no DTEND (\(timing.isAllDay ? "one day" : "no length"))",
                    hint: "Write a DTEND after DTSTART (RFC 5545 §3.8.2.2), or a DURATION."))
            }
            let spans: [TimeSpan]
            do {
                spans = try event.occurrences(in: window, timing: timing, ignoringRules: recurrence != nil)
            } catch {
                result.problems.append(ruleProblem(error, file: input.name, segment: segment, uid: event.uid,
                                                   lines: &lines, eventIndex: i))
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
                line: segment.line, recurrence: recurrence, clock: timing.clock, start: timing.start,
                length: timing.duration, sequence: event.sequence, stamp: event.stamp,
                isCancelled: event.isCancelled, isTransparent: event.isTransparent,
                spans: firstSpan..<result.spans.count, attendees: firstAttendee..<result.attendees.count,
                uid: event.copyUID(into: &result.text), summary: event.copySummary(into: &result.text)))
        }
        return result
    }

    private static func unknownZone(_ zone: String, property: String, at place: (line: Int, column: Int?),
                                    file: String, uid: String?) -> ICalError {
        ICalError(.unknownTimeZone, file: file, line: place.line, column: place.column, uid: uid,
                  message: "\(property) names TZID \"\(zone)\", which no VTIMEZONE in the file defines and which is neither an IANA nor a Windows zone name",
                  hint: "Add the VTIMEZONE for \(zone) to the calendar, or use an IANA zone name such as America/Toronto.")
    }

    /// Sorts libical's notes by `OccurrenceRules.verdict`: ignored, a located warning (the line is
    /// left out and the event read on), or a problem that keeps the file out (marking the event).
    private static func sortNotes(_ notes: [LibicalErrorNote], plan: ChunkPlan, input: CalendarInput,
                                  events: [ICalEvent], lines: inout LinesByEvent,
                                  broken: inout Set<Int>, result: inout ChunkResult) {
        let calendar = lines.calendar
        for note in notes {
            if note.eventIndex == nil && !plan.reportsHeader { continue }
            let located = lines.locate(note)
            let property = SegmentLines.propertyNamed(in: note.text) ?? located?.name
            let verdict = OccurrenceRules.verdict(for: note, property: property)
            if verdict == .ignore { continue }
            let fallback = note.eventIndex.map { calendar.events[plan.events.lowerBound + $0].line }
                ?? calendar.header.first?.line ?? 1
            let uid = note.eventIndex.flatMap { events[$0].uid }
            if verdict == .refuse {
                if let index = note.eventIndex { broken.insert(index) }
                result.problems.append(BrokenLine.error(note, file: input.name, line: located?.line ?? fallback,
                                                        column: located?.column, uid: uid))
            } else {
                result.warnings.append(BrokenLine.warning(note, property: property, file: input.name,
                                                          line: located?.line ?? fallback, column: located?.column, uid: uid))
            }
        }
    }

    private static func ruleProblem(_ failure: RecurrenceFailure, file: String, segment: CalendarLayout.Segment,
                                    uid: String?, lines: inout LinesByEvent, eventIndex: Int) -> ICalError {
        let rule = lines.find(event: eventIndex, property: "RRULE", containing: nil, nth: 1)
        switch failure {
        case .unsupportedRule(let text):
            return ICalError(.invalidRule, file: file, line: rule?.line ?? segment.line, uid: uid,
                             message: "libical cannot expand \(text)",
                             hint: "Simplify the rule (libical 3.0.16 supports BYSETPOS only with MONTHLY or YEARLY).")
        case .tooManyOccurrences(let count):
            return ICalError(.tooManyOccurrences, file: file, line: rule?.line ?? segment.line, uid: uid,
                             message: OccurrenceEstimate.explanation(count),
                             hint: "Narrow the window with --from and --to, or give the rule a COUNT or UNTIL.")
        }
    }
}

/// The logical lines of a part's events and header, made on demand (only for events with a fault).
struct LinesByEvent {
    let input: CalendarInput
    let calendar: CalendarLayout.Calendar
    let plan: ChunkPlan
    private var events: [Int: SegmentLines] = [:]
    private var header: SegmentLines?

    init(input: CalendarInput, calendar: CalendarLayout.Calendar, plan: ChunkPlan) {
        self.input = input
        self.calendar = calendar
        self.plan = plan
    }

    private mutating func with<R>(_ event: Int?, _ body: (inout SegmentLines) -> R) -> R {
        if let event {
            var lines = events[event]
                ?? SegmentLines(bytes: input.bytes, segments: [calendar.events[plan.events.lowerBound + event]])
            defer { events[event] = lines }
            return body(&lines)
        }
        var lines = header ?? SegmentLines(bytes: input.bytes, segments: calendar.header)
        defer { header = lines }
        return body(&lines)
    }

    /// The line a libical note is about, and that line's property name.
    mutating func locate(_ note: LibicalErrorNote) -> (line: Int, column: Int, name: String)? {
        with(note.eventIndex) { $0.locate(note) }
    }

    /// The `nth` line of `property` in the event (holding `fragment`, when given).
    mutating func find(event: Int, property: String, containing fragment: String?, nth: Int) -> (line: Int, column: Int)? {
        with(event) { $0.find(property: property, containing: fragment, nth: nth) }
    }
}
