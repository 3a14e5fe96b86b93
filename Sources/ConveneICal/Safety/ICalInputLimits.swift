import ConveneCore

/// Checks a calendar file's bytes in one cheap pass before libical sees them, refusing what
/// would make libical take minutes or gigabytes, with the line it is on:
/// - a content line (unfolded) longer than ``maximumLineBytes``: libical's line reader takes
///   quadratic time in a line's length (1 MB 0.2 s, 10 MB 24 s);
/// - a VTIMEZONE rule that does not repeat yearly: libical works out a zone's changes from its
///   DTSTART on, so `RRULE:FREQ=SECONDLY` from 1601 would be twelve billion steps.
/// Every path that hands calendar files to libical (`conflicts`, `import`, replies and busy
/// calendars) runs it first.
public enum ICalInputLimits {
    /// 1 MiB: far above any real property (a folded description, an inline logo).
    public static let maximumLineBytes = 1 << 20

    public static func check(_ bytes: [UInt8], file: String) throws(ICalError) {
        var line = 0, index = 0
        var logicalStart = 0, logicalBytes = 0
        var timeZoneDepth = 0
        /// Whether the line starting at `start` begins with `prefix` (ASCII, any case).
        func startsWith(_ prefix: String, at start: Int, length: Int) -> Bool {
            let expected = Array(prefix.utf8)
            guard length >= expected.count else { return false }
            for (offset, byte) in expected.enumerated() {
                let actual = bytes[start + offset]
                if actual != byte && !((0x61...0x7A).contains(actual) && actual - 0x20 == byte) { return false }
            }
            return true
        }
        while index < bytes.count {
            var end = index
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            line += 1
            var length = end - index
            if length > 0 && bytes[end - 1] == 0x0D { length -= 1 }
            let continuation = length > 0 && (bytes[index] == 0x20 || bytes[index] == 0x09)
            if continuation {
                logicalBytes += length - 1
            } else {
                logicalStart = line
                logicalBytes = length
                if startsWith("BEGIN:VTIMEZONE", at: index, length: length) { timeZoneDepth += 1 }
                else if startsWith("END:VTIMEZONE", at: index, length: length) { timeZoneDepth = max(0, timeZoneDepth - 1) }
                else if timeZoneDepth > 0 && (startsWith("RRULE:", at: index, length: length) || startsWith("RRULE;", at: index, length: length)) {
                    let text = String(decoding: bytes[index..<(index + min(length, 4096))], as: UTF8.self).uppercased()
                    let frequency = text.split(separator: ";").first { $0.hasPrefix("FREQ=") || $0.contains(":FREQ=") }
                        .map { String($0.split(separator: "=").last ?? "") }
                    if frequency != "YEARLY" {
                        throw ICalError(.invalidRule, file: file, line: line, column: 1,
                                        message: "a VTIMEZONE rule repeats \(frequency.map { "FREQ=\($0)" } ?? "without a FREQ"), not yearly",
                                        hint: "Time zone rules change the clocks once a year (FREQ=YEARLY); fix or remove this VTIMEZONE (the system's zone of the same name is used when the TZID is a known one).")
                    }
                }
            }
            if logicalBytes > maximumLineBytes {
                throw ICalError(.brokenLine, file: file, line: logicalStart, column: 1,
                                message: "this content line is longer than \(maximumLineBytes) bytes",
                                hint: "Remove the inline attachment or the oversized text; calendar clients link large files instead.")
            }
            index = end + 1
        }
    }

    /// The calendar's METHOD ("" when no line gives one) when the bytes start as a calendar;
    /// nil when they do not look like one (the full reader then says what is wrong).
    public static func calendarMethod(_ bytes: [UInt8]) -> String? {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var first = true
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            var line = bytes[start..<end]
            if line.last == 0x0D { line = line.dropLast() }
            if first {
                guard String(decoding: line, as: UTF8.self).uppercased() == "BEGIN:VCALENDAR" else { return nil }
                first = false
            } else if line.count >= 7, String(decoding: line.prefix(7), as: UTF8.self).uppercased() == "METHOD:" {
                return String(decoding: line.dropFirst(7).prefix(64), as: UTF8.self).uppercased().trimmingCharacters(in: .whitespaces)
            }
            start = end + 1
        }
        return first ? nil : ""
    }
}
