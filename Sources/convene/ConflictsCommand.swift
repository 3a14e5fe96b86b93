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
        ConflictsRenderer(scan: scan, window: try window(), format: output.format, countOnly: count).write(to: &out)
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

/// Writes a conflict scan as a table, JSON or CSV. Listings can hold hundreds of thousands of pairs,
/// so they are streamed row by row (JSON in the layout `jsonText` gives: sorted keys, pretty).
struct ConflictsRenderer {
    var scan: ConflictScan
    var window: TimeSpan
    var format: OutputFormat
    var countOnly: Bool

    /// `N occurrences, K conflicting pairs`.
    var totals: String { "\(scan.occurrenceCount) occurrences, \(scan.conflictingPairCount) conflicting pairs" }

    func write(to out: inout StandardOutput) {
        var times = InstantText()
        switch (format, countOnly) {
        case (.table, true):
            out.line(totals)
        case (.json, true):
            out.line("{\"conflictingPairs\":\(scan.conflictingPairCount),\"occurrences\":\(scan.occurrenceCount)}")
        case (.csv, true):
            out.line("occurrences,conflicting_pairs")
            out.line("\(scan.occurrenceCount),\(scan.conflictingPairCount)")
        case (.csv, false):
            out.line(Self.csvColumns.joined(separator: ","))
            for pair in scan.conflicts {
                out.line(row(pair, files: true, &times).map(Self.csvCell).joined(separator: ","))
            }
        case (.table, false):
            writeTable(to: &out, &times)
        case (.json, false):
            writeJSON(to: &out, &times)
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

    /// A CSV cell: as it is when plainly safe, else through the shared `CSVCell.escape`.
    private static func csvCell(_ value: String) -> String {
        let utf8 = value.utf8
        if let first = utf8.first, "=+-@\t\r".utf8.contains(first) { return CSVCell.escape(value) }
        if utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) {
            return CSVCell.escape(value)
        }
        return value
    }

    /// Space-aligned columns under a header and a rule, as `TableRenderer` draws them, then the totals.
    private func writeTable(to out: inout StandardOutput, _ times: inout InstantText) {
        if scan.conflicts.isEmpty {
            out.line(totals)
            return
        }
        let files = Set(scan.conflicts.flatMap { [$0.first.file, $0.second.file] }).count > 1
        let side = files ? ["file", "uid", "summary", "start (UTC)", "end"] : ["uid", "summary", "start (UTC)", "end"]
        let columns = ["attendee"] + side.map { "first \($0)" } + side.map { "second \($0)" }
        var widths = columns.map(Self.width)
        for pair in scan.conflicts {
            for (i, cell) in row(pair, files: files, &times).enumerated() { widths[i] = max(widths[i], Self.width(cell)) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - Self.width(cell))
            }.joined(separator: "  ")
        }
        out.line(line(columns))
        out.line(line(widths.map { String(repeating: "-", count: $0) }))
        // Summaries and UIDs come from other people's files: control characters shown escaped.
        for pair in scan.conflicts { out.line(TerminalText.escaped(line(row(pair, files: files, &times)))) }
        out.line("")
        out.line(totals)
    }

    /// Characters on screen (ASCII counted fast).
    private static func width(_ text: String) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.count : text.count
    }

    private func writeJSON(to out: inout StandardOutput, _ times: inout InstantText) {
        func string(_ text: String) -> String { JSONText.quoted(text) }
        func occurrence(_ o: EventOccurrence, _ indent: String) -> String {
            [("end", string(times.text(o.span.end))), ("file", string(o.file)), ("start", string(times.text(o.span.start))),
             ("summary", string(o.summary)), ("uid", string(o.uid))]
                .map { "\(indent)  \"\($0.0)\" : \($0.1)" }.joined(separator: ",\n")
        }
        out.line("{")
        out.line("  \"conflictingPairs\" : \(scan.conflictingPairCount),")
        if scan.conflicts.isEmpty {
            out.line("  \"conflicts\" : [],")
        } else {
            out.line("  \"conflicts\" : [")
            for (i, pair) in scan.conflicts.enumerated() {
                out.line("    {")
                out.line("      \"attendee\" : \(string(pair.attendee)),")
                out.line("      \"first\" : {")
                out.line(occurrence(pair.first, "      "))
                out.line("      },")
                out.line("      \"second\" : {")
                out.line(occurrence(pair.second, "      "))
                out.line("      }")
                out.line(i == scan.conflicts.count - 1 ? "    }" : "    },")
            }
            out.line("  ],")
        }
        out.line("  \"files\" : [" + (scan.filesRead.isEmpty ? "]," : ""))
        if !scan.filesRead.isEmpty {
            out.line(scan.filesRead.map { "    \(string($0))" }.joined(separator: ",\n"))
            out.line("  ],")
        }
        out.line("  \"from\" : \(string(times.text(window.start))),")
        out.line("  \"occurrences\" : \(scan.occurrenceCount),")
        out.line("  \"to\" : \(string(times.text(window.end)))")
        out.line("}")
    }
}

/// JSON string literals.
enum JSONText {
    /// `text` in double quotes, with `"`, `\\` and control characters escaped (`/` left alone).
    static func quoted(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) {
            return "\"" + text + "\""
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
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
