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
        /// cancellation once the event is gone from the plan, joined by line feeds (no content
        /// line holds one: ``RecordsCheck`` refuses control characters). Kept as one text, as the
        /// history file holds it: an export of 20 000 events makes, copies and encodes 20 000
        /// texts, not 400 000 lines.
        public var cancellationText: String

        /// ``cancellationText`` as lines.
        public var cancellationLines: [String] {
            get { cancellationLineSlices.map(String.init) }
            set { cancellationText = Self.text(of: newValue) }
        }

        /// ``cancellationText`` cut at its line feeds, each line a slice of it.
        var cancellationLineSlices: [Substring] {
            cancellationText.isEmpty ? [] : cancellationText.split(separator: "\n", omittingEmptySubsequences: false)
        }

        public init(uid: String, sequence: Int, fingerprint: String, contentHash: String, dtstamp: String,
                    removed: Bool = false, cancellationLines: [String] = []) {
            self.uid = uid
            self.sequence = sequence
            self.fingerprint = fingerprint
            self.contentHash = contentHash
            self.dtstamp = dtstamp
            self.removed = removed
            self.cancellationText = Self.text(of: cancellationLines)
        }

        private enum CodingKeys: String, CodingKey {
            case uid, sequence, fingerprint, contentHash, dtstamp, removed, cancellationLines
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            uid = try container.decode(String.self, forKey: .uid)
            sequence = try container.decode(Int.self, forKey: .sequence)
            fingerprint = try container.decode(String.self, forKey: .fingerprint)
            contentHash = try container.decode(String.self, forKey: .contentHash)
            dtstamp = try container.decode(String.self, forKey: .dtstamp)
            removed = try container.decode(Bool.self, forKey: .removed)
            // One text, the lines joined by line feeds, or a list of lines as earlier releases wrote it.
            if let text = try? container.decode(String.self, forKey: .cancellationLines) {
                cancellationText = text
            } else {
                cancellationText = Self.text(of: try container.decode([String].self, forKey: .cancellationLines))
            }
        }

        /// The lines joined by line feeds, made as bytes: what ``cancellationText`` holds.
        /// - Parameter more: further lines as UTF-8, each after a line feed (an export's ATTENDEE
        ///   lines, written that way as they are made).
        public static func text(of lines: [String], followedBy more: [UInt8] = []) -> String {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(lines.reduce(more.count) { $0 + $1.utf8.count + 1 })
            for (index, line) in lines.enumerated() {
                if index > 0 { bytes.append(0x0A) }
                bytes += line.utf8
            }
            // With no line before them, the first of `more` starts the text.
            bytes += lines.isEmpty && more.first == 0x0A ? more.dropFirst() : more[...]
            return String(decoding: bytes, as: UTF8.self)
        }

        /// The cancellation lines go out as one text (under the key `cancellationLines`): 20 000
        /// events' 400 000 attendee lines cost `JSONEncoder` (and `JSONDecoder` on the next
        /// export) a quarter of what as many strings do.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(uid, forKey: .uid)
            try container.encode(sequence, forKey: .sequence)
            try container.encode(fingerprint, forKey: .fingerprint)
            try container.encode(contentHash, forKey: .contentHash)
            try container.encode(dtstamp, forKey: .dtstamp)
            try container.encode(removed, forKey: .removed)
            try container.encode(cancellationText, forKey: .cancellationLines)
        }
    }

    /// By event id.
    public var entries: [String: Entry]

    public init(entries: [String: Entry] = [:]) { self.entries = entries }
}
