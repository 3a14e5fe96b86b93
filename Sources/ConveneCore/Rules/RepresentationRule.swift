/// Flags an event whose invitations leave out a government level or sector it requires, or invite
/// fewer people of a level than its minimum. National-local cooperation fails quietly when one
/// level is simply not in the room. A warning, or an error with `--strict`.
public struct RepresentationRule: Rule {
    public let id = "missing-representation"
    public let summary = "the invitations leave out a level or sector the event requires"

    public init() {}

    public func check(_ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        let severity: Severity = context.options.strict ? .error : .warning
        for event in context.plan.events where event.status != .cancelled && !event.requirements.isEmpty {
            let reached = context.index.invitedConstituencies(of: event)
            let missing = event.requirements.constituencies.filter { !reached.contains($0) }
            if !missing.isEmpty {
                let names = missing.map(\.description).joined(separator: ", ")
                findings.append(Finding(
                    rule: id, severity: severity, subjects: [.event(event.id)],
                    message: "'\(event.title)' requires \(names) but invites nobody from \(missing.count == 1 ? "it" : "them")",
                    hint: "invite a person or organisation at \(names), or drop it from `requires:`",
                    location: context.location(.event(event.id))))
            }
            var perLevel: [GovernmentLevel: Int] = [:]
            for (person, _) in context.index.invitees(of: event) {
                if case .level(let level)? = context.index.constituency(of: person) { perLevel[level, default: 0] += 1 }
            }
            for (level, minimum) in event.requirements.minimumPerLevel.sorted(by: { $0.key < $1.key }) {
                let count = perLevel[level] ?? 0
                guard count < minimum, count > 0 || !missing.contains(.level(level)) else { continue }
                findings.append(Finding(
                    rule: id, severity: severity, subjects: [.event(event.id)],
                    message: "'\(event.title)' needs at least \(minimum) \(level.rawValue) participant\(minimum == 1 ? "" : "s") but invites \(count)",
                    hint: "invite \(minimum - count) more \(level.rawValue) official\(minimum - count == 1 ? "" : "s"), or lower `minimum:`",
                    location: context.location(.event(event.id))))
            }
        }
        return findings
    }
}
