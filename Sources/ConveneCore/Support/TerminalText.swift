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

    /// The longest word a message shows whole; a longer one (a 10 MB unknown key quoted back)
    /// is shown by its start and end and its length.
    public static let longestWord = 200

    /// `text` with every word (run of characters between spaces or line breaks) longer than
    /// ``longestWord`` bytes shortened to its first 60 and last 12 characters and its length, so a
    /// message that quotes a huge value stays a few lines.
    public static func shortenedWords(_ text: String) -> String {
        guard text.utf8.count > longestWord else { return text }
        var out = ""
        var start = text.startIndex
        func add(_ word: Substring) {
            let bytes = word.utf8.count
            out += bytes > longestWord ? word.prefix(60) + "…(\(bytes) bytes)…" + word.suffix(12) : word
        }
        // Spaces and line breaks are single bytes: their UTF-8 indices are character boundaries.
        for index in text.utf8.indices where text.utf8[index] == 0x20 || text.utf8[index] == 0x0A {
            add(text[start..<index])
            out += text[index...index]
            start = text.utf8.index(after: index)
        }
        add(text[start...])
        return out
    }

    /// Several lines of output, each escaped; the line breaks between them stay.
    public static func escapedLines(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 != "\n" && needsEscape($0) }) else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { escaped(String($0)) }.joined(separator: "\n")
    }
}
