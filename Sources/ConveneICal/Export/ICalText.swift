import ConveneCore
/// Writes RFC 5545 content lines in UTF-8: escapes TEXT values, quotes parameters, folds at 75
/// octets without splitting a UTF-8 sequence, and ends lines with CRLF.
///
/// Export writes text itself rather than through libical: libical 3.0.16 leaves commas in
/// X- property text unescaped and turns `^` in parameter values into newlines (both fixed only in
/// later releases), and a direct writer is several times faster. Every exported file is parsed
/// back by libical, Python `icalendar` and khal in the tests.
struct ICalText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    /// A parameter of a content line: `NAME=value` (quoted when it must be).
    struct Parameter {
        var name: String
        var value: String
        init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Empties the text, keeping its storage for the next component.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// `NAME;PARAM=...:value` with `value` written as is (already in its value type's syntax).
    mutating func line(_ name: String, _ parameters: [Parameter] = [], raw value: String) {
        var line = ContentLines()
        line.line(name, parameters, raw: value)
        line.fold(lines: 0..<1, into: &self)
    }

    /// A TEXT value, escaped.
    mutating func line(_ name: String, _ parameters: [Parameter] = [], text value: String) {
        var line = ContentLines()
        line.line(name, parameters, text: value)
        line.fold(lines: 0..<1, into: &self)
    }

    mutating func begin(_ component: String) { line("BEGIN", raw: component) }
    mutating func end(_ component: String) { line("END", raw: component) }

    mutating func append(_ other: ICalText) { bytes.append(contentsOf: other.bytes) }

    /// Appends one logical line given as text (see `append(line:)` for bytes).
    mutating func append(line text: String) {
        text.withUTF8Bytes { append(line: $0) }
    }

    /// Appends one logical line, folded so that no physical line exceeds 75 octets and no
    /// UTF-8 sequence is split (a continuation line starts with one space).
    mutating func append(line: UnsafeBufferPointer<UInt8>) {
        var start = 0
        var room = 75
        while line.count - start > room {
            // Fold before the sequence that would cross the limit: back up over continuation bytes.
            var cut = start + room
            while line[cut] & 0xC0 == 0x80 { cut -= 1 }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[start..<cut]))
            bytes.append(0x0D); bytes.append(0x0A); bytes.append(0x20)
            start = cut
            room = 74
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[start...]))
        bytes.append(0x0D); bytes.append(0x0A)
    }

    /// RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped in TEXT; a CR LF
    /// pair is one newline. Looked at scalar by scalar, so that a CR LF pair or a mark combined
    /// onto `;` (one character each) is escaped too.
    static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\\" || $0 == ";" || $0 == "," || $0 == "\n" || $0 == "\r" }) else { return text }
        var out = ""
        out.reserveCapacity(text.count + 8)
        var previousWasCR = false
        for character in text.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }
            default: out.unicodeScalars.append(character)
            }
            previousWasCR = character == "\r"
        }
        return out
    }

    /// `escape(text)` appended as UTF-8, byte by byte (the specials are ASCII, so a byte is
    /// one of them exactly when a scalar is).
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        text.withUTF8Bytes { bytes in
            guard bytes.contains(where: { $0 == 0x5C || $0 == 0x3B || $0 == 0x2C || $0 == 0x0A || $0 == 0x0D }) else {
                out.append(contentsOf: bytes)
                return
            }
            var previousWasCR = false
            for byte in bytes {
                switch byte {
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x3B: out.append(0x5C); out.append(0x3B)
                case 0x2C: out.append(0x5C); out.append(0x2C)
                case 0x0D: out.append(0x5C); out.append(0x6E)
                case 0x0A: if !previousWasCR { out.append(0x5C); out.append(0x6E) }
                default: out.append(byte)
                }
                previousWasCR = byte == 0x0D
            }
        }
    }

    /// Parameter values cannot hold `"` and, for libical 3.0.16, must avoid `^`; they are quoted
    /// when they contain `:`, `;` or `,`. Control characters become spaces.
    static func appendParameterValue(_ value: String, to out: inout [UInt8]) {
        value.withUTF8Bytes { bytes in
            // Most values (names, roles, levels) need nothing: check the bytes once.
            guard bytes.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0x22 || $0 == 0x5E || $0 == 0x3A || $0 == 0x3B || $0 == 0x2C }) else {
                out.append(contentsOf: bytes)
                return
            }
            let quoted = bytes.contains { $0 == 0x3A || $0 == 0x3B || $0 == 0x2C }
            if quoted { out.append(0x22) }
            for byte in bytes {
                switch byte {
                case 0x22: out.append(0x27)  // " becomes '
                case 0x5E: out.append(0x20)  // ^ becomes a space
                case 0..<0x20, 0x7F: out.append(0x20)
                default: out.append(byte)
                }
            }
            if quoted { out.append(0x22) }
        }
    }

    /// `appendParameterValue` as a string.
    static func parameterValue(_ value: String) -> String {
        var bytes: [UInt8] = []
        appendParameterValue(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Unfolded content lines in UTF-8, one after another separated by LF (the form an event's
/// content hash covers), with where each line ends. Written once, then folded into an `ICalText`.
struct ContentLines {
    private(set) var bytes: [UInt8] = []
    /// End offset of each finished line.
    private(set) var ends: [Int] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    var count: Int { ends.count }

    /// The bytes of line `index` (without the LF that separates it from the next).
    func range(ofLine index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1] + 1)..<ends[index]
    }

    /// The text of line `index`.
    func string(ofLine index: Int) -> String { String(decoding: bytes[range(ofLine: index)], as: UTF8.self) }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Starts a line with its property name.
    mutating func begin(_ name: String) {
        if !ends.isEmpty { bytes.append(0x0A) }
        bytes.append(contentsOf: name.utf8)
    }

    /// `;NAME=value`, the value quoted or cleaned as it must be.
    mutating func parameter(_ name: String, _ value: String) {
        bytes.append(0x3B)
        bytes.append(contentsOf: name.utf8)
        bytes.append(0x3D)
        appendParameterValue(value)
    }

    /// Bytes of the line being written, as they are.
    mutating func append(_ piece: [UInt8]) { bytes.append(contentsOf: piece) }
    mutating func append(_ piece: String) { bytes.append(contentsOf: piece.utf8) }
    mutating func append(_ piece: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: piece) }
    /// A TEXT value (or one item of a list of them), escaped.
    mutating func appendEscaped(_ text: String) { ICalText.appendEscaped(text, to: &bytes) }
    /// A parameter value, quoted or cleaned as it must be.
    mutating func appendParameterValue(_ value: String) { ICalText.appendParameterValue(value, to: &bytes) }

    /// `:value` with the value already in its type's syntax; ends the line.
    mutating func raw(_ value: String) {
        bytes.append(0x3A)
        bytes.append(contentsOf: value.utf8)
        endLine()
    }

    /// `:value` for a TEXT value, escaped; ends the line.
    mutating func text(_ value: String) {
        bytes.append(0x3A)
        appendEscaped(value)
        endLine()
    }

    mutating func endLine() { ends.append(bytes.count) }

    /// Every line of `other`, after these.
    mutating func append(_ other: ContentLines) {
        guard !other.ends.isEmpty else { return }
        if !ends.isEmpty { bytes.append(0x0A) }
        let shift = bytes.count
        bytes.append(contentsOf: other.bytes)
        ends.append(contentsOf: other.ends.lazy.map { $0 + shift })
    }

    /// `NAME;PARAM=...:value` in one call.
    mutating func line(_ name: String, _ parameters: [ICalText.Parameter] = [], raw value: String) {
        begin(name)
        for parameter in parameters { self.parameter(parameter.name, parameter.value) }
        raw(value)
    }

    /// `NAME;PARAM=...:value` for a TEXT value, escaped.
    mutating func line(_ name: String, _ parameters: [ICalText.Parameter] = [], text value: String) {
        begin(name)
        for parameter in parameters { self.parameter(parameter.name, parameter.value) }
        text(value)
    }

    /// `StableHash.hex` of the lines (joined by LF, as they are), over the bytes in place.
    var contentHash: String { bytes.withUnsafeBufferPointer { StableHash.hex($0) } }

    /// Folds the lines numbered `lines` into `text`.
    func fold(lines: Range<Int>, into text: inout ICalText) {
        bytes.withUnsafeBufferPointer { all in
            for index in lines { text.append(line: UnsafeBufferPointer(rebasing: all[range(ofLine: index)])) }
        }
    }
}

extension String {
    /// The string's UTF-8 bytes, without a copy when it is a native string.
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        return try Array(utf8).withUnsafeBufferPointer(body)
    }
}
