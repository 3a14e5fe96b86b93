/// What `convene export` remembers between runs (tool-owned `records/exports.json`): for each
/// event ever exported, its SEQUENCE, a fingerprint of what attendees must act on, a hash of the
/// whole invitation, and the DTSTAMP of its last change. This is what makes re-exporting an
/// unchanged plan byte-identical and lets removed events be cancelled.
public struct ExportLedger: Sendable, Hashable, Codable {
    /// One event's export history.
    public struct Entry: Sendable, Hashable, Codable {
        public var uid: String
        public var sequence: Int
        /// Hash of time, venue, status and recurrence: a change raises SEQUENCE.
        public var fingerprint: String
        /// Hash of the whole invitation but DTSTAMP and SEQUENCE: a change refreshes DTSTAMP.
        public var contentHash: String
        /// `20241015T060000Z`.
        public var dtstamp: String
        /// The event was removed from the plan and a cancellation was issued.
        public var removed: Bool
        /// Unfolded content lines (DTSTART, SUMMARY and each attendee's address) kept to write a
        /// cancellation once the event is gone from the plan.
        public var cancellationLines: [String]

        public init(uid: String, sequence: Int, fingerprint: String, contentHash: String, dtstamp: String,
                    removed: Bool = false, cancellationLines: [String] = []) {
            self.uid = uid
            self.sequence = sequence
            self.fingerprint = fingerprint
            self.contentHash = contentHash
            self.dtstamp = dtstamp
            self.removed = removed
            self.cancellationLines = cancellationLines
        }
    }

    /// By event id.
    public var entries: [String: Entry]

    public init(entries: [String: Entry] = [:]) { self.entries = entries }
}
