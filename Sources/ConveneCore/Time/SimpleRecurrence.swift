/// The last start of a recurrence simple enough to work out without expanding it: `FREQ=DAILY`,
/// `WEEKLY`, `MONTHLY` (on days 1 to 28) or `YEARLY` (not on 29 February), with `COUNT` and an
/// optional `INTERVAL`, nothing else, and no exceptions. Export uses it to learn which years a
/// VTIMEZONE must cover without asking libical to expand thousands of series one at a time; any
/// other rule gives nil and is expanded as before.
public enum SimpleRecurrence {
    /// The wall-clock start of the last occurrence, or nil when the rule is not simple.
    public static func lastStart(rule: String, start: CivilDateTime, exceptions: [CivilDateTime] = []) -> CivilDateTime? {
        guard exceptions.isEmpty else { return nil }
        var frequency: String?, count: Int?, interval = 1
        for part in rule.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            switch pair[0].uppercased() {
            case "FREQ": frequency = pair[1].uppercased()
            case "COUNT": count = Int(pair[1])
            case "INTERVAL": guard let value = Int(pair[1]) else { return nil }; interval = value
            default: return nil
            }
        }
        guard let frequency, let count, count >= 1, interval >= 1 else { return nil }
        let steps = (count - 1) * interval
        let date: CivilDate
        switch frequency {
        case "DAILY": date = start.date.adding(days: steps)
        case "WEEKLY": date = start.date.adding(days: 7 * steps)
        case "MONTHLY":
            guard start.date.day <= 28 else { return nil }
            date = start.date.adding(months: steps)
        case "YEARLY":
            guard !(start.date.month == 2 && start.date.day == 29) else { return nil }
            date = start.date.adding(months: 12 * steps)
        default: return nil
        }
        return CivilDateTime(date: date, minuteOfDay: start.minuteOfDay)
    }
}
