import ConveneCore
import Foundation

/// Rewrites the quirks of real calendar exports into what libical reads unambiguously, before
/// parsing: floating times get the calendar's zone (Google's `X-WR-TIMEZONE`, else the owner's
/// home zone); Windows zone names ("W. Europe Standard Time") and prefixed TZIDs become IANA names
/// when the file carries no VTIMEZONE of that name; FREEBUSY periods are collected.
struct CalendarNormaliser {
    /// The unfolded, rewritten text (LF line ends).
    private(set) var text = ""
    /// For each line of `text` (0-based), the 1-based line of the input it came from.
    private(set) var originalLines: [Int] = []
    /// Busy periods from VFREEBUSY components (FBTYPE other than FREE).
    private(set) var freeBusy: [TimeSpan] = []
    /// What was rewritten, for the import summary.
    private(set) var notes: Set<String> = []

    static let timeProperties: Set<String> = ["DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE", "DUE"]

    init(text input: String, homeZone: String?) {
        let lines = Self.unfold(input)
        var definedZones: Set<String> = []
        var calendarZone: String?
        for line in lines {
            if line.text.hasPrefix("TZID:") { definedZones.insert(String(line.text.dropFirst(5))) }
            if line.text.hasPrefix("X-WR-TIMEZONE:") { calendarZone = WindowsZones.resolve(String(line.text.dropFirst(14))) }
        }
        let floatingZone = calendarZone ?? homeZone
        let quiet = Self.eventsThatMakeNobodyBusy(lines)
        var output: [String] = []
        output.reserveCapacity(lines.count)
        var inFreeBusy = false, inTimeZone = false
        var event: [(text: String, line: Int)]?
        for line in lines {
            let text = line.text
            if text == "BEGIN:VFREEBUSY" { inFreeBusy = true }
            if text == "END:VFREEBUSY" { inFreeBusy = false }
            // A VTIMEZONE's observances are written in local time by definition: leave them alone.
            if text == "BEGIN:VTIMEZONE" { inTimeZone = true }
            if text == "END:VTIMEZONE" { inTimeZone = false }
            if inTimeZone {
                output.append(text)
                originalLines.append(line.number)
                continue
            }
            if inFreeBusy && (text.hasPrefix("FREEBUSY:") || text.hasPrefix("FREEBUSY;")) { collectFreeBusy(text) }
            if text == "BEGIN:VEVENT" { event = [] }
            if event != nil {
                if text == "END:VEVENT", let block = event, Self.isAllDayWithoutEnd(block.map(\.text)) {
                    event!.append(("DURATION:P1D", line.number))
                }
                event!.append((rewrite(text, definedZones: definedZones, floatingZone: floatingZone), line.number))
                if text == "END:VEVENT" {
                    for kept in quiet.filter(event!) {
                        output.append(kept.text)
                        originalLines.append(kept.line)
                    }
                    event = nil
                }
                continue
            }
            output.append(rewrite(text, definedZones: definedZones, floatingZone: floatingZone))
            originalLines.append(line.number)
        }
        // A file cut short inside an event: keep what there is, so the reader reports where it ends.
        for entry in event ?? [] {
            output.append(entry.text)
            originalLines.append(entry.line)
        }
        if quiet.count > 0 { notes.insert("\(quiet.count) cancelled or free (transparent) event\(quiet.count == 1 ? "" : "s") left out") }
        text = output.joined(separator: "\n") + "\n"
    }

    /// Events that make nobody busy: cancelled or transparent. A whole series is left out; a
    /// cancelled or free occurrence (an override) is kept with no length, so that it still
    /// replaces the series' occurrence.
    struct QuietEvents {
        var seriesUIDs: Set<String> = []
        var count = 0

        func filter(_ block: [(text: String, line: Int)]) -> [(text: String, line: Int)] {
            let uid = block.first { $0.text.hasPrefix("UID:") }.map { String($0.text.dropFirst(4)) }
            if let uid, seriesUIDs.contains(uid) { return [] }
            guard CalendarNormaliser.isQuiet(block.map(\.text)) else { return block }
            // An override: keep it, with no length.
            return block.compactMap { entry -> (text: String, line: Int)? in
                if entry.text.hasPrefix("DTEND") || entry.text.hasPrefix("DURATION") { return nil }
                if entry.text == "END:VEVENT" { return nil }
                return entry
            } + [("DURATION:PT0S", block.last!.line), ("END:VEVENT", block.last!.line)]
        }
    }

    /// A DATE DTSTART (already rewritten to local midnight) with no DTEND or DURATION lasts a day.
    static func isAllDayWithoutEnd(_ block: [String]) -> Bool {
        guard !block.contains(where: { $0.hasPrefix("DTEND") || $0.hasPrefix("DURATION") }),
              let start = block.first(where: { $0.hasPrefix("DTSTART") }) else { return false }
        return wasDate(start)
    }

    /// Lines rewritten from a DATE value carry this marker so they can be recognised.
    static func wasDate(_ line: String) -> Bool { line.contains(";X-CONVENE-DATE=1") }

    static func isQuiet(_ block: [String]) -> Bool {
        block.contains { $0.uppercased() == "STATUS:CANCELLED" || $0.uppercased() == "TRANSP:TRANSPARENT" }
    }

    private static func eventsThatMakeNobodyBusy(_ lines: [(text: String, number: Int)]) -> QuietEvents {
        var quiet = QuietEvents()
        var block: [String]?
        for line in lines {
            if line.text == "BEGIN:VEVENT" { block = [] }
            block?.append(line.text)
            if line.text == "END:VEVENT", let event = block {
                if isQuiet(event) {
                    quiet.count += 1
                    if !event.contains(where: { $0.hasPrefix("RECURRENCE-ID") }),
                       let uid = event.first(where: { $0.hasPrefix("UID:") }) {
                        quiet.seriesUIDs.insert(String(uid.dropFirst(4)))
                    }
                }
                block = nil
            }
        }
        return quiet
    }

    /// Joins folded lines (CRLF or LF, continuation starting with a space or tab), keeping the
    /// 1-based number of the line each logical line starts on.
    static func unfold(_ text: String) -> [(text: String, number: Int)] {
        var lines: [(text: String, number: Int)] = []
        var number = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            var line = Substring(raw)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if let first = line.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1].text += line.dropFirst()
            } else if !line.isEmpty {
                lines.append((String(line), number))
            }
        }
        return lines
    }

    private mutating func rewrite(_ line: String, definedZones: Set<String>, floatingZone: String?) -> String {
        guard let colon = Self.valueColon(in: line) else { return line }
        let head = line[..<colon]
        let value = line[line.index(after: colon)...]
        var parts = head.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard let name = parts.first?.uppercased(), Self.timeProperties.contains(name) else { return line }
        if let index = parts.firstIndex(where: { $0.uppercased().hasPrefix("TZID=") }) {
            let tzid = String(parts[index].dropFirst(5)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            if definedZones.contains(tzid) { return line }
            if let iana = WindowsZones.resolve(tzid) {
                if iana != tzid { notes.insert("time zone '\(tzid)' read as \(iana)") }
                parts[index] = "TZID=" + iana
            } else if let floatingZone {
                notes.insert("unknown time zone '\(tzid)' read as \(floatingZone)")
                parts[index] = "TZID=" + floatingZone
            }
            return parts.joined(separator: ";") + ":" + value
        }
        guard let floatingZone, !parts.contains(where: { $0.uppercased() == "VALUE=PERIOD" }) else { return line }
        let isDate = parts.contains { $0.uppercased() == "VALUE=DATE" } || !value.contains("T")
        if isDate {
            // An all-day event keeps its owner busy for their local day, not the UTC one.
            notes.insert("all-day events read as whole days in \(floatingZone)")
            let times = value.split(separator: ",").map { $0 + "T000000" }.joined(separator: ",")
            return (parts.filter { $0.uppercased() != "VALUE=DATE" } + ["TZID=" + floatingZone, "X-CONVENE-DATE=1"]).joined(separator: ";") + ":" + times
        }
        // A floating DATE-TIME (no TZID, no trailing Z) is wall time in the calendar's zone.
        guard !value.hasSuffix("Z"), !value.contains("Z,") else { return line }
        notes.insert("floating times read in \(floatingZone)")
        return (parts + ["TZID=" + floatingZone]).joined(separator: ";") + ":" + value
    }

    /// The colon that ends the property name and parameters (not one inside a quoted parameter).
    static func valueColon(in line: String) -> String.Index? {
        var quoted = false
        let bytes = line.utf8
        var index = bytes.startIndex
        while index < bytes.endIndex {
            switch bytes[index] {
            case UInt8(ascii: "\""): quoted.toggle()
            case UInt8(ascii: ":") where !quoted: return index
            default: break
            }
            index = bytes.index(after: index)
        }
        return nil
    }

    /// `FREEBUSY;FBTYPE=BUSY:20250101T090000Z/20250101T100000Z,20250102T090000Z/PT1H`.
    private mutating func collectFreeBusy(_ line: String) {
        guard let colon = Self.valueColon(in: line) else { return }
        let head = line[..<colon].uppercased()
        if head.contains("FBTYPE=FREE") { return }
        for period in line[line.index(after: colon)...].split(separator: ",") {
            let ends = period.split(separator: "/")
            guard ends.count == 2, let start = Self.utcInstant(String(ends[0])) else { continue }
            let end = Self.utcInstant(String(ends[1])) ?? Self.duration(String(ends[1])).map { start + $0 }
            if let end, end > start { freeBusy.append(TimeSpan(start: start, end: end)) }
        }
    }

    /// `20250101T090000Z`.
    static func utcInstant(_ text: String) -> UnixSeconds? {
        let chars = Array(text.utf8)
        guard chars.count == 16, chars[8] == UInt8(ascii: "T"), chars[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: chars[range], as: UTF8.self)) }
        guard let y = number(0..<4), let mo = number(4..<6), let d = number(6..<8),
              let h = number(9..<11), let mi = number(11..<13), let s = number(13..<15) else { return nil }
        return CivilDateTime(date: CivilDate(year: y, month: mo, day: d), minuteOfDay: h * 60 + mi).secondsAsIfUTC + Int64(s)
    }

    /// `PT1H30M`, `P1D`, `P1W` in seconds.
    static func duration(_ text: String) -> Int64? {
        guard text.hasPrefix("P") else { return nil }
        var total: Int64 = 0, number = ""
        for character in text.dropFirst() {
            if character.isNumber { number.append(character); continue }
            if character == "T" { continue }
            guard let value = Int64(number) else { return nil }
            switch character {
            case "W": total += value * 604_800
            case "D": total += value * 86_400
            case "H": total += value * 3_600
            case "M": total += value * 60
            case "S": total += value
            default: return nil
            }
            number = ""
        }
        return total
    }
}
