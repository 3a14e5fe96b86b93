import ConveneCore

/// Reads a calendar of public holidays (a government's or a calendar service's `.ics`) as
/// blackouts for the plan: each VEVENT occurrence becomes the days it covers, named by its SUMMARY.
public enum HolidayImport {
    /// The holidays of one file whose days fall in `window`, in date order. Throws ``InputError``
    /// when the file is not iCalendar, is truncated or has lines libical cannot read.
    public static func read(_ input: CalendarInput, country: String?, window: TimeSpan) throws -> [Blackout] {
        // The same structural checks as every other reader, with line numbers.
        let checked = CalendarOccurrences.list([input], window: ConflictScanOptions.defaultWindow)
        if !checked.problems.isEmpty { throw InputError(checked.problems) }
        guard let tree = ICalTree.parse(String(decoding: input.bytes, as: UTF8.self)) else {
            throw InputError([ICalError(.unparsable, file: input.name, line: 1, message: "libical could not read this file",
                                        hint: "Check that it is an iCalendar file of holidays (BEGIN:VCALENDAR ... VEVENT ...).")])
        }
        var days: [(from: CivilDate, through: CivilDate, name: String)] = []
        for event in tree.events() where !event.isCancelled {
            guard let timing = event.timing(), let spans = try? event.occurrences(in: window, timing: timing) else { continue }
            let name = event.summary ?? "Holiday"
            for span in spans {
                // DATE values are read as UTC midnights: their days are the UTC days they cover.
                let first = CivilDate(daysSinceEpoch: Int(span.start.floorDivided(by: 86_400)))
                let last = CivilDate(daysSinceEpoch: Int((max(span.end, span.start + 1) - 1).floorDivided(by: 86_400)))
                days.append((first, last, name))
            }
        }
        days.sort { ($0.from, $0.name) < ($1.from, $1.name) }
        var used: [String: Int] = [:]
        let prefix = (country?.lowercased()).map { "\($0)-" } ?? ""
        return days.map { day in
            var id = "\(prefix)holiday-\(day.from)"
            used[id, default: 0] += 1
            if let n = used[id], n > 1 { id += "-\(n)" }
            return Blackout(id: id, name: day.name, from: day.from, through: day.through, country: country?.uppercased())
        }
    }
}

private extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
