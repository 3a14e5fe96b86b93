/// Puts a chosen slot into a plan value (never into `plan.yaml`): the event gets a start and an end
/// in its venue's zone, and each deputy the slot needs gets `stand-in:` on their principal's
/// invitation, so that `convene check` sees exactly who will be in the room.
public enum PlanPlacement {
    /// The plan with `eventID` placed on `slot`; unchanged when the event is not in the plan.
    public static func apply(_ slot: SlotSuggestion, to eventID: String, in plan: Plan) -> Plan {
        guard let position = plan.events.firstIndex(where: { $0.id == eventID }), let wall = slot.wallTimes else { return plan }
        var result = plan
        var event = result.events[position]
        event.timing = .timed(start: wall.start, end: wall.end, timeZone: slot.timeZone)
        let roles = Dictionary(PlanIndex(plan).invitees(of: event).map { ($0.person.id, $0.role) }, uniquingKeysWith: { a, _ in a })
        for standIn in slot.standIns {
            if let line = event.invitations.firstIndex(where: { $0.invitee == .person(standIn.onBehalfOf) }) {
                event.invitations[line].standInID = standIn.personID
            } else {
                event.invitations.append(Invitation(invitee: .person(standIn.onBehalfOf), role: roles[standIn.onBehalfOf] ?? .required,
                                                    standInID: standIn.personID))
            }
        }
        result.events[position] = event
        return result
    }

    /// The invitation line to write in `plan.yaml` for a stand-in, e.g.
    /// `{person: regina-bakitte, role: chair, stand-in: ronald-kiggundu}`.
    public static func invitationLine(_ standIn: StandIn, eventID: String, in plan: Plan) -> String {
        let index = PlanIndex(plan)
        let role = index.events[eventID].flatMap { event in index.invitees(of: event).first { $0.person.id == standIn.onBehalfOf }?.role } ?? .required
        return "{person: \(standIn.onBehalfOf), role: \(role.rawValue), stand-in: \(standIn.personID)}"
    }
}
