/// Writes RFC 5545 content lines: escapes TEXT values, quotes parameters, folds at 75 octets
/// without splitting a UTF-8 sequence, and ends lines with CRLF.
///
/// Export writes text itself rather than through libical: libical 3.0.16 leaves commas in
/// X- property text unescaped and turns `^` in parameter values into newlines (both fixed only in
/// later releases), and a direct writer is several times faster. Every exported file is parsed
/// back by libical, Python `icalendar` and khal in the tests.
struct ICalText {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    /// A parameter of a content line: `NAME=value` (quoted when it must be).
    struct Parameter {
        var name: String
        var value: String
        init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The unfolded content line `NAME;PARAM=...:value`, `value` already in its value type's syntax.
    static func contentLine(_ name: String, _ parameters: [Parameter] = [], raw value: String) -> String {
        var text = name
        for parameter in parameters {
            text += ";" + parameter.name + "=" + parameterValue(parameter.value)
        }
        return text + ":" + value
    }

    /// `NAME;PARAM=...:value` with `value` written as is (already in its value type's syntax).
    mutating func line(_ name: String, _ parameters: [Parameter] = [], raw value: String) {
        append(line: Self.contentLine(name, parameters, raw: value))
    }

    /// A TEXT value, escaped.
    mutating func line(_ name: String, _ parameters: [Parameter] = [], text value: String) {
        line(name, parameters, raw: Self.escape(value))
    }

    mutating func begin(_ component: String) { line("BEGIN", raw: component) }
    mutating func end(_ component: String) { line("END", raw: component) }

    mutating func append(_ other: ICalText) { bytes.append(contentsOf: other.bytes) }

    /// RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped in TEXT.
    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "\\" || $0 == ";" || $0 == "," || $0 == "\n" || $0 == "\r" }) else { return text }
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

    /// Parameter values cannot hold `"` and, for libical 3.0.16, must avoid `^`; they are quoted
    /// when they contain `:`, `;` or `,`. Control characters become spaces.
    static func parameterValue(_ value: String) -> String {
        // Most values (names, roles, levels) need nothing: check the bytes once.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0x22 || $0 == 0x5E || $0 == 0x3A || $0 == 0x3B || $0 == 0x2C }) {
            return value
        }
        var cleaned = ""
        var needsQuotes = false
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": cleaned += "'"
            case "^": cleaned += " "
            case ":", ";", ",": needsQuotes = true; cleaned.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { cleaned += " " } else { cleaned.unicodeScalars.append(scalar) }
            }
        }
        return needsQuotes ? "\"" + cleaned + "\"" : cleaned
    }

    /// Appends one logical line, folded so that no physical line exceeds 75 octets and no
    /// UTF-8 sequence is split (a continuation line starts with one space).
    mutating func append(line text: String) {
        var count = 0
        for byte in text.utf8 {
            if (byte & 0xC0) != 0x80 {
                let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                if count + length > 75 {
                    bytes.append(0x0D); bytes.append(0x0A); bytes.append(0x20)
                    count = 1
                }
            }
            bytes.append(byte)
            count += 1
        }
        bytes.append(0x0D); bytes.append(0x0A)
    }
}
