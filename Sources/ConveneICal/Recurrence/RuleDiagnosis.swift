import Foundation

/// Says what is wrong with an RRULE, part by part: libical's parser only says yes or no, so each
/// part is tried on its own to name the one it rejects.
enum RuleDiagnosis {
    /// Nil when libical reads and can expand `rule`; otherwise a sentence naming the bad part.
    static func problem(in rule: String) -> String? {
        let text = rule.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return "the rule is empty; it needs at least FREQ, e.g. FREQ=WEEKLY" }
        let stripped = text.uppercased().hasPrefix("RRULE:") ? String(text.dropFirst(6)) : text
        var seen: Set<String> = []
        for part in stripped.split(separator: ";", omittingEmptySubsequences: false) {
            let part = String(part)
            if part.isEmpty { continue }
            guard let equals = part.firstIndex(of: "=") else {
                return "\"\(part)\" is not NAME=VALUE; parts are separated by semicolons"
            }
            let name = part[..<equals].uppercased()
            let value = String(part[part.index(after: equals)...])
            guard LibicalRules.partNames.contains(name) || name == "RSCALE" || name == "SKIP" else {
                return "unknown rule part \(name); the parts are \(LibicalRules.partNames.joined(separator: ", "))"
            }
            if seen.contains(name) { return "\(name) is given twice" }
            seen.insert(name)
            let probe = name == "FREQ" ? part : "FREQ=DAILY;" + part
            if !LibicalRules.parses(probe) { return explanation(name: name, value: value) }
        }
        if seen.contains("COUNT") && seen.contains("UNTIL") { return "COUNT and UNTIL cannot both be given" }
        guard seen.contains("FREQ") else {
            return "FREQ is missing; every rule needs one, e.g. FREQ=WEEKLY"
        }
        guard LibicalRules.parses(stripped) else { return "libical cannot read the rule" }
        guard LibicalRules.iterates(stripped) else {
            // A part libical reads but cannot use even on its own (e.g. BYMONTH=13).
            for part in stripped.split(separator: ";") where !part.uppercased().hasPrefix("FREQ=") {
                if !LibicalRules.iterates("FREQ=YEARLY;" + part), let equals = part.firstIndex(of: "=") {
                    return explanation(name: part[..<equals].uppercased(), value: String(part[part.index(after: equals)...]))
                }
            }
            return "libical cannot expand this combination of parts (BYSETPOS works only with MONTHLY or YEARLY; BYWEEKNO only with YEARLY)"
        }
        return nil
    }

    private static func explanation(name: String, value: String) -> String {
        let shown = "\(name)=\(value)"
        switch name {
        case "FREQ":
            return "\(shown) is not a frequency; use SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY"
        case "COUNT":
            return "\(shown) is not a whole number of at least 1"
        case "INTERVAL":
            return "\(shown) is not a whole number of at least 1"
        case "UNTIL":
            return "\(shown) is not a date (YYYYMMDD) or a date-time (YYYYMMDDTHHMMSSZ)"
        case "BYDAY":
            return "\(shown) is not a list of weekdays such as MO,WE or 1MO,-1FR"
        case "WKST":
            return "\(shown) is not a weekday (MO, TU, WE, TH, FR, SA or SU)"
        default:
            return "\(shown) is not a comma-separated list of numbers in range for \(name)"
        }
    }
}
