/// How many occurrences (and how many steps of work) an RRULE can give in a window, counted
/// from its text before anything expands it: the number of FREQ periods times what each
/// BY-part adds per period (`FREQ=YEARLY;BYHOUR=0..23;BYMINUTE=0..59;BYSECOND=0..59` is 86 400
/// a year, not one). An upper bound: limiting parts are not subtracted, since the expander still
/// walks the periods they filter. Every path that expands rules (plan `validate`, `check`,
/// `export`; calendar files in `conflicts` and `import`) refuses a rule above ``limit`` before
/// expanding it.
public enum OccurrenceEstimate {
    /// The most occurrences one rule may give in the window.
    public static let limit = 1_000_000
    /// The most occurrences one period of the rule's FREQ may give (a year of every second is
    /// 31 million; real rules give a few hundred at most, e.g. every weekday of a year).
    public static let perPeriodLimit = 10_000

    /// The estimate when the rule goes over either limit (and must not be expanded), else nil.
    public static func refusal(rule: String, from start: Int64, to end: Int64) -> Int? {
        assess(rule: rule, from: start, to: end).refusal
    }

    /// ``sittings(rule:from:to:)`` and ``refusal(rule:from:to:)`` at once, the rule read once.
    public static func assess(rule: String, from start: Int64, to end: Int64) -> (sittings: Int, refusal: Int?) {
        let found = estimate(rule: rule, from: start, to: end)
        return (found.count.map { min($0, found.occurrences) } ?? found.occurrences,
                found.occurrences > limit || found.perPeriod > perPeriodLimit ? found.occurrences : nil)
    }

    /// Words for a refusal: how many occurrences, and the limits.
    public static func explanation(_ estimate: Int) -> String {
        "the rule gives about \(estimate) occurrences in the window (the limit is \(limit), and \(perPeriodLimit) in one period of its FREQ)"
    }

    /// How many occurrences the rule (RRULE value text, with or without `RRULE:`) gives at most
    /// from `start` until `end` (UNIX seconds): the estimate, and never more than its COUNT. What
    /// a plan limits the sittings of one event by.
    public static func sittings(rule: String, from start: Int64, to end: Int64) -> Int {
        assess(rule: rule, from: start, to: end).sittings
    }

    /// No occurrence of the rule starts later than this many seconds after the first (wall-clock
    /// time; exceptions only take occurrences away), when that can be told from the rule's text:
    /// a COUNT or an UNTIL, and no BY-part, so that every period of its FREQ holds one occurrence
    /// (a monthly rule from a day every month has, a yearly one from a date every year has). Nil
    /// for any other rule: it has to be expanded to know. An upper bound: what an export needs to
    /// know which years a series reaches without expanding it.
    /// - Parameter start: the first occurrence's wall-clock start (`dayOfMonth`, `month` decide
    ///   whether a monthly or yearly rule can skip periods).
    public static func latestStart(rule: String, from start: CivilDateTime) -> Int64? {
        startBound(rule: rule, from: start)?.seconds
    }

    /// ``latestStart(rule:from:)``, and whether it is the last occurrence's start, not only a
    /// bound: with a COUNT and no UNTIL it is (the COUNTth period on from the first, every period
    /// holding one; exceptions aside, which only take occurrences away; the tests hold this to
    /// libical's expansion, rule by rule). The rule is read once for both.
    public static func startBound(rule: String, from start: CivilDateTime) -> (seconds: Int64, isLastStart: Bool)? {
        let parts = parts(of: rule)
        guard parts.keys.allSatisfy({ ["FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST"].contains($0) }) else { return nil }
        let day = start.date.day, month = start.date.month
        // A period in seconds, or in months (a month's and a year's length vary).
        var period: Int64 = 0, periodMonths: Int64 = 0
        switch parts["FREQ"] {
        case "SECONDLY": period = 1
        case "MINUTELY": period = 60
        case "HOURLY": period = 3_600
        case "DAILY": period = 86_400
        case "WEEKLY": period = 604_800
        case "MONTHLY" where day <= 28: periodMonths = 1
        case "YEARLY" where !(month == 2 && day == 29): periodMonths = 12
        default: return nil
        }
        guard let interval = Int64(parts["INTERVAL"] ?? "1"), interval > 0 else { return nil }
        var latest: Int64?
        if let count = parts["COUNT"].flatMap({ Int64($0) }), count > 0 {
            let (steps, overflow) = (count - 1).multipliedReportingOverflow(by: interval)
            if periodMonths > 0 {
                // The same day and time, so many months on (a day every month or year has).
                let (months, overflowToo) = steps.multipliedReportingOverflow(by: periodMonths)
                if !overflow && !overflowToo && months < 12 * 100_000 {
                    let index = Int64(start.date.year) * 12 + Int64(month - 1) + months
                    let date = CivilDate(year: Int(index / 12), month: Int(index % 12) + 1, day: day)
                    latest = Int64(date.daysSinceEpoch - start.date.daysSinceEpoch) * 86_400
                }
            } else {
                let (seconds, overflowToo) = steps.multipliedReportingOverflow(by: period)
                if !overflow && !overflowToo { latest = seconds }
            }
        }
        if let until = parts["UNTIL"].flatMap(unixSeconds) {
            // UNTIL may be UTC: a day either way covers every zone's offset.
            let seconds = until + 86_400 - start.secondsAsIfUTC
            latest = min(latest ?? seconds, seconds)
        }
        return latest.map { (max(0, $0), parts["COUNT"] != nil && parts["UNTIL"] == nil) }
    }

    /// The rule's parts by name (`FREQ` to `MONTHLY`), unfolded, in upper case, without white
    /// space and without an `RRULE:` prefix.
    private static func parts(of rule: String) -> [String: String] {
        var parts: [String: String] = [:]
        // Unfolded (libical folds long property text) and without white space.
        var text = Substring(normalized(rule))
        if let colon = text.lastIndex(of: ":"), text.hasPrefix("RRULE") { text = text[text.index(after: colon)...] }
        for part in text.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { parts[String(pair[0])] = String(pair[1]) }
        }
        return parts
    }

    private static func estimate(rule: String, from start: Int64, to end: Int64) -> (occurrences: Int, perPeriod: Int, count: Int?) {
        let parts = parts(of: rule)
        let rank: Int, step: Int64
        switch parts["FREQ"] {
        case "SECONDLY": (rank, step) = (0, 1)
        case "MINUTELY": (rank, step) = (1, 60)
        case "HOURLY": (rank, step) = (2, 3_600)
        case "DAILY": (rank, step) = (3, 86_400)
        case "WEEKLY": (rank, step) = (4, 604_800)
        case "MONTHLY": (rank, step) = (5, 2_419_200)
        default: (rank, step) = (6, 31_536_000)
        }
        let interval = max(1, Int64(parts["INTERVAL"] ?? "") ?? 1)
        var last = end
        if let until = parts["UNTIL"].flatMap(unixSeconds) { last = min(last, until) }
        let periods = Int(max(0, last - start) / (step * interval)) + 1

        func size(_ name: String) -> Int? { parts[name].map { $0.split(separator: ",").count } }
        var perPeriod = 1
        func times(_ factor: Int) { perPeriod = multiplied(perPeriod, max(1, factor)) }
        if rank >= 1, let n = size("BYSECOND") { times(n) }
        if rank >= 2, let n = size("BYMINUTE") { times(n) }
        if rank >= 3, let n = size("BYHOUR") { times(n) }
        if let n = size("BYDAY") {
            switch rank {
            case 4: times(n)
            case 5 where parts["BYMONTHDAY"] == nil: times(n * 5)
            case 6 where parts["BYMONTHDAY"] == nil && parts["BYYEARDAY"] == nil:
                times(n * (parts["BYWEEKNO"] != nil ? 1 : parts["BYMONTH"] != nil ? 5 : 53))
            default: break
            }
        }
        if rank >= 5, let n = size("BYMONTHDAY") { times(rank == 6 && parts["BYMONTH"] == nil ? n * 12 : n) }
        if rank == 6, let n = size("BYYEARDAY") { times(n) }
        if rank == 6, let n = size("BYWEEKNO") { times(parts["BYDAY"] == nil ? n * 7 : n) }
        if rank == 6, let n = size("BYMONTH") { times(n) }

        var estimate = multiplied(periods, perPeriod)
        let count = parts["COUNT"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        if let count {
            // COUNT bounds the occurrences, not the periods walked to find them.
            estimate = min(estimate, max(count, periods))
        }
        return (estimate, perPeriod, count)
    }

    /// `rule` in upper case without white space. Rules are ASCII as a rule (every calendar file
    /// holds thousands): those are done byte by byte, anything else scalar by scalar.
    private static func normalized(_ rule: String) -> String {
        guard rule.utf8.allSatisfy({ $0 < 0x80 }) else {
            return String(rule.uppercased().unicodeScalars.filter { !$0.properties.isWhitespace })
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rule.utf8.count)
        // ASCII white space (Unicode's White_Space below 0x80): tab, line feed, vertical tab, form
        // feed, carriage return, space.
        for byte in rule.utf8 where byte != 0x20 && !(0x09...0x0D).contains(byte) {
            bytes.append((0x61...0x7A).contains(byte) ? byte - 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func multiplied(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : product
    }

    /// `YYYYMMDD[THHMMSS[Z]]` as UNIX seconds, read as UTC (a day's error is nothing here).
    private static func unixSeconds(_ text: String) -> Int64? {
        let digits = Array(text.utf8.filter { (0x30...0x39).contains($0) }.map { Int64($0 - 0x30) })
        guard digits.count >= 8 else { return nil }
        func number(_ range: Range<Int>) -> Int64 { range.reduce(0) { $0 * 10 + digits[$1] } }
        var year = number(0..<4), month = number(4..<6)
        let day = number(6..<8)
        guard (1...12).contains(month) else { return nil }
        // Days from civil (Howard Hinnant's algorithm).
        if month <= 2 { year -= 1 }
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        month = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * month + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let time = digits.count >= 14 ? number(8..<10) * 3_600 + number(10..<12) * 60 + number(12..<14) : 0
        return days * 86_400 + time
    }
}
