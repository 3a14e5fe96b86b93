/// Deputies and stand-ins: who may attend for whom, and who is taken to attend for whom.
extension AttendanceImporter {
    /// Why `principal` cannot be stood in for, or nil when they can.
    static func checkPrincipal(_ principal: String, of personID: String, status: AttendanceStatus,
                               invited: Set<String>, event: Event) -> ReferenceError? {
        if principal == personID {
            return ReferenceError(message: "'\(personID)' cannot attend on behalf of themselves",
                                  hint: "leave 'for' empty when people attend in their own right")
        }
        if status != .attended {
            return ReferenceError(message: "a deputy is recorded only when they attended (status is \(status.rawValue))",
                                  hint: "drop 'for', or record the deputy as attended")
        }
        if !invited.contains(principal) {
            return ReferenceError(message: "'\(principal)' is not invited to \(event.id), so nobody can attend for them",
                                  hint: "check the 'for' value against the event's invite list (`convene events`)")
        }
        return nil
    }

    /// The invitee who delegated their place to this address by reply (DELEGATED-TO), if one did.
    static func delegatedSeat(_ email: String, event: Event, index: PlanIndex, replies: ReplyBook) -> String? {
        guard !replies.replies.isEmpty else { return nil }
        let address = "mailto:" + email.lowercased()
        return index.invitees(of: event).first { invitee in
            replies.delegate(of: invitee.person.id, at: event.id)?.lowercased() == address
        }?.person.id
    }

    /// The invitee a not-invited attendee stands in for: the invitee who delegated to them by reply, the one invitation naming them as stand-in,
    /// else the one invitation naming them as stand-in, else the one invitee whose plan `deputy:`
    /// they are and who did not come themselves.
    static func inferredPrincipal(of person: Person, event: Event, index: PlanIndex, attending: Set<String>,
                                  replies: ReplyBook = ReplyBook()) -> String? {
        if let email = person.email, let seat = delegatedSeat(email, event: event, index: index, replies: replies) { return seat }
        let named = event.invitations.compactMap { invitation -> String? in
            guard invitation.standInID == person.id, case .person(let id) = invitation.invitee else { return nil }
            return id
        }
        if named.count == 1 { return named[0] }
        let principals = index.invitees(of: event).map(\.person)
            .filter { $0.deputyID == person.id && !attending.contains($0.id) }
        return principals.count == 1 ? principals[0].id : nil
    }

    /// A note when someone is recorded as attending for an invitee whose deputy or named stand-in
    /// they are not: recorded as told, but worth a second look.
    static func unexpectedStandIn(_ person: Person, for principal: String, event: Event, index: PlanIndex, line: Int?) -> AttendanceNote? {
        let named = event.invitations.contains { invitation in
            invitation.standInID == person.id && invitation.invitee == .person(principal)
        }
        guard !named, index.people[principal]?.deputyID != person.id else { return nil }
        let who = index.people[principal]?.name ?? principal
        return AttendanceNote(line: line, message: "\(person.name) (\(person.id)) is neither \(who)'s `deputy:` nor their `stand-in:` at \(event.id); recorded as attending for them as written (add `deputy:` or `stand-in:` in plan.yaml if that is right)")
    }

    static func uninvitedNote(_ person: Person, principal: String?, event: Event, index: PlanIndex, line: Int?) -> AttendanceNote {
        if let principal {
            return AttendanceNote(line: line, message: "\(person.name) (\(person.id)) is not invited but stands in for \(index.people[principal]?.name ?? principal) (\(principal)): recorded as attending for them")
        }
        return AttendanceNote(line: line, message: "\(person.name) (\(person.id)) is not on the invitation list of \(event.id); recorded as attending in their own right")
    }
}
