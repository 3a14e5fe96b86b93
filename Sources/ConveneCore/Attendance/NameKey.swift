import Foundation

/// Compares people's names the way a person reading a sign-in sheet would: case, accents, spacing,
/// punctuation and leading titles ("Dr", "Rev.", "Sgt.") do not matter. "José  Mendoza" and
/// "jose mendoza" are the same name; "Dr Julius Mugisha" is "Julius Mugisha".
enum NameKey {
    /// Titles dropped from the front of a name before comparing.
    static let titles: Set<String> = [
        "dr", "rev", "revd", "canon", "fr", "sr", "sgt", "major", "maj", "col", "pcol", "capt", "imam", "sheikh",
        "pastor", "bishop", "atty", "prof", "hon", "mr", "mrs", "ms", "mx", "miss", "sir", "dame", "cllr", "eng",
    ]

    /// The words of a name, folded to lower-case ASCII-like letters, titles removed.
    static func words(_ name: String) -> [String] {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var cleaned = ""
        cleaned.reserveCapacity(folded.count)
        for character in folded {
            if character.isLetter || character.isNumber {
                cleaned.append(character)
            } else if character == "'" || character == "\u{2019}" || character == "." {
                continue  // O'Connor = OConnor, "Dr." = "Dr"
            } else {
                cleaned.append(" ")
            }
        }
        let words = cleaned.split(separator: " ").map(String.init)
        let untitled = Array(words.drop { titles.contains($0) })
        return untitled.isEmpty ? words : untitled
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
