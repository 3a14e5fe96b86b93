import ConveneCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The line-by-line scan behind `CalendarLayout`.
struct LayoutScanner {
    let file: String
    var calendars: [CalendarLayout.Calendar] = []
    var lineCount = 0
    /// Faults read past (text after END:VCALENDAR).
    var warnings: [ICalError] = []

    /// An open component: its upper-cased name, first line and first byte.
    private struct Open {
        var name: String
        var line: Int
        var offset: Int
    }

    private var stack: [Open] = []
    /// Stack entries below the innermost open VCALENDAR (0, or more inside a nested calendar).
    private var calendarBase = 0
    /// Calendars a nested VCALENDAR interrupted, with their `base`.
    private var outer: [(calendar: CalendarLayout.Calendar, base: Int)] = []
    private var current = CalendarLayout.Calendar()
    /// Start of a run of calendar-level property lines not yet recorded.
    private var propertyRun: (offset: Int, line: Int)?
    private var sawCalendar = false
    /// Whether the open top-level component is a VTIMEZONE (whose TZID lines are collected).
    private var inTimeZone = false

    init(file: String) { self.file = file }

    mutating func scan(_ text: UnsafeBufferPointer<UInt8>) throws(ICalError) {
        guard let base = text.baseAddress, !text.isEmpty else { throw empty() }
        if let zero = memchr(base, 0, text.count) {
            let at = base.distance(to: zero.assumingMemoryBound(to: UInt8.self))
            throw ICalError(.notICalendar, file: file, line: lineNumber(of: at, in: text),
                            message: "the file holds binary data (a NUL byte), not iCalendar text",
                            hint: "Export the calendar again as an .ics file (text/calendar).")
        }
        var offset = 0
        // A UTF-8 byte order mark is harmless.
        if text.count >= 3, text[0] == 0xEF, text[1] == 0xBB, text[2] == 0xBF { offset = 3 }
        var line = 0
        while offset < text.count {
            line += 1
            let lineStart = offset
            var lineEnd = text.count
            if let newline = memchr(base + offset, 10, text.count - offset) {
                lineEnd = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                offset = lineEnd + 1
            } else {
                offset = text.count
            }
            // Most lines are an event's properties: only BEGIN and END lines matter there.
            if stack.count - calendarBase >= 2, !inTimeZone, lineStart < lineEnd {
                let first = text[lineStart] | 0x20
                if first != UInt8(ascii: "b") && first != UInt8(ascii: "e") { continue }
            }
            var contentEnd = lineEnd
            if contentEnd > lineStart, text[contentEnd - 1] == 13 { contentEnd -= 1 }
            try visit(lineStart: lineStart, contentEnd: contentEnd, next: offset, line: line, text: text)
        }
        lineCount = line
        try finish(text: text)
    }

    /// Handles one physical line.
    private mutating func visit(lineStart: Int, contentEnd: Int, next: Int, line: Int,
                                text: UnsafeBufferPointer<UInt8>) throws(ICalError) {
        let first = lineStart < contentEnd ? text[lineStart] : 0
        let blank = lineStart == contentEnd || isBlank(text, lineStart, contentEnd)
        // Only BEGIN and END lines shape the file; continuation lines start with a space or tab.
        var marker: (isBegin: Bool, name: String)?
        if first == UInt8(ascii: "B") || first == UInt8(ascii: "b") || first == UInt8(ascii: "E") || first == UInt8(ascii: "e") {
            marker = beginOrEnd(text, lineStart, contentEnd, next)
        }
        let depth = stack.count - calendarBase

        guard let (isBegin, name) = marker else {
            if stack.isEmpty {
                if blank { return }
                if !sawCalendar {
                    throw ICalError(.notICalendar, file: file, line: line,
                                    message: "this is not an iCalendar file: it should start with BEGIN:VCALENDAR",
                                    hint: "Check that you passed an .ics file, exported from a calendar application.")
                }
                // Mail footers and web-page debris after the calendar: left out, as libical does.
                if !warnings.contains(where: { $0.kind == .strayText }) {
                    warnings.append(ICalError(.strayText, file: file, line: line,
                                              message: "text after END:VCALENDAR is not part of any calendar; it was left out",
                                              hint: "Remove the stray text, or wrap it in BEGIN:VCALENDAR ... END:VCALENDAR."))
                }
                return
            }
            if depth == 1, propertyRun == nil, !blank { propertyRun = (lineStart, line) }
            if inTimeZone, depth == 2, text.startsWithName("TZID:", at: lineStart, end: contentEnd) {
                let value = String(decoding: UnsafeBufferPointer(rebasing: text[(lineStart + 5)..<contentEnd]), as: UTF8.self)
                current.definedZones.insert(value.trimmingCharacters(in: .whitespaces))
            }
            return
        }

        if isBegin {
            if name == "VCALENDAR", !stack.isEmpty {
                guard depth == 1 else {
                    throw ICalError(.notICalendar, file: file, line: line,
                                    message: "BEGIN:VCALENDAR inside \(stack.last!.name) (opened on line \(stack.last!.line)); a calendar can only hold components",
                                    hint: "Move the inner calendar's events out of the \(stack.last!.name), or export the calendar again.")
                }
                // A calendar nested in another: read as a calendar of its own that also sees the
                // outer calendar's properties and VTIMEZONEs so far.
                closePropertyRun(at: lineStart)
                outer.append((current, calendarBase))
                var nested = CalendarLayout.Calendar()
                nested.header = current.header
                nested.definedZones = current.definedZones
                current = nested
                calendarBase = stack.count
                stack.append(Open(name: name, line: line, offset: lineStart))
                return
            }
            if depth == 0 {
                guard name == "VCALENDAR" else {
                    throw ICalError(.notICalendar, file: file, line: line,
                                    message: "BEGIN:\(name) outside a calendar; an iCalendar file starts with BEGIN:VCALENDAR",
                                    hint: "Wrap the components in BEGIN:VCALENDAR ... END:VCALENDAR.")
                }
                sawCalendar = true
                current = CalendarLayout.Calendar()
            }
            if depth == 1 {
                closePropertyRun(at: lineStart)
                inTimeZone = name == "VTIMEZONE"
            }
            stack.append(Open(name: name, line: line, offset: lineStart))
            return
        }

        guard let open = stack.last else {
            throw ICalError(.mismatchedEnd, file: file, line: line,
                            message: "END:\(name) with no matching BEGIN:\(name)",
                            hint: "Remove the stray END line, or add the BEGIN line it closes.")
        }
        guard open.name == name else {
            throw ICalError(.mismatchedEnd, file: file, line: line,
                            message: "END:\(name) closes BEGIN:\(open.name) opened on line \(open.line)",
                            hint: "Close BEGIN:\(open.name) with END:\(open.name) before this line; the file may have been edited or cut badly.")
        }
        stack.removeLast()
        switch stack.count - calendarBase {
        case 0:
            closePropertyRun(at: lineStart)
            calendars.append(current)
            if let (calendar, outerBase) = outer.popLast() {
                current = calendar
                calendarBase = outerBase
            }
        case 1:
            inTimeZone = false
            let segment = CalendarLayout.Segment(bytes: open.offset..<next, line: open.line)
            switch name {
            case "VEVENT": current.events.append(segment)
            case "VTIMEZONE": current.header.append(segment)
            default: break
            }
        default:
            break
        }
    }

    private mutating func closePropertyRun(at offset: Int) {
        if let run = propertyRun {
            current.header.append(CalendarLayout.Segment(bytes: run.offset..<offset, line: run.line))
            propertyRun = nil
        }
    }

    private func finish(text: UnsafeBufferPointer<UInt8>) throws(ICalError) {
        if let open = stack.last {
            let names = stack.map { "BEGIN:\($0.name) (line \($0.line))" }.joined(separator: ", ")
            throw ICalError(.truncated, file: file, line: max(lineCount, 1),
                            message: "the file ends inside \(open.name): \(names) never closed; the file looks truncated",
                            hint: "Download or export the calendar again; a complete file ends with END:VCALENDAR.")
        }
        if !sawCalendar { throw empty() }
    }

    private func empty() -> ICalError {
        ICalError(.empty, file: file, line: 1,
                  message: "the file is empty: there is no BEGIN:VCALENDAR",
                  hint: "Check that the export or download finished.")
    }

    // MARK: Line helpers

    /// `(isBegin, NAME)` when the logical line (unfolded) is `BEGIN:NAME` or `END:NAME`.
    private func beginOrEnd(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ next: Int) -> (Bool, String)? {
        let isBegin: Bool
        if text.startsWithName("BEGIN:", at: start, end: end) { isBegin = true }
        else if text.startsWithName("END:", at: start, end: end) { isBegin = false }
        else {
            // `BEGIN` or `END` may be folded before the colon; rare enough to unfold the slow way.
            guard next < text.count, text[next] == 32 || text[next] == 9 else { return nil }
            let logical = unfolded(text, start, end, next)
            let upper = logical.uppercased()
            if upper.hasPrefix("BEGIN:") { return (true, trimmedName(String(upper.dropFirst(6)))) }
            if upper.hasPrefix("END:") { return (false, trimmedName(String(upper.dropFirst(4)))) }
            return nil
        }
        let nameStart = start + (isBegin ? 6 : 4)
        let folded = next < text.count && (text[next] == 32 || text[next] == 9)
        // The usual case, `BEGIN:VEVENT` as exporters write it: the name as it is (short names are
        // stored inline in the String, so nothing is allocated).
        if !folded, nameStart < end, isPlainName(text, nameStart, end) {
            return (isBegin, String(decoding: UnsafeBufferPointer(rebasing: text[nameStart..<end]), as: UTF8.self))
        }
        var name = String(decoding: UnsafeBufferPointer(rebasing: text[nameStart..<end]), as: UTF8.self)
        if folded {
            name = String(unfolded(text, start, end, next).dropFirst(isBegin ? 6 : 4))
        }
        return (isBegin, trimmedName(name.uppercased()))
    }

    private func trimmedName(_ name: String) -> String { name.trimmingCharacters(in: .whitespaces) }

    /// Whether `text[start..<end]` is a component name that needs neither upper-casing nor
    /// trimming: capitals, digits and `-` only.
    private func isPlainName(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        for i in start..<end {
            let byte = text[i]
            if !((byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) || byte == 45) { return false }
        }
        return true
    }

    /// The logical line starting at `start`, with its continuation lines joined.
    private func unfolded(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ next: Int) -> String {
        var bytes = Array(text[start..<end])
        var offset = next
        while offset < text.count, text[offset] == 32 || text[offset] == 9 {
            var stop = offset + 1
            while stop < text.count, text[stop] != 10 { stop += 1 }
            var contentEnd = stop
            if contentEnd > offset + 1, text[contentEnd - 1] == 13 { contentEnd -= 1 }
            bytes += text[(offset + 1)..<contentEnd]
            offset = stop + 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func isBlank(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        for i in start..<end where text[i] != 32 && text[i] != 9 && text[i] != 13 { return false }
        return true
    }

    private func lineNumber(of offset: Int, in text: UnsafeBufferPointer<UInt8>) -> Int {
        var line = 1
        for i in 0..<offset where text[i] == 10 { line += 1 }
        return line
    }
}
