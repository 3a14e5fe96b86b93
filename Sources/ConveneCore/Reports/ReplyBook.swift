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
    public var replies: [Reply]

    public init(replies: [Reply] = []) { self.replies = replies }

    /// The latest recorded status of a person for an event.
    public func status(of personID: String, at eventID: String) -> ReplyStatus? {
        replies.last { $0.personID == personID && $0.eventID == eventID }?.status
    }

    /// Whether the person said they will not come.
    public func hasDeclined(_ personID: String, _ eventID: String) -> Bool {
        status(of: personID, at: eventID) == .declined
    }
}
