/// Someone who will actually be in the room (or on the call) for an event.
public struct Participant: Sendable, Hashable {
    /// The person who attends: the invitee, or whoever stands in for them.
    public var personID: String
    /// The invitee they represent, when standing in.
    public var onBehalfOf: String?
    public var role: InvitationRole

    public init(personID: String, onBehalfOf: String? = nil, role: InvitationRole) {
        self.personID = personID
        self.onBehalfOf = onBehalfOf
        self.role = role
    }
}

extension PlanIndex {
    /// Who attends an event: invitees who have not declined, with stand-ins (named in the plan,
    /// or the deputy of an invitee who declined or delegated) checked in the invitee's place.
    public func participants(of event: Event, replies: ReplyBook = ReplyBook()) -> [Participant] {
        var standIns: [String: String] = [:]
        for invitation in event.invitations {
            if case .person(let id) = invitation.invitee, let standIn = invitation.standInID { standIns[id] = standIn }
        }
        var result: [Participant] = []
        var seen: Set<String> = []
        for (person, role) in invitees(of: event) {
            let status = replies.status(of: person.id, at: event.id)
            var attendee: String? = person.id
            var onBehalf: String?
            if let standIn = standIns[person.id] {
                attendee = standIn
                onBehalf = person.id
            } else if status == .declined || status == .delegated {
                attendee = status == .delegated ? person.deputyID : nil
                onBehalf = attendee == nil ? nil : person.id
            }
            guard let attendee, !seen.contains(attendee) else { continue }
            if onBehalf == nil, replies.hasDeclined(attendee, event.id) { continue }
            seen.insert(attendee)
            result.append(Participant(personID: attendee, onBehalfOf: onBehalf, role: role))
        }
        return result
    }
}
