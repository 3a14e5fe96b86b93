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

    public init(eventID: String, personID: String, status: ReplyStatus, delegatedTo: String? = nil, sequence: Int = 0) {
        self.eventID = eventID
        self.personID = personID
        self.status = status
        self.delegatedTo = delegatedTo
        self.sequence = sequence
    }
}

/// The latest reply of each invitee to each event, as recorded by `convene import`.
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

    /// Records a reply, replacing any earlier one of the same person to the same event; keeps the
    /// book sorted by event and person so that its file is stable.
    public mutating func record(_ reply: Reply) {
        replies.removeAll { $0.eventID == reply.eventID && $0.personID == reply.personID }
        replies.append(reply)
        replies.sort { ($0.eventID, $0.personID) < ($1.eventID, $1.personID) }
        latest = LatestReplies()
    }

    /// The latest recorded status of a person for an event.
    public func status(of personID: String, at eventID: String) -> ReplyStatus? {
        latest.status(of: personID, at: eventID, in: replies)
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
    private var latest: [Invitee: ReplyStatus]?

    func status(of personID: String, at eventID: String, in replies: [Reply]) -> ReplyStatus? {
        lock.lock()
        defer { lock.unlock() }
        if latest == nil {
            var index: [Invitee: ReplyStatus] = [:]
            index.reserveCapacity(replies.count)
            for reply in replies { index[Invitee(eventID: reply.eventID, personID: reply.personID)] = reply.status }
            latest = index
        }
        return latest![Invitee(eventID: eventID, personID: personID)]
    }
}
