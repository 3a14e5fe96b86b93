import ConveneCore
import Foundation

/// Expands plan recurrences with libical, the one recurrence engine: the rule is read by
/// libical's RRULE parser and the occurrences come from `icalcomponent_foreach_recurrence`.
///
/// libical iterates wall-clock (floating) starts, and each is mapped to UTC through ``ZoneClock``,
/// the one reader of the system tz database: libical 3.0.16 reads a repeated or skipped wall time
/// with the offset in force after the change, where RFC 5545 §3.3.5 wants the first instant and
/// the offset before the gap. Each occurrence ends at its wall-clock start plus the request's
/// wall-clock length, mapped the same way (as the first occurrence's DTEND is).
///
/// The first occurrence always counts, even when the rule would not produce it (RFC 5545). All-day
/// requests start each occurrence at local midnight in the request's zone. Safe to use from
/// several threads at once: each call builds, expands and frees its own floating event, which
/// needs none of libical's shared zones.
public struct LibicalRecurrenceExpander: RecurrenceExpanding {
    public init() {
        LibicalRuntime.prepare()
    }

    /// Nil when libical reads `rule` and can expand it; otherwise what is wrong, naming the part.
    public func problem(inRule rule: String) -> String? {
        RuleVerdicts.shared.problem(in: rule)
    }

    /// Every occurrence whose start lies in `window`, in order, as UTC spans.
    ///
    /// - Throws: `ICalError` (`unknownTimeZone`, `invalidRule`, `tooManyOccurrences`).
    public func occurrences(of request: RecurrenceRequest, startingIn window: TimeSpan) throws -> [TimeSpan] {
        let file = "recurrence"
        let rule = request.rule.trimmed()
        if !rule.isEmpty, let problem = problem(inRule: rule) {
            throw ICalError(.invalidRule, file: file, message: "RRULE \(rule): \(problem)",
                            hint: "Write the rule as in RFC 5545, e.g. FREQ=MONTHLY;INTERVAL=6;COUNT=4.")
        }
        guard ZoneClock.isKnownZone(request.timeZone) else {
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

        // Floating starts are wall times read as UTC: widen the window by two days (more than any
        // zone's offset) and keep the starts that fall in it once mapped.
        let margin: Int64 = 2 * 86_400
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
            let wall = CivilDateTime(secondsAsIfUTC: occurrence.start)
            let end = CivilDateTime(secondsAsIfUTC: occurrence.start + max(0, request.durationSeconds))
            guard let start = ZoneClock.instant(wall, in: request.timeZone),
                  let finish = ZoneClock.instant(end, in: request.timeZone) else { continue }
            if window.start <= start, start < window.end {
                result.append(TimeSpan(start: start, end: max(start, finish)))
            }
        }
        return result
    }

    private func wallTime(_ wall: CivilDateTime, _ request: RecurrenceRequest) -> WallTime {
        request.isAllDay ? .date(wall.date) : .floating(wall)
    }
}

/// What ``RuleDiagnosis`` says of each rule text met so far. A plan's events share a few rules,
/// and loading the plan, checking it and expanding each event ask about the same rule again: the
/// answer (libical's parser and an iterator, tried part by part) is worked out once per text.
private final class RuleVerdicts: @unchecked Sendable {
    static let shared = RuleVerdicts()
    /// Texts remembered at most (a calendar with a distinct UNTIL in every rule stops here).
    private static let capacity = 10_000
    private let lock = NSLock()
    private var verdicts: [String: String?] = [:]

    func problem(in rule: String) -> String? {
        lock.lock()
        let known = verdicts[rule]
        lock.unlock()
        if let known { return known }
        let verdict = RuleDiagnosis.problem(in: rule)
        lock.lock()
        if verdicts.count < Self.capacity { verdicts[rule] = verdict }
        lock.unlock()
        return verdict
    }
}
