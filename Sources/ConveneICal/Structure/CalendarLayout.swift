import ConveneCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the parts of an iCalendar file lie, found by a quick scan of its BEGIN and END lines.
///
/// The scan checks the nesting (so libical only ever sees well-formed components), records each
/// top-level VEVENT's bytes and first line (libical keeps no line numbers), and gathers what every
/// part of a calendar needs: its own properties and VTIMEZONEs. Other top-level components (VTODO,
/// VJOURNAL, VFREEBUSY, ...) are skipped.
struct CalendarLayout: Sendable {
    /// One VCALENDAR of the file (a file may hold several, one after the other).
    struct Calendar: Sendable {
        /// The calendar's own property lines and VTIMEZONE components, in file order.
        var header: [Segment] = []
        /// The calendar's top-level VEVENTs, in file order.
        var events: [Segment] = []
        /// TZIDs its VTIMEZONEs define.
        var definedZones: Set<String> = []
    }

    /// A run of whole lines: bytes `[bytes.lowerBound, bytes.upperBound)`, the first on `line`.
    struct Segment: Sendable, Hashable {
        var bytes: Range<Int>
        var line: Int
    }

    var calendars: [Calendar] = []
    /// The number of lines in the file.
    var lineCount = 0
    /// Faults read past (text after END:VCALENDAR).
    var warnings: [ICalError] = []

    /// Scans `bytes`; throws the first structural problem, naming `file` and the line.
    init(scanning bytes: [UInt8], file: String) throws(ICalError) {
        var scanner = LayoutScanner(file: file)
        try bytes.withUnsafeBufferPointer { buffer throws(ICalError) in
            try scanner.scan(buffer)
        }
        calendars = scanner.calendars
        lineCount = scanner.lineCount
        warnings = scanner.warnings
    }

    /// The bytes of every calendar's VEVENTs.
    var eventBytes: Int {
        calendars.reduce(0) { total, calendar in calendar.events.reduce(total) { $0 + $1.bytes.count } }
    }

    /// TZIDs named in `TZID=` parameters anywhere in `bytes` that the calendars do not define
    /// (libical then falls back to its built-in zones, which must be loaded before parallel work).
    func undefinedZoneReferences(in bytes: [UInt8]) -> Set<String> {
        let defined = calendars.reduce(into: Set<String>()) { $0.formUnion($1.definedZones) }
        var found: Set<String> = []
        var known: [[UInt8]] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // Find each Z of `;TZID=` (any case) with memchr, then check the bytes around it.
            for letter in [UInt8(ascii: "Z"), UInt8(ascii: "z")] {
                var offset = 0
                while offset < buffer.count, let hit = memchr(base + offset, Int32(letter), buffer.count - offset) {
                    let z = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    offset = z + 1
                    // `;` `T` `Z` `I` `D` `=`, with the Z at `z`.
                    guard z >= 2, z + 3 < buffer.count, buffer[z - 2] == UInt8(ascii: ";"),
                          buffer[z - 1] | 0x20 == UInt8(ascii: "t"), buffer[z + 1] | 0x20 == UInt8(ascii: "i"),
                          buffer[z + 2] | 0x20 == UInt8(ascii: "d"), buffer[z + 3] == UInt8(ascii: "=") else { continue }
                    let name = parameterValue(buffer, from: z + 4, known: &known)
                    if let name, !name.isEmpty, !defined.contains(name) { found.insert(name) }
                }
            }
        }
        return found
    }

    /// A parameter value starting at `start` (quoted, or up to the next `;`, `:` or line end), or
    /// nil when it is one of `known` (the values seen before, so that each is made a String once).
    private func parameterValue(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, known: inout [[UInt8]]) -> String? {
        var first = start
        var end = start
        if end < buffer.count, buffer[end] == UInt8(ascii: "\"") {
            first += 1
            end += 1
            while end < buffer.count, buffer[end] != UInt8(ascii: "\""), buffer[end] != 10 { end += 1 }
        } else {
            while end < buffer.count, buffer[end] != UInt8(ascii: ";"), buffer[end] != UInt8(ascii: ":"),
                  buffer[end] != 10, buffer[end] != 13 { end += 1 }
        }
        let value = UnsafeBufferPointer(rebasing: buffer[first..<end])
        if known.contains(where: { $0.elementsEqual(value) }) { return nil }
        known.append(Array(value))
        return String(decoding: value, as: UTF8.self)
    }
}
