import ConveneCore

/// Expands recurring events with libical: the rule is read by libical's RRULE parser and the
/// occurrences come from `icalcomponent_foreach_recurrence`, with wall times in libical's built-in
/// zone (from the system tz database), so UTC instants are right across DST changes.
///
/// The first occurrence always counts, even when the rule would not produce it (RFC 5545). All-day
/// requests start each occurrence at local midnight in the request's zone.
///
/// Safe to use from several threads: each call builds and frees its own event; calls run one at a
/// time (they take microseconds) because libical's shared list of built-in zones can grow while
/// another thread searches it.
public struct LibicalRecurrenceExpander: RecurrenceExpanding {
    public init() {
        LibicalRuntime.prepare()
    }

    /// Nil when libical reads `rule` and can expand it; otherwise what is wrong, naming the part.
    public func problem(inRule rule: String) -> String? {
        RuleDiagnosis.problem(in: rule)
    }

    /// Every occurrence whose start lies in `window`, in order, as UTC spans of the request's length.
    ///
    /// - Throws: `ICalError` (`unknownTimeZone`, `invalidRule`, `tooManyOccurrences`).
    public func occurrences(of request: RecurrenceRequest, startingIn window: TimeSpan) throws -> [TimeSpan] {
        try BuiltinZones.serially { () throws(ICalError) -> [TimeSpan] in try expand(request, in: window) }
    }

    private func expand(_ request: RecurrenceRequest, in window: TimeSpan) throws(ICalError) -> [TimeSpan] {
        let file = "recurrence"
        let rule = request.rule.trimmingCharacters(in: .whitespaces)
        if !rule.isEmpty, let problem = problem(inRule: rule) {
            throw ICalError(.invalidRule, file: file, message: "RRULE \(rule): \(problem)",
                            hint: "Write the rule as in RFC 5545, e.g. FREQ=MONTHLY;INTERVAL=6;COUNT=4.")
        }
        guard BuiltinZones.exists(request.timeZone) else {
            throw ICalError(.unknownTimeZone, file: file, message: "unknown time zone \"\(request.timeZone)\"",
                            hint: "Use an IANA zone name such as Europe/Helsinki or America/Toronto.")
        }
        let draft = EventDraft(
            uid: "expansion@convene", summary: "",
            start: wallTime(request.start, request),
            rule: rule.isEmpty ? nil : rule,
            exceptions: request.exceptions.map { wallTime($0, request) })
        let event: ICalTree
        do { event = try ICalTree.event(draft, stamp: 0) } catch {
            throw ICalError(.invalidRule, file: file, message: "cannot build the event to expand: \(error)",
                            hint: "Check the rule and the time zone.")
        }
        guard let vevent = event.events().first, var timing = vevent.timing() else { return [] }
        timing.duration = 0

        // All-day occurrences are expanded as DATEs (read as UTC midnight), then moved to local
        // midnight; widen the window by two days so none is lost on the way.
        let margin: Int64 = request.isAllDay ? 2 * 86_400 : 0
        let wide = TimeSpan(start: window.start - margin, end: window.end + margin)
        let starts: [TimeSpan]
        do {
            starts = try vevent.occurrences(in: wide, timing: timing)
        } catch {
            switch error {
            case .unsupportedRule(let text):
                throw ICalError(.invalidRule, file: file, message: "libical cannot expand \(text)",
                                hint: "Simplify the rule (libical 3.0.16 supports BYSETPOS only with MONTHLY or YEARLY).")
            case .tooManyOccurrences(let count):
                throw ICalError(.tooManyOccurrences, file: file,
                                message: OccurrenceEstimate.explanation(count),
                                hint: "Give the rule a COUNT or UNTIL, or ask for a shorter window.")
            }
        }
        var result: [TimeSpan] = []
        result.reserveCapacity(starts.count)
        for occurrence in starts {
            var start = occurrence.start
            if request.isAllDay {
                guard let local = LibicalClock.localMidnight(ofUTCDateAt: start, in: request.timeZone) else { continue }
                start = local
            }
            if window.start <= start, start < window.end {
                result.append(TimeSpan(start: start, end: start + max(0, request.durationSeconds)))
            }
        }
        return result
    }

    private func wallTime(_ wall: CivilDateTime, _ request: RecurrenceRequest) -> WallTime {
        request.isAllDay ? .date(wall.date) : .zoned(wall, zone: request.timeZone)
    }
}
