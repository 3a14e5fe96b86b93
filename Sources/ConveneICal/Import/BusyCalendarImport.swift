import ConveneCore

/// Reads a person's own calendar export (Google, Outlook, Apple, Thunderbird; VEVENTs with
/// recurrences, overrides, EXDATE, all-day and floating times, and VFREEBUSY) into busy intervals.
/// Only when they are busy is kept: no summary, location or attendee leaves the file.
public struct BusyCalendarImport: Sendable {
    /// The busy time found, merged where it overlaps.
    public var intervals: [TimeSpan]
    /// What was read in a particular way (zones mapped, floating times placed, events left out).
    public var notes: [String]

    /// Reads `input` for a person whose home zone is `homeZone` (floating times are read in the
    /// calendar's X-WR-TIMEZONE, else in it), keeping occurrences that start in `window`.
    public static func read(_ input: CalendarInput, homeZone: String?, window: TimeSpan) throws -> BusyCalendarImport {
        do { try ICalInputLimits.check(input.bytes, file: input.name) } catch { throw InputError([error]) }
        let text = String(decoding: input.bytes, as: UTF8.self)
        let normaliser = CalendarNormaliser(text: text, homeZone: homeZone)
        let normalised = CalendarInput(name: input.name, text: normaliser.text)
        let expanded = CalendarOccurrences.list([normalised], window: window)
        if !expanded.problems.isEmpty {
            // Point at the lines of the file as the user has it (before unfolding).
            throw InputError(expanded.problems.map { problem in
                var located = problem
                if let line = problem.line, line >= 1, line <= normaliser.originalLines.count {
                    located.line = normaliser.originalLines[line - 1]
                    located.column = nil
                }
                return located
            })
        }
        var spans = expanded.occurrences.map(\.span).filter { $0.end > $0.start }
        spans += normaliser.freeBusy.filter { $0.start < window.end && window.start <= $0.start }
        return BusyCalendarImport(intervals: Self.merged(spans), notes: normaliser.notes.sorted())
    }

    /// Sorted, with overlapping or touching spans joined.
    static func merged(_ spans: [TimeSpan]) -> [TimeSpan] {
        var result: [TimeSpan] = []
        for span in spans.sorted() {
            if let last = result.last, span.start <= last.end {
                result[result.count - 1].end = max(last.end, span.end)
            } else {
                result.append(span)
            }
        }
        return result
    }
}
