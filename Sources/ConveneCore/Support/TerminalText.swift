/// Text from outside (a sign-in sheet, an imported calendar, a plan) made safe to print on a
/// terminal: control characters, which could move the cursor, retitle the window or hide text
/// (ESC and OSC sequences, CR, BEL, NUL, C1 controls and bidirectional overrides), are shown
/// escaped (`\x1B`, `\r`, `\u{202E}`) instead of being sent to the terminal.
public enum TerminalText {
    /// `text` with every control character shown escaped; other text is returned unchanged.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else { out.unicodeScalars.append(scalar); continue }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += scalar.value < 0x80 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{\(hex)}"
            }
        }
        return out
    }

    /// C0 controls, DEL, C1 controls, and the bidirectional formatting characters that can make
    /// text read differently from what it is.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Several lines of output, each escaped; the line breaks between them stay.
    public static func escapedLines(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 != "\n" && needsEscape($0) }) else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { escaped(String($0)) }.joined(separator: "\n")
    }
}
