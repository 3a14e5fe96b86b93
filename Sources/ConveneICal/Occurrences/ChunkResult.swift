import ConveneCore

/// One VEVENT reduced to what reading occurrences needs, as ranges into its part's flat arrays: an
/// event owns no heap storage of its own.
struct ExtractedEvent: Sendable {
    /// The file line of its BEGIN:VEVENT.
    var line: Int
    /// RECURRENCE-ID, when the event overrides an occurrence of a series.
    var recurrence: RecurrenceIdentity?
    /// How its times read: instants, floating wall times, or DATEs (both written as if UTC, placed
    /// in the calendar's zone by `SeriesAssembly`).
    var clock: ValueClock
    /// DTSTART (in `clock`'s terms) and the length of one occurrence.
    var start: UnixSeconds
    var length: Int64
    var sequence: Int
    /// DTSTAMP as a UTC instant (0 when absent).
    var stamp: UnixSeconds
    var isCancelled: Bool
    var isTransparent: Bool
    /// Its occurrences starting in the (widened) window, sorted, in `ChunkResult.spans`.
    var spans: Range<Int>
    /// Its attendees, each once, as numbers in the part's address book, in `ChunkResult.attendees`.
    var attendees: Range<Int>
    /// Its UID and SUMMARY as UTF-8, in `ChunkResult.text`.
    var uid: Range<Int>
    var summary: Range<Int>
}

/// What one part of a file gave.
struct ChunkResult: Sendable {
    var events: [ExtractedEvent] = []
    var spans: [TimeSpan] = []
    var attendees: [Int32] = []
    var text: [UInt8] = []
    /// The part's attendee numbers.
    var book = AddressBook()
    /// Faults that make the file unusable (an event's time or attendees unknowable).
    var problems: [ICalError] = []
    /// Faults read past: the line was left out, or the event, when it has no time.
    var warnings: [ICalError] = []
    /// The zone the calendar's floating times and DATEs are read in (its X-WR-TIMEZONE), if any.
    var calendarZone: String?

    func uid(of event: ExtractedEvent) -> String { String(decoding: text[event.uid], as: UTF8.self) }
    func summary(of event: ExtractedEvent) -> String { String(decoding: text[event.summary], as: UTF8.self) }
}
