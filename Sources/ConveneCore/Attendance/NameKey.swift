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
                continue  // O'Connor = OConnor, "Dr." = "Dr", "H.E." = "HE"
            } else {
                cleaned.append(" ")  // parentheses and commas too: "(SSP)" and ", PhD" are words at the ends
            }
        }
        let words = cleaned.split(separator: " ").map(String.init)
        var first = words.startIndex, last = words.endIndex
        while first < last, Honorifics.words.contains(words[first])
                || (Honorifics.openers.contains(words[first]) && first + 1 < last && Honorifics.words.contains(words[first + 1])) {
            first += 1
        }
        while last > first, Honorifics.words.contains(words[last - 1]) { last -= 1 }
        return first == last ? words : Array(words[first..<last])
    }

    /// The comparison key: the words joined by single spaces.
    static func key(_ name: String) -> String { words(name).joined(separator: " ") }

    /// Whether two keys hold the same words in another order (given and family names swapped).
    static func isReordering(_ a: String, _ b: String) -> Bool {
        guard a != b else { return false }
        let x = a.split(separator: " ").sorted(), y = b.split(separator: " ").sorted()
        return x.count > 1 && x == y
    }

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
    static func key(_ email: String) -> String { email.trimmingCharacters(in: .whitespaces).lowercased() }

    /// Whether `written` looks like a typo of `known`: same domain and a local part within two edits,
    /// or same local part and a domain within one edit.
    static func isNearMiss(_ written: String, of known: String) -> Bool {
        guard written != known else { return false }
        let w = written.split(separator: "@", maxSplits: 1), k = known.split(separator: "@", maxSplits: 1)
        guard w.count == 2, k.count == 2 else { return false }
        if w[1] == k[1] { return Spelling.distance(String(w[0]), String(k[0])) <= 2 }
        if w[0] == k[0] { return Spelling.distance(String(w[1]), String(k[1])) <= 1 }
        return false
    }
}
