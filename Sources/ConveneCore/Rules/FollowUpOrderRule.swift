/// Flags a follow-up that starts before the event it follows has ended: a follow-up dialogue
/// cannot report on a roundtable still in session.
public struct FollowUpOrderRule: Rule {
    public let id = "follow-up-too-early"
    public let summary = "a follow-up starts before the event it follows has ended"

    public init() {}

    public func check(_ context: CheckContext) -> [Finding] {
        context.plan.events.compactMap { event in
            guard event.status != .cancelled, let previousID = event.followsID,
                  let previous = context.index.events[previousID], previous.status != .cancelled,
                  let start = EventClock.firstStart(of: event), let previousSpan = EventClock.firstSpan(of: previous),
                  start < previousSpan.end else { return nil }
            return Finding(
                rule: id, severity: .error, subjects: [.event(event.id), .event(previousID)],
                message: "'\(event.title)' starts at \(ZoneClock.formatLocal(start, in: event.timing.timeZone)), before '\(previous.title)', which it follows, ends at \(ZoneClock.formatLocal(previousSpan.end, in: previous.timing.timeZone))",
                hint: "start the follow-up after \(ZoneClock.formatLocal(previousSpan.end, in: previous.timing.timeZone)), or correct `follows:`",
                location: context.location(.event(event.id)))
        }
    }
}
