import ConveneCore

/// What `AttendeeConflicts.scan` looks at and how.
public struct ConflictScanOptions: Sendable, Hashable {
    /// 1970-01-01T00:00Z to 2100-01-01T00:00Z: every occurrence starting in it is counted.
    public static let defaultWindow = TimeSpan(start: 0, end: 4_102_444_800)

    /// Occurrences count when they start in this window (UTC, end exclusive).
    public var window: TimeSpan
    /// Whether to list every conflicting pair (otherwise only count them).
    public var listsPairs: Bool
    /// Threads that parse parts of the files at once; 0 means one per core.
    public var workers: Int
    /// Roughly how many bytes of events each part holds; 0 picks a size from the input.
    public var chunkBytes: Int

    public init(window: TimeSpan = ConflictScanOptions.defaultWindow, listsPairs: Bool = false,
                workers: Int = 0, chunkBytes: Int = 0) {
        self.window = window
        self.listsPairs = listsPairs
        self.workers = max(0, workers)
        self.chunkBytes = chunkBytes
    }
}

/// One occurrence of an event, as a conflict names it.
public struct EventOccurrence: Sendable, Hashable, Codable {
    /// The file it came from.
    public var file: String
    public var uid: String
    public var summary: String
    /// When it happens, in UTC.
    public var span: TimeSpan

    public init(file: String, uid: String, summary: String, span: TimeSpan) {
        self.file = file
        self.uid = uid
        self.summary = summary
        self.span = span
    }
}

/// An attendee booked into two occurrences that overlap.
public struct AttendeeConflict: Sendable, Hashable, Codable {
    /// The calendar address, lower-cased (e.g. `mailto:jane@example.org`).
    public var attendee: String
    /// The occurrence that starts first (for equal starts, the one that ends first).
    public var first: EventOccurrence
    public var second: EventOccurrence

    public init(attendee: String, first: EventOccurrence, second: EventOccurrence) {
        self.attendee = attendee
        self.first = first
        self.second = second
    }
}

/// The outcome of a scan: counts over the files that could be read, the pairs when asked for,
/// and a problem for each file that could not be used.
public struct ConflictScan: Sendable {
    /// Occurrences starting in the window, in the files that were read.
    public var occurrenceCount: Int
    /// Pairs of occurrences sharing an attendee and overlapping, counted once per attendee.
    public var conflictingPairCount: Int
    /// The pairs, ordered by attendee then start times; empty unless `listsPairs` was set.
    public var conflicts: [AttendeeConflict]
    /// Every problem found; a file with any problem is left out of the counts.
    public var problems: [ICalError]
    /// Files whose events were counted.
    public var filesRead: [String]
    /// Files left out because of problems.
    public var filesRejected: [String]
    /// Faults read past (a line left out, an event without a time), with their lines.
    public var warnings: [ICalError] = []

    public init(occurrenceCount: Int = 0, conflictingPairCount: Int = 0, conflicts: [AttendeeConflict] = [],
                problems: [ICalError] = [], filesRead: [String] = [], filesRejected: [String] = []) {
        self.occurrenceCount = occurrenceCount
        self.conflictingPairCount = conflictingPairCount
        self.conflicts = conflicts
        self.problems = problems
        self.filesRead = filesRead
        self.filesRejected = filesRejected
    }
}
