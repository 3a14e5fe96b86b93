import Foundation

/// Compares people's names the way a person reading a sign-in sheet would: case, accents, spacing,
/// punctuation, and titles, ranks and post-nominals before or after the name (``Honorifics``: "Dr",
/// "Rev.", "SSP", "H.E.", "Insp.", "(SSP)", ", PhD", "Me", "Mgr") do not matter. "José  Mendoza" and
/// "jose mendoza" are the same name; "Dr Julius Mugisha" and "Grace Wambui (SSP)" are "Julius
/// Mugisha" and "Grace Wambui".
enum NameKey {
    /// The words of a name, folded to lower-case ASCII-like letters, titles before and after removed
    /// (all of them kept when the name is nothing but such words).
    static func words(_ name: String) -> [String] {
        let words = cleaned(name).split(separator: " ").map(String.init)
        var first = words.startIndex, last = words.endIndex
        while first < last, Honorifics.words.contains(words[first])
                || (Honorifics.openers.contains(words[first]) && first + 1 < last && Honorifics.words.contains(words[first + 1])) {
            first += 1
        }
        while last > first, Honorifics.words.contains(words[last - 1]) { last -= 1 }
        return first == last ? words : Array(words[first..<last])
    }

    /// The name folded (no case, accents or widths), letters and digits kept, apostrophes and dots
    /// dropped (O'Connor = OConnor, "Dr." = "Dr", "H.E." = "HE"), anything else a space
    /// (parentheses and commas too: "(SSP)" and ", PhD" are words at the ends).
    private static func cleaned(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (most names on most sheets): nothing to fold but case, byte by byte.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(name.utf8.count)
            for byte in name.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 0x20)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
                case UInt8(ascii: "'"), UInt8(ascii: "."): continue
                default: bytes.append(UInt8(ascii: " "))
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var cleaned = ""
        cleaned.reserveCapacity(folded.count)
        for character in folded {
            // Ligatures that folding keeps: "Sœur" is "Soeur".
            if character == "œ" { cleaned += "oe"; continue }
            if character == "æ" { cleaned += "ae"; continue }
            if character.isLetter || character.isNumber {
                cleaned.append(character)
            } else if character == "'" || character == "\u{2019}" || character == "." {
                continue
            } else {
                cleaned.append(" ")
            }
        }
        return cleaned
    }

    /// The comparison key: the words joined by single spaces.
    static func key(_ name: String) -> String { words(name).joined(separator: " ") }

    /// How many edits two keys may differ by and still look like a typo of each other.
    static func tolerance(for key: String) -> Int {
        switch key.count {
        case ..<5: 0
        case ..<10: 1
        default: 2
        }
    }
}

/// Splits and compares email addresses.
enum EmailKey {
    /// Lower-cased and trimmed.
    static func key(_ email: String) -> String { email.trimmed().lowercased() }

    /// Whether an address (`local`@`domain`, keys) looks like a typo of a known one: same domain
    /// and a local part within two edits, or same local part and a domain within one edit.
    static func isNearMiss(local: Substring, domain: Substring, of knownLocal: Substring, _ knownDomain: Substring) -> Bool {
        if domain == knownDomain {
            return local != knownLocal
                && Spelling.distance(Array(local.unicodeScalars), Array(knownLocal.unicodeScalars), atMost: 2) != nil
        }
        return local == knownLocal
            && Spelling.distance(Array(domain.unicodeScalars), Array(knownDomain.unicodeScalars), atMost: 1) != nil
    }
}
