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
    /// The latest status by "event|person", built once.
    private var latest: [String: ReplyStatus]

    public init(replies: [Reply] = []) {
        self.replies = replies
        latest = Self.index(replies)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(replies: try container.decode([Reply].self, forKey: .replies))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(replies, forKey: .replies)
    }

    private enum CodingKeys: String, CodingKey { case replies }

    private static func index(_ replies: [Reply]) -> [String: ReplyStatus] {
        var latest: [String: ReplyStatus] = [:]
        for reply in replies { latest[reply.eventID + "|" + reply.personID] = reply.status }
        return latest
    }

    /// Records a reply, replacing any earlier one of the same person to the same event; keeps the
    /// book sorted by event and person so that its file is stable.
    public mutating func record(_ reply: Reply) {
        replies.removeAll { $0.eventID == reply.eventID && $0.personID == reply.personID }
        replies.append(reply)
        replies.sort { ($0.eventID, $0.personID) < ($1.eventID, $1.personID) }
        latest[reply.eventID + "|" + reply.personID] = reply.status
    }

    /// The latest recorded status of a person for an event.
    public func status(of personID: String, at eventID: String) -> ReplyStatus? {
        latest[eventID + "|" + personID]
    }

    /// Whether the person said they will not come.
    public func hasDeclined(_ personID: String, _ eventID: String) -> Bool {
        status(of: personID, at: eventID) == .declined
    }
}
