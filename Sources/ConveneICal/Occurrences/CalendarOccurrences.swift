import ConveneCore

/// Every occurrence of every event in some calendar files, read by the one path
/// (`CalendarReader`, rules in `OccurrenceRules`) that `conflicts` and `import` share.
public struct CalendarOccurrences: Sendable {
    /// One occurrence, and whether it makes its attendees busy.
    public struct Occurrence: Sendable, Hashable, Codable {
        public var event: EventOccurrence
        /// TRANSP:TRANSPARENT on the component it comes from (the series, or its override).
        public var isTransparent: Bool
    }

    /// The occurrences, ordered by start, then file, UID and end.
    public var occurrences: [EventOccurrence] { listed.map(\.event) }
    /// The occurrences with their transparency, in the same order.
    public var listed: [Occurrence]
    /// Every problem found; a file with any problem is left out.
    public var problems: [ICalError]
    /// Faults read past, with their lines.
    public var warnings: [ICalError]
    public var filesRead: [String]
    public var filesRejected: [String]

    /// Expands the files or folders at `paths` over `window` (UTC; an occurrence counts when it
    /// starts in it). Floating times and DATEs are read in each calendar's X-WR-TIMEZONE, else in
    /// `floatingZone` (UTC when nil).
    public static func list(paths: [String], window: TimeSpan = ConflictScanOptions.defaultWindow,
                            floatingZone: String? = nil) -> CalendarOccurrences {
        CalendarOccurrences(CalendarReader.reading(paths: paths, window: window, workers: 0, chunkBytes: 0,
                                                   floatingZone: floatingZone))
    }

    /// Expands calendars already in memory.
    public static func list(_ inputs: [CalendarInput], window: TimeSpan = ConflictScanOptions.defaultWindow,
                            floatingZone: String? = nil) -> CalendarOccurrences {
        CalendarOccurrences(CalendarReader(inputs, window: window, workers: 0, chunkBytes: 0, floatingZone: floatingZone))
    }

    private init(_ reader: CalendarReader) {
        var listed: [Occurrence] = []
        reader.forEachEvent { p, e, spans in
            let part = reader.parts[p]
            let event = part.result.events[e]
            let uid = part.result.uid(of: event), summary = part.result.summary(of: event)
            for span in spans {
                listed.append(Occurrence(event: EventOccurrence(file: part.fileName, uid: uid, summary: summary, span: span),
                                         isTransparent: event.isTransparent))
            }
        }
        listed.sort { a, b in
            (a.event.span.start, a.event.file, a.event.uid, a.event.span.end) < (b.event.span.start, b.event.file, b.event.uid, b.event.span.end)
        }
        self.listed = listed
        problems = reader.problems
        warnings = reader.warnings
        filesRead = reader.filesRead
        filesRejected = reader.filesRejected
    }
}
