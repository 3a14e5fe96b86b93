import ConveneCore

/// Every occurrence of every event in some calendar files, expanded as `AttendeeConflicts`
/// expands them (the same window, lengths, overrides and problems).
public struct CalendarOccurrences: Sendable {
    /// The occurrences, ordered by start, then file, UID and end.
    public var occurrences: [EventOccurrence]
    /// Every problem found; a file with any problem is left out.
    public var problems: [ICalError]
    public var filesRead: [String]
    public var filesRejected: [String]

    /// Expands the files or folders at `paths` over `window` (UTC; an occurrence counts when it
    /// starts in it).
    public static func list(paths: [String], window: TimeSpan = ConflictScanOptions.defaultWindow) -> CalendarOccurrences {
        CalendarOccurrences(CalendarReader.reading(paths: paths, window: window, workers: 0, chunkBytes: 0))
    }

    /// Expands calendars already in memory.
    public static func list(_ inputs: [CalendarInput], window: TimeSpan = ConflictScanOptions.defaultWindow) -> CalendarOccurrences {
        CalendarOccurrences(CalendarReader(inputs, window: window, workers: 0, chunkBytes: 0))
    }

    private init(_ reader: CalendarReader) {
        var occurrences: [EventOccurrence] = []
        reader.forEachEvent { p, e, spans in
            let part = reader.parts[p]
            let event = part.result.events[e]
            let uid = part.result.uid(of: event), summary = part.result.summary(of: event)
            for span in spans {
                occurrences.append(EventOccurrence(file: part.fileName, uid: uid, summary: summary, span: span))
            }
        }
        occurrences.sort { a, b in
            (a.span.start, a.file, a.uid, a.span.end) < (b.span.start, b.file, b.uid, b.span.end)
        }
        self.occurrences = occurrences
        problems = reader.problems
        filesRead = reader.filesRead
        filesRejected = reader.filesRejected
    }
}
