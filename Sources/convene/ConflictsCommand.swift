import ArgumentParser
import ConveneCore
import ConveneICal
import Foundation

/// `convene conflicts FILE.ics...`: attendees double-booked in any calendars, no workspace needed.
struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "Find attendees double-booked across iCalendar files (no workspace needed).",
        discussion: """
            Expands every VEVENT (RRULE, RDATE, EXDATE; an override with the same UID and a \
            RECURRENCE-ID replaces the occurrence of its series starting at that instant) and counts, \
            for each attendee, every pair of occurrences whose UTC times overlap (touching ends do not).

            An occurrence counts when it STARTS in [--from, --to). Without them the window is \
            1970-01-01 to 2100-01-01 (UTC). Dates are UTC midnights; --to is exclusive.
            Length: DTEND, else DURATION, else zero (one day for a DATE). DATE values and floating \
            times are read in the calendar's X-WR-TIMEZONE, else in UTC. Revisions of one event \
            (same UID) count once (highest SEQUENCE, then latest DTSTAMP); RANGE=THISANDFUTURE \
            moves the later occurrences too; cancelled events do not count. Attendees are calendar \
            addresses compared case-insensitively, each once per event. A folder argument reads \
            its .ics files. README "Calendars from the real world" lists every quirk handled.

            A file that is truncated, not iCalendar, or whose times or attendees cannot be read \
            (a broken DTSTART, an unknown TZID, two DTSTARTs) is reported on stderr with its line \
            and left out; the other files are still counted. Faults that do not touch time or \
            attendees are warned about with their line and read past.

            --count prints one line: `N occurrences, K conflicting pairs` (with --format json, one \
            JSON object). Otherwise each conflicting pair is listed with both events' UIDs, \
            summaries and UTC times.

            Exit 0 when there are no conflicts, 1 when there are, 2 when a file is bad.
            """)

    @Argument(help: ArgumentHelp("iCalendar files, or folders of .ics files.", valueName: "FILE.ics"))
    var files: [String] = []

    @Option(help: ArgumentHelp("Count occurrences starting on or after this UTC date (default 1970-01-01).",
                               valueName: "YYYY-MM-DD"))
    var from: String?

    @Option(help: ArgumentHelp("Count occurrences starting before this UTC date (default 2100-01-01).",
                               valueName: "YYYY-MM-DD"))
    var to: String?

    @Flag(help: "Print only the totals: `N occurrences, K conflicting pairs`.")
    var count = false

    @OptionGroup var output: FormatOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one .ics file (or a folder of them)") }
        let window = try self.window()
        if window.start >= window.end {
            throw ValidationError("--from must be before --to (the window is [from, to) in UTC)")
        }
    }

    func run() throws {
        let scan = AttendeeConflicts.scan(paths: files, options: ConflictScanOptions(window: try window(), listsPairs: !count))
        for warning in scan.warnings { printError(warning.warningDescription) }
        for problem in scan.problems { printError(problem.description) }
        if !scan.filesRejected.isEmpty {
            let n = scan.filesRejected.count
            printError("\(n) file\(n == 1 ? "" : "s") could not be used and \(n == 1 ? "was" : "were") left out: "
                + scan.filesRejected.joined(separator: ", ")
                + (scan.filesRead.isEmpty ? "." : "; the results cover the other files."))
        }
        var out = StandardOutput()
        try ConflictsRenderer(scan: scan, window: try window(), format: output.format, countOnly: count).write(to: &out)
        out.flush()
        if !scan.problems.isEmpty { throw ExitStatus.badInput }
        if scan.conflictingPairCount > 0 { throw ExitStatus.problems }
    }

    /// The window from `--from` and `--to`.
    private func window() throws -> TimeSpan {
        let start = try from.map { try Self.instant($0, option: "--from") } ?? ConflictScanOptions.defaultWindow.start
        let end = try to.map { try Self.instant($0, option: "--to") } ?? ConflictScanOptions.defaultWindow.end
        return TimeSpan(start: start, end: end)
    }

    /// `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM` (UTC).
    private static func instant(_ text: String, option: String) throws -> UnixSeconds {
        if let date = CivilDate(iso: text) { return CivilDateTime(date: date, minuteOfDay: 0).secondsAsIfUTC }
        if let moment = CivilDateTime(iso: text) { return moment.secondsAsIfUTC }
        throw ValidationError("\(option) '\(text)' is not a date; write YYYY-MM-DD (UTC), e.g. 2025-01-01")
    }
}

/// Writes a conflict scan as a table, JSON or CSV, through the shared renderers.
struct ConflictsRenderer {
    var scan: ConflictScan
    var window: TimeSpan
    var format: OutputFormat
    var countOnly: Bool

    /// `N occurrences, K conflicting pairs`.
    var totals: String { "\(scan.occurrenceCount) occurrences, \(scan.conflictingPairCount) conflicting pairs" }

    func write(to out: inout StandardOutput) throws {
        var times = InstantText()
        switch (format, countOnly) {
        case (.table, true):
            out.line(totals)
        case (.json, true):
            struct Counts: Encodable { var conflictingPairs, occurrences: Int }
            out.line(try jsonText(Counts(conflictingPairs: scan.conflictingPairCount, occurrences: scan.occurrenceCount), compact: true))
        case (.csv, true):
            out.line("occurrences,conflicting_pairs")
            out.line("\(scan.occurrenceCount),\(scan.conflictingPairCount)")
        case (.csv, false):
            out.line(Self.csvColumns.joined(separator: ","))
            for pair in scan.conflicts {
                out.line(row(pair, files: true, &times).map(CSVCell.escape).joined(separator: ","))
            }
        case (.table, false):
            writeTable(to: &out, &times)
        case (.json, false):
            try writeJSON(to: &out, &times)
        }
    }

    /// Attendee, then file (when shown), UID, summary, start and end of each occurrence.
    private func row(_ pair: AttendeeConflict, files: Bool, _ times: inout InstantText) -> [String] {
        func cells(_ occurrence: EventOccurrence) -> [String] {
            (files ? [occurrence.file] : [])
                + [occurrence.uid, occurrence.summary, times.text(occurrence.span.start), times.text(occurrence.span.end)]
        }
        return [pair.attendee] + cells(pair.first) + cells(pair.second)
    }

    static let csvColumns = ["attendee",
                             "first_file", "first_uid", "first_summary", "first_start", "first_end",
                             "second_file", "second_uid", "second_summary", "second_start", "second_end"]

    /// Aligned columns (the shared `TableRenderer`), then the totals.
    private func writeTable(to out: inout StandardOutput, _ times: inout InstantText) {
        if scan.conflicts.isEmpty {
            out.line(totals)
            return
        }
        let files = Set(scan.conflicts.flatMap { [$0.first.file, $0.second.file] }).count > 1
        let side = files ? ["file", "uid", "summary", "start (UTC)", "end"] : ["uid", "summary", "start (UTC)", "end"]
        let columns = ["attendee"] + side.map { "first \($0)" } + side.map { "second \($0)" }
        // Summaries and UIDs come from other people's files: TableRenderer shows control characters escaped.
        out.line(TableRenderer(columns: columns, rows: scan.conflicts.map { row($0, files: files, &times) }).text())
        out.line("")
        out.line(totals)
    }

    /// The listing for scripts, through the shared JSON output path.
    private func writeJSON(to out: inout StandardOutput, _ times: inout InstantText) throws {
        struct Occurrence: Encodable { var end, file, start, summary, uid: String }
        struct Pair: Encodable { var attendee: String; var first, second: Occurrence }
        struct Listing: Encodable {
            var conflictingPairs: Int
            var conflicts: [Pair]
            var files: [String]
            var from, to: String
            var occurrences: Int
        }
        func occurrence(_ o: EventOccurrence) -> Occurrence {
            Occurrence(end: times.text(o.span.end), file: o.file, start: times.text(o.span.start), summary: o.summary, uid: o.uid)
        }
        let listing = Listing(conflictingPairs: scan.conflictingPairCount,
                              conflicts: scan.conflicts.map { Pair(attendee: $0.attendee, first: occurrence($0.first), second: occurrence($0.second)) },
                              files: scan.filesRead, from: times.text(window.start), to: times.text(window.end),
                              occurrences: scan.occurrenceCount)
        out.line(try jsonText(listing))
    }
}

/// Standard output, written in large blocks.
struct StandardOutput {
    private var buffer: [UInt8] = []

    mutating func line(_ text: String) {
        buffer += text.utf8
        buffer.append(10)
        if buffer.count >= 1 << 20 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

/// `2025-06-04T07:00:00Z` for UTC instants, each written once (a listing repeats them many times).
struct InstantText {
    private var cache: [UnixSeconds: String] = [:]

    mutating func text(_ instant: UnixSeconds) -> String {
        if let known = cache[instant] { return known }
        let wall = CivilDateTime(secondsAsIfUTC: instant)
        let seconds = Int(instant - wall.secondsAsIfUTC)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = String(wall.date.year)
        let text = String(repeating: "0", count: max(0, 4 - year.count)) + year + "-\(two(wall.date.month))-\(two(wall.date.day))T\(two(wall.minuteOfDay / 60)):\(two(wall.minuteOfDay % 60)):\(two(seconds))Z"
        cache[instant] = text
        return text
    }
}
