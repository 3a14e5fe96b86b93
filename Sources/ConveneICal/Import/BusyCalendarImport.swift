import ConveneCore
import Foundation

/// Reads a person's own calendar export (Google, Outlook, Apple, Thunderbird, ...; VEVENTs with
/// recurrences, overrides, EXDATE, all-day and floating times, and VFREEBUSY) into busy intervals,
/// through the same path as `conflicts` (`CalendarOccurrences`), with the person's home zone for
/// floating times and DATEs when the calendar names none (X-WR-TIMEZONE). Transparent (free)
/// occurrences make nobody busy; cancelled ones do not happen. Only when they are busy is kept:
/// no summary, location or attendee leaves the file.
public struct BusyCalendarImport: Sendable {
    /// The busy time found, merged where it overlaps.
    public var intervals: [TimeSpan]
    /// What was read in a particular way, and faults read past (with their lines).
    public var notes: [String]

    /// Reads `input` for a person whose home zone is `homeZone`, keeping occurrences that start in
    /// `window`.
    public static func read(_ input: CalendarInput, homeZone: String?, window: TimeSpan) throws -> BusyCalendarImport {
        do { try ICalInputLimits.check(input.bytes, file: input.name) } catch { throw InputError([error]) }
        let expanded = CalendarOccurrences.list([input], window: window, floatingZone: homeZone)
        if !expanded.problems.isEmpty { throw InputError(expanded.problems) }
        var spans = expanded.listed.filter { !$0.isTransparent && $0.event.span.end > $0.event.span.start }.map(\.event.span)
        let free = expanded.listed.count - expanded.listed.filter { !$0.isTransparent }.count
        spans += LibicalFreeBusy.periods(in: input).filter { $0.start < window.end && window.start <= $0.start }
        var notes = expanded.warnings.map { "line \($0.line ?? 1): \($0.message)" }
        if free > 0 { notes.append("\(free) free (transparent) occurrence\(free == 1 ? "" : "s") left out") }
        return BusyCalendarImport(intervals: Self.merged(spans), notes: notes)
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

/// The busy periods of a calendar's VFREEBUSY components, read by libical.
enum LibicalFreeBusy {
    static func periods(in input: CalendarInput) -> [TimeSpan] {
        let marker = Array("VFREEBUSY".utf8)
        guard input.bytes.firstRange(of: marker) != nil else { return [] }
        let text = input.bytes + [0]
        return text.withUnsafeBytes { raw in
            ICalTree.parse(raw.baseAddress!.assumingMemoryBound(to: CChar.self))?.freeBusyPeriods ?? []
        }
    }
}
