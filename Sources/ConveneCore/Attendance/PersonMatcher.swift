/// How a sheet row was tied to a plan person.
public enum MatchMethod: String, Sendable, Hashable, Codable {
    /// The sheet's email is the person's (case-insensitive).
    case email
    /// The sheet's name is the person's, ignoring case, accents, spacing and titles.
    case name
    /// The sheet's person column gives the id.
    case id
    /// A near miss recorded as its suggestion because `--accept-suggestions` was given.
    case suggestion
}

/// A row that looks like a plan person but does not match exactly: shown, not recorded silently.
public struct NearMiss: Sendable, Hashable, Codable {
    public var line: Int
    /// The name or email as written on the sheet.
    public var written: String
    /// The plan person it probably means.
    public var suggestedPersonID: String
    public var suggestedName: String
    /// Why it looks like them, e.g. "one letter off" or "given and family names swapped".
    public var reason: String

    public init(line: Int, written: String, suggestedPersonID: String, suggestedName: String, reason: String) {
        self.line = line
        self.written = written
        self.suggestedPersonID = suggestedPersonID
        self.suggestedName = suggestedName
        self.reason = reason
    }
}

/// Finds the plan person a sign-in row means: by email, then by name; otherwise the closest
/// near miss, if any is close enough to be a typo, a swapped name or a mistyped address.
///
/// Everything about the plan's people that the comparisons need (name keys, their words, email
/// keys split at `@`) is worked out once, so a row costs one pass over the people with no text
/// made or folded again: a 200 000-row sheet of walk-ins is read in seconds.
struct PersonMatcher {
    enum Match: Equatable {
        case person(String, MatchMethod)
        /// Close to someone; the reason, the person.
        case nearMiss(String, reason: String)
        /// Several people share the name: the candidates.
        case ambiguous([String])
        case noMatch
    }

    /// A plan person's name as the comparisons use it.
    private struct KnownName {
        var id: String
        var key: String
        var scalars: [Unicode.Scalar]
        var words: [String]
        var wordSet: Set<String>
        var sortedWords: [String]
    }

    /// A plan person's email key, split at `@`.
    private struct KnownEmail {
        var id: String
        var key: String
        var local: Substring
        var domain: Substring
    }

    let people: [Person]
    let invited: Set<String>
    private let byEmail: [String: [String]]
    private let byName: [String: [String]]
    private let names: [KnownName]
    private let emails: [KnownEmail]

    init(index: PlanIndex, event: Event) {
        people = index.plan.people
        invited = Set(index.invitees(of: event).map(\.person.id))
        var byEmail: [String: [String]] = [:], byName: [String: [String]] = [:]
        var names: [KnownName] = [], emails: [KnownEmail] = []
        for person in people {
            if let email = person.email {
                let key = EmailKey.key(email)
                byEmail[key, default: []].append(person.id)
                let parts = key.split(separator: "@", maxSplits: 1)
                if parts.count == 2 { emails.append(KnownEmail(id: person.id, key: key, local: parts[0], domain: parts[1])) }
            }
            let words = NameKey.words(person.name)
            let key = words.joined(separator: " ")
            byName[key, default: []].append(person.id)
            names.append(KnownName(id: person.id, key: key, scalars: Array(key.unicodeScalars), words: words,
                                   wordSet: Set(words), sortedWords: words.sorted()))
        }
        self.byEmail = byEmail
        self.byName = byName
        self.names = names
        self.emails = emails
    }

    func match(name: String?, email: String?) -> Match {
        let emailKey = email.map(EmailKey.key)
        if let emailKey, let ids = byEmail[emailKey], let id = pick(ids) { return .person(id, .email) }
        let words = name.map(NameKey.words)
        if let words {
            if let ids = byName[words.joined(separator: " ")], !ids.isEmpty {
                if let id = pick(ids) { return .person(id, .name) }
                return .ambiguous(ids)
            }
        }
        return nearest(words: words, email: email, emailKey: emailKey)
    }

    /// One id, or the only invited one among several.
    private func pick(_ ids: [String]) -> String? {
        if ids.count == 1 { return ids[0] }
        let invitedOnes = ids.filter(invited.contains)
        return invitedOnes.count == 1 ? invitedOnes[0] : nil
    }

    /// The most plausible near miss: swapped names first, then the fewest edits, invitees before others.
    private func nearest(words written: [String]?, email: String?, emailKey: String?) -> Match {
        var best: (score: Int, invited: Bool, id: String, reason: String)?
        func consider(_ score: Int, _ id: String, _ reason: @autoclosure () -> String) {
            let isInvited = invited.contains(id)
            if let current = best,
               (score, isInvited ? 0 : 1, id) >= (current.score, current.invited ? 0 : 1, current.id) { return }
            best = (score, isInvited, id, reason())
        }
        if let written {
            let key = written.joined(separator: " ")
            let scalars = Array(key.unicodeScalars)
            let tolerance = NameKey.tolerance(for: key)
            let sorted = written.sorted()
            for known in names {
                // The same two or more words in another order: given and family names swapped.
                if key != known.key, sorted.count > 1, sorted == known.sortedWords {
                    consider(0, known.id, "given and family names swapped")
                } else if tolerance > 0, let distance = Spelling.distance(scalars, known.scalars, atMost: tolerance) {
                    consider(distance, known.id, distance == 1 ? "one letter off" : "\(distance) letters off")
                }
            }
            // Every word of a plan name, with words around it that are not known titles ("Cmdt
            // Grace Wambui", "Grace Wambui Njoroge" for "Grace Wambui"): offered, never a guest.
            if written.count >= 2 {
                let writtenSet = Set(written)
                for known in names where known.words.count >= 2 && known.words.count != written.count {
                    if known.wordSet.isSubset(of: writtenSet) {
                        consider(2, known.id, "the name with '\(written.filter { !known.wordSet.contains($0) }.joined(separator: " "))' besides (a title or rank?)")
                    } else if writtenSet.isSubset(of: known.wordSet) {
                        consider(2, known.id, "part of the name")
                    }
                }
            }
        }
        if let email, let emailKey {
            let parts = emailKey.split(separator: "@", maxSplits: 1)
            if parts.count == 2 {
                for known in emails where EmailKey.isNearMiss(local: parts[0], domain: parts[1], of: known.local, known.domain) {
                    consider(1, known.id, "email '\(email)' is close to \(known.key)")
                }
            }
        }
        guard let best else { return .noMatch }
        return .nearMiss(best.id, reason: best.reason)
    }
}
