import ConveneCore

/// One VEVENT reduced to what conflicts need, as ranges into its part's flat arrays: an event owns
/// no heap storage of its own.
struct ExtractedEvent: Sendable {
    /// The file line of its BEGIN:VEVENT.
    var line: Int
    /// RECURRENCE-ID as a UTC instant, when the event overrides one occurrence of a series.
    var recurrenceID: UnixSeconds?
    /// Its occurrences starting in the window, sorted, in `ChunkResult.spans`.
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
    var problems: [ICalError] = []

    func uid(of event: ExtractedEvent) -> String { String(decoding: text[event.uid], as: UTF8.self) }
    func summary(of event: ExtractedEvent) -> String { String(decoding: text[event.summary], as: UTF8.self) }
}
