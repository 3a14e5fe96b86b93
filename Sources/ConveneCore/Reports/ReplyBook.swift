import Foundation

/// An attendee's answer to an invitation (RFC 5545 PARTSTAT).
public enum ReplyStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case needsAction = "needs-action"
    case accepted
    case declined
    case tentative
    case delegated
}

/// One recorded reply.
public struct Reply: Sendable, Hashable, Codable {
    public var eventID: String
    public var personID: String
    public var status: ReplyStatus
    /// For delegated replies: who goes instead (calendar address).
    public var delegatedTo: String?
    /// The invitation SEQUENCE the reply answers.
    public var sequence: Int
    /// For a reply to one sitting of a recurring event (RECURRENCE-ID): its venue-local start date.
    public var occurrence: String? = nil
    /// What the attendee wrote (COMMENT), e.g. the reason for declining.
    public var comment: String? = nil

    public init(eventID: String, personID: String, status: ReplyStatus, delegatedTo: String? = nil, sequence: Int = 0,
                occurrence: String? = nil, comment: String? = nil) {
        self.eventID = eventID
        self.occurrence = occurrence
        self.comment = comment
        self.personID = personID
        self.status = status
        self.delegatedTo = delegatedTo
        self.sequence = sequence
    }
}

/// Every reply of each invitee to each event (or one sitting of it), as recorded by `convene
/// import`: one per invitation version (SEQUENCE), so the history shows who answered which version.
public struct ReplyBook: Sendable, Hashable, Codable {
    public private(set) var replies: [Reply]
    /// The latest status by event and person, built on the first look-up (a report that reads
    /// `replies` itself never pays for it); a changed book gets a new one.
    private var latest = LatestReplies()

    public init(replies: [Reply] = []) {
        self.replies = replies
    }

    /// Two books are the same when their replies are: the look-up is derived from them.
    public static func == (a: ReplyBook, b: ReplyBook) -> Bool { a.replies == b.replies }

    public func hash(into hasher: inout Hasher) { hasher.combine(replies) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(replies: try container.decode([Reply].self, forKey: .replies))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(replies, forKey: .replies)
    }

    private enum CodingKeys: String, CodingKey { case replies }

    /// Records a reply, replacing any earlier one of the same person to the same version (SEQUENCE)
    /// of the same event or sitting; replies to earlier versions stay as history. Keeps the book
    /// sorted by event, sitting, person and SEQUENCE so that its file is stable.
    public mutating func record(_ reply: Reply) {
        replies.removeAll {
            $0.eventID == reply.eventID && $0.occurrence == reply.occurrence && $0.personID == reply.personID
                && $0.sequence == reply.sequence
        }
        replies.append(reply)
        replies.sort(by: Self.order)
        latest = LatestReplies()
    }

    private static func order(_ a: Reply, _ b: Reply) -> Bool {
        (a.eventID, a.occurrence ?? "", a.personID, a.sequence) < (b.eventID, b.occurrence ?? "", b.personID, b.sequence)
    }

    /// The latest recorded status of a person for an event as a whole (the reply to the highest
    /// SEQUENCE; replies to one sitting are not counted here).
    public func status(of personID: String, at eventID: String) -> ReplyStatus? {
        latest.status(of: personID, at: eventID, in: replies)
    }

    /// The latest recorded status of a person for an event, when that reply answers `sequence` or a
    /// later one; nil when it answers an earlier version of the invitation (or there is none).
    public func status(of personID: String, at eventID: String, answering sequence: Int) -> ReplyStatus? {
        guard let latest = latest.reply(of: personID, at: eventID, in: replies), latest.sequence >= sequence else { return nil }
        return latest.status
    }

    /// The calendar address a person delegated their place to (their latest reply, answering
    /// `sequence` or later, is DELEGATED with DELEGATED-TO); nil otherwise.
    public func delegate(of personID: String, at eventID: String, answering sequence: Int = 0) -> String? {
        guard status(of: personID, at: eventID, answering: sequence) == .delegated else { return nil }
        return replies.last { $0.eventID == eventID && $0.personID == personID && $0.occurrence == nil }?.delegatedTo
    }

    /// The latest reply of a person for one sitting: their answer to that sitting, else to the event.
    public func reply(of personID: String, at eventID: String, occurrence: String?) -> Reply? {
        var found: Reply?
        for reply in replies where reply.eventID == eventID && reply.personID == personID {
            if reply.occurrence == occurrence { found = reply } else if reply.occurrence == nil, found?.occurrence == nil { found = reply }
        }
        return found
    }

    /// The replies that still count: for each person and event (or sitting), the latest reply, and
    /// only when it answers the event's current invitation. An invitation whose time, place, status
    /// or recurrence changed was exported with a higher SEQUENCE (RFC 5546 §2.1.4): replies to the
    /// earlier version no longer count, and the person is asked again (NEEDS-ACTION, RSVP=TRUE).
    /// - Parameter sequences: the current SEQUENCE by event id (`records/exports.json`).
    public func current(sequences: [String: Int]) -> ReplyBook {
        var kept: [Reply] = []
        let replies = Self.inOrder(self.replies)
        for (i, reply) in replies.enumerated() {
            let next = i + 1 < replies.count ? replies[i + 1] : nil
            if let next, next.eventID == reply.eventID, next.occurrence == reply.occurrence, next.personID == reply.personID { continue }
            if reply.sequence >= (sequences[reply.eventID] ?? 0) { kept.append(reply) }
        }
        return ReplyBook(replies: kept)
    }

    /// `replies` sorted by ``order(_:_:)``, stably: as they are when they already are (as the book
    /// keeps them), else by comparing numbers: each distinct event id, sitting and person id is
    /// ranked once, instead of comparing their text in every step of the sort.
    private static func inOrder(_ replies: [Reply]) -> [Reply] {
        if zip(replies, replies.dropFirst()).allSatisfy({ !order($1, $0) }) { return replies }
        func ranks(_ text: (Reply) -> String) -> [String: Int] {
            let distinct = Set(replies.map(text)).sorted()
            return Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
        }
        let events = ranks(\.eventID), sittings = ranks { $0.occurrence ?? "" }, people = ranks(\.personID)
        let keys = replies.map { (events[$0.eventID]!, sittings[$0.occurrence ?? ""]!, people[$0.personID]!, $0.sequence) }
        let positions = replies.indices.sorted { a, b in keys[a] != keys[b] ? keys[a] < keys[b] : a < b }
        return positions.map { replies[$0] }
    }

    /// ``current(sequences:)`` with the SEQUENCEs of the last export.
    public func current(in ledger: ExportLedger) -> ReplyBook {
        current(sequences: ledger.entries.mapValues(\.sequence))
    }

    /// Replies to earlier versions of an event that no longer count, with the SEQUENCE now current.
    public func stale(in ledger: ExportLedger) -> [Reply] {
        replies.filter { reply in ledger.entries[reply.eventID].map { reply.sequence < $0.sequence } ?? false }
    }

    /// Whether the person said they will not come.
    public func hasDeclined(_ personID: String, _ eventID: String) -> Bool {
        status(of: personID, at: eventID) == .declined
    }
}

/// The latest status of each person for each event, built once, on first use, by whichever
/// thread asks first.
private final class LatestReplies: @unchecked Sendable {
    private struct Invitee: Hashable {
        var eventID: String
        var personID: String
    }

    private let lock = NSLock()
    private var latest: [Invitee: (status: ReplyStatus, sequence: Int)]?

    func status(of personID: String, at eventID: String, in replies: [Reply]) -> ReplyStatus? {
        reply(of: personID, at: eventID, in: replies)?.status
    }

    func reply(of personID: String, at eventID: String, in replies: [Reply]) -> (status: ReplyStatus, sequence: Int)? {
        lock.lock()
        defer { lock.unlock() }
        if latest == nil {
            var index: [Invitee: (status: ReplyStatus, sequence: Int)] = [:]
            index.reserveCapacity(replies.count)
            for reply in replies where reply.occurrence == nil {
                let key = Invitee(eventID: reply.eventID, personID: reply.personID)
                if let known = index[key], known.sequence > reply.sequence { continue }
                index[key] = (reply.status, reply.sequence)
            }
            latest = index
        }
        return latest![Invitee(eventID: eventID, personID: personID)]
    }
}

extension WorkspaceRecords {
    /// The replies that still count: the latest of each person, to the invitation as last exported
    /// (``ReplyBook/current(in:)``).
    public var currentReplies: ReplyBook { replies.current(in: exports) }
}
