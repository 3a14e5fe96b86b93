/// Flags a roundtable that does not invite both national and local government: the point of a
/// national-local cooperation roundtable is that both levels sit at the same table. A warning, or
/// an error with `--strict`; applies whether or not the event lists `requires:`.
public struct NLCRoundtableRule: Rule {
    public let id = "nlc-roundtable-levels"
    public let summary = "a roundtable does not bring national and local government together"

    public init() {}

    public func check(_ context: CheckContext) -> [Finding] {
        context.plan.events.compactMap { event in
            guard event.kind == .roundtable, event.status != .cancelled else { return nil }
            let reached = context.index.invitedConstituencies(of: event)
            let missing = [GovernmentLevel.national, .local].filter { !reached.contains(.level($0)) }
            guard !missing.isEmpty else { return nil }
            let names = missing.map(\.rawValue).joined(separator: " and ")
            return Finding(
                rule: id, severity: context.options.strict ? .error : .warning, subjects: [.event(event.id)],
                message: "roundtable '\(event.title)' invites no \(names) government",
                hint: "invite \(names) officials so both levels sit at the same table, or change `kind:` if it is not an NLC roundtable",
                location: context.location(.event(event.id)))
        }
    }
}
