import Foundation

/// Something worth telling the organiser about a row that was recorded.
public struct AttendanceNote: Sendable, Hashable, Codable {
    /// The sheet line, or nil for the command line.
    public var line: Int?
    public var message: String

    public init(line: Int?, message: String) {
        self.line = line
        self.message = message
    }
}

/// What a sign-in sheet (or one command-line entry) means for the plan: the records to write,
/// the near misses left out for a person to decide, and notes on what was inferred.
public struct AttendanceImport: Sendable, Hashable, Codable {
    public var eventID: String
    /// One record per attendee, in sheet order.
    public var records: [AttendanceRecord]
    /// Rows that resemble a plan person without matching; not in `records`.
    public var nearMisses: [NearMiss]
    /// Near misses recorded as their suggestion (`--accept-suggestions`).
    public var accepted: [NearMiss]
    public var notes: [AttendanceNote]
    /// Data rows read from the sheet (blank rows not counted).
    public var rowsRead: Int

    public init(eventID: String, records: [AttendanceRecord] = [], nearMisses: [NearMiss] = [],
                accepted: [NearMiss] = [], notes: [AttendanceNote] = [], rowsRead: Int = 0) {
        self.eventID = eventID
        self.records = records
        self.nearMisses = nearMisses
        self.accepted = accepted
        self.notes = notes
        self.rowsRead = rowsRead
    }

    /// Makes the records about one sitting of a recurring event (its venue-local start date, as
    /// ``Sitting/resolve(_:event:expander:window:)`` gives it); `eventID` becomes `EVENT@DATE`.
    public mutating func assign(toSitting occurrence: String?) {
        guard let occurrence else { return }
        for i in records.indices { records[i].occurrence = occurrence }
        eventID = Sitting.key(eventID, occurrence: occurrence)
    }

    /// Counted without copying the records (a sheet may have hundreds of thousands).
    public var guests: Int { records.reduce(0) { $0 + ($1.guest != nil ? 1 : 0) } }
    public var deputies: Int { records.reduce(0) { $0 + ($1.onBehalfOf != nil ? 1 : 0) } }
}
