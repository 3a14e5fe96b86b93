import ConveneCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        try bytes.withUnsafeBufferPointer { (text: UnsafeBufferPointer<UInt8>) throws(ICalError) in
            try check(text, file: file)
        }
    }

    /// One pass over the lines: `memchr` finds each line's end, and only lines that start like
    /// `BEGIN:VTIMEZONE`, `END:VTIMEZONE` or (inside one) `RRULE` are looked at further, so the
    /// check costs little beside libical's parse.
    private static func check(_ text: UnsafeBufferPointer<UInt8>, file: String) throws(ICalError) {
        guard let base = text.baseAddress else { return }
        var line = 0, index = 0
        var logicalStart = 0, logicalBytes = 0
        var timeZoneDepth = 0
        while index < text.count {
            var end = text.count
            if let newline = memchr(base + index, 0x0A, text.count - index) {
                end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
            }
            line += 1
            var length = end - index
            if length > 0 && text[end - 1] == 0x0D { length -= 1 }
            let first = length > 0 ? text[index] : 0
            if first == 0x20 || first == 0x09 {
                logicalBytes += length - 1
            } else {
                logicalStart = line
                logicalBytes = length
                switch first | 0x20 {
                case UInt8(ascii: "b"):
                    if text.startsWithName("BEGIN:VTIMEZONE", at: index, end: index + length) { timeZoneDepth += 1 }
                case UInt8(ascii: "e"):
                    if text.startsWithName("END:VTIMEZONE", at: index, end: index + length) { timeZoneDepth = max(0, timeZoneDepth - 1) }
                case UInt8(ascii: "r") where timeZoneDepth > 0:
                    if text.startsWithName("RRULE:", at: index, end: index + length) || text.startsWithName("RRULE;", at: index, end: index + length) {
                        try checkZoneRule(UnsafeBufferPointer(rebasing: text[index..<(index + min(length, 4096))]), file: file, line: line)
                    }
                default: break
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

    /// Refuses a VTIMEZONE's RRULE line whose FREQ is not YEARLY.
    private static func checkZoneRule(_ bytes: UnsafeBufferPointer<UInt8>, file: String, line: Int) throws(ICalError) {
        let text = String(decoding: bytes, as: UTF8.self).uppercased()
        let frequency = text.split(separator: ";").first { $0.hasPrefix("FREQ=") || $0.contains(":FREQ=") }
            .map { String($0.split(separator: "=").last ?? "") }
        if frequency != "YEARLY" {
            throw ICalError(.invalidRule, file: file, line: line, column: 1,
                            message: "a VTIMEZONE rule repeats \(frequency.map { "FREQ=\($0)" } ?? "without a FREQ"), not yearly",
                            hint: "Time zone rules change the clocks once a year (FREQ=YEARLY); fix or remove this VTIMEZONE (the system's zone of the same name is used when the TZID is a known one).")
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
