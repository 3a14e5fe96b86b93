import Foundation

/// The logical (unfolded) lines of part of a file, used to find the line an `X-LIC-ERROR` came
/// from: libical keeps the offending text but not where it was.
struct SegmentLines {
    struct Line {
        /// The unfolded text.
        var text: String
        /// The property name, upper-cased (the text before the first `;` or `:`).
        var name: String
        /// The file line the logical line starts on.
        var number: Int
    }

    private(set) var lines: [Line] = []
    private var claimed: Set<Int> = []

    /// The logical lines of `segments` of `bytes`.
    init(bytes: [UInt8], segments: [CalendarLayout.Segment]) {
        for segment in segments {
            var number = segment.line
            var pending: (bytes: [UInt8], number: Int)?
            var start = segment.bytes.lowerBound
            while start < segment.bytes.upperBound {
                var end = start
                while end < segment.bytes.upperBound, bytes[end] != 10 { end += 1 }
                var contentEnd = end
                if contentEnd > start, bytes[contentEnd - 1] == 13 { contentEnd -= 1 }
                if start < contentEnd, bytes[start] == 32 || bytes[start] == 9, pending != nil {
                    pending!.bytes += bytes[(start + 1)..<contentEnd]
                } else {
                    if let done = pending { append(done.bytes, done.number) }
                    pending = (Array(bytes[start..<contentEnd]), number)
                }
                number += 1
                start = end + 1
            }
            if let done = pending { append(done.bytes, done.number) }
        }
    }

    private mutating func append(_ bytes: [UInt8], _ number: Int) {
        let text = String(decoding: bytes, as: UTF8.self)
        let name = text.prefix { $0 != ";" && $0 != ":" }.uppercased()
        lines.append(Line(text: text, name: name, number: number))
    }

    /// The line (and column, 1-based) an error note is about, claimed so that a second identical
    /// note points at the next such line; nil when no line matches.
    mutating func locate(_ note: LibicalErrorNote) -> (line: Int, column: Int, name: String)? {
        let (_, fragment) = SegmentLines.split(note.text)
        let property = SegmentLines.propertyNamed(in: note.text)
        let probe = String(fragment.prefix(60))
        let tests: [(Line) -> Bool] = [
            { line in property != nil && line.name == property && (probe.isEmpty || line.text.contains(probe)) },
            { line in !probe.isEmpty && line.text == probe },
            { line in !probe.isEmpty && (line.text.hasPrefix(probe + ":") || line.text.hasPrefix(probe + ";")) },
            { line in !probe.isEmpty && line.text.contains(probe) },
        ]
        for test in tests {
            for (i, line) in lines.enumerated() where !claimed.contains(i) && test(line) {
                claimed.insert(i)
                var column = 1
                if !probe.isEmpty, let range = line.text.range(of: probe) {
                    column = line.text.distance(from: line.text.startIndex, to: range.lowerBound) + 1
                }
                return (line.number, column, line.name)
            }
        }
        return nil
    }

    /// The `nth` line (1-based) of `property`, holding `fragment` when given, and the column of
    /// the fragment (else 1).
    func find(property: String, containing fragment: String?, nth: Int) -> (line: Int, column: Int)? {
        var seen = 0
        for line in lines where line.name == property {
            guard let fragment else {
                seen += 1
                if seen == nth { return (line.number, 1) }
                continue
            }
            guard let range = line.text.range(of: fragment) else { continue }
            seen += 1
            if seen == nth {
                let tzid = line.text.range(of: "TZID=")?.lowerBound ?? range.lowerBound
                return (line.number, line.text.distance(from: line.text.startIndex, to: min(tzid, range.lowerBound)) + 1)
            }
        }
        return nil
    }

    /// libical's message and the text it quotes: `Parse error in property name: FOO` gives
    /// (`Parse error in property name`, `FOO`).
    static func split(_ text: String) -> (message: String, fragment: String) {
        guard let range = text.range(of: ": ") else { return (text, "") }
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]).trimmingCharacters(in: .whitespaces))
    }

    /// The property a libical message names: `DTSTART` from `Can't parse as DATE-TIME value in
    /// DTSTART property. ...`, `LOCATION` from `No value for LOCATION property. ...`.
    static func propertyNamed(in text: String) -> String? {
        guard let propertyRange = text.range(of: " property") else { return nil }
        let before = text[..<propertyRange.lowerBound]
        let name = before.split(separator: " ").last.map(String.init) ?? ""
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return nil }
        return name.uppercased()
    }
}
