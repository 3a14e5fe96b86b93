/// Warns when one organisation is required, as a whole, at two events that overlap: a small city
/// office cannot send its delegation to two places at once.
public struct OrganisationOvercommittedRule: Rule {
    public let id = "organisation-overcommitted"
    public let summary = "one organisation is required at two overlapping events"

    public init() {}

    public func check(_ context: CheckContext) -> [Finding] {
        var byOrganisation: [String: [PlanOccurrence]] = [:]
        for occurrence in context.occurrences {
            guard let event = context.index.events[occurrence.eventID] else { continue }
            for invitation in event.invitations where invitation.role.isRequired {
                if case .organisation(let id) = invitation.invitee { byOrganisation[id, default: []].append(occurrence) }
            }
        }
        var findings: [Finding] = []
        var reported: Set<String> = []
        for (organisationID, occurrences) in byOrganisation.sorted(by: { $0.key < $1.key }) {
            for (a, b) in OverlapSweep.pairs(occurrences, span: \.span) where a.eventID != b.eventID {
                guard reported.insert("\(organisationID)|" + [a.eventID, b.eventID].sorted().joined(separator: "|")).inserted else { continue }
                let name = context.index.organisations[organisationID]?.name ?? organisationID
                findings.append(Finding(
                    rule: id, severity: .warning, subjects: [.event(a.eventID), .event(b.eventID), .organisation(organisationID)],
                    message: "\(name) is required at \(context.describe(a)) and \(context.describe(b)), which overlap",
                    hint: "invite named people from the organisation instead, or move one event",
                    location: context.location(.event(b.eventID))))
            }
        }
        return findings
    }
}
