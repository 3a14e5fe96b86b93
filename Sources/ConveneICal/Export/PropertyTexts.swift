import ConveneCore

/// libical's text of properties that many events share (an event's STATUS, TRANSP, CATEGORIES,
/// X-CONVENE-KIND and -SERIES, its venue's LOCATION, GEO and CONFERENCE, the plan's ORGANIZER),
/// each made and written by libical (`BuiltComponent.text(of:)`) the first time this table needs
/// it and reused after that. One per worker thread: 20 000 events hold a few thousand distinct
/// such properties, so libical writes those instead of some 200 000.
struct PropertyTexts {
    private var made: [BuiltProperty: [UInt8]] = [:]

    /// libical's text of `property` (folded, with its CRLF).
    mutating func text(of property: BuiltProperty) throws(DraftFailure) -> [UInt8] {
        if let known = made[property] { return known }
        let text = try BuiltComponent.text(of: property)
        made[property] = text
        return text
    }

    /// Whether libical's text of `property` is the same whatever else the component holds, so
    /// that it can be reused: not an X- TEXT property that libical 3.0.16 would write wrong
    /// (`BuiltComponent.add` writes those itself, after the component's other properties).
    static func canShare(_ property: BuiltProperty) -> Bool {
        if case .extensionText(_, let value) = property, !LibicalVersion.escapesExtensionText {
            return !value.contains(where: { $0 == "," || $0 == ";" })
        }
        return true
    }
}

/// What a worker thread keeps from event to event: its ATTENDEE lines and its shared property texts.
struct EventWriterScratch {
    var attendees: AttendeeWriter
    var properties = PropertyTexts()
    /// libical's text of each venue's LOCATION, GEO and CONFERENCE, one after another, by venue id.
    private var venues: [String: [UInt8]] = [:]

    init(table: AttendeeTable) {
        attendees = AttendeeWriter(table: table)
    }

    /// The venue's properties (`EventComponent.properties(of:)`) as libical writes them, made
    /// the first time this worker needs them.
    mutating func venueTexts(_ id: String, _ venue: Venue) throws(DraftFailure) -> [UInt8] {
        if let known = venues[id] { return known }
        var text: [UInt8] = []
        for property in EventComponent.properties(of: venue) {
            // Never an X- property: each is shared as it stands.
            text += try properties.text(of: property)
        }
        venues[id] = text
        return text
    }
}
