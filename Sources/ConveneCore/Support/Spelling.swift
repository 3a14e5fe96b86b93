/// Suggests the closest known word for a misspelt one (ids, keys, time zones). Bounded: a word
/// far longer than any candidate is no typo of one, and each comparison stops as soon as it
/// cannot come close enough, so a 10 MB key costs no more than a short one.
public enum Spelling {
    /// Longer words get no suggestion.
    static let longestWord = 128

    /// The candidate nearest to `word`, when it is close enough to be a likely typo.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        guard word.utf8.count <= longestWord else { return nil }
        let typed = Array(word.lowercased().unicodeScalars)
        let allowed = max(2, typed.count / 3)
        var best: (String, Int)?
        for candidate in candidates where candidate.utf8.count <= longestWord {
            let limit = min(allowed, (best?.1 ?? allowed + 1) - 1)
            guard limit >= 0, let d = distance(typed, Array(candidate.lowercased().unicodeScalars), atMost: limit) else { continue }
            best = (candidate, d)
        }
        return best?.0
    }

    /// Levenshtein distance.
    public static func distance(_ a: String, _ b: String) -> Int {
        distance(Array(a.unicodeScalars), Array(b.unicodeScalars), atMost: Int.max - 1)!
    }

    /// Levenshtein distance when at most `limit`, else nil (stops once every path exceeds it).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowBest = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowBest = min(rowBest, current[j])
            }
            if rowBest > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
