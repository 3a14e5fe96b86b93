/// A first, dependency-free check of RRULE text, so that ConveneCore alone catches the obvious
/// mistakes; the full check is libical's (see ``RecurrenceExpanding/problem(inRule:)``).
enum RecurrenceRuleSyntax {
    static let frequencies: Set<String> = ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"]
    static let parts: Set<String> = ["FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR",
                                     "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST"]

    /// Nil when the rule looks well-formed, else what is wrong.
    static func problem(in rule: String) -> String? {
        var text = rule
        if text.uppercased().hasPrefix("RRULE:") { text = String(text.dropFirst(6)) }
        var seen: [String: String] = [:]
        for part in text.split(separator: ";", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, !pair[1].isEmpty else { return "'\(part)' is not NAME=VALUE" }
            let name = pair[0].uppercased(), value = String(pair[1]).uppercased()
            guard parts.contains(name) else { return "unknown part '\(pair[0])'" }
            guard seen[name] == nil else { return "'\(name)' appears twice" }
            seen[name] = value
        }
        guard let frequency = seen["FREQ"] else { return "FREQ is missing" }
        guard frequencies.contains(frequency) else { return "FREQ=\(frequency) is not a frequency (use DAILY, WEEKLY, MONTHLY or YEARLY)" }
        if seen["COUNT"] != nil && seen["UNTIL"] != nil { return "COUNT and UNTIL cannot both be given" }
        for name in ["COUNT", "INTERVAL"] {
            if let value = seen[name], (Int(value) ?? 0) < 1 { return "\(name)=\(value) should be a positive whole number" }
        }
        return nil
    }
}
